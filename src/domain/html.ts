// HTML for mails and notices. Every value is escaped: an institution named <img src=x onerror=…>
// shows as that text.

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A phone-friendly table: wraps long text, no fixed widths. */
export function htmlTable(headers: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const th = headers
    .map(
      (h) =>
        `<th style="border:1px solid #ccc;padding:4px;background:#f1f3f4;text-align:left">${escapeHtml(h)}</th>`,
    )
    .join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td style="border:1px solid #ccc;padding:4px;word-break:break-all">${escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("");
  return `<table style="border-collapse:collapse;width:100%;font-size:14px">${th ? `<tr>${th}</tr>` : ""}${body}</table>`;
}

export function htmlPage(title: string, bodyHtml: string): string {
  return `<div style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;max-width:640px;margin:0 auto;font-size:15px;line-height:1.5"><h2 style="font-size:18px">${escapeHtml(title)}</h2>${bodyHtml}</div>`;
}

// Debian's headless Chromium through playwright-core: the demo's real PDFs and the render tests.
// Never a downloaded browser build (`npx playwright install` needs the network); without Chromium the
// demo writes the HTML only and says how to get the PDFs.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** Debian's Chromium, or the one named by CHROMIUM_PATH (a path that does not exist means "none"). */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CHROMIUM_PATHS.find((p) => existsSync(p));
}

/** The flags this machine's closed network needs (no background connections, no sandbox as root). */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launchChromium(executablePath = findChromium()): Promise<Browser> {
  if (!executablePath) throw new Error("Chromium is not installed (apt-get install chromium)");
  return chromium.launch({ executablePath, args: FLAGS });
}

/** A standalone HTML document around a fragment (mails and notices are fragments). */
export function htmlDocument(fragment: string, title = ""): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</title></head><body>${fragment}</body></html>`;
}

/**
 * Prints HTML documents to A4 portrait PDFs in one tab, and returns each PDF's page count.
 * The document's own @page rule (size and margins) wins, as in Chrome's print dialog.
 */
export async function htmlToPdfs(
  browser: Browser,
  jobs: ReadonlyArray<{ html: string; file: string }>,
): Promise<number[]> {
  const page = await browser.newPage();
  try {
    const pages: number[] = [];
    for (const job of jobs) {
      // The HTML carries no assets (inline styles, no images), so nothing is fetched.
      await page.setContent(job.html);
      const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
      mkdirSync(path.dirname(job.file), { recursive: true });
      writeFileSync(job.file, pdf);
      pages.push(pdfPageCount(pdf));
    }
    return pages;
  } finally {
    await page.close();
  }
}

/** The page count a PDF declares in its page tree root (/Type /Pages … /Count N). */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString("latin1");
  const counts = [
    ...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g),
  ].map((m) => Number(m[1] ?? m[2]));
  if (!counts.length) throw new Error("Not a PDF with a readable page tree");
  return Math.max(...counts);
}

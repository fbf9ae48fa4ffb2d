// The county's list of townships (CSV in) and its registry (JSON, written after every step so that a
// rollout stopped half-way resumes where it stopped).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

export interface TownshipRow {
  name: string;
  coordinator: string;
  villages: string[];
}

export interface RegistryEntry extends TownshipRow {
  spreadsheetId?: string;
  url?: string;
  shared?: boolean;
  configured?: boolean;
  /** The last error of a step, with the API's message; cleared when the step succeeds. */
  error?: string;
}

export interface Registry {
  template: string;
  townships: RegistryEntry[];
}

/** A small CSV reader: quoted fields with "" escapes, a header row naming the columns. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      if (row.some((f) => f.trim())) rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f.trim())) rows.push(row);
  return rows;
}

const COLUMNS = {
  name: ["乡镇", "name", "township"],
  coordinator: ["协调员邮箱", "coordinator", "email"],
  villages: ["村/社区", "villages"],
};

export function readTownships(csvText: string): TownshipRow[] {
  const [header, ...rows] = parseCsv(csvText);
  if (!header) throw new Error("The townships CSV is empty.");
  const find = (names: string[]) => header.findIndex((h) => names.includes(h.trim()));
  const idx = {
    name: find(COLUMNS.name),
    coordinator: find(COLUMNS.coordinator),
    villages: find(COLUMNS.villages),
  };
  for (const [key, i] of Object.entries(idx))
    if (i < 0)
      throw new Error(
        `The townships CSV needs a column ${COLUMNS[key as keyof typeof COLUMNS].join(" / ")}.`,
      );
  return rows.map((r, n) => {
    const name = (r[idx.name] ?? "").trim();
    const coordinator = (r[idx.coordinator] ?? "").trim();
    if (!name) throw new Error(`Line ${n + 2}: no township name.`);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(coordinator))
      throw new Error(`Line ${n + 2} (${name}): "${coordinator}" is not an email address.`);
    return {
      name,
      coordinator,
      villages: (r[idx.villages] ?? "")
        .split(/[、;；|]/)
        .map((v) => v.trim())
        .filter(Boolean),
    };
  });
}

export function loadRegistry(path: string): Registry | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Registry) : undefined;
}

/** Written atomically (temp file, then rename): an interrupted write never leaves half a registry. */
export function saveRegistry(path: string, registry: Registry): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(registry, null, 2));
  renameSync(`${path}.tmp`, path);
}

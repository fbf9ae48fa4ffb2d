// Reading the ledger's reference data (settings, register, roster) into domain objects.
export { classFromLabel, typeFromLabel } from "../domain/labels";
import { parseSettings, type Settings } from "../domain/settings";
import type { Institution, Inspector } from "../domain/types";
import { REGISTRATION, NO, HOLIDAY_KIND } from "../text/zh";
import type { LedgerFinding } from "../domain/rectification";
import { classFromLabel, typeFromLabel } from "../domain/labels";
import type { Ledger, Table } from "../gas/ledger";
import { WorkCalendar } from "../domain/calendar";
import type { HolidayEntry } from "../domain/holidays";
import { cellToLocalDate } from "../gas/env";

/**
 * Settings and roster are small and change rarely, but every submission needs them: a copy is kept in the
 * document properties and dropped whenever a person edits 配置 or 检查人员 (handleEdit), so most runs
 * read neither sheet. 初始化/更新 always reads the sheets afresh.
 */
const CACHE = { settings: "cache:settings", roster: "cache:roster" } as const;
/** A property value holds at most 9 KB: larger copies are not kept (the sheet is read instead). */
const CACHE_MAX_CHARS = 8500;

function cached<T>(key: string, fresh: boolean, load: () => T): T {
  const props = PropertiesService.getDocumentProperties();
  if (!fresh) {
    const hit = props.getProperty(key);
    if (hit) {
      try {
        return JSON.parse(hit) as T;
      } catch (_e) {
        // A damaged copy: read the sheet.
      }
    }
  }
  const value = load();
  const text = JSON.stringify(value);
  if (text.length <= CACHE_MAX_CHARS) props.setProperty(key, text);
  else props.deleteProperty(key);
  return value;
}

export function forgetCached(sheet: "settings" | "roster"): void {
  PropertiesService.getDocumentProperties().deleteProperty(CACHE[sheet]);
}

function settingsFromSheet(ledger: Ledger): Array<[string, string]> {
  const table = ledger.read("settings");
  const raw = new Map<string, string>();
  table.values.slice(1).forEach((r) => {
    const key = String(r[table.layout.index.key!] ?? "").trim();
    const v = r[table.layout.index.value!];
    // A date typed into the settings sheet becomes a date cell; read it back as a date.
    raw.set(
      key,
      v instanceof Date
        ? Utilities.formatDate(v, Session.getScriptTimeZone(), "yyyy-MM-dd")
        : String(v ?? ""),
    );
  });
  return [...raw];
}

export function readSettings(ledger: Ledger, fresh = false): { settings: Settings; problems: string[] } {
  return parseSettings(new Map(cached(CACHE.settings, fresh, () => settingsFromSheet(ledger))));
}

export function readRoster(ledger: Ledger, fresh = false): Inspector[] {
  return cached(CACHE.roster, fresh, () => inspectorsOf(ledger, ledger.read("roster")));
}

export function institutionsOf(ledger: Ledger, table: Table): Institution[] {
  return ledger.rows(table).map((r) => ({
    id: String(r.id ?? "").trim(),
    name: String(r.name ?? "").trim(),
    type: typeFromLabel(r.type),
    village: String(r.village ?? "").trim(),
    address: String(r.address ?? "").trim(),
    operator: String(r.operator ?? "").trim(),
    phone: String(r.phone ?? "").trim(),
    registration:
      String(r.registration ?? "").trim() === REGISTRATION.unverified ? "unverified" : "registered",
  }));
}

export function inspectorsOf(ledger: Ledger, table: Table): Inspector[] {
  return ledger
    .rows(table)
    .map((r) => ({
      name: String(r.name ?? "").trim(),
      department: String(r.department ?? "").trim(),
      email: String(r.email ?? "").trim(),
      village: String(r.village ?? "").trim(),
      active: String(r.active ?? "").trim() !== NO,
    }))
    .filter((p) => p.name);
}

/** The next free register id, R0001 style, never reusing one in the register. */
export function institutionIdSource(existing: Iterable<string>): () => string {
  const used = new Set(existing);
  let n = 0;
  for (const id of used) {
    const m = /^R(\d+)$/.exec(id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return () => {
    let id: string;
    do id = `R${String(++n).padStart(4, "0")}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
}

/** The holiday table as a working-day calendar (rows the coordinator added included). */
export function readCalendar(ledger: Ledger): WorkCalendar {
  if (!ledger.has("holidays")) return new WorkCalendar([]);
  const entries: HolidayEntry[] = [];
  for (const r of ledger.rows(ledger.read("holidays"))) {
    const date = cellToLocalDate(r.date);
    const kind = String(r.kind ?? "").trim();
    if (!date || (kind !== HOLIDAY_KIND.off && kind !== HOLIDAY_KIND.work)) continue;
    entries.push({ date, kind: kind === HOLIDAY_KIND.off ? "off" : "work", name: String(r.name ?? "") });
  }
  return new WorkCalendar(entries);
}

/** Calendar only when deadlines are counted in working days: otherwise the table is not read at all. */
export function calendarFor(ledger: Ledger, settings: Settings): WorkCalendar {
  return settings.deadlineMode === "working" ? readCalendar(ledger) : new WorkCalendar([]);
}

export function findingsOf(ledger: Ledger, table: Table): LedgerFinding[] {
  return ledger.rows(table).map((r) => ({
    id: String(r.id ?? "").trim(),
    inspectionId: String(r.inspectionId ?? "").trim(),
    institutionId: String(r.institutionId ?? "").trim(),
    class: classFromLabel(r.class),
    status: String(r.status ?? "").trim(),
    foundOn: cellToLocalDate(r.foundOn),
    deadline: cellToLocalDate(r.deadline),
    extendedTo: cellToLocalDate(r.extendedTo),
    closedOn: cellToLocalDate(r.closedOn),
  }));
}

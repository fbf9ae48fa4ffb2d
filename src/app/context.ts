// Reading the ledger's reference data (settings, roster, holidays) into domain objects.
import { asLocalDate, year } from "../domain/dates";
import { parseSettings, type Settings } from "../domain/settings";
import type { Inspector } from "../domain/types";
import { HOLIDAY_KIND, NO } from "../text/zh";
import { WorkCalendar } from "../domain/calendar";
import { HOLIDAY_SOURCES, type HolidayEntry } from "../domain/holidays";
import type { Row } from "../domain/ledger";
import { SHADOW_COLUMNS, shadowById } from "../domain/shadow";
import { PROP_ROSTER_CACHE, PROP_SETTINGS_CACHE } from "../gas/keys";
import { confirmedCoordinators } from "./coordinators";
import type { Services } from "../gas/ports";
import { LedgerError } from "../gas/sheets";
import { SEP_LIST } from "../text/words";
import { asText, trimmedText } from "../domain/text";
import { parseJson } from "../domain/json";

/** The time now in epoch milliseconds (for run budgets, marks and keys). */
export const nowMs = (svc: Services): number => svc.clock.now().getTime();

/** The time now as the sheets show it ("YYYY-MM-DD HH:mm:ss" in the script's time zone). */
export const nowText = (svc: Services): string => svc.clock.dateTimeText(svc.clock.now());

/** A property value holds at most 9 KB: larger copies are not kept (the sheet is read instead). */
const CACHE_MAX_CHARS = 8500;

/**
 * Settings are small and change rarely, but every submission needs them: a copy is kept in the document
 * properties and dropped whenever a person changes 配置 (the edit and change handlers), so most runs do
 * not read the sheet. 初始化/更新 always reads it afresh. (The roster is never cached: readRoster.)
 */
function cached<T>(svc: Services, key: string, fresh: boolean, load: () => T): T {
  if (!fresh) {
    const hit = svc.props.get(key);
    // A damaged copy (not JSON) is passed over: the sheet is read.
    const copy = hit ? parseJson<T>(hit) : undefined;
    if (copy !== undefined) return copy;
  }
  const value = load();
  const text = JSON.stringify(value);
  if (text.length <= CACHE_MAX_CHARS) svc.props.set({ [key]: text });
  else svc.props.remove([key]);
  return value;
}

export function forgetCached(svc: Services, sheet: "settings" | "roster"): void {
  svc.props.remove([sheet === "settings" ? PROP_SETTINGS_CACHE : PROP_ROSTER_CACHE]);
}

export function readSettings(
  svc: Services,
  fresh = false,
): { settings: Settings; problems: string[]; coordinatorsInSheet: string[] } {
  const pairs = cached(svc, PROP_SETTINGS_CACHE, fresh, () =>
    svc.ledger.read("settings").rows.map((r): [string, string] => [trimmedText(r.key), asText(r.value)]),
  );
  const parsed = parseSettings(new Map(pairs));
  const inSheet = parsed.settings.coordinatorEmails;
  return {
    ...parsed,
    settings: { ...parsed.settings, coordinatorEmails: confirmedCoordinators(svc, inSheet) },
    coordinatorsInSheet: inSheet,
  };
}

/**
 * The roster is read afresh by every run, never cached: who may submit is judged against 检查人员 as it
 * stands, so a deleted or deactivated row stops that person at once, whatever changed the sheet (an edit,
 * a row deletion, a sort). A copy an older version kept in the properties is dropped by forgetCached.
 */
export function readRoster(svc: Services): Inspector[] {
  return inspectorsOf(svc.ledger.read("roster").rows);
}

/**
 * Each inspection's inspectors as 检查记录 and 状态底账 name them, together: rewriting 检查人员 in 检查记录
 * (a paste the edit handler cannot put back) does not let an original inspector re-inspect their finding.
 */
export function inspectorsByInspection(
  svc: Services,
  findings?: ReadonlyArray<{ key: string; hint?: number }>,
): (id: string) => string[] {
  const map = new Map<string, string[]>();
  const add = (id: string, inspectors: unknown) =>
    map.set(id, [...(map.get(id) ?? []), ...asText(inspectors).split(SEP_LIST)]);
  // The findings named (a re-inspection): their inspections' rows only, and their 状态底账 rows, found
  // where the finding stands in 问题台账 (both are appended in the same order) or by 问题编号.
  const inspectionIds = findings && [...new Set(findings.map((f) => f.key.replace(/-\d+$/, "")))];
  const inspections = inspectionIds
    ? svc.ledger.readRowsByKey(
        "inspections",
        inspectionIds.map((key) => ({ key })),
      ).rows
    : svc.ledger.readColumns("inspections", ["id", "inspectors"]).rows;
  for (const r of inspections) if (asText(r.id)) add(String(r.id), r.inspectors);
  try {
    if (svc.ledger.has("shadow")) {
      const t = findings
        ? svc.ledger.readRowsByKey("shadow", findings)
        : svc.ledger.readColumns("shadow", ["record"]);
      for (const s of shadowById(t.rows, t.firstRow).values())
        if (s.valid) add(String(s.values.inspectionId), s.values.inspectors);
    }
  } catch (e) {
    // A damaged 状态底账: 检查记录 alone (the nightly check reports the damage).
    if (!(e instanceof LedgerError)) throw e;
  }
  return (id) => map.get(id) ?? [];
}

function inspectorsOf(rows: readonly Row[]): Inspector[] {
  return rows
    .map((r) => ({
      name: trimmedText(r.name),
      department: trimmedText(r.department),
      email: trimmedText(r.email),
      village: trimmedText(r.village),
      active: trimmedText(r.active) !== NO,
    }))
    .filter((p) => p.name);
}

/** The holiday table as a working-day calendar (rows the coordinator added included). */
export function readCalendar(svc: Services): WorkCalendar {
  if (!svc.ledger.has("holidays")) return new WorkCalendar([]);
  const entries: HolidayEntry[] = [];
  const complete: number[] = [];
  for (const r of svc.ledger.read("holidays").rows) {
    const date = asLocalDate(r.date);
    const kind = trimmedText(r.kind);
    if (!date) continue;
    if (kind === HOLIDAY_KIND.complete) complete.push(year(date));
    else if (kind === HOLIDAY_KIND.off || kind === HOLIDAY_KIND.work)
      entries.push({ date, kind: kind === HOLIDAY_KIND.off ? "off" : "work", name: asText(r.name) });
  }
  // The official years setup fills are complete by their source, marked or not (a ledger set up before
  // the mark existed keeps counting them until 初始化/更新 adds it).
  for (const y of Object.keys(HOLIDAY_SOURCES).map(Number))
    if (entries.some((e) => year(e.date) === y)) complete.push(y);
  return new WorkCalendar(entries, complete);
}

/** Calendar only when deadlines are counted in working days: otherwise the table is not read at all. */
export function calendarFor(svc: Services, settings: Settings): WorkCalendar {
  return settings.deadlineMode === "working" ? readCalendar(svc) : new WorkCalendar([]);
}

/**
 * Every finding's state as 状态底账 keeps it, one cell a finding (the daily check and the summaries read
 * no more of 问题台账); a ledger set up before 状态底账: 问题台账's own columns.
 */
export function findingStates(svc: Services): Row[] {
  if (!svc.ledger.has("shadow")) return svc.ledger.readColumns("findings", [...SHADOW_COLUMNS]).rows;
  const table = svc.ledger.readColumns("shadow", ["record"]);
  return [...shadowById(table.rows, table.firstRow).values()].filter((s) => s.valid).map((s) => s.values);
}

// The 检查项目 sheet: a coordinator's copy of the checklist items. Rows → a checklist set (or, when any
// row is wrong, a message per row and nothing else), the forms laid out from forms/'s sections, and the
// version decision: a form whose content changed gets the next version, the others keep theirs.
//
// Codes are never reused: a row deleted from the sheet retires its code (kept, with its text, so old
// findings still read), and a later row may bring it back only with the same text.
import type { ChecklistItem, Checklists, FormDefinition, InspectionForm } from "./checklist-schema";
import { itemProblemFields, withinFormLimits } from "./checklist-rules";
import { classFromLabel, typeFromLabel } from "./labels";
import type { Row } from "./ledger";
import type { InstitutionType } from "./types";
import {
  CHECKLIST_MSG,
  FIELD_PROBLEM,
  LIST_JOINER,
  LIST_SEPARATORS,
  LOCAL_SECTION_TITLE,
} from "../text/checklist";
import { CLASS_LABEL, NO, TYPE_LABEL, YES } from "../text/zh";
import { trimmedText } from "./text";

/** What 初始化/更新 last applied: the set the app uses, the retired codes, each form's content hash. */
export interface AppliedChecklist {
  checklists: Checklists;
  /** Codes whose rows were deleted: their items stay in checklists.items so old records read. */
  retired: string[];
  /** Per inspection form id: a hash of what the form shows and how its answers are judged. */
  fingerprints: Record<string, string>;
}

export type SheetOutcome =
  | { ok: true; applied: AppliedChecklist; updatedForms: string[]; retiredNow: string[] }
  | { ok: false; errors: string[] };

const SHORT_CLASS = new Map(
  (Object.keys(CLASS_LABEL) as Array<keyof typeof CLASS_LABEL>).map((k) => [
    CLASS_LABEL[k].split(" ")[0]!,
    k,
  ]),
);

const inspectionForms = (set: Checklists) =>
  set.forms.filter((f): f is InspectionForm => f.kind === "inspection");

/** The sheet rows for a set: every item not retired, with the forms it is on (by type label). */
export function checklistSheetRows(set: Checklists, retired: readonly string[] = []): Row[] {
  const gone = new Set(retired);
  const forms = inspectionForms(set);
  return set.items
    .filter((item) => !gone.has(item.code))
    .map((item) => {
      const on = forms.filter((f) => f.sections.some((s) => s.items.includes(item.code))).map((f) => f.type);
      return {
        code: item.code,
        text: item.text,
        help: item.help ?? "",
        forms: (on.length ? on : item.types).map((t) => TYPE_LABEL[t]).join(LIST_JOINER),
        dept: item.dept,
        basis: item.basis,
        severity: CLASS_LABEL[item.severity],
        deadlineDays: item.deadlineDays,
        allowNa: item.allowNa ? YES : NO,
        enabled: on.length ? YES : NO,
      };
    });
}

/** Shipped items the sheet has never had (a newer forms/): added to the sheet as rows. */
export function newShippedItems(
  rows: readonly Row[],
  shipped: Checklists,
  previous: AppliedChecklist | undefined,
): ChecklistItem[] {
  if (!previous) return [];
  const known = new Set([
    ...rows.map((r) => trimmedText(r.code)),
    ...previous.checklists.items.map((i) => i.code),
  ]);
  return shipped.items.filter((i) => !known.has(i.code));
}

const isBlank = (r: Row) => Object.values(r).every((v) => trimmedText(v) === "");

function yesNo(v: unknown, blank: boolean): boolean | undefined {
  const s = trimmedText(v);
  if (!s) return blank;
  return s === YES ? true : s === NO ? false : undefined;
}

interface ParsedRow {
  sheetRow: number;
  item: ChecklistItem;
  enabled: boolean;
}

function parseRow(r: Row, sheetRow: number, errors: string[]): ParsedRow | undefined {
  const code = trimmedText(r.code);
  const problems: string[] = [];
  const types: InstitutionType[] = [];
  for (const label of trimmedText(r.forms).split(LIST_SEPARATORS).filter(Boolean)) {
    const t = typeFromLabel(label);
    if (!t) problems.push(CHECKLIST_MSG.unknownForm(label));
    else if (!types.includes(t)) types.push(t);
  }
  const days = trimmedText(r.deadlineDays);
  const item = {
    code,
    text: trimmedText(r.text),
    ...(trimmedText(r.help) ? { help: trimmedText(r.help) } : {}),
    types,
    dept: trimmedText(r.dept),
    basis: trimmedText(r.basis),
    severity: classFromLabel(r.severity) || SHORT_CLASS.get(trimmedText(r.severity)) || "",
    deadlineDays: days === "" ? Number.NaN : Number(days),
    allowNa: yesNo(r.allowNa, false),
  };
  const enabled = yesNo(r.enabled, true);
  const fields = itemProblemFields(item);
  for (const f of fields) {
    const field = f === "types" ? "forms" : f;
    if (field === "forms" && problems.length) continue;
    if (field in FIELD_PROBLEM) problems.push(FIELD_PROBLEM[field as keyof typeof FIELD_PROBLEM]);
  }
  if (item.allowNa === undefined && !fields.includes("allowNa")) problems.push(FIELD_PROBLEM.allowNa);
  if (enabled === undefined) problems.push(FIELD_PROBLEM.enabled);
  for (const p of problems) errors.push(CHECKLIST_MSG.row(sheetRow, code, p));
  return problems.length ? undefined : { sheetRow, item: item as ChecklistItem, enabled: enabled! };
}

const prefix = (code: string) => code.split("-")[0];

/** forms/'s inspection forms with the sheet's enabled items: shipped places kept, new ones by prefix. */
function layOut(skeleton: InspectionForm, enabled: readonly ChecklistItem[]): InspectionForm {
  const on = enabled.filter((i) => i.types.includes(skeleton.type));
  const codes = new Set(on.map((i) => i.code));
  const placed = new Set(skeleton.sections.flatMap((s) => s.items));
  const sections = skeleton.sections.map((s) => ({ ...s, items: s.items.filter((c) => codes.has(c)) }));
  const local = { id: "local", title: LOCAL_SECTION_TITLE, items: [] as string[] };
  for (const item of on) {
    if (placed.has(item.code)) continue;
    const home = skeleton.sections.findIndex((s) => s.items.some((c) => prefix(c) === prefix(item.code)));
    (home >= 0 ? sections[home]! : local).items.push(item.code);
  }
  return {
    ...skeleton,
    sections: [...sections, ...(local.items.length ? [local] : [])].filter((s) => s.items.length),
  };
}

/** FNV-1a over the text: a short, stable name for a form's content. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** What a form shows and how its answers are judged (not the item's types: the layout says that). */
function formFingerprint(form: InspectionForm, items: readonly ChecklistItem[]): string {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const content = form.sections.map((s) => [
    s.id,
    s.title,
    s.help ?? "",
    s.items.map((c) => {
      const i = byCode.get(c);
      return i ? [c, i.text, i.help ?? "", i.dept, i.basis, i.severity, i.deadlineDays, i.allowNa] : [c];
    }),
  ]);
  return hash(JSON.stringify([form.title, form.help, content]));
}

const parts = (v: string) => v.split(".").map(Number) as [number, number, number];

function later(a: string, b: string): string {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! > y[i]! ? a : b;
  return a;
}

/** A checklist change is a minor version: 1.0.0 → 1.1.0. */
const nextVersion = (v: string) => {
  const [major, minor] = parts(v);
  return `${major}.${minor + 1}.0`;
};

/**
 * The version a form gets: unchanged content keeps the version it had (the shipped one the first
 * time); changed content gets the version after the newer of what it had and what forms/ ships.
 */
export function decideVersion(
  shipped: { version: string; fingerprint: string },
  previous: { version: string; fingerprint: string } | undefined,
  fingerprint: string,
): string {
  if (previous)
    return previous.fingerprint === fingerprint
      ? previous.version
      : nextVersion(later(previous.version, shipped.version));
  return fingerprint === shipped.fingerprint ? shipped.version : nextVersion(shipped.version);
}

/**
 * The sheet's rows (logical rows from firstRow) → the set to apply, or every row's problem. `shipped`
 * is forms/ (its sections place the items); `previous` what was applied last (its retired codes and
 * versions).
 */
export function checklistFromSheet(
  rows: readonly Row[],
  firstRow: number,
  shipped: Checklists,
  previous: AppliedChecklist | undefined,
): SheetOutcome {
  const errors: string[] = [];
  const parsed: ParsedRow[] = [];
  const firstSeen = new Map<string, number>();
  const before = new Map((previous?.checklists.items ?? []).map((i) => [i.code, i]));
  const retiredBefore = new Set(previous?.retired ?? []);
  rows.forEach((r, i) => {
    if (isBlank(r)) return;
    const sheetRow = firstRow + i;
    const code = trimmedText(r.code);
    const seenAt = code ? firstSeen.get(code) : undefined;
    if (seenAt !== undefined) {
      errors.push(CHECKLIST_MSG.row(sheetRow, code, CHECKLIST_MSG.duplicate(seenAt)));
      return;
    }
    if (code) firstSeen.set(code, sheetRow);
    const old = before.get(code);
    if (old && retiredBefore.has(code) && old.text !== trimmedText(r.text)) {
      errors.push(CHECKLIST_MSG.row(sheetRow, code, CHECKLIST_MSG.retiredReused(old.text)));
      return;
    }
    const row = parseRow(r, sheetRow, errors);
    if (row) parsed.push(row);
  });
  if (errors.length) return { ok: false, errors };

  const inSheet = new Set(parsed.map((p) => p.item.code));
  const retiredItems = [...before.values()].filter((i) => !inSheet.has(i.code));
  const retiredNow = retiredItems.filter((i) => !retiredBefore.has(i.code)).map((i) => i.code);
  const items = [...parsed.map((p) => p.item), ...retiredItems];
  const enabled = parsed.filter((p) => p.enabled).map((p) => p.item);
  const fingerprints: Record<string, string> = {};
  const updatedForms: string[] = [];
  const forms = shipped.forms.map((def): FormDefinition => {
    if (def.kind !== "inspection") return def;
    const laid = layOut(def, enabled);
    if (!withinFormLimits(laid.sections))
      errors.push(CHECKLIST_MSG.tooMany(def.title, CHECKLIST_MSG.formLimit));
    const fingerprint = formFingerprint(laid, items);
    fingerprints[def.id] = fingerprint;
    const had = previous?.checklists.forms.find((f) => f.id === def.id);
    const version = decideVersion(
      { version: def.version, fingerprint: formFingerprint(def, shipped.items) },
      had && previous?.fingerprints[def.id]
        ? { version: had.version, fingerprint: previous.fingerprints[def.id]! }
        : undefined,
      fingerprint,
    );
    if (version !== (had?.version ?? def.version)) updatedForms.push(def.title);
    return { ...laid, version };
  });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    applied: { checklists: { items, forms }, retired: retiredItems.map((i) => i.code), fingerprints },
    updatedForms,
    retiredNow,
  };
}

// The rules of a checklist item and of a form's size, as plain checks: the zod schema (checklist-schema.ts,
// used by the build and the tests on forms/) is written with these same numbers, and the 检查项目 sheet is
// checked with these functions inside Apps Script, where zod would cost 30 KB of the bundle.
import { FINDING_CLASSES, INSTITUTION_TYPES } from "./types";

export const ITEM_CODE = /^[A-Z]{2,6}-\d{2}$/;
export const ITEM_RULES = { textMin: 4, textMax: 120, deptMin: 1, basisMin: 2, daysMin: 0, daysMax: 90 };
/** Google Forms limits we design within (grid rows are not documented; keep grids phone-sized). */
export const FORM_LIMITS = { gridRows: 40, sections: 20 };

const isText = (v: unknown): v is string => typeof v === "string";

/** The fields of one item that break the rules (e.g. ["code", "deadlineDays"]); [] when valid. */
export function itemProblemFields(raw: Record<string, unknown>): string[] {
  const out: string[] = [];
  const r = ITEM_RULES;
  if (!isText(raw.code) || !ITEM_CODE.test(raw.code)) out.push("code");
  if (!isText(raw.text) || raw.text.length < r.textMin || raw.text.length > r.textMax) out.push("text");
  if (raw.help !== undefined && !isText(raw.help)) out.push("help");
  const types = raw.types;
  if (
    !Array.isArray(types) ||
    types.length < 1 ||
    !types.every((t) => (INSTITUTION_TYPES as readonly unknown[]).includes(t))
  )
    out.push("types");
  if (!isText(raw.dept) || raw.dept.length < r.deptMin) out.push("dept");
  if (!isText(raw.basis) || raw.basis.length < r.basisMin) out.push("basis");
  if (!(FINDING_CLASSES as readonly unknown[]).includes(raw.severity)) out.push("severity");
  const days = raw.deadlineDays;
  if (typeof days !== "number" || !Number.isInteger(days) || days < r.daysMin || days > r.daysMax)
    out.push("deadlineDays");
  if (typeof raw.allowNa !== "boolean") out.push("allowNa");
  return out;
}

/** Whether a form's pages and grids stay within FORM_LIMITS. */
export function withinFormLimits(sections: ReadonlyArray<{ items: readonly string[] }>): boolean {
  return (
    sections.length <= FORM_LIMITS.sections && sections.every((s) => s.items.length <= FORM_LIMITS.gridRows)
  );
}

// 检查项目 in 初始化/更新: the sheet is filled from forms/ when empty, validated as a whole, and applied
// only when every row is right. What was applied is kept in document properties, so a submission or
// the daily check uses the same items without reading the sheet (and never a half-edited one).
import { CHECKLISTS } from "../../forms/index";
import type { Checklists } from "../domain/checklist";
import {
  checklistFromSheet,
  checklistSheetRows,
  newShippedItems,
  type AppliedChecklist,
} from "../domain/checklist-sheet";
import type { Row } from "../domain/ledger";
import { PROP_APPLIED_CHECKLIST } from "../gas/keys";
import type { PropertyStore, Services } from "../gas/ports";
import { CHECKLIST_MSG, LIST_JOINER } from "../text/checklist";
import { trimmedText } from "../domain/text";
import { parseJson } from "../domain/json";
import { appendRows } from "../domain/plan";

/** A property value holds at most 9 KB; 2,500 characters stay below it even at 3 bytes each. */
const CHUNK = 2500;
const COUNT = `${PROP_APPLIED_CHECKLIST}n`;

function readApplied(props: PropertyStore): AppliedChecklist | undefined {
  const all = props.all(PROP_APPLIED_CHECKLIST);
  const n = Number(all[COUNT]);
  if (!n) return undefined;
  let text = "";
  for (let i = 0; i < n; i++) {
    const part = all[PROP_APPLIED_CHECKLIST + i];
    if (part === undefined) return undefined;
    text += part;
  }
  return parseJson<AppliedChecklist>(text);
}

function saveApplied(props: PropertyStore, applied: AppliedChecklist): void {
  const text = JSON.stringify(applied);
  const values: Record<string, string> = {};
  let n = 0;
  for (let at = 0; at < text.length; at += CHUNK)
    values[PROP_APPLIED_CHECKLIST + n++] = text.slice(at, at + CHUNK);
  values[COUNT] = String(n);
  const stale = Object.keys(props.all(PROP_APPLIED_CHECKLIST)).filter((k) => !(k in values));
  // One setProperties call: the count and its pieces change together; longer leftovers are ignored.
  props.set(values);
  if (stale.length) props.remove(stale);
}

/** The checklist set submissions and the daily check use: the one last applied, else forms/. */
export function appliedChecklists(svc: Pick<Services, "props">): Checklists {
  return readApplied(svc.props)?.checklists ?? CHECKLISTS;
}

const hasContent = (r: Row) => Object.values(r).some((v) => trimmedText(v) !== "");

/**
 * Reads 检查项目 (filling it when empty, adding items a newer forms/ ships) and returns the set setup
 * builds the forms from, with a message when the sheet has errors (then the last applied set is used).
 */
export function applyChecklistSheet(
  svc: Services,
  shipped: Checklists,
  changes: string[],
): { checklists: Checklists; problem: string } {
  const previous = readApplied(svc.props);
  const table = svc.ledger.read("checklist");
  let rows: Row[] = table.rows;
  let firstRow = table.firstRow;
  if (!rows.some(hasContent)) {
    const fill = checklistSheetRows(previous?.checklists ?? shipped, previous?.retired);
    svc.ledger.commit([appendRows("checklist", fill)]);
    changes.push(CHECKLIST_MSG.filled(fill.length));
    rows = fill;
    firstRow = table.firstRow;
  } else {
    const added = newShippedItems(rows, shipped, previous);
    if (added.length) {
      const more = checklistSheetRows({ items: added, forms: shipped.forms });
      svc.ledger.commit([appendRows("checklist", more)]);
      changes.push(CHECKLIST_MSG.shippedAdded(added.map((i) => i.code).join(LIST_JOINER)));
      rows = [...rows, ...more];
    }
  }
  const outcome = checklistFromSheet(rows, firstRow, shipped, previous);
  if (!outcome.ok)
    return {
      checklists: previous?.checklists ?? shipped,
      problem: [
        CHECKLIST_MSG.notApplied(outcome.errors.length),
        ...outcome.errors,
        CHECKLIST_MSG.fixAndRerun,
      ].join("\n"),
    };
  if (JSON.stringify(outcome.applied) !== JSON.stringify(previous)) saveApplied(svc.props, outcome.applied);
  if (outcome.retiredNow.length) changes.push(CHECKLIST_MSG.retired(outcome.retiredNow.join(LIST_JOINER)));
  return { checklists: outcome.applied.checklists, problem: "" };
}

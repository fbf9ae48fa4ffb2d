// The installable change trigger: a person deleted or inserted rows or columns (or did something else
// structural). 问题台账 is compared with 状态底账 at once, under the lock like every writer: what can be
// put back is, the rest is told to the coordinator (toast, 操作日志, digest).
import type { Services } from "../gas/ports";
import { SHADOW_TEXT } from "../text/integrity";
import { exclusive, USUAL_WAIT } from "./run";
import { reconcileNow } from "./verify";

/** Change types that can take a finding's row or a column away (an EDIT is the edit trigger's). */
const STRUCTURAL = new Set(["REMOVE_ROW", "INSERT_ROW", "REMOVE_COLUMN", "INSERT_COLUMN", "OTHER"]);

export function handleStructureChange(svc: Services, changeType: string): void {
  if (!STRUCTURAL.has(changeType)) return;
  exclusive(svc, SHADOW_TEXT.structureAction, USUAL_WAIT, () => reconcileNow(svc));
}

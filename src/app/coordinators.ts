// 协调员邮箱 takes effect only when the spreadsheet's owner runs 初始化/更新: the addresses in 配置 are
// copied then to a document property, and digests, reminders and protections use that copy. An editor
// who writes their own address into 配置 receives nothing and may edit nothing more until the owner
// runs setup (and sees the address in the protections it sets).
import { PROP_COORDINATORS_CONFIRMED } from "../gas/keys";
import type { Services } from "../gas/ports";
import { parseJson } from "../domain/json";

/**
 * The confirmed list; for a ledger set up before this rule, the one in 配置 until the next
 * 初始化/更新 confirms it.
 */
export function confirmedCoordinators(svc: Services, inSheet: readonly string[]): string[] {
  const stored = svc.props.get(PROP_COORDINATORS_CONFIRMED);
  if (stored === null) return [...inSheet];
  const list = parseJson<unknown>(stored);
  return Array.isArray(list) ? list.map(String) : [...inSheet];
}

/** 初始化/更新: the owner's run confirms the addresses in 配置; anyone else's keeps the confirmed ones. */
export function settleCoordinators(svc: Services, owner: string, inSheet: readonly string[]): string[] {
  const runner = svc.identity.effectiveUser();
  if (!owner || runner === owner) {
    svc.props.set({ [PROP_COORDINATORS_CONFIRMED]: JSON.stringify(inSheet) });
    return [...inSheet];
  }
  return confirmedCoordinators(svc, inSheet);
}

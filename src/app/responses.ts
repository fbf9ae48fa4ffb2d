// Which form responses are new. Every run sweeps all responses not handled yet, so a repeated, blank or
// late trigger event writes nothing twice, and a response that waited for the lock is picked up next
// time. Per form, the newest timestamp handled and the ids handled inside a look-back window (two
// responses can share a second) are kept in the document properties: a run with nothing new reads no
// sheet at all.
import type { FormRecord, ResponseData } from "../domain/responses";
import { PROP_RESPONSES_RECENT, PROP_RESPONSES_SEEN } from "../gas/keys";
import type { Services } from "../gas/ports";
import { IDENTITY_MSG } from "../text/identity";
import { tellCoordinator } from "./run";

/** Look back this far before the newest response already seen, in case two arrive in the same second. */
const RESPONSE_OVERLAP_MS = 10 * 60_000;
/** A property value holds at most 9 KB; responses that do not fit are checked against the ledger instead. */
const RECENT_MAX_CHARS = 8000;

export interface Candidate {
  record: FormRecord;
  response: ResponseData;
}

function readRecent(svc: Services, defId: string): Array<[string, number]> {
  try {
    return JSON.parse(svc.props.get(PROP_RESPONSES_RECENT + defId) ?? "[]") as Array<[string, number]>;
  } catch (_e) {
    return [];
  }
}

export function newCandidates(svc: Services, records: Map<string, FormRecord>): Candidate[] {
  const out: Candidate[] = [];
  for (const record of records.values()) {
    if (record.building) continue;
    const seen = Number(svc.props.get(PROP_RESPONSES_SEEN + record.defId) ?? 0);
    const recent = new Set(readRecent(svc, record.defId).map(([id]) => id));
    const responses = svc.forms.responses(
      record.formId,
      seen ? seen - RESPONSE_OVERLAP_MS : undefined,
      recent,
    );
    for (const response of responses) out.push({ record, response });
  }
  return out;
}

/** Marks responses as handled (written to the ledger or to 待核实). */
export function rememberHandled(svc: Services, handled: readonly Candidate[]): void {
  const byForm = new Map<string, Candidate[]>();
  for (const c of handled) byForm.set(c.record.defId, [...(byForm.get(c.record.defId) ?? []), c]);
  const values: Record<string, string> = {};
  for (const [defId, list] of byForm) {
    const seenKey = PROP_RESPONSES_SEEN + defId;
    const newest = Math.max(Number(svc.props.get(seenKey) ?? 0), ...list.map((c) => c.response.timestamp));
    // Only responses inside the look-back window can come back; remember those, newest first.
    const merged = new Map<string, number>(readRecent(svc, defId));
    for (const c of list) merged.set(c.response.id, c.response.timestamp);
    const window = [...merged]
      .filter(([, t]) => t >= newest - RESPONSE_OVERLAP_MS)
      .sort((a, b) => b[1] - a[1]);
    const keep: Array<[string, number]> = [];
    let size = 2;
    for (const entry of window) {
      size += entry[0].length + 20;
      if (size > RECENT_MAX_CHARS) break;
      keep.push(entry);
    }
    values[seenKey] = String(newest);
    values[PROP_RESPONSES_RECENT + defId] = JSON.stringify(keep);
  }
  svc.props.set(values);
}

/**
 * A form's addresses count as verified only while it still collects them so: one switched to typed (or
 * no) addresses by hand in Google Forms loses its record's "verified since", in `records` and stored,
 * so nothing sent meanwhile is ever taken as verified (even once someone switches it back by hand) until
 * 初始化/更新 switches it on again. The coordinator is told.
 */
export function trustVerified(
  svc: Services,
  records: Map<string, FormRecord>,
  defIds: Iterable<string> = records.keys(),
): void {
  for (const id of new Set(defIds)) {
    const rec = records.get(id);
    if (!rec?.verifiedSince || svc.forms.collectsVerified(rec.formId)) continue;
    records.set(id, { ...rec, verifiedSince: undefined });
    svc.forms.saveRecord(records.get(id)!);
    tellCoordinator(
      svc,
      IDENTITY_MSG.verifiedOff(svc.forms.title(rec.formId)),
      IDENTITY_MSG.verifiedOffAction,
    );
  }
}

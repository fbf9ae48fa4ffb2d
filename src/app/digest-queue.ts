// The coordinator's digest queue (document properties), changed only under the script lock.
import type { DigestEntry } from "../domain/intake";
import { PROP_DIGEST_QUEUE } from "../gas/keys";
import type { Services } from "../gas/ports";

export type { DigestEntry };

/** Keeps the queue within a property's 9 KB; the sheets hold every entry in full anyway. */
const QUEUE_MAX = 40;

export function queued(svc: Services): DigestEntry[] {
  try {
    return JSON.parse(svc.props.get(PROP_DIGEST_QUEUE) ?? "[]") as DigestEntry[];
  } catch (_e) {
    return [];
  }
}

/** A line for the digest that is not about one response: a run's message, under what it was doing. */
export const digestNote = (id: string, reason: string): DigestEntry => ({ id, form: "", by: "", reason });

/** Adds entries for the next digest without sending. */
export function enqueueDigest(svc: Services, entries: readonly DigestEntry[]): void {
  if (!entries.length) return;
  svc.props.set({ [PROP_DIGEST_QUEUE]: JSON.stringify([...queued(svc), ...entries].slice(-QUEUE_MAX)) });
}

// One digest mail for the coordinator, never one per event: entries (responses sent to 待核实, flags
// such as missing holiday data, messages from runs) queue up (digest-queue.ts) and go out at most once
// an hour, and from the daily check; what the mail quota does not allow stays queued for the next run.
import { digestMail } from "../domain/mails";
import { coordinatorRecipients, type Settings } from "../domain/settings";
import { PROP_DIGEST_LAST_SENT, PROP_DIGEST_QUEUE, PROP_DIGEST_SENDING } from "../gas/keys";
import type { Services } from "../gas/ports";
import { enqueueDigest, queued, type DigestEntry } from "./digest-queue";
import { MSG } from "../text/zh";
import { Outbox } from "./outbox";
import { sendOnce } from "./send";
import { parseJson } from "../domain/json";
import { scriptAccount } from "./log";
import { nowMs } from "./context";

const INTERVAL_MS = 60 * 60_000;

/**
 * Sends the queued entries when the last digest is an hour old (or `force`). The entries are first
 * moved into a batch with a key of its own, so a run that dies while sending never mails them twice.
 */
export function sendDigest(svc: Services, settings: Settings, force: boolean): void {
  const now = nowMs(svc);
  let batch = sendingBatch(svc);
  if (!batch) {
    const queue = queued(svc);
    const last = Number(svc.props.get(PROP_DIGEST_LAST_SENT) ?? 0);
    if (!queue.length || (!force && now - last < INTERVAL_MS)) return;
    batch = { key: `digest:${now}`, entries: queue };
    svc.props.set({ [PROP_DIGEST_SENDING]: JSON.stringify(batch), [PROP_DIGEST_QUEUE]: "[]" });
  }
  const mail = digestMail(settings.township, batch.entries, svc.ledger.url());
  const to = coordinatorRecipients(settings, scriptAccount(svc));
  const outcome = sendOnce(svc, new Outbox(svc.props, svc.clock), batch.key, { to, ...mail }, false);
  // A batch the quota held back is sent first next time; otherwise it is finished with. A batch that may
  // not have arrived goes into the next digest again, marked as possibly repeated.
  if (outcome === "failed") return;
  svc.props.set({ [PROP_DIGEST_LAST_SENT]: String(now) });
  svc.props.remove([PROP_DIGEST_SENDING]);
  if (outcome === "uncertain")
    enqueueDigest(
      svc,
      batch.entries.map((e) => ({
        ...e,
        reason: e.reason.startsWith(MSG.digestRepeat) ? e.reason : `${MSG.digestRepeat}${e.reason}`,
      })),
    );
}

function sendingBatch(svc: Services): { key: string; entries: DigestEntry[] } | undefined {
  const raw = svc.props.get(PROP_DIGEST_SENDING);
  return raw ? parseJson<{ key: string; entries: DigestEntry[] }>(raw) : undefined;
}

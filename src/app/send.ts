// Mail through the outbox: each mail has a key and goes out at most once (see outbox.ts for the one
// window that cannot be closed, and the policy for it).
import type { Mail } from "../gas/mail";
import type { Services } from "../gas/ports";
import { MSG } from "../text/zh";
import { appendLog, scriptAccount } from "./log";
import { digestNote, enqueueDigest } from "./digest-queue";
import type { Outbox } from "./outbox";
import { LOG_ACTION, SEP_LIST } from "../text/words";

export type SendResult = "sent" | "already" | "failed" | "uncertain";

/** `tell`: an uncertain mail also goes into the coordinator's digest (not for the digest itself). */
export function sendOnce(svc: Services, outbox: Outbox, key: string, mail: Mail, tell = true): SendResult {
  const to = [...new Set(mail.to.filter(Boolean))];
  const done = outbox.get(key);
  if (done?.state === "done") return "already";
  if (done?.state === "uncertain") return "uncertain";
  // Not enough quota left today: nothing is recorded, the mail waits for a later run.
  if (done?.state !== "started" && svc.mail.remainingQuota() < to.length) return "failed";
  const outcome = outbox.once(key, false, () => {
    const r = svc.mail.send({ ...mail, to });
    return r.sent ? { ok: true } : { ok: false, reason: r.reason, certain: r.certain };
  });
  if (outcome.state === "done") return outcome.already ? "already" : "sent";
  if (outcome.state === "failed") return "failed";
  if (!outcome.already) {
    const note = MSG.mailUncertain(mail.subject, to.join(SEP_LIST), outcome.reason);
    appendLog(svc, [
      {
        user: scriptAccount(svc),
        action: LOG_ACTION.mailUncertain,
        target: to.join(SEP_LIST),
        note,
      },
    ]);
    if (tell) enqueueDigest(svc, [digestNote(LOG_ACTION.mailUncertain, note)]);
  }
  return "uncertain";
}

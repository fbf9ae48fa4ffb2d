// Sending mail within the daily quota. A mail that cannot go now is reported to the caller, which keeps
// it for the next run; nothing is sent one-per-finding.
import { APP_NAME } from "../text/zh";
import type { Mailer, SendOutcome } from "./ports";

export interface Mail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: GoogleAppsScript.Base.BlobSource[];
}

/**
 * Errors after which the mail certainly did not go out: MailApp refuses before sending when the quota
 * is spent or an address is invalid ("Service invoked too many times for one day: email.",
 * "Invalid email: …"). Any other error may come after the mail left.
 */
const NOT_SENT = /too many times|invalid email|invalid argument|limit exceeded|quota/i;

export const appsScriptMailer: Mailer = {
  remainingQuota: () => MailApp.getRemainingDailyQuota(),
  send(mail: Mail): SendOutcome {
    const to = [...new Set(mail.to.filter(Boolean))];
    if (to.length === 0) return { sent: false, reason: "no recipient", certain: true };
    try {
      MailApp.sendEmail({
        to: to.join(","),
        subject: mail.subject,
        body: mail.text,
        htmlBody: mail.html,
        name: APP_NAME,
        attachments: mail.attachments,
      });
      return { sent: true };
    } catch (e) {
      const reason = (e as Error)?.message ?? String(e);
      return { sent: false, reason, certain: NOT_SENT.test(reason) };
    }
  },
};

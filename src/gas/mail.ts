// Sending mail within the daily quota. A mail that cannot go now is reported to the caller, which
// keeps it for the next run; nothing is sent one-per-finding.

export interface Mail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: GoogleAppsScript.Base.BlobSource[];
}

export type SendResult = { sent: true } | { sent: false; reason: string };

export function sendMail(mail: Mail): SendResult {
  const to = [...new Set(mail.to.filter(Boolean))];
  if (to.length === 0) return { sent: false, reason: "no recipient" };
  if (MailApp.getRemainingDailyQuota() < to.length) return { sent: false, reason: "quota" };
  try {
    MailApp.sendEmail({
      to: to.join(","),
      subject: mail.subject,
      body: mail.text,
      htmlBody: mail.html,
      name: "专项整治台账",
      attachments: mail.attachments,
    });
    return { sent: true };
  } catch (e) {
    return { sent: false, reason: (e as Error).message };
  }
}

// 整改通知书 (一校一单): for each inspection with findings, an HTML notice converted to PDF by Apps
// Script, saved to a Drive folder, linked in 检查记录, and mailed to the institution's registered contact.
// A failure here never blocks the ledger: the link stays empty and the coordinator is told.
import { noticeHtml, type NoticeInput } from "../domain/notice";
import { NOTICE_TEXT } from "../text/zh";
import { sendMail } from "../gas/mail";

const FOLDER_KEY = "notice:folder";

function folder(): GoogleAppsScript.Drive.Folder {
  const props = PropertiesService.getDocumentProperties();
  const id = props.getProperty(FOLDER_KEY);
  if (id) {
    try {
      return DriveApp.getFolderById(id);
    } catch (_e) {
      // Deleted or no longer shared: make a new one.
    }
  }
  const created = DriveApp.createFolder(NOTICE_TEXT.folder);
  props.setProperty(FOLDER_KEY, created.getId());
  return created;
}

export interface NoticeResult {
  url: string;
  problem?: string;
}

export function issueNotice(input: NoticeInput, contactEmail: string): NoticeResult {
  try {
    const html = noticeHtml(input);
    const name = `${input.inspection.id} 整改通知书 ${input.institution.name}`;
    const pdf = Utilities.newBlob(html, "text/html", `${name}.html`)
      .getAs("application/pdf")
      .setName(`${name}.pdf`);
    const file = folder().createFile(pdf);
    if (contactEmail) {
      const subject = NOTICE_TEXT.mailSubject(input.township, input.institution.name);
      const sent = sendMail({ to: [contactEmail], subject, html, text: subject, attachments: [pdf] });
      if (!sent.sent) return { url: file.getUrl(), problem: `${subject}：${sent.reason}` };
    }
    return { url: file.getUrl() };
  } catch (e) {
    return { url: "", problem: `${input.inspection.id} 整改通知书未能生成：${(e as Error).message}` };
  }
}

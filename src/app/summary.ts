// 汇总 and mails: the summary tables land with their own issue; until then the menu says so plainly.
import { MSG, MENU } from "../text/zh";
import { notify } from "./notify";

export function summarize(): void {
  notify(MSG.notImplemented(MENU.summary));
}

// 抽查 (双随机): the reproducible draw lands with its own issue; until then the menu says so plainly.
import { MSG, MENU } from "../text/zh";
import { notify } from "./notify";

export function drawSample(): void {
  notify(MSG.notImplemented(MENU.draw));
}

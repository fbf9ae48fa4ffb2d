// The stand-in choice a form's list shows while the sheet it comes from is empty (a Google Forms list
// needs at least one choice); it tells the coordinator what to fill in. (The forms' questions are FORM_TEXT
// in zh.ts.)
import { DEFAULT_DEPARTMENTS } from "./settings";

export const EMPTY_LIST_CHOICE = {
  inspectors: "（检查人员名单为空，请先填写「检查人员」表）",
  villages: "（请在「配置」中填写村/社区）",
  institutions: "（名录为空）",
  /** 检查部门 without departments in 配置: the first default department. */
  departments: DEFAULT_DEPARTMENTS[0]!,
} as const;

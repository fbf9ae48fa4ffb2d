// The 检查项目 sheet: its name, headers and the messages 初始化/更新 gives about it.

export const CHECKLIST_SHEET = "检查项目";

export const CHECKLIST_HEADERS = {
  code: "编码",
  text: "检查内容",
  help: "填写提示",
  forms: "所在检查表",
  dept: "牵头部门",
  basis: "依据",
  severity: "默认分类",
  deadlineDays: "默认整改天数",
  allowNa: "可选不适用",
  enabled: "启用",
} as const;

/** Separators accepted between the type labels of 所在检查表. */
export const LIST_SEPARATORS = /[、，,；;\s]+/;
export const LIST_JOINER = "、";

/** The page a form gets for local items whose code matches none of its sections. */
export const LOCAL_SECTION_TITLE = "本地检查项";

type Field = keyof typeof CHECKLIST_HEADERS;

/** What is wrong with one field of a row, in words a coordinator can act on. */
export const FIELD_PROBLEM: Record<Field, string> = {
  code: "编码应为 2–6 个大写英文字母、短横和两位数字，例如 FIRE-01 或 LOCAL-01",
  text: "检查内容须填写，4–120 个字（手机屏幕放得下）",
  help: "填写提示有误",
  forms: "所在检查表至少填一个：校外培训机构、校外托管机构、小饭桌、托育机构（用顿号分隔）",
  dept: "牵头部门须填写",
  basis: "依据须填写（政策或法律依据，至少 2 个字）",
  severity: "默认分类应为 一类 立即整改、二类 限期整改 或 三类 无法整改",
  deadlineDays: "默认整改天数应为 0–90 的整数",
  allowNa: "可选不适用应填 是 或 否",
  enabled: "启用应填 是 或 否（留空视为 是）",
};

export const CHECKLIST_MSG = {
  row: (row: number, code: string, problem: string) =>
    `「${CHECKLIST_SHEET}」第 ${row} 行${code ? `（${code}）` : ""}：${problem}`,
  unknownForm: (label: string) => `所在检查表中的「${label}」不是检查表名称`,
  duplicate: (firstRow: number) => `编码与第 ${firstRow} 行重复，每个编码只能用一次`,
  retiredReused: (text: string) =>
    `编码已停用（原为「${text}」），停用的编码不能用于新的检查内容；请另起一个新编码`,
  tooMany: (form: string, problem: string) => `检查表「${form}」：${problem}`,
  formLimit: "一页的检查项或页数超出手机表单的限度，请减少该检查表的检查项",
  notApplied: (n: number) =>
    `「${CHECKLIST_SHEET}」有 ${n} 处错误，本次未应用其中任何修改（检查表保持原样）：`,
  fixAndRerun: "改正后再点一次「初始化/更新」。",
  filled: (n: number) => `「${CHECKLIST_SHEET}」已按默认检查表填入 ${n} 项，可在表中停用、改写或新增检查项`,
  retired: (codes: string) => `已从「${CHECKLIST_SHEET}」删除的检查项编码保留不再使用：${codes}`,
  shippedAdded: (codes: string) => `「${CHECKLIST_SHEET}」新增了程序新版本带来的检查项：${codes}`,
};

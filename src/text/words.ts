// Small words and marks that code puts together into what people read: punctuation, the overdue labels,
// the 操作日志 actions written by the commit, the mail outbox and the edit trigger, and the names of
// public holidays.

// Chinese punctuation: 、 between items, ； between clauses, ， inside a clause, ： after a label, and the
// full-width space (U+3000) between parts of a line. Constants of their own: code joins with them in many
// places, and a name is shorter in the bundle than a property lookup.
export const SEP_LIST = "、";
export const SEP_CLAUSE = "；";
export const SEP_COMMA = "，";
export const SEP_COLON = "：";
export const SEP_SPACE = "\u3000";

/** `（text）`: a village after a name, a note after a value. */
export const inParens = (text: string) => `（${text}）`;

/** The sentence ends with 。 (a trailing . or 。 is replaced, so there is exactly one). */
export const withFullStop = (text: string) => text.replace(/[。.]?$/, "。");

/** The 逾期 column's state label (the ledger) and the fuller text with day counts (mails, summaries). */
export const URGENCY = {
  overdue: "逾期",
  dueToday: "今日到期",
  dueSoon: "临期",
  pendingDeadline: "期限待定",
  overdueDays: (days: number) => `逾期 ${days} 天`,
  dueSoonDays: (days: number) => `临期（${days} 天后到期）`,
} as const;

/** 操作日志's 操作 column for what a run did not do as planned, or could not be sure it did. */
export const LOG_ACTION = {
  keptPersonEdit: "保留人工修改",
  rowMissing: "行不存在",
  mailUncertain: "邮件可能未送达",
  waiting: "等待处理",
} as const;

// 操作日志's 操作 column for a person's edits as the edit trigger records them (src/app/edit.ts,
// src/domain/edits.ts). Plain constants: an object's property names are paid twice in the bundle.
export const LOG_EDIT = "编辑";
export const LOG_BULK_EDIT = "粘贴/批量编辑";
export const LOG_EDIT_REVERTED = "修改被撤销";
export const LOG_PASTE_OVER_SYSTEM = "粘贴覆盖系统列";

/** 操作日志's 新值 for a paste or a multi-cell edit (the event carries no values). */
export const cellsText = (rows: number, columns: number) => `${rows}×${columns} 个单元格`;

/** `label：value`, as a line of raw answers or the target of an edit (`状态：JC20260301-001-02`). */
export const labelled = (label: string, value: string) => `${label}：${value}`;

/** Holiday names as the State Council's notices give them (src/domain/holidays.ts). */
export const HOLIDAY_NAME = {
  newYear: "元旦",
  springFestival: "春节",
  qingming: "清明节",
  labourDay: "劳动节",
  dragonBoat: "端午节",
  midAutumn: "中秋节",
  nationalDay: "国庆节",
  nationalDayAndMidAutumn: "国庆节、中秋节",
  makeUpDay: (name: string) => `${name}调休上班`,
} as const;

/** A year filled in by 初始化/更新, with the notice it comes from: `2026 年（国务院办公厅……）`. */
export const holidayYearText = (year: number, source: string) => `${year} 年${inParens(source)}`;

/** The notices each year's holidays are taken from (shown in 节假日 as the source). */
export const HOLIDAY_SOURCES: Record<number, string> = {
  2025: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
  2026: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
};

/** The runs as the coordinator knows them (the busy-lock message and 操作日志 name them). */
export const RUN_NAME = {
  daily: "每日检查",
  /** What the daily check tells the coordinator when new responses could not be written. */
  dailySubmissions: "每日检查：写入新提交",
  /** … and when 问题编号 cells are missing, malformed or repeated. */
  dailyIds: "每日检查：问题编号",
  submission: "处理表单提交",
  /** A 整改通知书 that could not be saved or mailed, as the digest names it. */
  notice: "整改通知书",
  setup: "初始化/更新",
  reprocess: "重新处理待核实",
  edit: "编辑",
  draw: "抽查",
  results: "抽查结果公示",
  summary: "发送汇总",
  /** The daily trigger's refresh of 汇总 (and the weekly and monthly mails when they are due). */
  scheduledSummary: "汇总",
} as const;

/** The daily reminders: the coordinator's (every department) and each department contact's. */
export const REMINDER_TITLE = {
  all: "整改提醒（全部）",
  dept: (dept: string) => `整改提醒：${dept}`,
  allDepartments: "各部门",
} as const;

/** How a draw's parameters are written in 抽查记录 (参数 column). */
export const drawParamsText = (p: {
  overallRate: number;
  villageCoverage: number;
  tierRates: Record<string, number>;
  inspectorsPerInstitution: number;
}) =>
  `比例 ${p.overallRate * 100}%；村覆盖 ${p.villageCoverage * 100}%；层级 ${Object.entries(p.tierRates)
    .map(([t, r]) => `${t}:${Math.round(r * 100)}%`)
    .join(" ")}；每家 ${p.inspectorsPerInstitution} 人`;

/** One institution in a list a person confirms: `R0001 阳光培训学校（东村）`. */
export const institutionLine = (i: { id: string; name: string; village: string }) =>
  `${i.id} ${i.name}（${i.village}）`;

/** A form question without a title in 待核实's raw answers; `title：answer` lines. */
export const RAW_ANSWER = {
  untitled: (id: number | string) => `问题 ${id}`,
  line: labelled,
  truncated: (length: number) =>
    `\n……（原始答案共 ${length} 字，超出单元格上限，以下从略；完整内容请点“回复链接”查看）`,
} as const;

/** The protection description on computed columns, and the default first sheet of a new spreadsheet. */
export const WORKBOOK = {
  protectionPrefix: "系统计算列：",
  defaultSheetNames: ["Sheet1", "工作表1"],
} as const;

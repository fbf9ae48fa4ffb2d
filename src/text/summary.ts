// The 汇总 tables as leaders read them: column headers of the 汇总 and 红黑名单 sheets (the county roll-up
// uses the same), of the weekly summary and bulletin mails, and the reasons the red/black list gives.
// Headers that name a status (已销号, 关停取缔, a licence bucket) are that status's own text, so a column
// and the values it counts cannot drift apart. Plain constants rather than objects: the bundle pays for
// every property name twice.
import { URGENCY } from "./words";
import { DISPOSITION, HEADERS, LICENCE_BUCKET, STATUS_CLOSED } from "./zh";

const RATE = "整改率";
const OVERDUE = URGENCY.overdue;
const CLOSED = "销号";
const FINDINGS = "问题";
const REGISTER = HEADERS.register;
const FINDING = HEADERS.findings;

/** The row of totals under every table (the complaints table too). */
export const TOTAL = "合计";

/** The licence buckets counted in the tables (证照状况 less 待核实证照). */
const LICENCE_COLUMNS = [
  LICENCE_BUCKET.complete,
  LICENCE_BUCKET.registeredNoPermit,
  LICENCE_BUCKET.permitNoLicence,
  LICENCE_BUCKET.none,
  LICENCE_BUCKET.beyondScope,
] as const;

/**
 * The columns of 排查整治汇总表 after the first (the register's 类型 or 村/社区, the county's 乡镇), in
 * summaryCells order.
 */
export const SUMMARY_COLUMNS = [
  "排查机构",
  ...LICENCE_COLUMNS,
  "问题数",
  "立即整改",
  "限期整改",
  "无法整改",
  STATUS_CLOSED,
  RATE,
  OVERDUE,
  DISPOSITION.close,
  DISPOSITION.register,
] as const;

/** 汇总's table by department (departmentTable). */
export const DEPARTMENT_COLUMNS = ["部门", "牵头问题", STATUS_CLOSED, RATE, "复查次数", OVERDUE] as const;

/** 汇总's weekly progress (weeklyProgress), the data of its chart. */
export const PROGRESS_COLUMNS = ["周（起）", "新发现", CLOSED, "累计整改率"] as const;

/** 红黑名单's two lists. */
export const LIST_COLUMNS = [REGISTER.id, REGISTER.name, REGISTER.type, REGISTER.village, "说明"] as const;

/** Why an institution is on a list (红黑名单's 说明); a shut-down one gives its disposition, 关停取缔. */
export const BLACK_OVERDUE = "整治期结束仍逾期未整改";
export const RED_ALL_CLOSED = "问题已全部整改销号";
export const RED_NO_FINDINGS = "检查未发现问题";

/** The summary mails' tables, with short headers for a phone's width. */
export const MAIL_COMPACT_COLUMNS = [
  "",
  "排查",
  FINDINGS,
  "立即/限期/无法",
  CLOSED,
  RATE,
  OVERDUE,
  "关停",
] as const;
export const MAIL_LICENCE_COLUMNS = ["", ...LICENCE_COLUMNS, DISPOSITION.register] as const;
export const MAIL_RANKING_COLUMNS = ["名次", "", FINDINGS, CLOSED, RATE, OVERDUE] as const;
export const MAIL_OVERDUE_COLUMNS = [
  FINDING.id,
  "机构",
  FINDING.village,
  FINDING.itemText,
  "期限",
  OVERDUE,
] as const;

/** The 逾期 column of the mails' overdue list: days past the deadline. */
export const overdueDaysText = (days: number) => `${days} 天`;

/** One row of a table in the mail's plain-text version. */
export const summaryTextLine = (
  label: string,
  swept: number,
  findings: number,
  closed: number,
  rate: string,
  overdue: number,
) => `${label}：排查 ${swept}，问题 ${findings}，销号 ${closed}，整改率 ${rate}，逾期 ${overdue}`;

/** 邮件记录's 类别 for the two summaries. */
export const SUMMARY_KIND_LABEL = { weekly: "周汇总", monthly: "月通报" } as const;

// User-facing strings of the campaign rules (issue 15): proposals and decisions, licence buckets, the
// holiday table's year mark, the digest's two templates, the daily reminder's 待核实 and 举报 sections,
// the results notice's warning, the monthly bulletin's period, and the public complaints channel (举报).
import { responseMark } from "./records";
import { TOTAL } from "./summary";

export const COMPLAINT_STATUS = { open: "待办理", closed: "已办结" } as const;

export const RULE_MSG = {
  holidayIncomplete: (y: number) =>
    `节假日表中 ${y} 年的放假安排尚未标为“全年已录入”，按工作日计算的整改期限暂定不了。请在「节假日」表按国务院通知补全 ${y} 年的放假和调休上班日期，再加一行：日期填 ${y} 年任一天（如 ${y}-01-01），类型选“全年已录入”。每日检查会自动补算期限。`,
  extensionTooLongWorking: (d: string, max: string, days: number) =>
    `延期日期 ${d} 超过上限 ${max}（原期限后 ${days} 个工作日）。`,
  proposedClose: "三类问题：拟关停取缔，待协调员在「机构名录」的「处置方式」中确认。",
};

/** The coordinator's digest: what was not accepted, what was accepted with a note, and run notices. */
export const DIGEST_TEXT = {
  rejectedHeading: (n: number) => `未能写入台账（${n} 条，已存入「待核实」）`,
  acceptedHeading: (n: number) => `已写入台账，但需要跟进（${n} 条）`,
  acceptedIntro: "以下检查记录已经写入台账，无需“重新处理待核实”；请按说明跟进。",
  noticeHeading: (n: number) => `系统提示（${n} 条）`,
  noticeIntro: "以下是系统运行中需要您知道的情况。",
  acceptedSubject: (township: string, n: number) => `【${township}】${n} 条检查记录已写入台账，有事项待跟进`,
  noticeSubject: (township: string, n: number) => `【${township}】台账系统提示（${n} 条）`,
  rejectedColumns: ["编号", "检查表", "提交人", "原因"],
  acceptedColumns: ["检查编号", "检查表", "提交人", "说明"],
  noticeColumns: ["事项", "", "", "说明"],
} as const;

/** Advice for an open 待核实 entry, chosen by its reason. */
export const PENDING_ADVICE = {
  register: "核对「机构名录」（补登或改正该机构）后，在菜单中选择“重新处理待核实”。",
  duplicate: "请检查人员用回复链接改选名录中的同一机构（或协调员核实两家确非同一机构后改名录），再重新处理。",
  roster: "在「检查人员」表补充该人员（或请检查人员用回复链接改正），再重新处理。",
  secondInspector: "执法检查须两人：请检查人员用回复链接补选第二名检查人员，再重新处理。",
  date: "请检查人员用回复链接改正检查日期，再重新处理。",
  answers: "请检查人员用回复链接补正表单中的这一项，再重新处理。",
  setup: "运行“初始化/更新”，再重新处理。",
  findingId: "核对「问题台账」中的问题编号，请复查人员用回复链接改正，再重新处理。",
  otherInspector: "另派未参加原检查的人员复查（或在「配置」中关闭此要求），再重新处理。",
  other: "核实后在菜单中选择“重新处理待核实”；确属无效的，将「处理状态」改为“已忽略”。",
} as const;

export const REMINDER_TEXT = {
  subject: (township: string, overdue: number, soon: number, pending: number, complaints: number) =>
    `【${township}】整改提醒：逾期 ${overdue} 项，临期 ${soon} 项${pending ? `；待核实 ${pending} 条` : ""}${complaints ? `；举报待办 ${complaints} 件` : ""}`,
  findingsHeading: "逾期和临期问题",
  pendingHeading: (n: number) => `待核实（${n} 条未处理）`,
  pendingIntro: "以下提交尚未写入台账，处理前每天列出：",
  complaintsHeading: (n: number) => `举报待办理（${n} 件）`,
  complaintsIntro:
    "以下举报尚未办结：对该机构进行一次检查，或在「举报登记」的「答复内容」中写明答复，即可办结。",
  complaintsIntroDept: (dept: string) => `以下是转${dept}牵头办理的举报，请安排核查：`,
  age: (days: number) => (days <= 0 ? "今天" : `${days} 天`),
  pendingColumns: ["编号", "收到", "已等待", "检查表", "提交人", "原因", "建议"],
  complaintColumns: ["举报编号", "收到", "已等待", "机构", "村/社区", "类别", "牵头部门", "内容"],
} as const;

export const RESULTS_TEXT = {
  confirmMissing: (n: number, list: string) =>
    `抽中的机构中有 ${n} 家在抽查后还没有检查记录，公示中将显示“尚未检查”：\n${list}\n\n仍要现在公示吗？（选“否”可等检查完成后再公示）`,
  cancelled: "已取消，未公示。检查完成后再选择“抽查结果公示”。",
} as const;

export const BULLETIN_TEXT = {
  subject: (township: string, period: string) => `【${township}】专项整治月通报（${periodLabel(period)}）`,
  period: (period: string, first: string, last: string, asOf: string) =>
    `本期月通报：${periodLabel(period)}（${first} 至 ${last}）。下列汇总表为截至 ${asOf} 的累计数。`,
  month: (period: string, found: number, closed: number, complaints: number) =>
    `${periodLabel(period)}新发现问题 ${found} 项，销号 ${closed} 项，收到举报 ${complaints} 件。`,
  /** A department contact's copy: the tables are the township's, the overdue list only its own. */
  ownOnly: (departments: string) => `逾期问题清单只列出${departments}牵头的问题；各表为全镇合计。`,
} as const;

/** "2026-03" → "2026 年 3 月". */
function periodLabel(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[1]} 年 ${Number(m[2])} 月` : period;
}

export const COMPLAINT_TEXT = {
  name: "被举报机构名称（或招牌）",
  village: "所在村/社区",
  unknownVillage: "不清楚",
  address: "详细地址或位置",
  type: "机构类型",
  unknownType: "不清楚",
  topic: "举报类别",
  content: "举报内容",
  contentHelp: "请写明发现的问题、时间和具体情况。",
  phone: "联系电话（选填）",
  phoneHelp: "仅用于核实和答复，不会公开。",
  publicLink: (url: string) => `公众举报表（无需登录，可对外公布）：${url}`,
  confirmation: "举报已收到。我们会转相关部门核查，留了电话的会有人与您联系。谢谢！",
  /** Names the response in a register row's note, so a re-run finds the institution it added. */
  responseMark,
  newInstitutionNote: (complaintId: string, responseId: string) =>
    `举报中提及（${complaintId}；${COMPLAINT_TEXT.responseMark(responseId)}），未经核实`,
  total: TOTAL,
  ambiguous: (ids: string) => `名录中有多家同名机构（${ids}），请在「机构编号」中指定`,
  closedByInspection: (date: string) => `检查（${date}）`,
  closedByReply: "协调员答复",
  migrated: "升级前「机构名录」中记录的投诉举报次数",
  migratedTopic: "原有记录",
  migratedRows: (n: number, count: number) =>
    `「机构名录」中 ${n} 家机构原有的 ${count} 次投诉举报已转入「举报登记」`,
  summaryTitle: "举报办理",
  summaryHeader: ["牵头部门", "收到", "已办结", "其中检查办结", "其中答复办结", "待办理"],
  mailLine: (received: number, open: number) => `举报：收到 ${received} 件，待办理 ${open} 件。`,
} as const;

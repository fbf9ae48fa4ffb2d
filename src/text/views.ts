// The strings of the views: mails' tables and charts, the 整改通知书 as served, the demo's index page.
// (src/text/zh.ts holds the rest; these are new with the phone-friendly renderers.)

export const VIEW_TEXT = {
  /** Shown for a table column the caller left without a header. */
  unnamedColumn: "名称",
} as const;

/** 整改通知书 as served (src/domain/notice.ts). */
export const NOTICE_VIEW = {
  title: "整改通知书",
  number: (prefix: string, year: number, n: number) => `${prefix}〔${year}〕第 ${n} 号`,
  blankNumber: "〔\u3000\u3000\u3000〕第\u3000\u3000\u3000号",
  office: (township: string) => `${township}专项整治工作领导小组办公室`,
  addressee: (name: string) => `${name}：`,
  labels: {
    address: "地址",
    operator: "举办者（负责人）",
    phone: "联系电话",
    responsible: "整改责任人",
    institutionId: "机构编号",
    date: "检查日期",
    departments: "检查部门",
    inspectors: "检查人员",
  },
  intro: (date: string, n: number) =>
    `经${date}现场检查，你单位存在以下 ${n} 项问题，违反了相关法律法规和安全管理规定。现责令你单位按下列要求整改：`,
  headers: { n: "序号", finding: "存在问题及依据", deadline: "整改期限" },
  classTag: { I: "【立即整改】", II: "【限期整改】", III: "【无法整改】" },
  found: "检查发现：",
  basis: "依据：",
  smallPrint: (code: string, id: string) => [code, id].filter(Boolean).join(" · "),
  fixedOnSpot: "已当场整改",
  closureProposed: "提请关停取缔",
  immediately: "立即整改",
  before: (date: string) => `${date} 前`,
  demandsHeading: "整改要求：",
  demandI: "标明“立即整改”的问题须立即停止相关活动并整改到位；",
  demandII: (interim: string) =>
    `标明“限期整改”的问题须在整改期限前整改完毕，整改期间落实临时管控措施${interim ? `（${interim.replace(/[。.；;]?$/, "")}）` : ""}，确保安全；`,
  report: (date: string) => `整改完成后请向本办报告，本办将于 ${date} 起组织复查。`,
  reportNoDate: "整改完成后请向本办报告，本办将组织复查。",
  failureHeading: "逾期不改的后果：",
  failureSuspend: "逾期未整改或复查不合格的，将依法责令停业整顿；",
  failureClosure: (items: number[]) =>
    `第 ${items.join("、")} 项问题不具备整改条件，本办将提请有关部门依法予以关停取缔。`,
  receiptHeading: "被检查单位签收",
  receiver: "签收人（签字）：______________",
  receivedOn: "签收日期：________ 年 ____ 月 ____ 日",
  seal: "（盖章）",
  issued: (date: string) =>
    `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`,
  officePhone: (phone: string) => `联系电话：${phone}`,
  /** No 整改通知书联系电话 in 配置: a line to write it on. */
  blankPhone: "______________",
  footer: (id: string) =>
    `本通知书一式两份，被检查单位和检查单位各执一份。检查编号 ${id}；由专项整治台账生成，问题编号用于复查和销号。`,
} as const;

/** A notice's name in Drive, by which a retry finds the copy already saved (src/app/notices.ts). */
export const noticeFileName = (inspectionId: string, institution: string) =>
  `${inspectionId} ${NOTICE_VIEW.title} ${institution}`;

/** The weekly chart of open vs signed-off findings (mails, 汇总, the demo's index page). */
export const CHART_TEXT = {
  title: "每周问题整改进度（已销号 / 未销号）",
  week: (monday: string) => `${monday.slice(5)} 周`,
  signedOff: "已销号",
  open: "未销号（待整改或待复查）",
} as const;

/** Under a reminder's cards when the mail lists only the first of them. */
export const reminderMore = (n: number) => `另有 ${n} 项未列出，请在台账中查看。`;

/** Reminder cards (逾期和临期整改提醒). */
export const REMINDER_VIEW = {
  asOf: (when: string) => `截至 ${when}`,
  address: "地址",
  responsible: "责任人",
  phone: "电话",
  item: "问题",
  deadline: "期限",
  department: "牵头部门",
  id: "问题编号",
} as const;

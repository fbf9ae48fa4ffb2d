// Every user-facing string (sheet names, headers, menus, form texts, messages, mails) lives here.

export const APP_NAME = "专项整治台账";

export const SHEET = {
  register: "机构名录",
  roster: "检查人员",
  inspections: "检查记录",
  findings: "问题台账",
  pending: "待核实",
  settings: "配置",
  log: "操作日志",
  holidays: "节假日",
  draws: "抽查记录",
  drawSnapshots: "抽查快照",
  notices: "公示",
  mailLog: "邮件记录",
  complaints: "举报登记",
  shadow: "状态底账",
} as const;

export const TYPE_LABEL = {
  training: "校外培训机构",
  aftercare: "校外托管机构",
  meal: "小饭桌",
  childcare: "托育机构",
} as const;

/** The class grid's extra column: a 一类 problem the inspector saw put right during the visit. */
export const CLASS_FIXED_ON_SPOT = "一类 已当场整改";

export const CLASS_LABEL = {
  I: "一类 立即整改",
  II: "二类 限期整改",
  III: "三类 无法整改",
} as const;

/** The classes' short names, which begin their labels (and 一类 已当场整改). */
export const CLASS_NAME = { I: "一类", II: "二类", III: "三类" } as const;

export const ANSWER = { ok: "符合", fail: "不符合", na: "不适用" } as const;

/** 已销号: the status most code tests for, so a constant of its own (shorter in the bundle than a lookup). */
export const STATUS_CLOSED = "已销号";

export const FINDING_STATUS = {
  open: "待整改",
  reported: "已整改待复查",
  closed: STATUS_CLOSED,
} as const;

export const REGISTRATION = { registered: "已登记", unverified: "待核实" } as const;

export const DISPOSITION = {
  register: "登记备案",
  rectify: "整改规范",
  suspend: "停业整顿",
  close: "关停取缔",
} as const;

/** complete: the coordinator's mark that a year's schedule is entered in full (one row per year). */
export const HOLIDAY_KIND = { off: "放假", work: "上班", complete: "全年已录入" } as const;

export const INSTITUTION_STATE = {
  notInspected: "未检查",
  passed: "检查合格",
  open: "整改中",
  done: "整改完成",
  suspendProposed: "拟停业整顿",
  suspended: "停业整顿中",
  closing: "拟关停取缔",
  closed: "已关停取缔",
} as const;

export const LICENCE_BUCKET = {
  complete: "证照齐全",
  registeredNoPermit: "有照无证",
  permitNoLicence: "有证无照",
  none: "无证无照",
  beyondScope: "超范围",
  unknown: "待核实证照",
} as const;

export const PENDING_STATE = { open: "待处理", reprocessed: "已重新处理", ignored: "已忽略" } as const;

export const YES = "是";
export const NO = "否";

export const MENU = {
  title: "专项整治",
  setup: "初始化/更新",
  reprocess: "重新处理待核实",
  daily: "立即检查逾期",
  draw: "抽查（双随机）",
  verifyDraw: "复核抽查",
  drawResults: "抽查结果公示",
  summary: "发送汇总",
  verifyLedger: "核验台账",
} as const;

export const HEADERS = {
  register: {
    id: "机构编号",
    name: "机构名称",
    type: "类型",
    village: "村/社区",
    address: "地址",
    operator: "举办者",
    phone: "联系电话",
    email: "联系邮箱",
    capacity: "核定人数",
    complaints: "投诉举报次数",
    permit: "办学许可证",
    businessLicence: "营业执照/登记证书",
    foodPermit: "食品经营许可证",
    healthPermit: "卫生许可证",
    healthFiling: "卫健备案",
    beyondScope: "超范围经营",
    licenceBucket: "证照状况",
    disposition: "处置方式",
    state: "整改状态",
    registration: "登记状态",
    lastInspected: "最近检查日期",
    formLink: "预填检查链接",
    notes: "备注",
  },
  roster: {
    name: "姓名",
    department: "部门",
    email: "邮箱",
    phone: "手机",
    village: "所在/联系村",
    active: "在岗",
  },
  inspections: {
    id: "检查编号",
    responseId: "表单回复ID",
    form: "检查表",
    formVersion: "表单版本",
    institutionId: "机构编号",
    institutionName: "机构名称",
    date: "检查日期",
    departments: "检查部门",
    inspectors: "检查人员",
    findingCount: "问题数",
    classI: "一类",
    classII: "二类",
    classIII: "三类",
    submittedBy: "提交人",
    submittedAt: "提交时间",
    responseLink: "回复链接",
    notice: "整改通知书",
    noticeNo: "通知书文号",
  },
  findings: {
    id: "问题编号",
    inspectionId: "检查编号",
    institutionId: "机构编号",
    institutionName: "机构名称",
    village: "村/社区",
    type: "机构类型",
    itemCode: "检查项编码",
    itemText: "检查项",
    description: "问题描述",
    class: "类别",
    department: "牵头部门",
    basis: "依据",
    foundOn: "发现日期",
    deadline: "整改期限",
    responsible: "整改责任人",
    interim: "临时管控措施",
    status: "状态",
    overdue: "逾期",
    extendedTo: "延期至",
    extensionReason: "延期理由",
    reinspections: "复查记录",
    closedOn: "销号日期",
    notes: "备注",
  },
  pending: {
    id: "编号",
    receivedAt: "收到时间",
    form: "检查表",
    responseId: "表单回复ID",
    submittedBy: "提交人",
    reasons: "原因",
    answers: "原始答案",
    responseLink: "回复链接",
    state: "处理状态",
  },
  settings: { key: "项目", value: "值", help: "说明" },
  log: {
    at: "时间",
    user: "操作人",
    action: "操作",
    target: "对象",
    oldValue: "原值",
    newValue: "新值",
    note: "说明",
    hash: "校验值",
  },
  holidays: { date: "日期", kind: "类型", name: "名称" },
  shadow: { id: "问题编号", record: "状态记录" },
  draws: {
    drawId: "抽查编号",
    drawnAt: "抽取时间",
    mode: "模式",
    seed: "随机种子",
    registerHash: "名录哈希",
    params: "参数",
    method: "方法",
    institutionId: "机构编号",
    institutionName: "机构名称",
    village: "村/社区",
    type: "类型",
    stratum: "抽取层",
    inspectors: "检查人员",
    relaxed: "放宽说明",
    formLink: "预填检查链接",
    inspectionId: "抽查检查编号",
    result: "抽查结果",
  },
  drawSnapshots: { drawId: "抽查编号", line: "行号", text: "内容" },
  notices: { at: "时间", drawId: "抽查编号", kind: "类别", text: "公示内容" },
  mailLog: { at: "时间", to: "收件人", subject: "主题", kind: "类别", result: "结果", key: "邮件编号" },
  complaints: {
    id: "举报编号",
    receivedAt: "收到时间",
    responseId: "表单回复ID",
    institutionId: "机构编号",
    institutionName: "被举报机构",
    village: "村/社区",
    address: "地址/位置",
    topic: "举报类别",
    department: "牵头部门",
    content: "举报内容",
    phone: "举报人电话",
    status: "办理状态",
    reply: "答复内容",
    closedBy: "办结方式",
    closedOn: "办结日期",
    notes: "备注",
  },
} as const;

/** Settings as the coordinator sees them: label, default and help. Keys are stable; labels are what the sheet shows. */
export const SETTING_LABEL = {
  township: "乡镇名称",
  campaignStart: "活动开始日期",
  campaignEnd: "活动结束日期",
  villages: "村/社区（用顿号或逗号分隔）",
  departments: "部门（用顿号或逗号分隔）",
  maxDeadlineDays: "整改期限上限（天）",
  deadlineMode: "期限计算方式（自然日/工作日）",
  dueSoonDays: "临期提醒（天）",
  coordinatorEmails: "协调员邮箱",
  departmentContacts: "部门联系人邮箱（部门:邮箱，每行一个）",
  leaderEmails: "领导邮箱",
  countyEmails: "县级报送邮箱",
  reinspectorMustDiffer: "复查人须不同于原检查人（是/否）",
  spotRate: "抽查比例（%）",
  villageCoverage: "抽查覆盖村比例（%）",
  tierRates: "风险层级抽查比例（%）",
  excludeRecentDays: "近期已检查不抽（天）",
  inspectorsPerInstitution: "每家抽查人员数",
  classIIDefaultDays: "二类默认整改期限（天）",
  deptRemindersWorkingDaysOnly: "部门提醒仅在工作日发送（是/否）",
} as const;

export const SETTING_HELP = {
  township: "显示在表单、邮件和通知书上。",
  campaignStart: "早于此日期的检查记录视为填写错误。",
  campaignEnd: "集中整治结束日期（可留空）。",
  villages: "新机构表单中的村/社区选项。",
  departments: "检查表中“检查部门”的选项。",
  maxDeadlineDays: "二类问题整改期限最长天数，文件要求一般不超过一个月。",
  deadlineMode: "自然日：按日历天数；工作日：跳过周末和节假日表中的假日。",
  dueSoonDays: "距整改期限不超过该天数的问题标为临期。",
  coordinatorEmails: "接收待核实汇总和逾期提醒，多个用逗号分隔。",
  departmentContacts: "每天收到本部门牵头问题的逾期和临期提醒，例如：消防:xf@example.cn。",
  leaderEmails: "接收周报和月通报，多个用逗号分隔。",
  countyEmails: "接收月通报，多个用逗号分隔。",
  reinspectorMustDiffer: "是：复查人员不能与原检查人员相同。",
  spotRate: "市级抽查要求不少于 10%；按风险层级抽取后不足此比例的随机补足。",
  villageCoverage: "抽中机构须覆盖的村/社区比例，不少于一半。",
  tierRates:
    "各风险层级的抽取比例。D：有逾期、三类问题或投诉；C：有未销号问题；B：未检查过；A：问题已全部销号。",
  excludeRecentDays: "该天数内检查过的机构不进入常规抽查。",
  inspectorsPerInstitution: "每家抽中机构派出的检查人员数，执法检查不少于 2 人。",
  classIIDefaultDays:
    "检查项默认期限为 0 天（本应立即整改）却被定为二类、且检查人员未填期限时，按此天数计算，按「期限计算方式」计自然日或工作日。",
  deptRemindersWorkingDaysOnly:
    "是：周末和「节假日」表中的假日不给部门联系人发提醒（调休上班日照常发送）；协调员的提醒每天照发。否：每天都发。",
} as const;

export const FORM_TEXT = {
  institution: "被检查机构",
  institutionHelp: "从名录中选择；名录中没有的请选最后一项并填写新机构信息。",
  newInstitutionChoice: "名录中没有——新发现机构",
  newSection: "新发现机构信息",
  newName: "机构名称",
  newVillage: "所在村/社区",
  newAddress: "详细地址",
  newOperator: "举办者/负责人",
  newPhone: "联系电话",
  date: "检查日期",
  departments: "检查部门",
  inspectors: "检查人员（至少两人）",
  inspectorsHelp: "执法检查须两人以上。",
  resultsHelp: "逐项勾选：符合 / 不符合 / 不适用。",
  problemSection: "问题处理",
  problemSectionHelp: "只填写“不符合”的检查项。",
  classGrid: "不符合项分类",
  classGridHelp:
    "每个不符合项选一类：一类当场整改；二类限期整改（须填责任人和临时措施）；三类无法整改（移交关停取缔）。",
  deadline: "整改期限（二类，可不填）",
  deadlineHelp: "不填则按各检查项默认期限计算。",
  responsible: "整改责任人（二类必填）",
  interim: "临时管控措施（二类必填）",
  descriptions: "问题描述",
  descriptionsHelp: "每行一条，以检查项编码开头，例如：FIRE-01 安全出口堆放杂物。",
  reinspectPassed: "复查通过的问题编号",
  reinspectPassedHelp:
    "每行一个问题编号（见问题台账或整改通知书），例如 JC20260301-001-02，可在编号后写说明。",
  reinspectFailed: "复查未通过的问题编号",
  reinspectFailedHelp: "每行一个问题编号，在编号后写明未通过的原因。",
  reinspectNote: "复查说明",
  confirmation: "已提交。系统会在几分钟内写入台账；若有填写问题，协调员会与您联系。",
} as const;

export const DRAW_TEXT = {
  tier: (t: string) => `风险${t}层`,
  typeCover: "类型覆盖",
  villageCover: "村覆盖",
  rateTopUp: "比例补足",
  relaxPrevious: "无法避开上次检查该机构的人员，已放宽此要求",
  relaxVillage: "无法避开本村/联系本村的人员，已放宽此要求",
  relaxDepartment: "可选人员只有一个部门，未能做到两个部门",
  relaxCount: (want: number, got: number) => `可选人员不足，只派出 ${got} 人（要求 ${want} 人）`,
  modeRegular: "常规抽查",
  modeLookback: "回头看",
  seedPrompt: "请输入本次抽查的公开随机种子（例如名录冻结后公布的开奖号码，原样输入）：",
  lookbackPrompt: "是否为“回头看”抽查？\n是：只从问题已全部销号或已关停取缔的机构中抽取；否：常规抽查。",
  seedMissing: "未输入随机种子，抽查未进行。",
  noEligible: "没有符合条件的机构，抽查未进行。",
  done: (id: string, n: number, of: number, hash: string) =>
    `抽查 ${id} 完成：从 ${of} 家中抽取 ${n} 家。名录哈希 ${hash.slice(0, 16)}…，详见「抽查记录」和「公示」。`,
  verifyPrompt: "请输入要复核的抽查编号（留空则复核最近一次）：",
  alreadyDrawn: (id: string) =>
    `用同一随机种子对同一名录的抽查已经完成（${id}），未重复抽取。详见「抽查记录」和「公示」。`,
  resultsKind: "结果公示",
  verifyOk: (id: string) => `抽查 ${id} 复核一致：名录哈希、抽中机构和检查人员均与记录相同。`,
  verifyFail: (id: string, why: string) => `抽查 ${id} 复核不一致：${why}`,
  verifyNotFound: (id: string) =>
    id ? `找不到抽查 ${id} 的记录或名录快照。` : "还没有完成的抽查：请先在菜单中选择“抽查（双随机）”。",
  hashMismatch: "名录快照的哈希与记录不符（快照被改动）",
  selectionMismatch: (detail: string) => `重新抽取的结果与记录不同：${detail}`,
  noticeTitle: (township: string, mode: string) => `${township}校外培训及托管机构“双随机”${mode}公示`,
  resultsTitle: (township: string, id: string) => `${township}“双随机”抽查结果公示（${id}）`,
  notInspectedYet: "尚未检查",
  noProblems: "未发现问题",
  problems: (n: number, i: number, ii: number, iii: number) =>
    `发现问题 ${n} 项（一类 ${i}、二类 ${ii}、三类 ${iii}）`,
} as const;

/** The notice's mail and Drive folder; the notice itself is NOTICE_VIEW (src/text/views.ts). */
export const NOTICE_TEXT = {
  noDeadline: "—",
  mailSubject: (township: string, name: string) => `【${township}】整改通知书：${name}`,
  folder: "整改通知书",
  failed: (id: string, why: string) => `${id} 整改通知书未能生成：${why}。系统会在下次运行时重试。`,
  mailLater: (subject: string) => `「${subject}」因邮件配额或地址问题暂未发出，系统会在下次运行时重试。`,
} as const;

export const SUMMARY_TEXT = {
  sheet: "汇总",
  listSheet: "红黑名单",
  titleByType: (township: string, date: string) =>
    `${township}校外培训及托管机构排查整治汇总表（截至 ${date}）`,
  titleByVillage: "按村/社区",
  titleByDepartment: "按部门",
  titleProgress: "每周进度",
  chartTitle: "每周新发现与销号问题、累计整改率（%）",
  redTitle: (township: string) => `${township}红名单（合规机构）`,
  blackTitle: (township: string) => `${township}黑名单（关停取缔或逾期未整改）`,
  weeklySubject: (township: string, date: string) => `【${township}】专项整治周汇总（${date}）`,
  intro: (date: string) => `截至 ${date}，排查整治情况如下（整改率 = 已销号问题 ÷ 发现问题）。`,
  byTypeHeading: "按机构类型",
  licenceHeading: "证照情况",
  byVillageHeading: "按村/社区",
  villageRanking: "各村/社区整改率排名",
  departmentRanking: "各部门整改率排名",
  overdueHeading: (n: number) => `逾期未整改问题（${n} 项）`,
  more: (n: number) => `另有 ${n} 项未列出，请打开台账查看。`,
  openSheet: "打开台账",
  sendAgain: "今天已经发送过这份汇总。是否再次发送给全部收件人？",
  mailResult: (r: "sent" | "failed" | "uncertain") =>
    r === "sent"
      ? "已发送"
      : r === "failed"
        ? "未发送：邮件配额不足或地址无效，稍后重试"
        : "可能未送达（发送中断）",
  sent: (sent: number, failed: number) =>
    `汇总已更新，发送邮件 ${sent} 封${failed ? `，${failed} 封未能发送（见「邮件记录」）` : ""}。`,
} as const;

export const MSG = {
  setupDone: (forms: number, triggers: number) =>
    `初始化完成：${forms} 张检查表已就绪，触发器 ${triggers} 个。`,
  setupRepaired: (what: string) => `已修复：${what}`,
  setupTimeZone: (tz: string) => `表格时区设为 ${tz}`,
  setupCreatedSheet: (name: string) => `创建工作表「${name}」`,
  setupAddedColumns: (sheet: string, columns: string) => `「${sheet}」补回列 ${columns}`,
  setupRemovedSheet: (name: string) => `删除空白工作表「${name}」`,
  setupSettingsAdded: (sheet: string, labels: string) => `「${sheet}」补回 ${labels}`,
  setupHolidays: (sheet: string, years: string) => `「${sheet}」补入 ${years}`,
  setupIds: (n: number) => `为 ${n} 家机构生成编号`,
  setupLinks: (n: number) => `更新 ${n} 条预填检查链接`,
  setupFormCreated: (title: string) => `创建检查表「${title}」`,
  setupFormAdopted: (title: string) => `找回上次中断时已创建的检查表「${title}」`,
  setupFormUpdated: (title: string, version: string) => `检查表「${title}」更新到 ${version}`,
  setupFormBuilt: (title: string) => `检查表「${title}」题目已生成`,
  setupFormUnlinked: (tab: string) => `断开不属于本系统的表单（回复表「${tab}」）`,
  setupDrawTakenBack: (id: string) => `撤回未完成的抽查 ${id}`,
  protectedSheet: (name: string) => `「${name}」由系统写入`,
  protectedColumn: (header: string) => `「${header}」仅协调员可改`,
  chooseFromList: (values: string) => `请从列表中选择：${values}`,
  notSetUp: "尚未初始化：请在菜单“专项整治 → 初始化/更新”中运行一次。",
  missingSheet: (name: string) => `找不到工作表「${name}」。请勿删除或改名；运行“初始化/更新”可重建。`,
  missingColumn: (sheet: string, column: string) =>
    `工作表「${sheet}」缺少列「${column}」。请恢复该列标题，或运行“初始化/更新”补回。`,
  digestRepeat: "（上次摘要发送中断，可能未送达，再次列出）",
  lockBusyRun: (action: string) => `「${action}」未能运行：另一项处理正在进行，请稍后再试。`,
  summaryRetry: (action: string) => `「${action}」遇到另一项处理正在进行，已安排 10 分钟后自动重试。`,
  mailUncertain: (subject: string, to: string, why: string) =>
    `邮件「${subject}」（收件人 ${to}）发送时中断（${why}），可能未送达；为避免重复，系统不会自动重发，请核实后手工补发。`,
  editSkipped: (sheet: string, key: string, column: string) =>
    `「${sheet}」${key} 的「${column}」在处理期间被人修改，系统保留了修改后的内容，未覆盖。`,
  rowsMissing: (sheet: string, keys: string) =>
    `「${sheet}」中找不到 ${keys}（行被删除或编号被改），系统未写入这些行。`,
  lockBusyLog: (id: string) =>
    `表单回复 ${id} 暂未写入台账：另一项处理正在进行。回复已保存在表单中，下一次提交或每日检查时自动写入。`,
  unexpected: (why: string) =>
    `处理未完成：${why}。数据未丢失，下次运行会继续；如反复出现，请运行“初始化/更新”。`,
  // validation reasons (each names the question)
  unknownInstitution: (answer: string) => `「${FORM_TEXT.institution}」：名录中找不到“${answer}”。`,
  noInstitution: `「${FORM_TEXT.institution}」未选择。`,
  newInstitutionMissing: (field: string) => `新发现机构缺少「${field}」。`,
  newInstitutionDuplicate: (id: string, name: string) =>
    `新发现机构与名录中的 ${id}「${name}」重复（名称和村/地址相同），请改选名录中的机构。`,
  dateMissing: `「${FORM_TEXT.date}」未填写或格式不对。`,
  dateFuture: (d: string) => `「${FORM_TEXT.date}」${d} 晚于今天。`,
  dateBeforeCampaign: (d: string, start: string) => `「${FORM_TEXT.date}」${d} 早于活动开始日期 ${start}。`,
  tooFewInspectors: (n: number) => `「${FORM_TEXT.inspectors}」只选了 ${n} 人，执法检查至少两人。`,
  unknownInspector: (name: string) => `「${FORM_TEXT.inspectors}」中的“${name}”不在检查人员名单中。`,
  missingClass: (code: string) => `「${FORM_TEXT.classGrid}」：不符合项 ${code} 未选类别。`,
  classWithoutFailure: (code: string) =>
    `「${FORM_TEXT.classGrid}」：${code} 选了类别，但检查结果不是“不符合”。`,
  missingResponsible: (codes: string) =>
    `「${FORM_TEXT.responsible}」：二类问题（${codes}）须填写整改责任人。`,
  missingInterim: (codes: string) => `「${FORM_TEXT.interim}」：二类问题（${codes}）须填写临时管控措施。`,
  deadlineTooLate: (d: string, max: string, days: number) =>
    `「${FORM_TEXT.deadline}」${d} 超过整改期限上限 ${max}（${days} 天）。`,
  deadlineBeforeInspection: (d: string) => `「${FORM_TEXT.deadline}」${d} 早于检查日期。`,
  naNotAllowed: (code: string) => `检查项 ${code} 不允许选“不适用”。`,
  missingAnswer: (code: string) => `检查项 ${code} 未作答。`,
  unknownCode: (code: string) => `「${FORM_TEXT.descriptions}」中的编码 ${code} 不是本表的不符合项。`,
  unknownForm: "收到的回复不属于任何已登记的检查表（表单可能已被替换），请运行“初始化/更新”。",
  pendingDigestSubject: (township: string, n: number) => `【${township}】${n} 条检查记录待核实`,
  pendingDigestIntro:
    "以下检查记录未能写入台账，原始答案已保存在「待核实」表中。请核对名录或联系检查人员后，在菜单中选择“重新处理待核实”。",
  reprocessDone: (ok: number, still: number) => `重新处理完成：${ok} 条已写入台账，${still} 条仍待核实。`,
  settingInvalid: (label: string, value: string, why: string) => `配置「${label}」的值“${value}”无效：${why}`,
  // rectification
  statusUnknown: (s: string) => `状态“${s}”不在选项中（待整改 / 已整改待复查 / 已销号）。`,
  closeOnlyByReinspection: "“已销号”只能由复查表确认：请填写整改复查表，复查通过后系统自动销号。",
  reopenClosed: "已销号的问题不能改回；如有反弹，请重新检查并登记新问题。",
  extensionOnce: (d: string) => `每个问题只能延期一次，已延期至 ${d}。`,
  extensionNotDate: (v: string) => `“${v}”不是日期，请填写如 2026-04-15。`,
  extensionClassIII: "三类问题无法整改，不设期限，不能延期。",
  extensionClosed: "问题已销号，无需延期。",
  extensionNoReason: "请先在「延期理由」中写明理由，再填写延期日期。",
  extensionNoDeadline: "该问题尚无整改期限，无法延期。",
  extensionNotLater: (d: string, deadline: string) => `延期日期 ${d} 不晚于原整改期限 ${deadline}。`,
  extensionTooLong: (d: string, max: string, days: number) =>
    `延期日期 ${d} 超过上限 ${max}（原期限后 ${days} 天）。`,
  deadlineUseExtension: "整改期限不能直接修改；延期请填写「延期至」和「延期理由」。",
  computedColumn: (column: string) => `「${column}」由系统生成，不能手工修改。`,
  editReverted: (why: string) => `已撤销修改：${why}`,
  pasteUnchecked: (column: string) =>
    `粘贴覆盖了系统列「${column}」，系统无法恢复原值，请撤销（Ctrl+Z）后重新粘贴。`,
  holidayMissing: (y: number) =>
    `节假日表中没有 ${y} 年的数据，按工作日计算的整改期限暂定不了。请在「节假日」表补充 ${y} 年国务院放假安排后运行“初始化/更新”。`,
  closedByDisposition: "机构已关停取缔，问题随之销号。",
  brokenIds: (rows: string) =>
    `「问题台账」第 ${rows} 行的问题编号缺失、格式不对或重复（可能被粘贴覆盖）。请按「检查记录」和整改通知书恢复，或撤销粘贴。`,
  // re-inspection
  reinspectNoIds: "「复查通过的问题编号」和「复查未通过的问题编号」都没有填写。",
  reinspectUnknownId: (id: string) => `问题编号 ${id} 不在问题台账中。`,
  reinspectOtherInstitution: (id: string, inst: string) => `问题 ${id} 不属于所选机构 ${inst}。`,
  reinspectAlreadyClosed: (id: string) => `问题 ${id} 已销号。`,
  reinspectClassIII: (id: string) => `问题 ${id} 是三类（无法整改），随机构关停取缔销号，不能复查销号。`,
  reinspectSameInspector: (id: string, names: string) =>
    `问题 ${id} 的复查人员 ${names} 参加过原检查；按配置，复查须由其他人员进行。`,
  reinspectBothLists: (id: string) => `问题编号 ${id} 同时出现在“通过”和“未通过”中。`,
  dailyDone: (overdue: number, soon: number, sent: number, left: number) =>
    `每日检查完成：逾期 ${overdue} 项，临期 ${soon} 项；发送提醒 ${sent} 封${left ? `，${left} 封因邮件配额留待下次发送` : ""}。`,
  // reminders
  reminderIntro: (dept: string) => `以下是${dept}牵头的逾期和临期整改问题，请督促整改：`,
} as const;

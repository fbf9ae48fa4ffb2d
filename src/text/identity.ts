// User-facing strings of "who may write the ledger" (issue 14): the respondent checks on inspections and
// re-inspections, the coordinator's sign-off confirmation (销号需协调员确认) and the unknown editor.

/** What 操作日志 records when Google withholds the address of the person who acted. */
export const UNKNOWN_USER = "未知（见版本记录）";

/** The date of a passing re-inspection in 复查记录 (findingRecordText in src/domain/reinspection.ts). */
export const PASSED_ON = /(\d{4}-\d{2}-\d{2}) 复查通过（/g;

/** A finding whose re-inspection passed, waiting for a coordinator to confirm the sign-off. */
export const SIGNOFF_PENDING = "待确认销号";

export const IDENTITY_SETTING = {
  label: { signoffNeedsConfirmation: "销号需协调员确认（是/否）" },
  help: {
    signoffNeedsConfirmation:
      "是：复查通过的问题先标为“待确认销号”，由协调员在菜单“确认销号…”中确认后才销号；否：复查通过即销号。",
  },
} as const;

export const IDENTITY_MSG = {
  noRespondent:
    "表单没有记录提交人的登录邮箱（旧表单或未开启“收集已验证的邮箱地址”）。请协调员运行菜单“初始化/更新”，再请检查人员登录本人 Google 账号重新提交。",
  notVerified: (email: string) =>
    `提交人邮箱 ${email} 未经 Google 验证（表单当时未要求登录）。请协调员运行菜单“初始化/更新”，再请检查人员登录本人 Google 账号重新提交。`,
  notOnRoster: (email: string) =>
    `提交人 ${email} 不是「检查人员」中的人员（或已被删除），其提交不能写入台账。确为检查人员的，请在「检查人员」表登记其邮箱后“重新处理待核实”。`,
  respondentInactive: (name: string, email: string) =>
    `提交人 ${name}（${email}）在「检查人员」中标为不在岗，其提交不能写入台账。`,
  notNamed: (name: string, named: string) =>
    `提交人 ${name} 不是本表所填检查人员（${named || "未填"}）之一：检查记录须由参加检查的人员本人提交。`,
  inspectorInactive: (choice: string) => `检查人员“${choice}”在「检查人员」中标为不在岗。`,
  respondentIsOriginal: (findingId: string, name: string) =>
    `提交人 ${name} 是问题 ${findingId} 的原检查人员，不能提交该问题的复查：须由未参加原检查的在岗人员复查并提交。`,
  verifiedOff: (form: string) =>
    `表单「${form}」已不再收集“已验证”的邮箱地址（有人在 Google 表单的设置中改了）：此后的提交无法确认提交人，一律转入待核实。请运行菜单“初始化/更新”恢复该设置，再请检查人员登录本人 Google 账号重新提交。`,
  verifiedOffAction: "表单设置被改",
  awaitingConfirmation: (findingId: string) =>
    `问题 ${findingId} 已复查通过，正等待协调员确认销号，无需再次复查。`,
} as const;

export const SIGNOFF_TEXT = {
  menu: "确认销号…",
  action: "确认销号",
  noneWaiting: "「问题台账」中没有“待确认销号”的问题。",
  noneInSelection:
    "所选的行中没有“待确认销号”的问题。请选中要确认的行（或只选中表头，确认全部待确认的问题）后再试。",
  ask: (n: number, list: string) =>
    `以下 ${n} 条问题已复查通过，确认销号吗？确认后状态改为“已销号”，不能撤回。\n\n${list}`,
  askSelected: (n: number, list: string) =>
    `确认销号所选的 ${n} 条问题吗？确认后状态改为“已销号”，不能撤回。\n\n${list}`,
  cancelled: "已取消，没有确认任何问题。",
  done: (n: number) => `已确认销号 ${n} 条问题，已记入「操作日志」。`,
  skipped: (n: number) => `另有 ${n} 条在确认前被他人修改，未改动，请核对后再试。`,
  notCoordinator: (who: string) =>
    `只有表格所有者或「配置」中“协调员邮箱”所列的协调员可以确认销号（当前用户：${who}）。`,
  identityUnknown:
    "无法识别当前用户的邮箱（Google 未提供），不能确认销号。请用表格所有者或协调员本人的账号打开表格后再试。",
  record: (date: string, by: string) => `${date} 协调员确认销号（${by}）`,
  line: (id: string, institution: string, item: string) => `${id}  ${institution}  ${item}`,
  more: (n: number) => `……另有 ${n} 条`,
} as const;

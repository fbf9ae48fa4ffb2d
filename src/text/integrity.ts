// What the script says about the ledger's integrity: the 操作日志 hash chain, 核验台账, the summary line.
export const INTEGRITY_TEXT = {
  verifyAction: "核验台账",
  dailyAction: "每日检查：台账核验",
  chainOk: (checked: number, short: string) =>
    `操作日志校验通过：共核验 ${checked} 行，最新校验值 ${short || "（暂无）"}。`,
  chainNotStarted: "操作日志尚无校验值：校验链从升级后“初始化/更新”之后写入的第一行开始。",
  chainBefore: (rows: number) => `（升级前的 ${rows} 行不在校验链内。）`,
  chainChanged: (row: number) =>
    `操作日志第 ${row} 行被改动过（或其前一行被改动、删除）：该行的校验值与内容不符。操作日志只能由系统追加，请在“文件 → 版本记录”中查看是谁在何时修改，并恢复原内容。`,
  chainUnhashed: (row: number) =>
    `操作日志第 ${row} 行没有校验值：该行是手工插入的，或其校验值被清除。请在“文件 → 版本记录”中查看并恢复。`,
  summaryHashLine: (short: string, full: string) =>
    `台账校验值（操作日志最新一行）：${short}（完整：${full}）。请保存本邮件；日后可用此值核对台账记录是否被事后改动。`,
  summaryNoHash: "台账校验值：操作日志尚未开始校验链（请运行“初始化/更新”）。",
} as const;

/** 状态底账 and the comparison of 问题台账 with it. */
export const SHADOW_TEXT = {
  restoreAction: "按底账恢复",
  restoredCell: (column: string) => `${column}只能由系统修改（表单、菜单或逐格修改），已按状态底账恢复。`,
  restored: (count: number, list: string) =>
    `问题台账有 ${count} 处状态类单元格与系统记录（状态底账）不符，已恢复：${list}。`,
  missing: (ids: string) =>
    `以下问题在状态底账中有记录，但问题台账中找不到（整行被删除或问题编号被改）：${ids}。请从“文件 → 版本记录”恢复该行。`,
  unknown: (list: string) =>
    `问题台账中以下问题不是系统写入的（手工插入或粘贴）：${list}。请核实后删除该行，或通过检查表单重新提交。`,
  duplicates: (ids: string) => `问题台账中以下问题编号出现不止一次：${ids}。请删除重复的行。`,
  counts: (list: string) => `以下检查记录的问题数与问题台账不一致：${list}。`,
  countItem: (id: string, recorded: number, ledger: number) =>
    `${id}（记录 ${recorded} 条，台账 ${ledger} 条）`,
  empty: "状态底账为空而问题台账已有问题：请运行“初始化/更新”建立状态底账。",
  damaged: (ids: string) =>
    `状态底账中以下问题的记录已损坏（状态底账只能由系统写入），未据此恢复问题台账：${ids}。请从“文件 → 版本记录”恢复状态底账。`,
  upgraded: "状态底账改为新格式（每条问题一行、一格记录），已按当前问题台账重新建立",
  seeded: (count: number) => `已按当前问题台账建立状态底账（${count} 条问题）`,
  findingsOk: (count: number) => `问题台账与状态底账一致（${count} 条问题）。`,
  pasteReverted: (column: string) =>
    `粘贴不能修改“${column}”：该列由系统维护（状态请逐格修改或通过表单、菜单），已按状态底账恢复。`,
  structureAction: "台账结构变动",
  list: (shown: readonly string[], total: number) =>
    shown.join("、") + (total > shown.length ? ` 等 ${total} 项` : ""),
  restoredItem: (id: string, column: string, found: string, restored: string) =>
    `${id} ${column}：${found || "（空）"} → ${restored || "（空）"}`,
  unknownItem: (id: string, row: number) => `${id}（第 ${row} 行）`,
} as const;

/** A person's edit of a sheet only the script writes, and of a ledger sheet's header row. */
export const GUARD_TEXT = {
  revertedAction: "修改被撤销",
  headerAction: "修改表头",
  reverted: (sheet: string, column: string) =>
    `「${sheet}」由系统写入，“${column}”不能手工修改，已恢复原值。`,
  notRestored: (sheet: string, cells: string) =>
    `「${sheet}」由系统写入，${cells}被手工修改，系统无法恢复原值：请撤销（Ctrl+Z），或从“文件 → 版本记录”恢复。`,
  cell: (row: number, column: string) => `第 ${row} 行“${column}”`,
  block: (first: number, rows: number, cells: number) =>
    `第 ${first}${rows > 1 ? `–${first + rows - 1}` : ""} 行的 ${cells} 个单元格`,
  headerRestored: (sheet: string, header: string) =>
    `「${sheet}」的列标题“${header}”被改动：系统按列标题查找数据，已恢复原标题。`,
} as const;

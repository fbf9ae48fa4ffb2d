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

// What 初始化/更新 tells the coordinator when it needs more than one run: Apps Script stops a run after
// 6 minutes, so a long setup stops itself before that and carries on in the next run.
export const SETUP_RUNS = {
  /** A run that stopped before the limit: what is done, what is left (the forms' titles), what next. */
  stopped: (formsDone: number, forms: number, left: readonly string[]) =>
    `初始化/更新需分几次完成（每次运行限 6 分钟）。已完成：工作表、触发器、表单 ${formsDone}/${forms}；尚余：${left.map((t) => `「${t}」、`).join("")}预填检查链接。约 1 分钟后自动继续，完成后记入「操作日志」；也可再点「初始化/更新」。`,
  /** After the done message of a setup that took several runs. */
  runs: (n: number) => `（分 ${n} 次运行完成）`,
} as const;

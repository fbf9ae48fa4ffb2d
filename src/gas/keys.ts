// Every document-property key the script uses, in one place. Properties hold the script's own
// bookkeeping (never ledger data): caches, cursors over form responses, the effects outbox.
export const PROP = {
  /** Copies of 配置 and 检查人员, dropped when a person edits those sheets. */
  settingsCache: "cache:settings",
  rosterCache: "cache:roster",
  /** Per form definition: what setup built (`form:<defId>`). */
  formRecord: "form:",
  /** Per form definition: the newest response timestamp handled (`seen:<defId>`). */
  responsesSeen: "seen:",
  /** Per form definition: ids handled inside the look-back window (`recent:<defId>`). */
  responsesRecent: "recent:",
  /** Set before 待核实 is first written: until then a submission need not read it. */
  pendingUsed: "submit:pendingUsed",
  /** Set while a submission writes: a run that died leaves it, and the next one checks what is there. */
  submitInflight: "submit:inflight",
  /** The coordinator's digest: entries waiting to be mailed, and when the last digest went out. */
  digestQueue: "digest:queue",
  digestLastSent: "digest:lastSentAt",
  /** The digest being sent: its key and entries, until the mail is done. */
  digestSending: "digest:sending",
  /** The Drive folder of the 整改通知书. */
  noticeFolder: "notice:folder",
  /** Per year: the last 整改通知书 文号 given and which inspection got which (`noticeNo:<yyyy>`). */
  noticeNumbers: "noticeNo:",
  /** The effects outbox: one record per mail, notice or other external effect (`fx:<key>`). */
  outbox: "fx:",
  /** A draw under way (its id and seed), until it is complete. */
  drawInProgress: "draw:inProgress",
  /** Summaries due but not yet sent to everyone (`due:<kind>:<period>`). */
  summaryDue: "due:",
  /** A message left by a run that could not take the lock (`note:<time>-<n>`), logged by the next. */
  lateNote: "note:",
  /** Per inspection day: the highest sequence number used (`seq:<yyyymmdd>`). */
  inspectionSeq: "seq:",
  /** From which day (yyyymmdd) the per-day sequences are complete; setup rebuilds them from the ledger. */
  inspectionSeqSince: "seqSince",
  /** A 确认销号 under way (ids, who, when), until its findings and 操作日志 lines are all written. */
  signoffInflight: "signoff:inflight",
  /** Set once 举报登记 holds a row: until then the daily check need not read it. */
  complaintsUsed: "complaints:used",
  /** The checklist 初始化/更新 last applied from 检查项目, in pieces (`checklist:n`, `checklist:0`, …). */
  appliedChecklist: "checklist:",
  /** Per form definition: a fingerprint of the choice lists last set by a run (`cache:choices:<defId>`). */
  choicesSet: "cache:choices:",
  /** An 初始化/更新 that stopped before the time limit: when it began, its runs, the forms done. */
  setupPass: "setup:pass",
  /** 协调员邮箱 as confirmed by the owner's last 初始化/更新 (src/app/coordinators.ts). */
  coordinatorsConfirmed: "coordinators:confirmed",
} as const;

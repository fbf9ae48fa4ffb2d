// Every document-property key the script uses, in one place. Properties hold the script's own
// bookkeeping (never ledger data): caches, cursors over form responses, the effects outbox.
// Plain constants, not one object: each use is then a short name in the bundle, not a property lookup.

/** Copies of 配置 and 检查人员, dropped when a person edits those sheets. */
export const PROP_SETTINGS_CACHE = "cache:settings";
/** See PROP_SETTINGS_CACHE. */
export const PROP_ROSTER_CACHE = "cache:roster";
/** Per form definition: what setup built (`form:<defId>`). */
export const PROP_FORM_RECORD = "form:";
/** Per form definition: the newest response timestamp handled (`seen:<defId>`). */
export const PROP_RESPONSES_SEEN = "seen:";
/** Per form definition: ids handled inside the look-back window (`recent:<defId>`). */
export const PROP_RESPONSES_RECENT = "recent:";
/** Set before 待核实 is first written: until then a submission need not read it. */
export const PROP_PENDING_USED = "submit:pendingUsed";
/** Set while a submission writes: a run that died leaves it, and the next one checks what is there. */
export const PROP_SUBMIT_INFLIGHT = "submit:inflight";
/** The coordinator's digest: entries waiting to be mailed, and when the last digest went out. */
export const PROP_DIGEST_QUEUE = "digest:queue";
/** See PROP_DIGEST_QUEUE. */
export const PROP_DIGEST_LAST_SENT = "digest:lastSentAt";
/** The digest being sent: its key and entries, until the mail is done. */
export const PROP_DIGEST_SENDING = "digest:sending";
/** The Drive folder of the 整改通知书. */
export const PROP_NOTICE_FOLDER = "notice:folder";
/** Per year: the last 整改通知书 文号 given and which inspection got which (`noticeNo:<yyyy>`). */
export const PROP_NOTICE_NUMBERS = "noticeNo:";
/** The effects outbox: one record per mail, notice or other external effect (`fx:<key>`). */
export const PROP_OUTBOX = "fx:";
/** A draw under way (its id and seed), until it is complete. */
export const PROP_DRAW_IN_PROGRESS = "draw:inProgress";
/** Summaries due but not yet sent to everyone (`due:<kind>:<period>`). */
export const PROP_SUMMARY_DUE = "due:";
/** A message left by a run that could not take the lock (`note:<time>-<n>`), logged by the next. */
export const PROP_LATE_NOTE = "note:";
/** Per inspection day: the highest sequence number used (`seq:<yyyymmdd>`). */
export const PROP_INSPECTION_SEQ = "seq:";
/** From which day (yyyymmdd) the per-day sequences are complete; setup rebuilds them from the ledger. */
export const PROP_INSPECTION_SEQ_SINCE = "seqSince";
/** A 确认销号 under way (ids, who, when), until its findings and 操作日志 lines are all written. */
export const PROP_SIGNOFF_INFLIGHT = "signoff:inflight";
/** Set once 举报登记 holds a row: until then the daily check need not read it. */
export const PROP_COMPLAINTS_USED = "complaints:used";
/** The checklist 初始化/更新 last applied from 检查项目, in pieces (`checklist:n`, `checklist:0`, …). */
export const PROP_APPLIED_CHECKLIST = "checklist:";
/** Per form definition: a fingerprint of the choice lists last set by a run (`cache:choices:<defId>`). */
export const PROP_CHOICES_SET = "cache:choices:";
/** An 初始化/更新 that stopped before the time limit: when it began, its runs, the forms done. */
export const PROP_SETUP_PASS = "setup:pass";
/** 协调员邮箱 as confirmed by the owner's last 初始化/更新 (src/app/coordinators.ts). */
export const PROP_COORDINATORS_CONFIRMED = "coordinators:confirmed";

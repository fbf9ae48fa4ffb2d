// One lock policy for every run that writes. Each entry point runs its work through `exclusive`: the
// script lock is taken (waiting a little), the work reads, plans and commits, the lock is released.
// A busy lock is handled the same way everywhere: the work is left for later (a form response stays in
// its form, a summary is retried), and the coordinator is told. A run that fails tells the coordinator
// in plain Chinese and still fails, so Apps Script's own failure mail reaches the owner.
import { MSG } from "../text/zh";
import { PROP_LATE_NOTE } from "../gas/keys";
import type { Services } from "../gas/ports";
import { LedgerError } from "../gas/sheets";
import { digestNote, enqueueDigest } from "./digest-queue";
import { appendLog, scriptAccount, type LogEntry } from "./log";
import { LOG_ACTION } from "../text/words";
import { parseJson } from "../domain/json";
import { nowMs } from "./context";

export interface RunOptions {
  /** How long to wait for another run to finish. */
  waitMs: number;
  /** What to do when the lock stays busy (besides telling the coordinator). */
  onBusy?: () => void;
  /** The message for the coordinator when the lock stays busy. */
  busyMessage?: string;
}

/** The wait most runs allow another run to finish: half a minute (a person is usually watching). */
export const USUAL_WAIT: RunOptions = { waitMs: 30_000 };

export function exclusive<T>(
  svc: Services,
  action: string,
  options: RunOptions,
  work: () => T,
): T | undefined {
  if (!svc.lock.tryLock(options.waitMs)) {
    options.onBusy?.();
    noteForLater(svc, LOG_ACTION.waiting, options.busyMessage ?? MSG.lockBusyRun(action));
    return undefined;
  }
  try {
    flushNotes(svc);
    return work();
  } catch (e) {
    const message = e instanceof LedgerError ? e.message : MSG.unexpected((e as Error)?.message ?? String(e));
    tellCoordinator(svc, message, action);
    throw e;
  } finally {
    svc.lock.release();
  }
}

/**
 * Tells the coordinator under the lock: a toast for whoever has the sheet open, a line in 操作日志 and
 * the next digest mail.
 */
export function tellCoordinator(svc: Services, message: string, action: string): void {
  svc.ui.toast(message);
  try {
    if (svc.ledger.has("log"))
      appendLog(svc, [{ user: scriptAccount(svc), action, target: "", note: message }]);
  } catch (_e) {
    // The log sheet itself may be what is broken; the digest and the failure mail remain.
  }
  try {
    enqueueDigest(svc, [digestNote(action, message)]);
  } catch (_e) {
    // Properties unavailable: the toast and the failure mail remain.
  }
}

/**
 * Without the lock nothing may be written to the ledger or read-modify-written in the properties: the
 * message is left under a key of its own, and the next run that holds the lock logs it and queues it
 * for the digest.
 */
function noteForLater(svc: Services, action: string, message: string): void {
  svc.ui.toast(message);
  logLater(svc, { user: "", action, target: "", note: message }, true);
}

interface LateNote {
  at: number;
  entry: LogEntry;
  /** Also for the coordinator's digest (a run that could not work), not only for 操作日志. */
  digest: boolean;
}

/**
 * Keeps a line for 操作日志 under a property key of its own (one atomic call, no read-modify-write),
 * for the next run that holds the lock to append: used when the lock is busy, and when appending
 * itself failed.
 */
export function logLater(svc: Services, entry: LogEntry, digest: boolean): void {
  const at = nowMs(svc);
  const note: LateNote = { at, entry: { ...entry, at: undefined }, digest };
  try {
    svc.props.set({ [`${PROP_LATE_NOTE}${at}-${Math.floor(Math.random() * 1e6)}`]: JSON.stringify(note) });
  } catch (_e) {
    // The toast (if any) remains; the work itself is safe (see the callers).
  }
}

function flushNotes(svc: Services): void {
  const notes = Object.entries(svc.props.all(PROP_LATE_NOTE));
  if (!notes.length) return;
  const parsed = notes
    .map(([, v]) => parseJson<LateNote>(v))
    .filter((n): n is LateNote => !!n && !!n.entry)
    .sort((a, b) => a.at - b.at);
  try {
    appendLog(
      svc,
      parsed.map((n) => ({ ...n.entry, at: new Date(n.at) })),
    );
  } catch (_e) {
    // 操作日志 itself is broken (初始化/更新 is about to repair it): the notes wait for a later run.
    return;
  }
  enqueueDigest(
    svc,
    parsed.filter((n) => n.digest).map((n) => digestNote(n.entry.action, n.entry.note ?? "")),
  );
  svc.props.remove(notes.map(([k]) => k));
}

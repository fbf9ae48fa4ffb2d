// Effects exactly once. Every mail, notice file and other effect outside the ledger has a key (the
// inspection id, the recipient and period…); it is recorded as started before it is performed and as
// done after. A retry performs only what is not done.
//
// One window cannot be closed: a mail that left just before the run died, before "done" was recorded.
// Our policy there is AT MOST ONCE: a mail found "started" is never sent again; it is marked
// "uncertain" and the coordinator is told which mail may not have arrived (操作日志 and the digest).
// Effects that can be recognised afterwards (a notice PDF is found again by its file name) are simply
// performed again.
import type { Clock, PropertyStore } from "../gas/ports";
import { PROP_OUTBOX } from "../gas/keys";
import { parseJson } from "../domain/json";

type EffectState = "started" | "done" | "uncertain" | "failed";

export interface EffectRecord {
  state: EffectState;
  /** Epoch ms of the last change. */
  at: number;
  /** A result to reuse (a notice's link). */
  result?: string;
  /** Why it failed or is uncertain. */
  reason?: string;
  /** Work waiting for a later run (a notice that could not be issued yet). */
  payload?: string;
}

export type EffectOutcome =
  | { state: "done"; result?: string; already: boolean }
  | { state: "uncertain"; reason: string; already: boolean }
  | { state: "failed"; reason: string };

export type Attempt = { ok: true; result?: string } | { ok: false; reason: string; certain: boolean };

const DAY_MS = 86_400_000;

export class Outbox {
  constructor(
    private readonly props: PropertyStore,
    private readonly clock: Clock,
  ) {}

  get(key: string): EffectRecord | undefined {
    const raw = this.props.get(PROP_OUTBOX + key);
    return raw ? parseJson<EffectRecord>(raw) : undefined;
  }

  private put(key: string, record: Omit<EffectRecord, "at">): void {
    this.props.set({ [PROP_OUTBOX + key]: JSON.stringify({ ...record, at: this.clock.now().getTime() }) });
  }

  /**
   * Performs an effect once. `repeatable`: the effect can be performed again safely after a run died
   * mid-way (it recognises its own earlier result); otherwise a "started" record means it may have
   * happened, and it is not attempted again.
   */
  once(key: string, repeatable: boolean, perform: () => Attempt): EffectOutcome {
    const before = this.get(key);
    if (before?.state === "done") return { state: "done", result: before.result, already: true };
    if (before?.state === "uncertain")
      return { state: "uncertain", reason: before.reason ?? "", already: true };
    if (before?.state === "started" && !repeatable) {
      const reason = before.reason ?? "interrupted";
      this.put(key, { state: "uncertain", reason });
      return { state: "uncertain", reason, already: false };
    }
    this.put(key, { state: "started", payload: before?.payload });
    const attempt = perform();
    if (attempt.ok) {
      this.put(key, { state: "done", result: attempt.result });
      return { state: "done", result: attempt.result, already: false };
    }
    if (attempt.certain || repeatable) {
      this.put(key, { state: "failed", reason: attempt.reason, payload: before?.payload });
      return { state: "failed", reason: attempt.reason };
    }
    this.put(key, { state: "uncertain", reason: attempt.reason });
    return { state: "uncertain", reason: attempt.reason, already: false };
  }

  /** Leaves work for a later run (performed with `once` under the same key). */
  defer(key: string, payload: string, reason: string): void {
    const before = this.get(key);
    if (before?.state === "done") return;
    this.put(key, { state: before?.state === "started" ? "started" : "failed", payload, reason });
  }

  /** Effects not done yet whose key starts with `prefix`, with the payload left for them. */
  waiting(prefix: string): Array<{ key: string; record: EffectRecord }> {
    const out: Array<{ key: string; record: EffectRecord }> = [];
    for (const [k, raw] of Object.entries(this.props.all(PROP_OUTBOX + prefix))) {
      // A damaged record has nothing to retry.
      const record = parseJson<EffectRecord | null>(raw);
      if (record?.state === "failed" || record?.state === "started")
        out.push({ key: k.slice(PROP_OUTBOX.length), record });
    }
    return out;
  }

  /** Forgets finished records older than `days` (the property store holds 500 KB in all). */
  prune(days: number): void {
    const cutoff = this.clock.now().getTime() - days * DAY_MS;
    const old: string[] = [];
    for (const [k, raw] of Object.entries(this.props.all(PROP_OUTBOX))) {
      try {
        const r = JSON.parse(raw) as EffectRecord;
        if ((r.state === "done" || r.state === "uncertain") && r.at < cutoff) old.push(k);
      } catch (_e) {
        old.push(k);
      }
    }
    this.props.remove(old);
  }
}

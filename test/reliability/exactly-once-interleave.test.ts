// Issue 13's interleaving proofs: a person (or a second trigger) acts between a run's read and its commit.
// The local runtime calls `log.interleave` just before each of the run's calls, so the person's action
// is tried at every point of the run, one point per copy of the world.
//
// - The daily check: a coordinator types into 备注 of the very finding whose 备注 the daily check is
//   rewriting (it computes a deadline that was pending and drops the "waiting for the holiday year" note).
//   The coordinator's text must survive wherever the edit lands, except in the window the commit cannot
//   close — after its last read of the sheet and before its write — which the test measures and bounds.
// - 重新处理待核实: an inspector submits a new inspection at every point of the run, and its form trigger
//   runs at once, concurrently (the runtime runs it inside the first execution, competing for the script
//   lock as two Apps Script executions do); the trigger is also delivered again after the run. Afterwards
//   both the reprocessed entry and the new one are in the ledger exactly once.
import type { CallInfo, Execution } from "../../sim/host";
import type { Runtime } from "../../sim/runtime";
import { setSettings, submitInspection, type InspectionAnswers } from "../../sim/township";
import { bundle } from "../helpers/build";
import { SCENARIOS } from "../helpers/faults";
import { snapshot } from "../helpers/snapshot";
import { COORDINATOR, rows, township, ymd } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);
const team = { departments: ["教育", "消防"], inspectors: ["张三", "李四"] };
const ID = "JC20261221-001-01";
const PERSON_TEXT = "协调员：已电话督促，机构承诺月底前完成";

interface Call {
  name: string;
  kind: string;
}

/** A finding whose deadline waits for the 2027 holidays; the coordinator has just entered them. */
const waiting = snapshot(() => {
  const rt = township(at("2026-12-21T09:00:00"));
  setSettings(rt, { 活动开始日期: "2026-12-01", "期限计算方式（自然日/工作日）": "工作日" });
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-12-21",
    ...team,
    results: { "PREM-03": "fail" },
    classes: { "PREM-03": "II" },
    responsible: "王校长",
    interim: "专人值守",
  });
  rt.editCells("节假日", rt.sheet("节假日")._lastRow() + 1, 1, [
    ["2027-01-01", "放假", "元旦"],
    ["2027-01-01", "全年已录入", ""],
  ]);
  return rt;
}, bundle);

const finding = (rt: Runtime) => rows(rt, "问题台账").find((f) => f["问题编号"] === ID)!;
function noteCell(rt: Runtime): { row: number; column: number } {
  const sheet = rt.sheet("问题台账");
  const header = Array.from({ length: sheet._lastColumn() }, (_, i) => sheet._get(1, i + 1));
  for (let r = 2; r <= sheet._lastRow(); r++)
    if (sheet._get(r, 1) === ID) return { row: r, column: header.indexOf("备注") + 1 };
  throw new Error(`${ID} not found`);
}

/** Runs the 07:00 daily check, calling `before(call, index)` before each of its calls. */
function dailyCheck(rt: Runtime, before: (call: CallInfo, index: number) => void): Execution {
  rt.log.interleave = (call: CallInfo, index: number, execution: Execution) => {
    if (execution.functionName === "runDailyCheck") before(call, index);
  };
  try {
    rt.advanceTo(at("2026-12-22T08:00:00"));
  } finally {
    rt.log.interleave = undefined;
  }
  return rt.lastExecution("runDailyCheck")!;
}

describe("a person's edit made while the daily check runs", () => {
  // The clean run: what the daily check does to the finding when nobody interferes.
  const calls: Call[] = [];
  const clean = waiting();
  const before = String(finding(clean)["备注"]);
  const cleanRun = dailyCheck(clean, (call, index) => {
    calls[index] = { name: call.name, kind: call.kind };
  });

  test("the clean run rewrites the very cell the person will edit (so the two really collide)", () => {
    expect(cleanRun.error).toBeUndefined();
    // Worked out by hand in test/app/rectification.test.ts: PREM-03 is 30 working days from
    // 2026-12-21, over New Year's Day 2027 → 2027-02-02; once computed, the waiting note goes.
    expect(before).toContain("2027 年的放假安排尚未标为");
    expect(ymd(finding(clean)["整改期限"])).toBe("2027-02-02");
    expect(String(finding(clean)["备注"])).not.toContain("2027 年的放假安排尚未标为");
  });

  /**
   * The one window no commit can close: the person's edit lands after the commit has re-read the cell
   * and before it writes. In the run that is one contiguous stretch of the commit's own calls (re-reads
   * of the sheets it changes, then its writes), ending at a write.
   */
  const isCommitWindow = (lost: number[]) =>
    lost.every((k, i) => i === 0 || k === lost[i - 1]! + 1) &&
    calls[lost.at(-1)!]?.kind === "write" &&
    lost.every((k) => ["read", "write", "local"].includes(calls[k]!.kind));

  test("survives at every point of the run but the read-to-write window, and each kept edit is logged", () => {
    const lost: number[] = [];
    let keptAndLogged = 0;
    for (let k = 0; k < calls.length; k++) {
      const rt = waiting();
      let done = false;
      const run = dailyCheck(rt, (_call, index) => {
        if (done || index !== k) return;
        done = true;
        const { row, column } = noteCell(rt);
        rt.editCells("问题台账", row, column, [[PERSON_TEXT]], COORDINATOR);
      });
      expect(run.error).toBeUndefined();
      const f = finding(rt);
      // The rest of the daily check's work on the row happens whatever the person did.
      expect(ymd(f["整改期限"])).toBe("2027-02-02");
      if (f["备注"] === PERSON_TEXT) {
        const log = rows(rt, "操作日志").filter(
          (r) => r["操作"] === "保留人工修改" && String(r["对象"]).includes(ID),
        );
        if (log.length) keptAndLogged++;
      } else lost.push(k);
    }
    // Every lost edit is in the window, never elsewhere.
    // Measured: the edit is lost only at 7 of the run's ~200 points (calls 124-130 today: after the
    // re-read of 问题台账, through the re-read of 机构名录, to the write of the row); at every other
    // point — before the read, during planning, after the write — the person's text stands.
    expect(lost.length).toBeGreaterThan(0);
    // With 状态底账 (issue 14) the commit writes the shadow's changed cells before 问题台账's, inside the
    // same window: measured 9.
    expect(lost.length).toBeLessThanOrEqual(9);
    expect({ lost, window: isCommitWindow(lost) }).toEqual({ lost, window: true });
    // The edit landed between the daily check's read and its commit's re-read at least once, and the
    // commit then kept the person's text and said so in 操作日志.
    expect(keptAndLogged).toBeGreaterThan(0);
  });
});

describe("a submission that arrives while 重新处理待核实 runs", () => {
  const visit: InspectionAnswers = {
    institution: "R0001",
    date: "2026-02-27",
    ...team,
    results: { "FIRE-01": "fail" },
    classes: { "FIRE-01": "II" },
    responsible: "负责人",
    interim: "专人值守",
  };
  // An inspection dated before the campaign began waits in 待核实 until 活动开始日期 is corrected.
  const pendingEntry = snapshot(() => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "training", visit);
    setSettings(rt, { 活动开始日期: "2026-02-01" });
    return rt;
  }, bundle);

  test("is kept: both inspections end in the ledger exactly once, wherever the submission lands", () => {
    const names: string[] = [];
    const probe = pendingEntry();
    expect(rows(probe, "待核实").length).toBe(1);
    probe.log.interleave = (call, index, execution) => {
      if (execution.functionName === "reprocessPending") names[index] = call.name;
    };
    probe.clickMenu("reprocessPending");
    probe.log.interleave = undefined;
    expect(names.length).toBeGreaterThan(5);

    for (let k = 0; k < names.length; k++) {
      const rt = pendingEntry();
      let done = false;
      rt.log.interleave = (_call, index, execution) => {
        if (done || execution.functionName !== "reprocessPending" || index !== k) return;
        done = true;
        submitInspection(rt, "training", {
          ...visit,
          date: "2026-03-02",
          results: { "FIRE-02": "fail" },
          classes: { "FIRE-02": "II" },
        });
        rt.run("handleFormSubmit", { kind: "installable-trigger", event: {} });
      };
      rt.clickMenu("reprocessPending");
      rt.log.interleave = undefined;
      const inspections = rows(rt, "检查记录").map(
        (r) => `${r["机构编号"]}|${r["检查日期"] instanceof Date ? ymd(r["检查日期"]) : r["检查日期"]}`,
      );
      // Hand-listed: the reprocessed visit to R0001 on 27 Feb and the new one on 2 Mar.
      expect({ k, inspections: inspections.sort() }).toEqual({
        k,
        inspections: ["R0001|2026-02-27", "R0001|2026-03-02"],
      });
      const findings = rows(rt, "问题台账").map((f) => `${f["机构编号"]}|${f["检查项编码"]}`);
      expect({ k, findings: findings.sort() }).toEqual({ k, findings: ["R0001|FIRE-01", "R0001|FIRE-02"] });
      expect(rows(rt, "待核实").filter((r) => !String(r["处理状态"] ?? "").includes("已")).length).toBe(0);
    }
  });
});

describe.each(SCENARIOS)("$name", (s) => {
  // What makes the runtime's one-execution-at-a-time honest: in Apps Script two executions can run at
  // once, and only the script lock keeps them apart. Every change a clean run makes (Sheets and Forms
  // writes, mails, properties, triggers, Drive) must come after the run took the lock and before it let go.
  const CHANGES = new Set([
    "write",
    "forms-write",
    "forms-create",
    "mail",
    "props-write",
    "triggers",
    "drive",
  ]);
  test("makes every change while holding the script lock", () => {
    const rt = s.prepare();
    const calls: Call[] = [];
    rt.log.interleave = (call, index, execution) => {
      if (execution.functionName === s.fn) calls[index] = { name: call.name, kind: call.kind };
    };
    s.run(rt);
    rt.log.interleave = undefined;
    const taken = calls.findIndex((c) => /^Lock\.(tryLock|waitLock)$/.test(c?.name ?? ""));
    const released = calls.findIndex((c, i) => i > taken && c?.name === "Lock.releaseLock");
    const end = released < 0 ? calls.length : released;
    const outside = calls
      .map((c, i) => ({ i, ...c }))
      .filter((c) => c.kind && CHANGES.has(c.kind) && (c.i < taken || c.i > end))
      // Reading what triggers exist is not a change (ScriptApp.getProjectTriggers is kind "triggers").
      .filter((c) => !/\.get/.test(c.name))
      .map((c) => `${c.i}:${c.name}`);
    expect(taken).toBeGreaterThanOrEqual(0);
    expect(outside).toEqual([]);
  });
});

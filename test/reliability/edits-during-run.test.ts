// A person works in the ledger while the daily check runs (README, "What the coordinator may edit"; the
// ledger is a legal record: a person's newer edit is never overwritten, and what a run could not write
// is never silent). test/reliability/exactly-once-interleave.test.ts tries the edit at every call of the
// run, without coverage; this file tries a sample of the calls and a deleted row, under coverage.
import type { CallInfo, Execution } from "../../sim/host";
import type { Runtime } from "../../sim/runtime";
import { setSettings, submitInspection } from "../../sim/township";
import { bundle } from "../helpers/build";
import { snapshot } from "../helpers/snapshot";
import { COORDINATOR, rows, township, ymd } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const ID = "JC20261221-001-01";
const PERSON_TEXT = "协调员：已电话督促，机构承诺月底前完成";

/**
 * A finding whose deadline waits for the 2027 holidays; the coordinator has just entered them, so the
 * next daily check rewrites the finding's 整改期限 and 备注 (the same world as the interleave suite).
 */
const waiting = snapshot(() => {
  const rt = township(at("2026-12-21T09:00:00"));
  setSettings(rt, { 活动开始日期: "2026-12-01", "期限计算方式（自然日/工作日）": "工作日" });
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-12-21",
    departments: ["教育", "消防"],
    inspectors: ["张三", "李四"],
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

const finding = (rt: Runtime) => rows(rt, "问题台账").find((f) => f["问题编号"] === ID);
function findingCell(rt: Runtime, header: string): { row: number; column: number } {
  const sheet = rt.sheet("问题台账");
  const headers = Array.from({ length: sheet._lastColumn() }, (_, i) => sheet._get(1, i + 1));
  for (let r = 2; r <= sheet._lastRow(); r++)
    if (sheet._get(r, 1) === ID) return { row: r, column: headers.indexOf(header) + 1 };
  throw new Error(`${ID} not found`);
}

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

test("a 备注 typed while the daily check runs stands, and a collision with the run's own write is logged", () => {
  const kinds: string[] = [];
  dailyCheck(waiting(), (call, index) => void (kinds[index] = call.kind));
  expect(kinds.length).toBeGreaterThan(50);
  let keptAndLogged = 0;
  const lost: number[] = [];
  // One call in twelve, and every call of the stretch before the run's first write: the run reads 备注
  // only just before its commit (it plans from 状态底账), so the collision lands in those few calls.
  const firstWrite = kinds.indexOf("write");
  const tried = kinds
    .map((_, k) => k)
    .filter((k) => k % 12 === 0 || (k >= firstWrite - 12 && k <= firstWrite + 2));
  for (const k of tried) {
    const rt = waiting();
    const run = dailyCheck(rt, (_call, index) => {
      if (index !== k) return;
      const { row, column } = findingCell(rt, "备注");
      rt.editCells("问题台账", row, column, [[PERSON_TEXT]], COORDINATOR);
    });
    expect(run.error).toBeUndefined();
    const f = finding(rt)!;
    // The run's own work on the row is done whatever the person did: PREM-03 is 30 working days from
    // 2026-12-21 over New Year's Day 2027 → 2027-02-02 (worked out in test/app/rectification.test.ts).
    expect(ymd(f["整改期限"])).toBe("2027-02-02");
    if (f["备注"] !== PERSON_TEXT) lost.push(k);
    else if (rows(rt, "操作日志").some((r) => r["操作"] === "保留人工修改" && String(r["对象"]).includes(ID)))
      keptAndLogged++;
  }
  // The only window no commit closes is the few calls between its re-read and its write, one stretch
  // (measured by the interleave suite at every call).
  // Here: the commit's re-read of 问题台账, then its writes in step order (状态底账's record, 整改期限,
  // 备注): the edit is lost only when it lands between them, never earlier.
  expect(lost.length).toBeLessThanOrEqual(6);
  expect(lost).toEqual(lost.length ? range(lost[0]!, lost.length) : []);
  expect(Math.min(...lost)).toBeGreaterThan(firstWrite - 6);
  // Between the run's first read and its commit the edit collides with the run's rewrite of 备注: the
  // commit keeps the person's text and says so in 操作日志 (保留人工修改).
  expect(keptAndLogged).toBeGreaterThan(0);
});

test("a finding row deleted while the daily check runs is not written back, and the coordinator is told", () => {
  const rt = waiting();
  const kinds: string[] = [];
  dailyCheck(waiting(), (call, index) => void (kinds[index] = call.kind));
  // Delete the row while the run plans: after it has read the ledger, before its commit re-reads the
  // sheets it changes. That is the longest stretch without a read before the run's first write.
  const firstWrite = kinds.indexOf("write");
  const reads = kinds.map((k, i) => (k === "read" && i < firstWrite ? i : -1)).filter((i) => i >= 0);
  const gaps = reads.slice(1).map((r, i) => [reads[i]!, r] as const);
  const [from, to] = gaps.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
  expect(to - from).toBeGreaterThan(10);
  const planning = Math.floor((from + to) / 2);
  const run = dailyCheck(rt, (_call, index) => {
    if (index === planning) rt.deleteRows("问题台账", findingCell(rt, "备注").row, 1, COORDINATOR);
  });
  expect(run.error).toBeUndefined();
  // The row stays deleted (the run does not re-create it from what it read) …
  expect(finding(rt)).toBeUndefined();
  // … and 操作日志 names the row the run could not write (行不存在).
  const told = rows(rt, "操作日志").filter((r) => r["操作"] === "行不存在");
  expect(told.map((r) => String(r["说明"])).join("\n")).toContain(ID);
});

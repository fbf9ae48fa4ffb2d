// No service call inside a loop over rows (issue 17, point 4): the runs a township makes every day ask
// Google the same number of times, method by method, whether the ledger holds 20 findings or 200. A call
// made once per row would grow tenfold here and fail the comparison. Two kinds of call are allowed to grow,
// each bounded by what it is for: Utilities.formatDate is cached per date (it grows with the distinct
// dates, here at most the one inspection day), and the integrity check's Utilities.computeDigest hashes
// each 操作日志 row by design (the chain is verified row by row), so it is compared with the log's length.
import type { Runtime } from "../../sim/runtime";
import { submitInspection } from "../../sim/township";
import { rows, township } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);

/**
 * A township with `inspections` inspections of 4 findings each on 2 March, submitted a quarter of an hour
 * apart (a run looks again at the responses of the ten minutes before the newest it has seen, two can
 * share a second: those are per response, not per row, and a sweep's pace bounds them).
 */
function ledgerOf(inspections: number): Runtime {
  const rt = township(at("2026-03-02T08:00:00"));
  for (let i = 0; i < inspections; i++) {
    rt.advanceTo(new Date(at("2026-03-02T08:00:00").getTime() + (i + 1) * 15 * 60_000));
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      departments: ["教育", "消防"],
      inspectors: ["张三", "李四"],
      results: { "FIRE-01": "fail", "FIRE-02": "fail", "PREM-04": "fail", "COND-04": "fail" },
      classes: { "FIRE-01": "II", "FIRE-02": "II", "PREM-04": "II", "COND-04": "II" },
      responsible: "王校长",
      interim: "专人值守",
    });
  }
  return rt;
}

/** Every method the runs below call, with how often, and the length of 操作日志 after them. */
function callsOf(rt: Runtime): { calls: Record<string, number>; logRows: number } {
  const calls: Record<string, number> = {};
  const count = (name: string) => {
    for (const [method, n] of rt.lastExecution(name)!.counts) calls[`${name} ${method}`] = n;
  };
  // The next morning: the 06:00 integrity check and the 07:00 daily check, each once.
  rt.advanceTo(at("2026-03-03T07:30:00"));
  count("runIntegrityCheck");
  count("runDailyCheck");
  // A quiet day after: the daily check finds nothing new to label.
  rt.advanceTo(at("2026-03-04T07:30:00"));
  count("runDailyCheck");
  rt.clickMenu("sendSummary");
  count("sendSummary");
  // One more inspection, as every day brings.
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-03-04",
    departments: ["教育", "消防"],
    inspectors: ["张三", "李四"],
    results: { "FIRE-01": "fail" },
    classes: { "FIRE-01": "II" },
    responsible: "王校长",
    interim: "专人值守",
  });
  count("handleFormSubmit");
  return { calls, logRows: rows(rt, "操作日志").length };
}

test("the daily runs make as many calls of each service method at 200 findings as at 20", () => {
  const small = callsOf(ledgerOf(5));
  const large = callsOf(ledgerOf(50));
  expect(rows(ledgerOf(50), "问题台账")).toHaveLength(200);
  const grows = Object.keys({ ...small.calls, ...large.calls }).filter(
    (k) => (large.calls[k] ?? 0) !== (small.calls[k] ?? 0),
  );
  // formatDate: one inspection day on both ledgers, so no more dates to format.
  const digest = "runIntegrityCheck Utilities.computeDigest";
  expect(grows.filter((k) => k !== digest)).toEqual([]);
  // The chain check hashes each 操作日志 row once (plus the rows it appends): it grows with the log only.
  expect((large.calls[digest] ?? 0) - (small.calls[digest] ?? 0)).toBeLessThanOrEqual(
    large.logRows - small.logRows,
  );
});

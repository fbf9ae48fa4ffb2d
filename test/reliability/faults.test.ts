// A run that dies half-way — an exception from any Sheets, Forms, Drive or Mail call — leaves the
// ledger completable: the next run finishes the work, with no duplicate and no lost finding.
import type { Runtime } from "../../sim/runtime";
import { submitInspection, type InspectionAnswers } from "../../sim/township";
import { rows, township } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);
const visit: InspectionAnswers = {
  institution: { new: { name: "无名托管点", village: "西村", address: "西村8号", phone: "0519123" } },
  date: "2026-03-02",
  departments: ["教育", "消防"],
  inspectors: ["张三", "李四"],
  results: { "FIRE-01": "fail", "FIRE-02": "fail" },
  classes: { "FIRE-01": "I", "FIRE-02": "II" },
  responsible: "负责人",
  interim: "专人值守",
};

function failAt(rt: Runtime, fn: string, k: number): void {
  rt.log.faults = (_call, index) =>
    rt.log.current?.functionName === fn && index === k
      ? "Service Spreadsheets failed while accessing document."
      : undefined;
}

function ledgerState(rt: Runtime) {
  return {
    inspections: rows(rt, "检查记录").map((r) => r["检查编号"]),
    findings: rows(rt, "问题台账").map((r) => [r["问题编号"], r["状态"], r["逾期"]]),
    register: rows(rt, "机构名录").map((r) => [r["机构编号"], r["机构名称"], r["整改状态"], r["证照状况"]]),
    pending: rows(rt, "待核实").length,
  };
}

test("a submission that fails at any call is completed by the next run, exactly once", () => {
  const clean = township(at("2026-03-02T09:00:00"));
  submitInspection(clean, "aftercare", visit);
  const expected = ledgerState(clean);
  const calls = [...clean.lastExecution("handleFormSubmit")!.counts.values()].reduce((a, b) => a + b, 0);
  expect(expected.inspections).toEqual(["JC20260302-001"]);
  expect(expected.findings).toHaveLength(2);
  expect(calls).toBeGreaterThan(50);

  const failures: string[] = [];
  let died = 0;
  for (let k = 0; k < calls; k++) {
    const rt = township(at("2026-03-02T09:00:00"));
    failAt(rt, "handleFormSubmit", k);
    submitInspection(rt, "aftercare", visit);
    const failed = rt.lastExecution("handleFormSubmit")!.error;
    if (failed) died++;
    rt.log.faults = undefined;
    rt.advanceBy(60_000);
    rt.run("handleFormSubmit", { kind: "installable-trigger", event: {} });
    const got = ledgerState(rt);
    // The clock moved a minute for the re-run: only the submission time may differ.
    if (JSON.stringify(got) !== JSON.stringify(expected))
      failures.push(`call ${k} (${failed ?? "no error"}): ${JSON.stringify(got)}`);
  }
  expect(failures).toEqual([]);
  // Many injected faults kill the run; the rest hit calls whose failure is tolerated by design (the
  // notice's Drive file and mail, the forms' choice lists): the ledger is whole either way.
  expect(died).toBeGreaterThan(calls / 4);
});

test("a daily check that fails at any call is completed by the next run", () => {
  const prepare = () => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "training", { ...visit, institution: "R0001" });
    submitInspection(rt, "aftercare", {
      ...visit,
      institution: "R0002",
      results: { "PREM-04": "fail" },
      classes: { "PREM-04": "I" },
      defaultNa: ["QUAL-03", "FOOD-01", "FOOD-02", "FOOD-03", "TRAN-01"],
    });
    rt.advanceTo(at("2026-03-04T06:00:00")); // no daily run yet on the 4th
    return rt;
  };
  const clean = prepare();
  clean.clickMenu("runDailyCheck");
  const expected = ledgerState(clean);
  expect(expected.findings.map((f) => f[2])).toContain("逾期");
  const calls = [...clean.lastExecution("runDailyCheck")!.counts.values()].reduce((a, b) => a + b, 0);

  const failures: string[] = [];
  let died = 0;
  for (let k = 0; k < calls; k++) {
    const rt = prepare();
    failAt(rt, "runDailyCheck", k);
    try {
      rt.clickMenu("runDailyCheck");
    } catch (_e) {
      // A person running it from the menu sees the error; the data must still be whole.
      died++;
    }
    rt.log.faults = undefined;
    rt.clickMenu("runDailyCheck");
    const got = ledgerState(rt);
    if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`call ${k}: ${JSON.stringify(got)}`);
  }
  expect(failures).toEqual([]);
  // Reminder mails and the forms' choice lists tolerate failures by design; the rest kill the run.
  expect(died).toBeGreaterThan(calls / 4);
});

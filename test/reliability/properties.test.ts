// Property-based tests (fast-check, fixed seeds): whatever inspectors type and whatever coordinators
// paste, no exception escapes a trigger, every response ends in the ledger or in 待核实 with a reason,
// no cell written from user text is a formula, and ids stay unique.
import fc from "fast-check";
import type { Runtime } from "../../sim/runtime";
import { formRecord, inspectionAnswers } from "../../sim/township";
import { rows, township } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);
const NASTY = [
  '=HYPERLINK("x")',
  "+86",
  "-1",
  "@x",
  "0571",
  "２０２６",
  "2026-01-02",
  "TRUE",
  "50%",
  "\u200b",
  "\u202e反向",
  "😀",
  "<script>",
  "'",
  '"',
  "\n",
  " ",
];
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...NASTY),
  fc.array(fc.constantFrom(...NASTY, "阳光", "甲"), { maxLength: 6 }).map((a) => a.join("")),
  fc.string({ minLength: 200, maxLength: 500 }),
);
const dateText = fc.oneof(
  fc.constantFrom("2026-03-02", "2026-03-01", "2026-02-28", "2026-03-03", "2026-12-31", "2026-02-29", ""),
  fc
    .date({
      min: new Date("2025-12-30T15:59:59Z"),
      max: new Date("2026-03-03T16:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(d)),
);

const TRAINING_CODES = [
  "QUAL-01",
  "QUAL-02",
  "QUAL-07",
  "PREM-01",
  "PREM-02",
  "PREM-03",
  "PREM-04",
  "PREM-05",
  "PREM-06",
  "PREM-07",
  "PREM-08",
  "FIRE-01",
  "FIRE-02",
  "FIRE-03",
  "FIRE-04",
  "FIRE-05",
  "STAFF-01",
  "STAFF-02",
  "STAFF-03",
  "COND-02",
  "COND-03",
  "COND-04",
  "COND-05",
  "COND-06",
  "TRAN-01",
];

const submission = fc.record({
  institution: fc.oneof(
    fc.constant("R0001"),
    fc.record({ name: text, village: fc.constantFrom("东村", "西村", "南村"), address: text, phone: text }),
  ),
  date: dateText,
  inspectors: fc.subarray(["张三", "李四", "王五"]),
  results: fc.dictionary(
    fc.constantFrom(...TRAINING_CODES),
    fc.constantFrom("ok" as const, "fail" as const, "na" as const),
    { maxKeys: 8 },
  ),
  classes: fc.dictionary(
    fc.constantFrom(...TRAINING_CODES),
    fc.constantFrom("I-fixed" as const, "I" as const, "II" as const, "III" as const),
    { maxKeys: 8 },
  ),
  deadline: fc.option(dateText, { nil: undefined }),
  responsible: fc.option(text, { nil: undefined }),
  interim: fc.option(text, { nil: undefined }),
  descriptions: fc.option(fc.oneof(text, fc.constantFrom("FIRE-01 说明", "fire 02：x", "XX-99 y")), {
    nil: undefined,
  }),
});

function formulaFree(rt: Runtime): boolean {
  for (const s of rt.spreadsheet._sheets)
    for (let r = 1; r <= s._lastRow(); r++)
      for (let c = 1; c <= s._lastColumn(); c++) if (s._metaAt(r, c)?.formula) return false;
  return true;
}

const unique = (xs: unknown[]) => new Set(xs).size === xs.length;

test("any submission ends in the ledger or in 待核实, with no escaped exception, no formula, unique ids", () => {
  const rt = township(at("2026-03-02T09:00:00"));
  let submitted = 0;
  let refused = 0;
  fc.assert(
    fc.property(submission, (s) => {
      rt.advanceBy(60_000);
      const answers = inspectionAnswers(rt, "training", {
        institution: typeof s.institution === "string" ? s.institution : { new: s.institution },
        date: s.date,
        departments: ["教育"],
        inspectors: s.inspectors,
        results: s.results,
        classes: s.classes,
        deadline: s.deadline,
        responsible: s.responsible,
        interim: s.interim,
        descriptions: s.descriptions,
      });
      let accepted = true;
      try {
        rt.submitForm(formRecord(rt, "training").formId, answers, "zhangsan@township.example.cn");
      } catch (e) {
        // Google's own form checks refused it in the browser (a required question left empty): nothing was sent.
        accepted = false;
        expect((e as Error).message).toMatch(/is required|not a choice|needs one answer/);
      }
      if (accepted) submitted++;
      else refused++;
      const run = rt.lastExecution("handleFormSubmit");
      if (accepted) expect(run?.error).toBeUndefined();
      const done = new Set([...rows(rt, "检查记录"), ...rows(rt, "待核实")].map((r) => r["表单回复ID"]));
      expect(done.size).toBe(submitted);
      for (const p of rows(rt, "待核实")) expect(String(p["原因"]).length).toBeGreaterThan(0);
      expect(unique(rows(rt, "检查记录").map((r) => r["检查编号"]))).toBe(true);
      expect(unique(rows(rt, "问题台账").map((r) => r["问题编号"]))).toBe(true);
      expect(unique(rows(rt, "机构名录").map((r) => r["机构编号"]))).toBe(true);
      expect(formulaFree(rt)).toBe(true);
    }),
    { seed: 20260302, numRuns: 60 },
  );
  // Both kinds of case happened, so both checks above ran.
  expect(submitted).toBeGreaterThan(10);
  expect(refused).toBeGreaterThan(0);
});

test("any coordinator edit or paste on 问题台账 keeps statuses valid; ids stay unique or the coordinator is told where", () => {
  const rt = township(at("2026-03-02T09:00:00"));
  const answers = {
    institution: "R0001",
    date: "2026-03-02",
    departments: ["教育"],
    inspectors: ["张三", "李四"],
    results: { "FIRE-01": "fail" as const, "FIRE-02": "fail" as const, "PREM-03": "fail" as const },
    classes: { "FIRE-01": "I" as const, "FIRE-02": "II" as const, "PREM-03": "II" as const },
    responsible: "甲",
    interim: "乙",
  };
  rt.submitForm(
    formRecord(rt, "training").formId,
    inspectionAnswers(rt, "training", answers),
    "zhangsan@township.example.cn",
  );
  const width = rt.sheet("问题台账")._lastColumn();
  let broken = 0;
  const value = fc.oneof(
    text,
    fc.constantFrom("待整改", "已整改待复查", "已销号", "2026-03-20", "2026-05-30", "=1+1", ""),
  );
  const edit = fc.record({
    row: fc.integer({ min: 2, max: 4 }),
    col: fc.integer({ min: 1, max: width }),
    rows: fc.integer({ min: 1, max: 3 }),
    cols: fc.integer({ min: 1, max: 3 }),
    values: fc.array(value, { minLength: 9, maxLength: 9 }),
  });
  fc.assert(
    fc.property(edit, (e) => {
      const rowsN = Math.min(e.rows, 5 - e.row);
      const colsN = Math.min(e.cols, width - e.col + 1);
      const block = Array.from({ length: rowsN }, (_, i) =>
        Array.from({ length: colsN }, (_, j) => e.values[i * 3 + j]),
      );
      rt.editCells("问题台账", e.row, e.col, block, "coord@township.example.cn");
      expect(rt.lastExecution("handleEdit")?.error).toBeUndefined();
      const findings = rows(rt, "问题台账");
      for (const f of findings) expect(["待整改", "已整改待复查", "已销号"]).toContain(f["状态"]);
      rt.clickMenu("runDailyCheck");
      expect(rt.lastExecution("runDailyCheck")?.error).toBeUndefined();
      const ids = findings.map((f) => String(f["问题编号"]));
      const intact = unique(ids) && ids.every((id) => /^JC\d{8}-\d{3,}-\d{2}$/.test(id));
      if (!intact) {
        broken++;
        expect(rows(rt, "操作日志").at(-1)!["说明"]).toMatch(/问题编号缺失、格式不对或重复/);
      }
    }),
    { seed: 7, numRuns: 40 },
  );
  // Both kinds of edit happened, so both checks above ran.
  expect(broken).toBeGreaterThan(0);
  expect(broken).toBeLessThan(40);
});

// Rows found by key with Google's search (src/gas/sheets.ts findRows) behave as rows found by reading the
// key column did: a key held twice is the first row's, a key with a blank pasted after it is still found,
// and a row the search cannot match is found by reading the column.
import { submitInspection, submitReinspection } from "../../sim/township";
import { rows, township } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);

/** R0001 inspected on 2 March (findings JC20260302-001-01, -02); 赵六 joins the roster to re-inspect. */
function inspected() {
  const rt = township(at("2026-03-02T08:00:00"));
  rt.editCells("检查人员", rt.sheet("检查人员")._lastRow() + 1, 1, [
    ["赵六", "消防", "zhaoliu@township.example.cn", "", "", "是"],
  ]);
  rt.clickMenu("setup");
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-03-02",
    departments: ["教育", "消防"],
    inspectors: ["张三", "李四"],
    results: { "FIRE-01": "fail", "FIRE-02": "fail" },
    classes: { "FIRE-01": "II", "FIRE-02": "II" },
    responsible: "王校长",
    interim: "专人值守",
  });
  return rt;
}

const reinspect = (rt: ReturnType<typeof inspected>) => {
  rt.advanceTo(at("2026-03-03T10:00:00"));
  submitReinspection(rt, {
    institution: "R0001",
    date: "2026-03-03",
    departments: ["消防", "市场监管"],
    inspectors: ["赵六", "王五"],
    passed: ["JC20260302-001-02"],
  });
};

test("a 问题编号 pasted twice: the re-inspection signs off the first row holding it", () => {
  const rt = inspected();
  const ledger = rt.sheet("问题台账");
  // A coordinator pastes a copy of JC20260302-001-02's row (row 3) a few rows below the ledger.
  const copy = Array.from({ length: ledger._lastColumn() }, (_, i) => ledger._get(3, i + 1));
  rt.editCells("问题台账", 8, 1, [copy]);
  reinspect(rt);
  const holding = rows(rt, "问题台账").filter((r) => r["问题编号"] === "JC20260302-001-02");
  expect(holding.map((r) => r["状态"])).toEqual(["已销号", "待整改"]);
});

test("an institution sorted away from its row, its id followed by a full-width space, is still found", () => {
  const rt = inspected();
  const register = rt.sheet("机构名录");
  // The coordinator pastes R0001's id with a full-width space after it, then sorts by name descending:
  // 阳光培训学校 (R0001) sorts after the others, so it is no longer on row 2, where its id says.
  rt.editCells("机构名录", 2, 1, [["R0001\u3000"]]);
  rt.sortSheet("机构名录", 2, false);
  expect(register._get(2, 1)).not.toBe("R0001\u3000");
  reinspect(rt);
  expect(rt.lastExecution("handleFormSubmit")!.error).toBeUndefined();
  const signedOff = rows(rt, "问题台账").find((r) => r["问题编号"] === "JC20260302-001-02")!;
  expect(signedOff["状态"]).toBe("已销号");
  expect(rows(rt, "待核实")).toEqual([]);
});

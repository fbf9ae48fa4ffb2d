// The daily check writes in proportion to the findings whose state changes that day, not to the ledger
// (issue 17, point 5): 逾期 shows the state only (临期, 今日到期, 逾期), so a finding is written on the
// day it becomes due soon, due today and overdue, and on no other; a quiet morning writes nothing.
import { submitInspection } from "../../sim/township";
import { rows, township } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);

test("each morning writes only the findings whose state changed that day, and nothing on a quiet one", () => {
  const rt = township(at("2026-03-02T08:00:00"));
  // Four 二类 findings on 2 March; their items give 7 days, so each is due on 9 March.
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
  const written: Record<string, number> = {};
  const labels: Record<string, string[]> = {};
  for (let day = 4; day <= 14; day++) {
    const d = String(day).padStart(2, "0");
    rt.advanceTo(at(`2026-03-${d}T07:30:00`));
    written[d] = rt.lastExecution("runDailyCheck")!.cellsWritten;
    labels[d] = rows(rt, "问题台账").map((r) => String(r["逾期"]));
  }
  const all = (label: string) => [label, label, label, label];
  // 临期 from 3 days before the deadline (配置's default 临期提醒（天）), 今日到期 on it, 逾期 after.
  expect(labels).toMatchObject({
    "05": all(""),
    "06": all("临期"),
    "08": all("临期"),
    "09": all("今日到期"),
    "10": all("逾期"),
    "14": all("逾期"),
  });
  // A changed finding is its 逾期 cell and its row's colour: 问题台账's 23 columns. So 4 × (1 + 23) = 96
  // cells on each day the four change; on 10 March also 机构名录's 整改状态 of R0001 (one cell: 整改中
  // becomes 拟停业整顿 once it has an overdue finding). Every other morning: nothing.
  expect(written).toEqual({
    "04": 0,
    "05": 0,
    "06": 96,
    "07": 0,
    "08": 0,
    "09": 96,
    "10": 97,
    "11": 0,
    "12": 0,
    "13": 0,
    "14": 0,
  });
  expect(rows(rt, "机构名录")[0]!["整改状态"]).toBe("拟停业整顿");
});

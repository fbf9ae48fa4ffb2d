// Issue 14: "Edits to 操作日志, 检查记录 and the draw sheets are neither reverted nor logged (rewriting 检查人员
// in 检查记录 lets the original inspectors sign off their own finding)" and "Renaming a header turns checking
// off". Each attack is played as a person would in the local runtime; each test asserts the outcome (put
// back, or told that it cannot be), the Chinese message (written out by hand from src/text/integrity.ts's
// rules) and the line in 操作日志.
import type { Runtime } from "../../sim/runtime";
import { submitInspection, submitReinspection } from "../../sim/township";
import { bundle } from "../helpers/build";
import { snapshot } from "../helpers/snapshot";
import { rows, shadowRows, township, ymd } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);
const FINDING = "JC20260302-001-01";

/** 张三 and 李四 find FIRE-02 (二类) at R0001; 赵六 joins the roster so two non-original re-inspectors exist. */
const inspected = snapshot(() => {
  const rt = township(at("2026-03-02T09:00:00"));
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-03-02",
    departments: ["教育", "消防"],
    inspectors: ["张三", "李四"],
    results: { "FIRE-02": "fail" },
    classes: { "FIRE-02": "II" },
    responsible: "王校长",
    interim: "专人值守",
  });
  rt.editCells("检查人员", rt.sheet("检查人员")._lastRow() + 1, 1, [
    ["赵六", "消防", "zhaoliu@township.example.cn", "", "", "是"],
  ]);
  rt.clickMenu("setup"); // 赵六 becomes a choice of the forms
  rt.advanceTo(at("2026-03-04T10:00:00"));
  return rt;
}, bundle);

const column = (rt: Runtime, sheet: string, header: string) => {
  const s = rt.sheet(sheet);
  for (let c = 1; c <= s._lastColumn(); c++) if (s._get(1, c) === header) return c;
  throw new Error(`no column ${header} in ${sheet}`);
};
const log = (rt: Runtime) => rows(rt, "操作日志");
const toasts = (rt: Runtime) => rt.ui.filter((u) => u.kind === "toast").map((u) => u.message);
const alerts = (rt: Runtime) => rt.ui.filter((u) => u.kind === "alert").map((u) => u.message);
const digestQueue = (rt: Runtime) => String(rt.properties._stores.document.get("digest:queue") ?? "");
const inspection = (rt: Runtime) => rows(rt, "检查记录")[0]!;

describe("sheets only the script writes: a person's edit is put back from the event, or told", () => {
  test("检查人员 of 检查记录 typed over is put back, logged (who, old → new) and told", () => {
    const rt = inspected();
    const col = column(rt, "检查记录", "检查人员");
    expect(rt.editCells("检查记录", 2, col, [["王五、赵六"]]).accepted).toBe(true);
    expect(inspection(rt)["检查人员"]).toBe("张三、李四");
    const message = "「检查记录」由系统写入，“检查人员”不能手工修改，已恢复原值。";
    expect(toasts(rt)).toContain(message);
    expect(log(rt).at(-1)).toMatchObject({
      操作人: "coord@township.example.cn",
      操作: "修改被撤销",
      对象: `检查记录!R2C${col}`,
      原值: "张三、李四",
      新值: "王五、赵六",
      说明: message,
    });
    expect(digestQueue(rt)).toContain(message);
  });

  test("a date in 检查记录 typed over is put back as the same date", () => {
    const rt = inspected();
    const col = column(rt, "检查记录", "检查日期");
    rt.editCells("检查记录", 2, col, [["2026-02-20"]]);
    expect(ymd(inspection(rt)["检查日期"])).toBe("2026-03-02");
    expect(log(rt).at(-1)).toMatchObject({ 操作: "修改被撤销", 原值: "2026-03-02", 新值: "2026-02-20" });
  });

  test("a paste over 检查记录 cannot be put back (no old values): it is logged and told, with what to do", () => {
    const rt = inspected();
    const col = column(rt, "检查记录", "检查部门");
    // 检查部门 and 检查人员 are neighbours: one paste rewrites both.
    expect(column(rt, "检查记录", "检查人员")).toBe(col + 1);
    rt.editCells("检查记录", 2, col, [["市场监管、消防", "王五、赵六"]]);
    const message =
      "「检查记录」由系统写入，第 2 行的 2 个单元格被手工修改，系统无法恢复原值：请撤销（Ctrl+Z），或从“文件 → 版本记录”恢复。";
    expect(toasts(rt)).toContain(message);
    expect(log(rt).at(-1)).toMatchObject({ 操作: "修改被撤销", 对象: `检查记录!R2C${col}`, 说明: message });
    expect(digestQueue(rt)).toContain(message);
  });

  test("a date-time cannot be put back from the event (it carries the day only): told", () => {
    const rt = inspected();
    rt.editCells("检查记录", 2, column(rt, "检查记录", "提交时间"), [["2026-03-01"]]);
    expect(toasts(rt)).toContain(
      "「检查记录」由系统写入，第 2 行“提交时间”被手工修改，系统无法恢复原值：请撤销（Ctrl+Z），或从“文件 → 版本记录”恢复。",
    );
  });

  test("a column a person added to 检查记录 stays theirs: the edit is only logged", () => {
    const rt = inspected();
    const s = rt.sheet("检查记录");
    const added = s._lastColumn() + 1;
    rt.editCells("检查记录", 1, added, [["我的备注"]]);
    rt.editCells("检查记录", 2, added, [["已电话回访"]]);
    expect(s._get(2, added)).toBe("已电话回访");
    expect(log(rt).at(-1)).toMatchObject({ 操作: "编辑", 对象: `检查记录!R2C${added}`, 新值: "已电话回访" });
    expect(toasts(rt).filter((t) => t.includes("由系统写入"))).toEqual([]);
  });

  test("抽查记录: a drawn institution's inspectors typed over are put back", () => {
    const rt = inspected();
    rt.ctx.dialogAnswers.push({ button: "OK", text: "2026-03-04 开奖 07 12 19" }, { button: "NO" });
    rt.clickMenu("drawSpotCheck");
    const col = column(rt, "抽查记录", "检查人员");
    const before = rt.sheet("抽查记录")._get(2, col);
    expect(before).not.toBe("");
    rt.editCells("抽查记录", 2, col, [["张三、李四"]]);
    expect(rt.sheet("抽查记录")._get(2, col)).toBe(before);
    expect(log(rt).at(-1)).toMatchObject({
      操作: "修改被撤销",
      原值: before,
      新值: "张三、李四",
      说明: "「抽查记录」由系统写入，“检查人员”不能手工修改，已恢复原值。",
    });
  });

  test("操作日志: a line typed over is put back, and the chain still verifies", () => {
    const rt = inspected();
    const col = column(rt, "操作日志", "说明");
    const row = rt.sheet("操作日志")._lastRow();
    const before = rt.sheet("操作日志")._get(row, col);
    rt.editCells("操作日志", row, col, [["（已删除）"]]);
    expect(rt.sheet("操作日志")._get(row, col)).toBe(before);
    expect(log(rt).at(-1)).toMatchObject({ 操作: "修改被撤销", 新值: "（已删除）" });
    rt.clickMenu("verifyLedger");
    expect(alerts(rt).at(-1)).toMatch(/^操作日志校验通过/);
  });
});

describe("rewriting 检查人员 in 检查记录 does not let the original inspectors sign off their own finding", () => {
  // 状态底账 keeps each finding's inspectors as the script wrote them; the re-inspection check reads both.
  const rewrite = (rt: Runtime) => {
    const col = column(rt, "检查记录", "检查部门");
    rt.editCells("检查记录", 2, col, [["市场监管、消防", "王五、赵六"]]);
    expect(inspection(rt)["检查人员"]).toBe("王五、赵六");
  };

  test("the respondent: 张三 re-inspects his own finding after 检查人员 was pasted over", () => {
    const rt = inspected();
    rewrite(rt);
    submitReinspection(
      rt,
      {
        institution: "R0001",
        date: "2026-03-04",
        departments: ["消防", "市场监管"],
        inspectors: ["王五", "赵六"],
        passed: [FINDING],
      },
      "zhangsan@township.example.cn",
    );
    expect(rows(rt, "问题台账")[0]!["状态"]).toBe("待整改");
    expect(String(rows(rt, "待核实").at(-1)!["原因"]).split("\n")[0]).toBe(
      `提交人 张三 是问题 ${FINDING} 的原检查人员，不能提交该问题的复查：须由未参加原检查的在岗人员复查并提交。`,
    );
  });

  test("a named re-inspector: 李四 re-inspects with 王五 after 检查人员 was rewritten straight into the cell", () => {
    const rt = inspected();
    // As the Sheets API would write it: no edit trigger fires, so nothing puts it back.
    rt.sheet("检查记录")._set(2, column(rt, "检查记录", "检查人员"), "王五、赵六");
    submitReinspection(
      rt,
      {
        institution: "R0001",
        date: "2026-03-04",
        departments: ["消防", "市场监管"],
        inspectors: ["王五", "李四"],
        passed: [FINDING],
      },
      "wangwu@township.example.cn",
    );
    expect(rows(rt, "问题台账")[0]!["状态"]).toBe("待整改");
    expect(String(rows(rt, "待核实").at(-1)!["原因"])).toContain("李四");
  });

  test("状态底账 holds the inspectors as written (the control: a non-original pair signs off)", () => {
    const rt = inspected();
    expect(shadowRows(rt)[0]!["检查人员"]).toBe("张三、李四");
    submitReinspection(
      rt,
      {
        institution: "R0001",
        date: "2026-03-04",
        departments: ["消防", "市场监管"],
        inspectors: ["王五", "赵六"],
        passed: [FINDING],
      },
      "wangwu@township.example.cn",
    );
    expect(rows(rt, "问题台账")[0]!["状态"]).toBe("已销号");
  });
});

describe("a renamed header is put back", () => {
  test("问题台账: 状态 renamed is restored at once, logged and told (checking stays on)", () => {
    const rt = inspected();
    const col = column(rt, "问题台账", "状态");
    rt.editCells("问题台账", 1, col, [["状态（旧）"]]);
    expect(rt.sheet("问题台账")._get(1, col)).toBe("状态");
    const message = "「问题台账」的列标题“状态”被改动：系统按列标题查找数据，已恢复原标题。";
    expect(toasts(rt)).toContain(message);
    expect(log(rt).at(-1)).toMatchObject({
      操作: "修改表头",
      对象: `问题台账!R1C${col}`,
      原值: "状态（旧）",
      新值: "状态",
      说明: message,
    });
    expect(digestQueue(rt)).toContain(message);
    // Checking is still on: typing 已销号 is refused.
    rt.editCells("问题台账", 2, col, [["已销号"]]);
    expect(rows(rt, "问题台账")[0]!["状态"]).toBe("待整改");
  });

  test("another ledger sheet (机构名录) and a script-owned one (检查记录) too", () => {
    const rt = inspected();
    const name = column(rt, "机构名录", "机构名称");
    rt.editCells("机构名录", 1, name, [["名称"]]);
    expect(rt.sheet("机构名录")._get(1, name)).toBe("机构名称");
    const ids = column(rt, "检查记录", "检查编号");
    rt.editCells("检查记录", 1, ids, [[""]]);
    expect(rt.sheet("检查记录")._get(1, ids)).toBe("检查编号");
    expect(toasts(rt)).toContain(
      "「检查记录」的列标题“检查编号”被改动：系统按列标题查找数据，已恢复原标题。",
    );
  });

  test("not put back: the same header with other spacing, a header a person added, a header still found elsewhere", () => {
    const rt = inspected();
    const s = rt.sheet("问题台账");
    const notes = column(rt, "问题台账", "备注");
    rt.editCells("问题台账", 1, notes, [["备 注"]]);
    expect(s._get(1, notes)).toBe("备 注");
    const added = s._lastColumn() + 1;
    rt.editCells("问题台账", 1, added, [["回访情况"]]);
    rt.editCells("问题台账", 1, added, [["回访"]]);
    expect(s._get(1, added)).toBe("回访");
    // A second 整改责任人 column to the right; renaming it leaves the first, which the script reads.
    rt.editCells("问题台账", 1, added + 1, [["整改责任人"]]);
    rt.editCells("问题台账", 1, added + 1, [["整改责任人（新）"]]);
    expect(s._get(1, added + 1)).toBe("整改责任人（新）");
    expect(log(rt).filter((r) => r["操作"] === "修改表头")).toEqual([]);
  });

  test("a paste over the header row cannot be put back: told which column is missing", () => {
    const rt = inspected();
    const col = column(rt, "问题台账", "整改责任人");
    // By another editor, a consumer account Google does not name to the script: the log says so.
    rt.shareSpreadsheet("helper@gmail.com", "edit");
    expect(rt.editCells("问题台账", 1, col, [["责任人", "措施"]], "helper@gmail.com").accepted).toBe(true);
    const message = "工作表「问题台账」缺少列「整改责任人」。请恢复该列标题，或运行“初始化/更新”补回。";
    expect(toasts(rt)).toContain(message);
    expect(log(rt).at(-1)).toMatchObject({ 操作人: "未知（见版本记录）", 操作: "修改表头", 说明: message });
    expect(digestQueue(rt)).toContain(message);
  });
});

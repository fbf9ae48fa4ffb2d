// 状态底账 (issue 14, "Tamper evidence"): the script's own record of every finding's state. Each attack
// below is played as a person would in the local runtime; each test asserts the outcome (put back or
// reported), the Chinese message and the line in 操作日志.
import fc from "fast-check";
import type { Runtime } from "../../sim/runtime";
import { submitInspection } from "../../sim/township";
import { snapshot } from "../helpers/snapshot";
import { bundle } from "../helpers/build";
import { rows, shadowRows, township, ymd } from "../helpers/township";

const LEDGER = "问题台账";
const SHADOW = "状态底账";
const at = (iso: string) => new Date(`${iso}+08:00`);

/** The township with one inspection's three 一类 findings (deadline = the day found, 2026-03-02). */
const withFindings = snapshot(() => {
  const rt = township();
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-03-02",
    departments: ["教育", "消防"],
    inspectors: ["张三", "李四"],
    results: { "FIRE-01": "fail", "FIRE-02": "fail", "PREM-04": "fail" },
    classes: { "FIRE-01": "I", "FIRE-02": "I", "PREM-04": "I" },
  });
  return rt;
}, bundle);

const column = (rt: Runtime, sheet: string, header: string) => {
  const s = rt.sheet(sheet);
  for (let c = 1; c <= s._lastColumn(); c++) if (s._get(1, c) === header) return c;
  throw new Error(`no column ${header}`);
};
const rowOf = (rt: Runtime, id: string) => {
  const s = rt.sheet(LEDGER);
  for (let r = 2; r <= s._lastRow(); r++) if (s._get(r, 1) === id) return r;
  throw new Error(`no row ${id}`);
};
const finding = (rt: Runtime, id: string) => rows(rt, LEDGER).find((f) => f["问题编号"] === id)!;
const log = (rt: Runtime) => rows(rt, "操作日志");
const toasts = (rt: Runtime) => rt.ui.filter((u) => u.kind === "toast").map((u) => u.message);
const alerts = (rt: Runtime) => rt.ui.filter((u) => u.kind === "alert").map((u) => u.message);
const ID = "JC20260302-001-01";

describe("状态底账", () => {
  test("is written with the findings, hidden and protected (owner and 协调员邮箱 only)", () => {
    const rt = withFindings();
    expect(shadowRows(rt).map((r) => [r["问题编号"], r["状态"], ymd(r["整改期限"])])).toEqual([
      ["JC20260302-001-01", "待整改", "2026-03-02"],
      ["JC20260302-001-02", "待整改", "2026-03-02"],
      ["JC20260302-001-03", "待整改", "2026-03-02"],
    ]);
    const sheet = rt.sheet(SHADOW);
    expect(sheet._hidden).toBe(true);
    const p = sheet._protections.find((x) => !x._range)!;
    expect(p._warningOnly).toBe(false);
    expect([...p._editors]).toEqual(["coord@township.example.cn"]);
  });

  test("a one-cell status change the rules allow is accepted and followed by the shadow", () => {
    const rt = withFindings();
    rt.editCells(LEDGER, rowOf(rt, ID), column(rt, LEDGER, "状态"), [["已整改待复查"]]);
    expect(finding(rt, ID)["状态"]).toBe("已整改待复查");
    expect(shadowRows(rt).find((r) => r["问题编号"] === ID)!["状态"]).toBe("已整改待复查");
    rt.advanceTo(at("2026-03-03T07:30:00"));
    expect(finding(rt, ID)["状态"]).toBe("已整改待复查");
    expect(log(rt).some((r) => r["操作"] === "按底账恢复")).toBe(false);
  });
});

describe("attacks by pasting", () => {
  test("a pasted row block that signs a finding off with a date is put back from the shadow", () => {
    const rt = withFindings();
    const statusCol = column(rt, LEDGER, "状态");
    const closedCol = column(rt, LEDGER, "销号日期");
    // One paste from 状态 to 销号日期: 状态, 逾期, 延期至, 延期理由, 复查记录, 销号日期.
    const block = [["已销号", "", "", "", "", "2026-03-03"]];
    expect(closedCol - statusCol + 1).toBe(block[0]!.length);
    rt.editCells(LEDGER, rowOf(rt, ID), statusCol, block);
    expect(finding(rt, ID)["状态"]).toBe("待整改");
    expect(finding(rt, ID)["销号日期"]).toBe("");
    const message =
      "粘贴不能修改“状态”：该列由系统维护（状态请逐格修改或通过表单、菜单），已按状态底账恢复。";
    expect(toasts(rt)).toContain(message);
    expect(log(rt)).toContainEqual(
      expect.objectContaining({ 操作: "修改被撤销", 原值: "待整改", 新值: "已销号", 说明: message }),
    );
    expect(log(rt)).toContainEqual(
      expect.objectContaining({
        操作: "修改被撤销",
        新值: "2026-03-03",
        说明: expect.stringContaining("“销号日期”"),
      }),
    );
  });

  test("a pasted 整改期限 beyond the maximum is put back (it could never become overdue)", () => {
    const rt = withFindings();
    rt.editCells(LEDGER, rowOf(rt, ID), column(rt, LEDGER, "整改期限"), [["2027-12-31", "王校长"]]);
    expect(ymd(finding(rt, ID)["整改期限"])).toBe("2026-03-02");
    expect(finding(rt, ID)["整改责任人"]).toBe("王校长");
    expect(log(rt)).toContainEqual(
      expect.objectContaining({
        操作: "修改被撤销",
        新值: "2027-12-31",
        说明: expect.stringContaining("“整改期限”"),
      }),
    );
  });

  test("a second extension pasted with its reason is put back", () => {
    const rt = withFindings();
    const ext = column(rt, LEDGER, "延期至");
    // The first extension, typed one cell at a time as the rules ask: reason, then date.
    rt.editCells(LEDGER, rowOf(rt, ID), ext + 1, [["等待材料"]]);
    rt.editCells(LEDGER, rowOf(rt, ID), ext, [["2026-03-09"]]);
    expect(ymd(finding(rt, ID)["延期至"])).toBe("2026-03-09");
    expect(ymd(shadowRows(rt).find((r) => r["问题编号"] === ID)!["延期至"])).toBe("2026-03-09");
    // A second one, pasted.
    rt.editCells(LEDGER, rowOf(rt, ID), ext, [["2026-03-20", "再次延期"]]);
    expect(ymd(finding(rt, ID)["延期至"])).toBe("2026-03-09");
    expect(log(rt)).toContainEqual(
      expect.objectContaining({
        操作: "修改被撤销",
        新值: "2026-03-20",
        说明: expect.stringContaining("“延期至”"),
      }),
    );
  });
});

describe("attacks on rows and outside the edit handler", () => {
  test("a finding's row deleted: the change trigger tells the coordinator at once", () => {
    const rt = withFindings();
    expect(rt.deleteRows(LEDGER, rowOf(rt, ID)).accepted).toBe(true);
    const message = `以下问题在状态底账中有记录，但问题台账中找不到（整行被删除或问题编号被改）：${ID}。请从“文件 → 版本记录”恢复该行。`;
    expect(toasts(rt)).toContain(message);
    expect(log(rt)).toContainEqual(expect.objectContaining({ 操作: "台账结构变动", 说明: message }));
    // 检查记录 still counts three findings for the inspection; two are left.
    expect(toasts(rt)).toContain(
      "以下检查记录的问题数与问题台账不一致：JC20260302-001（记录 3 条，台账 2 条）。",
    );
  });

  test("a fake signed-off finding inserted by hand is reported by 核验台账 and the daily check", () => {
    const rt = withFindings();
    const s = rt.sheet(LEDGER);
    const fake = s._lastRow() + 1;
    // Written straight into the cells (as the Sheets API would: no edit trigger fires).
    s._set(fake, 1, "JC20260302-001-09");
    s._set(fake, column(rt, LEDGER, "检查编号"), "JC20260302-001");
    s._set(fake, column(rt, LEDGER, "状态"), "已销号");
    rt.clickMenu("verifyLedger");
    expect(alerts(rt).at(-1)).toContain(
      "问题台账中以下问题不是系统写入的（手工插入或粘贴）：JC20260302-001-09（第 5 行）。",
    );
    // Four findings of JC20260302-001 in the ledger, three recorded.
    expect(alerts(rt).at(-1)).toContain(
      "以下检查记录的问题数与问题台账不一致：JC20260302-001（记录 3 条，台账 4 条）。",
    );
    rt.advanceTo(at("2026-03-03T07:30:00"));
    expect(log(rt)).toContainEqual(
      expect.objectContaining({
        操作: "每日检查：台账核验",
        说明: expect.stringContaining("JC20260302-001-09（第 5 行）"),
      }),
    );
  });

  test("a state changed outside the script is put back by 核验台账, logged and shown", () => {
    const rt = withFindings();
    rt.sheet(LEDGER)._set(rowOf(rt, ID), column(rt, LEDGER, "状态"), "已销号");
    rt.clickMenu("verifyLedger");
    expect(finding(rt, ID)["状态"]).toBe("待整改");
    expect(alerts(rt).at(-1)).toContain(
      `问题台账有 1 处状态类单元格与系统记录（状态底账）不符，已恢复：${ID} 状态：已销号 → 待整改。`,
    );
    expect(log(rt)).toContainEqual(
      expect.objectContaining({ 操作: "按底账恢复", 对象: `问题台账!${ID}`, 原值: "已销号", 新值: "待整改" }),
    );
  });

  test("a state changed outside the script is put back by the next daily check and told", () => {
    const rt = withFindings();
    rt.sheet(LEDGER)._set(rowOf(rt, ID), column(rt, LEDGER, "状态"), "已销号");
    rt.advanceTo(at("2026-03-03T07:30:00"));
    expect(finding(rt, ID)["状态"]).toBe("待整改");
    expect(log(rt)).toContainEqual(
      expect.objectContaining({
        操作: "每日检查：台账核验",
        说明: expect.stringContaining(`${ID} 状态：已销号 → 待整改`),
      }),
    );
  });
});

describe("property: after random pastes and row deletions, the daily check leaves the ledger as the shadow says, or says why not", () => {
  const ids = ["JC20260302-001-01", "JC20260302-001-02", "JC20260302-001-03"];
  const stateHeaders = ["状态", "整改期限", "延期至", "销号日期"];
  const action = fc.oneof(
    fc.record({
      kind: fc.constant("paste" as const),
      finding: fc.integer({ min: 0, max: 2 }),
      header: fc.constantFrom(...stateHeaders),
      values: fc.array(fc.constantFrom("已销号", "待整改", "2026-03-05", "2027-01-01", "", "x"), {
        minLength: 2,
        maxLength: 3,
      }),
    }),
    fc.record({ kind: fc.constant("delete" as const), finding: fc.integer({ min: 0, max: 2 }) }),
    fc.record({
      kind: fc.constant("raw" as const),
      finding: fc.integer({ min: 0, max: 2 }),
      header: fc.constantFrom(...stateHeaders),
      value: fc.constantFrom("已销号", "2027-01-01", ""),
    }),
  );
  test("reconciled ledger = shadow, or the difference is reported", () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 4 }), (actions) => {
        const rt = withFindings();
        for (const a of actions) {
          const id = ids[a.finding]!;
          const present = rows(rt, LEDGER).some((f) => f["问题编号"] === id);
          if (!present) continue;
          if (a.kind === "delete") rt.deleteRows(LEDGER, rowOf(rt, id));
          else if (a.kind === "raw")
            rt.sheet(LEDGER)._set(rowOf(rt, id), column(rt, LEDGER, a.header), a.value);
          else rt.editCells(LEDGER, rowOf(rt, id), column(rt, LEDGER, a.header), [a.values]);
        }
        const before = log(rt).length;
        rt.advanceTo(at("2026-03-03T07:30:00"));
        const told = log(rt)
          .slice(before)
          .map((r) => String(r["说明"]))
          .join("\n");
        const shadow = shadowRows(rt);
        for (const s of shadow) {
          const id = String(s["问题编号"]);
          const f = finding(rt, id);
          if (!f) {
            // Gone from the ledger: reported.
            expect(told).toContain(id);
            continue;
          }
          for (const h of stateHeaders) expect([h, ymd(f[h]) ?? ""]).toEqual([h, ymd(s[h]) ?? ""]);
        }
      }),
      { numRuns: 12, seed: 1414 },
    );
  });
});

describe("more attacks on 问题台账 (issue 14's list)", () => {
  test("a pasted 状态 block that silently sets 已整改待复查 back to 待整改 is put back from the shadow", () => {
    const rt = withFindings();
    const ids = ["JC20260302-001-01", "JC20260302-001-02"];
    const statusCol = column(rt, LEDGER, "状态");
    for (const id of ids) rt.editCells(LEDGER, rowOf(rt, id), statusCol, [["已整改待复查"]]);
    // The two rows are adjacent (2 and 3): one paste of two cells over both.
    expect(rowOf(rt, ids[1]!)).toBe(rowOf(rt, ids[0]!) + 1);
    rt.editCells(LEDGER, rowOf(rt, ids[0]!), statusCol, [["待整改"], ["待整改"]]);
    for (const id of ids) expect(finding(rt, id)["状态"]).toBe("已整改待复查");
    expect(log(rt).filter((r) => r["操作"] === "修改被撤销" && r["原值"] === "已整改待复查")).toHaveLength(2);
  });

  test("clearing a 问题编号 cell is put back at once, with a note and a log line", () => {
    const rt = withFindings();
    const row = rowOf(rt, ID);
    rt.editCells(LEDGER, row, 1, [[""]]);
    expect(rt.sheet(LEDGER)._get(row, 1)).toBe(ID);
    expect(toasts(rt)).toContain("已撤销修改：「问题编号」由系统生成，不能手工修改。");
    expect(log(rt).at(-1)).toMatchObject({ 操作: "修改被撤销", 原值: ID, 新值: "" });
  });

  test("a crash in the edit handler leaves the forbidden edit only until the next daily check puts it back", () => {
    const rt = withFindings();
    const statusCol = column(rt, LEDGER, "状态");
    // Every write of the edit handler fails (a Sheets outage): the typed 已销号 is not put back at once.
    rt.log.faults = (call) =>
      rt.log.current?.functionName === "handleEdit" && /setValue/.test(call.name)
        ? "Service Spreadsheets failed while accessing document."
        : undefined;
    rt.editCells(LEDGER, rowOf(rt, ID), statusCol, [["已销号"]]);
    rt.log.faults = undefined;
    expect(finding(rt, ID)["状态"]).toBe("已销号");
    rt.advanceTo(at("2026-03-03T07:30:00"));
    expect(finding(rt, ID)["状态"]).toBe("待整改");
    expect(log(rt)).toContainEqual(
      expect.objectContaining({ 操作: "按底账恢复", 对象: `问题台账!${ID}`, 原值: "已销号", 新值: "待整改" }),
    );
  });
});

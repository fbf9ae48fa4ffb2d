// 协调员邮箱 takes effect only when the owner runs 初始化/更新 (issue 14, "State columns are
// script-owned"): an editor who writes their own address there gets no digest and no edit right to the
// script's sheets until then.
import { setSettings, submitInspection } from "../../sim/township";
import { COORDINATOR, rows, township } from "../helpers/township";

const EDITOR = "editor@township.example.cn";

/** A response that goes to 待核实 (one inspector only): the coordinator's digest mail follows. */
const invalidSubmission = (rt: ReturnType<typeof township>) =>
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-03-02",
    departments: ["教育"],
    inspectors: ["张三"],
  });

const digestsTo = (rt: ReturnType<typeof township>, who: string) =>
  rt.mail._sent.filter((m) => m.to.includes(who) && /待核实|台账系统提示/.test(m.subject));

const logEditors = (rt: ReturnType<typeof township>) =>
  [...rt.sheet("操作日志")._protections.find((p) => !p._range)!._editors].sort();

describe("协调员邮箱 changed by an editor", () => {
  test("takes no effect until the owner runs 初始化/更新", () => {
    const rt = township();
    rt.shareSpreadsheet(EDITOR, "edit");
    setSettings(rt, { 协调员邮箱: EDITOR }, EDITOR);
    invalidSubmission(rt);
    expect(digestsTo(rt, EDITOR)).toHaveLength(0);
    expect(digestsTo(rt, COORDINATOR)).toHaveLength(1);
    // The editor tries 初始化/更新 themselves: Sheets refuses the protected sheets' formatting, and the
    // protections still list the confirmed coordinator only.
    rt.openSpreadsheet(EDITOR);
    expect(() => rt.clickMenu("setup", EDITOR)).toThrow(/protected/);
    expect(logEditors(rt)).toEqual([COORDINATOR]);
    rt.advanceBy(2 * 3600_000);
    invalidSubmission(rt);
    expect(digestsTo(rt, EDITOR)).toHaveLength(0);
    // The owner runs it: the new address is confirmed.
    rt.clickMenu("setup");
    expect(logEditors(rt)).toEqual([COORDINATOR, EDITOR].sort());
    rt.advanceBy(2 * 3600_000);
    invalidSubmission(rt);
    expect(digestsTo(rt, EDITOR).length).toBeGreaterThan(0);
    expect(rows(rt, "操作日志").some((r) => r["对象"] === "配置!R10C2" && r["新值"] === EDITOR)).toBe(true);
  });
});

describe("问题台账's state columns", () => {
  test("only the owner and the confirmed coordinators may type in them (Google's protection pattern)", () => {
    const rt = township();
    rt.shareSpreadsheet(EDITOR, "edit");
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      departments: ["教育", "消防"],
      inspectors: ["张三", "李四"],
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I" },
    });
    const sheet = rt.sheet("问题台账");
    const header = Array.from({ length: sheet._lastColumn() }, (_, i) => String(sheet._get(1, i + 1)));
    const status = header.indexOf("状态") + 1;
    const refused = rt.editCells("问题台账", 2, status, [["已整改待复查"]], EDITOR);
    expect(refused.accepted).toBe(false);
    expect(refused.message).toMatch(/protected cell/);
    expect(rows(rt, "问题台账")[0]!["状态"]).toBe("待整改");
    const protection = sheet._protections.find((p) => p._description === "「状态」仅协调员可改")!;
    expect(protection._warningOnly).toBe(false);
    expect([...protection._editors]).toEqual([COORDINATOR]);
    expect(protection._domainEdit).toBe(false);
    expect(rt.editCells("问题台账", 2, status, [["已整改待复查"]], COORDINATOR).accepted).toBe(true);
    expect(rows(rt, "问题台账")[0]!["状态"]).toBe("已整改待复查");
  });
});

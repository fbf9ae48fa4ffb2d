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

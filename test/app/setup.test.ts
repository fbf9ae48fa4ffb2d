// 初始化/更新: creates the ledger, the forms and the triggers; running it again changes nothing;
// it repairs what a person deleted.
import type { Runtime } from "../../sim/runtime";
import { parsePrefilledUrl } from "../../sim/forms";
import { formRecord } from "../../sim/township";
import { rows, township } from "../helpers/township";

function snapshot(rt: Runtime) {
  const sheets = rt.spreadsheet._sheets.map((s) => ({
    name: s._name,
    frozen: s._frozenRows,
    size: [s._maxRows, s._maxColumns],
    values: JSON.stringify(s._values),
    meta: JSON.stringify(s._meta, (_k, v) =>
      v && typeof v === "object" && "_criteria" in v ? [v._criteria, v._values, v._allowInvalid] : v,
    ),
    protections: s._protections.map((p) => [p._description, p._warningOnly, p._range?.getA1Notation()]),
  }));
  const forms = [...rt.forms._forms.values()].map((f) => ({
    title: f._title,
    items: f._items.map((i) => [
      i._id,
      i._type,
      i._title,
      i._helpText,
      i._required,
      i._choices,
      i._rows,
      i._columns,
    ]),
    destination: f._destinationId,
  }));
  const triggers = rt.script._triggers.map((t) => [t.handler, t.event, t.sourceId, t.schedule]);
  const props = [...rt.properties._stores.document].filter(([k]) => k.startsWith("form:"));
  return { sheets, forms, triggers, props };
}

describe("setup", () => {
  // Each test gets its own township (one test runs setup again): any of them can run alone.
  let rt: Runtime;
  beforeEach(() => {
    rt = township();
  });

  test("creates every ledger sheet with a frozen Chinese header row", () => {
    for (const name of ["机构名录", "检查人员", "检查记录", "问题台账", "待核实", "配置", "操作日志"]) {
      const sheet = rt.sheet(name);
      expect([name, sheet._frozenRows]).toEqual([name, 1]);
      expect(sheet._metaAt(1, 1)?.fontWeight).toBe("bold");
    }
    expect(rt.sheet("问题台账")._get(1, 1)).toBe("问题编号");
    expect(rt.spreadsheet._sheet("Sheet1")).toBeUndefined();
  });

  test("coded columns get drop-down validation; computed columns a warning-only protection", () => {
    const findings = rt.sheet("问题台账");
    const header = Array.from({ length: findings._lastColumn() }, (_, i) => findings._get(1, i + 1));
    const status = findings._metaAt(2, header.indexOf("状态") + 1)?.validation;
    expect(status?._values[0]).toEqual(["待整改", "已整改待复查", "已销号"]);
    expect(status?._allowInvalid).toBe(false);
    const village = rt.sheet("机构名录")._metaAt(5, 4)?.validation;
    expect(village?._values[0]).toEqual(["东村", "西村", "南村"]);
    const protections = findings._protections.map((p) => [p._description, p._warningOnly]);
    expect(protections).toContainEqual(["系统计算列：问题编号", true]);
    expect(protections).not.toContainEqual(["系统计算列：状态", true]);
  });

  test("installs each trigger exactly once", () => {
    const triggers = rt.script._triggers.map((t) => `${t.handler}:${t.event}`).sort();
    expect(triggers).toEqual([
      // The change trigger catches rows deleted or inserted (issue 14, 状态底账).
      "handleChange:ON_CHANGE",
      "handleEdit:ON_EDIT",
      // Four checklists, the re-inspection form and the public 举报 form (issue 15).
      ...Array(6).fill("handleFormSubmit:ON_FORM_SUBMIT"),
      "runDailyCheck:CLOCK",
      // 06:00: the 操作日志 chain and 问题台账 against 状态底账, before the 07:00 reminders.
      "runIntegrityCheck:CLOCK",
      "sendSummary:CLOCK",
    ]);
  });

  test("builds the forms: institution list branching to the new-institution page, one grid per area", () => {
    const { formId, map } = formRecord(rt, "training");
    const form = rt.form(formId);
    expect(form._destinationId).toBe(rt.spreadsheet._id);
    expect(form._collectEmail).toBe(true);
    const institution = form._items.find((i) => i._id === map.institution)!;
    expect(institution._choices.map((c) => c.value)).toEqual([
      "R0001 阳光培训学校（东村）",
      "名录中没有——新发现机构",
    ]);
    const pages = form._items.filter((i) => i._type === "PAGE_BREAK");
    expect(institution._choices[0]!.gotoPageId).toBe(pages[1]!._id);
    expect(institution._choices[1]!.gotoPageId).toBe(pages[0]!._id);
    const grids = form._items.filter((i) => i._type === "GRID");
    expect(grids[0]!._columns).toEqual(["符合", "不符合", "不适用"]);
    expect(grids[0]!._rows[0]).toBe("QUAL-01 取得办学许可证（校外培训机构按学科类/非学科类审批）");
    expect(grids.at(-1)!._columns).toEqual([
      "一类 已当场整改",
      "一类 立即整改",
      "二类 限期整改",
      "三类 无法整改",
    ]);
    const inspectors = form._items.find((i) => i._id === map.inspectors)!;
    expect(inspectors._choices.map((c) => c.value)).toEqual([
      "张三（教育）",
      "李四（消防）",
      "王五（市场监管）",
    ]);
  });

  test("gives each institution a prefilled link that opens its form with the institution chosen", () => {
    for (const inst of rows(rt, "机构名录")) {
      const link = String(inst["预填检查链接"]);
      const defId = {
        校外培训机构: "training",
        校外托管机构: "aftercare",
        小饭桌: "meal",
        托育机构: "childcare",
      }[String(inst["类型"])]!;
      const { formId, map } = formRecord(rt, defId);
      expect(link.startsWith(rt.form(formId).getPublishedUrl())).toBe(true);
      expect(parsePrefilledUrl(rt.form(formId), link).get(map.institution)).toEqual([
        `${inst["机构编号"]} ${inst["机构名称"]}（${inst["村/社区"]}）`,
      ]);
    }
  });

  test("running it again changes nothing", () => {
    const before = snapshot(rt);
    rt.clickMenu("setup");
    expect(snapshot(rt)).toEqual(before);
    const complaintForm = rt.form(formRecord(rt, "complaint").formId);
    expect(rt.ui.at(-1)?.message).toBe(
      `初始化完成：5 张检查表已就绪，触发器 11 个。\n公众举报表（无需登录，可对外公布）：${complaintForm.getPublishedUrl()}`,
    );
  });
});

describe("setup repairs what a person deleted", () => {
  test("a deleted sheet, a deleted column, a deleted trigger and a deleted form come back; data is kept", () => {
    const rt = township();
    const register = rt.sheet("机构名录");
    const names = () => rows(rt, "机构名录").map((r) => r["机构名称"]);
    const before = names();
    rt.spreadsheet.deleteSheet(rt.sheet("待核实")._api);
    register.deleteColumns(register._lastColumn(), 1); // 备注
    rt.script._triggers.splice(
      rt.script._triggers.findIndex((t) => t.handler === "runDailyCheck"),
      1,
    );
    rt.form(formRecord(rt, "meal").formId)._deleted = true;
    rt.clickMenu("setup");
    const message = rt.ui.at(-1)!.message;
    expect(message).toContain("创建工作表「待核实」");
    expect(message).toContain("「机构名录」补回列 备注");
    expect(message).toContain("创建检查表「小饭桌安全检查表」");
    expect(rt.script._triggers.filter((t) => t.handler === "runDailyCheck")).toHaveLength(1);
    expect(rt.script._triggers.filter((t) => t.handler === "handleFormSubmit")).toHaveLength(6);
    expect(names()).toEqual(before);
    expect(rows(rt, "操作日志").at(-1)).toMatchObject({ 操作: "初始化/更新" });
  });
});

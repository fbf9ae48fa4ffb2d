// Issue 18 point 4: a coordinator edits 检查项目 (switches an item off, rewords one, adds a local item,
// and at first gets one row wrong); 初始化/更新 applies nothing until every row is right, then rebuilds
// only the forms that changed, in place, with the next version, and old findings still read.
//
// Expected values are worked out by hand from forms/:
// - forms/items.ts has 35 items, so 检查项目 holds rows 2–36 and a pasted row lands on row 37.
// - PREM-08 is on the training and aftercare forms (their 二、场地与设施 pages list PREM-01…PREM-08);
//   COND-02 is on the training form only; FIRE-06 is new, for 小饭桌 only, and its FIRE prefix puts it on
//   the meal form's 三、消防安全 page after FIRE-01…FIRE-05. Childcare has none of the three.
// - So training, aftercare and meal go from 1.0.0 to 1.1.0 (a checklist change is a minor version);
//   childcare, the re-inspection and the 举报 form keep 1.0.0.
import type { Runtime } from "../../sim/runtime";
import { formRecord, submitInspection } from "../../sim/township";
import { snapshot } from "../helpers/snapshot";
import { buildTownship, bundle, rows } from "../helpers/township";

const SHEET = "检查项目";

function header(rt: Runtime, sheet: string): string[] {
  const s = rt.sheet(sheet);
  return Array.from({ length: s._lastColumn() }, (_, i) => String(s._get(1, i + 1)));
}

function rowOf(rt: Runtime, code: string): number {
  const s = rt.sheet(SHEET);
  for (let r = 2; r <= s._lastRow(); r++) if (s._get(r, 1) === code) return r;
  throw new Error(`No row for ${code}`);
}

/** A coordinator typing into one cell of 检查项目. */
function type(rt: Runtime, code: string, column: string, value: unknown): void {
  const result = rt.editCells(SHEET, rowOf(rt, code), header(rt, SHEET).indexOf(column) + 1, [[value]]);
  expect(result.accepted).toBe(true);
}

function paste(rt: Runtime, row: Record<string, unknown>): void {
  const h = header(rt, SHEET);
  const at = rt.sheet(SHEET)._lastRow() + 1;
  expect(rt.editCells(SHEET, at, 1, [h.map((k) => row[k] ?? "")]).accepted).toBe(true);
}

const gridRows = (rt: Runtime, defId: string) => {
  const { formId } = formRecord(rt, defId);
  return rt
    .form(formId)
    ._items.filter((i) => i._type === "GRID")
    .slice(0, -1) // the last grid classifies failed items
    .map((g) => [g._title, g._rows] as const);
};

const version = (rt: Runtime, defId: string) => formRecord(rt, defId).version;
const lastAlert = (rt: Runtime) => rt.ui.filter((u) => u.kind === "alert").at(-1)!.message;

describe("检查项目: the checklist a coordinator edits in the sheet", () => {
  const ids: Record<string, [string, string]> = {};
  let oldFinding: Record<string, unknown> = {};

  // Each test starts from its own copy: the township as built (and one inspection), or with the
  // coordinator's edits applied.
  const built = snapshot(() => {
    // The template from nothing: a new spreadsheet, 初始化, settings, register, roster, 初始化 again.
    const rt = buildTownship(new Date("2026-03-02T09:00:00+08:00"));
    for (const defId of ["training", "aftercare", "meal", "childcare", "reinspection", "complaint"]) {
      const { formId } = formRecord(rt, defId);
      ids[defId] = [formId, rt.form(formId).getPublishedUrl()];
    }
    // Before any edit: PREM-08 fails at 阳光培训学校 (R0001) and becomes a finding.
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      departments: ["教育", "消防"],
      inspectors: ["张三", "李四"],
      results: { "PREM-08": "fail" },
      classes: { "PREM-08": "II" },
      responsible: "赵校长",
      interim: "暂停舞蹈课",
      deadline: "2026-03-16",
    });
    oldFinding = rows(rt, "问题台账").find((r) => r["检查项编码"] === "PREM-08")!;
    return rt;
  }, bundle);
  /** The coordinator's edits of the second test: PREM-08 off, COND-02 reworded, FIRE-06 added. */
  const editOne = (rt: Runtime) => {
    type(rt, "PREM-08", "启用", "否");
    type(rt, "COND-02", "检查内容", "不得超标超前培训，不得占用法定节假日和寒暑假组织学科类培训");
  };
  const FIRE_06 = {
    编码: "FIRE-06",
    检查内容: "电动自行车不在室内停放、充电",
    所在检查表: "小饭桌",
    牵头部门: "消防",
    依据: "镇消防安全专项整治通知",
    默认分类: "二类 限期整改",
    默认整改天数: 30,
    可选不适用: "否",
    启用: "是",
  };
  // The same edits made right the first time, applied by 初始化/更新.
  const edited = snapshot(() => {
    const rt = built();
    editOne(rt);
    paste(rt, FIRE_06);
    rt.clickMenu("setup");
    return rt;
  }, bundle);
  let rt: Runtime;

  test("setup fills the sheet from forms/: one row per item, all switched on", () => {
    rt = built();
    const sheet = rows(rt, SHEET);
    expect(sheet).toHaveLength(35);
    expect(header(rt, SHEET)).toEqual([
      "编码",
      "检查内容",
      "填写提示",
      "所在检查表",
      "牵头部门",
      "依据",
      "默认分类",
      "默认整改天数",
      "可选不适用",
      "启用",
    ]);
    expect(sheet.find((r) => r["编码"] === "PREM-08")).toEqual({
      编码: "PREM-08",
      检查内容: "有危险性的活动（体育、舞蹈、户外等）有专业人员保护和器材防护",
      填写提示: "",
      所在检查表: "校外培训机构、校外托管机构",
      牵头部门: "教育",
      依据: "“安全守护”专项行动方案 三（一）",
      默认分类: "二类 限期整改",
      默认整改天数: 15,
      可选不适用: "是",
      启用: "是",
    });
    expect(sheet.every((r) => r["启用"] === "是")).toBe(true);
    expect(oldFinding["检查项"]).toBe("有危险性的活动（体育、舞蹈、户外等）有专业人员保护和器材防护");
  });

  test("an invalid row: nothing is applied and the message names the row; fixed, the change is applied", () => {
    rt = built();
    const trainingBefore = gridRows(rt, "training");
    const mealBefore = gridRows(rt, "meal");
    editOne(rt);
    paste(rt, { ...FIRE_06, 默认整改天数: 120 });

    rt.clickMenu("setup");
    expect(lastAlert(rt)).toContain(
      "「检查项目」有 1 处错误，本次未应用其中任何修改（检查表保持原样）：\n" +
        "「检查项目」第 37 行（FIRE-06）：默认整改天数应为 0–90 的整数\n" +
        "改正后再点一次「初始化/更新」。",
    );
    expect(gridRows(rt, "training")).toEqual(trainingBefore);
    expect(gridRows(rt, "meal")).toEqual(mealBefore);
    for (const defId of ["training", "aftercare", "meal", "childcare"])
      expect(version(rt, defId)).toBe("1.0.0");

    type(rt, "FIRE-06", "默认整改天数", 30);
    rt.clickMenu("setup");
    expect(lastAlert(rt)).not.toContain("检查项目");

    // Same forms, same links.
    for (const [defId, [formId, url]] of Object.entries(ids)) {
      expect(formRecord(rt, defId).formId).toBe(formId);
      expect(rt.form(formId).getPublishedUrl()).toBe(url);
    }
    expect(version(rt, "training")).toBe("1.1.0");
    expect(version(rt, "aftercare")).toBe("1.1.0");
    expect(version(rt, "meal")).toBe("1.1.0");
    expect(version(rt, "childcare")).toBe("1.0.0");
    expect(version(rt, "reinspection")).toBe("1.0.0");
    expect(version(rt, "complaint")).toBe("1.0.0");

    const training = new Map(gridRows(rt, "training"));
    expect(training.get("场地与设施")).toEqual(
      trainingBefore.find(([t]) => t === "场地与设施")![1].filter((r) => !r.startsWith("PREM-08")),
    );
    expect(training.get("场地与设施")).toHaveLength(7);
    expect(training.get("培训行为与收费")).toContain(
      "COND-02 不得超标超前培训，不得占用法定节假日和寒暑假组织学科类培训",
    );
    expect(new Map(gridRows(rt, "aftercare")).get("场地与设施")).toHaveLength(7);
    expect(new Map(gridRows(rt, "meal")).get("消防安全")).toEqual([
      ...new Map(mealBefore).get("消防安全")!,
      "FIRE-06 电动自行车不在室内停放、充电",
    ]);
    expect(gridRows(rt, "childcare").flatMap(([, r]) => r)).not.toContain(
      "FIRE-06 电动自行车不在室内停放、充电",
    );

    // The log says which forms were updated.
    const log = rows(rt, "操作日志").at(-1)!;
    expect(String(log["说明"])).toContain("检查表「校外培训机构安全检查表」更新到 1.1.0");
  });

  test("the next inspection records the version it was answered on; the old finding still reads", () => {
    rt = edited();
    submitInspection(rt, "meal", {
      institution: "R0003",
      date: "2026-03-02",
      departments: ["市场监管", "消防"],
      inspectors: ["李四", "王五"],
      results: { "FIRE-06": "fail" },
      classes: { "FIRE-06": "II" },
      responsible: "张阿姨",
      interim: "电动车移至室外",
      deadline: "2026-03-20",
    });
    expect(rows(rt, "待核实").map((r) => r["原因"])).toEqual([]);
    const records = rows(rt, "检查记录");
    expect(records.map((r) => [r["机构编号"], r["表单版本"]])).toEqual([
      ["R0001", "1.0.0"],
      ["R0003", "1.1.0"],
    ]);
    const findings = rows(rt, "问题台账");
    const local = findings.find((r) => r["检查项编码"] === "FIRE-06")!;
    expect([local["检查项"], local["牵头部门"], local["依据"]]).toEqual([
      "电动自行车不在室内停放、充电",
      "消防",
      "镇消防安全专项整治通知",
    ]);
    rt.clickMenu("runDailyCheck");
    const old = rows(rt, "问题台账").find((r) => r["问题编号"] === oldFinding["问题编号"])!;
    expect([old["检查项编码"], old["检查项"], old["状态"]]).toEqual([
      "PREM-08",
      "有危险性的活动（体育、舞蹈、户外等）有专业人员保护和器材防护",
      "待整改",
    ]);
  });
});

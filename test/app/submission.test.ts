// An inspector submits a checklist on a phone; a moment later the coordinator's ledger is right.
// Everything runs through dist/Code.js in the local runtime, firing the installed form trigger.
import type { Runtime } from "../../sim/runtime";
import { formRecord, inspectionAnswers, submitInspection, type InspectionAnswers } from "../../sim/township";
import { bundle } from "../helpers/build";
import { snapshot } from "../helpers/snapshot";
import { COORDINATOR, rows, township, ymd } from "../helpers/township";

const base: InspectionAnswers = {
  institution: "R0001",
  date: "2026-03-02",
  departments: ["教育", "消防"],
  inspectors: ["张三", "李四"],
};

function pending(rt: Runtime) {
  return rows(rt, "待核实");
}

describe("a valid submission", () => {
  // Each test starts from its own copy of the township just after the submission (two tests add to it).
  const submitted = snapshot(() => {
    const rt = township();
    submitInspection(rt, "training", {
      ...base,
      results: { "FIRE-01": "fail", "PREM-03": "fail", "QUAL-01": "fail" },
      classes: { "FIRE-01": "I", "PREM-03": "II", "QUAL-01": "II" },
      deadline: "2026-03-20",
      responsible: "王校长",
      interim: "暂停招生，专人值守",
      descriptions: "FIRE-01 安全出口堆放杂物\nPREM-03：监控未联网\n现场负责人配合检查",
    });
    return rt;
  }, bundle);
  let rt: Runtime;
  beforeEach(() => {
    rt = submitted();
  });

  test("writes one inspection row", () => {
    const [inspection, ...more] = rows(rt, "检查记录");
    expect(more).toHaveLength(0);
    expect({ ...inspection, 检查日期: ymd(inspection!["检查日期"]) }).toMatchObject({
      检查编号: "JC20260302-001",
      检查表: "training",
      表单版本: "1.0.0",
      机构编号: "R0001",
      机构名称: "阳光培训学校",
      检查日期: "2026-03-02",
      检查部门: "教育、消防",
      检查人员: "张三、李四",
      问题数: 3,
      一类: 1,
      二类: 2,
      三类: 0,
      提交人: "zhangsan@township.example.cn", // the first named inspector, signed in
    });
    expect(inspection!["提交时间"]).toBeInstanceOf(Date);
  });

  test("writes one finding per non-compliant item, cell by cell", () => {
    const findings = rows(rt, "问题台账").map((f): Record<string, unknown> => ({
      ...f,
      发现日期: ymd(f["发现日期"]),
      整改期限: ymd(f["整改期限"]),
    }));
    expect(findings.map((f) => f["检查项编码"])).toEqual(["QUAL-01", "PREM-03", "FIRE-01"]);
    expect(findings[1]).toEqual({
      问题编号: "JC20260302-001-02",
      检查编号: "JC20260302-001",
      机构编号: "R0001",
      机构名称: "阳光培训学校",
      "村/社区": "东村",
      机构类型: "校外培训机构",
      检查项编码: "PREM-03",
      检查项: "安装视频监控并有与主管部门实时联网的接口",
      问题描述: "监控未联网",
      类别: "二类 限期整改",
      牵头部门: "公安",
      依据: "“安全守护”专项行动方案 三（一）",
      发现日期: "2026-03-02",
      整改期限: "2026-03-20",
      整改责任人: "王校长",
      临时管控措施: "暂停招生，专人值守",
      状态: "待整改",
      逾期: "",
      延期至: "",
      延期理由: "",
      复查记录: "",
      销号日期: "",
      备注: "检查说明：现场负责人配合检查",
    });
    // 一类: due the day of the inspection, no responsible person needed.
    expect(findings[2]).toMatchObject({
      类别: "一类 立即整改",
      整改期限: "2026-03-02",
      整改责任人: "",
      问题描述: "安全出口堆放杂物",
    });
  });

  test("updates the institution's licences, bucket, disposition and state", () => {
    const inst = rows(rt, "机构名录")[0]!;
    expect({ ...inst, 最近检查日期: ymd(inst["最近检查日期"]) }).toMatchObject({
      办学许可证: "否",
      "营业执照/登记证书": "是",
      证照状况: "有照无证",
      处置方式: "整改规范",
      整改状态: "整改中",
      最近检查日期: "2026-03-02",
    });
  });

  test("a repeated event and a blank event write nothing twice", () => {
    const before = [rows(rt, "检查记录").length, rows(rt, "问题台账").length];
    rt.run("handleFormSubmit", {
      kind: "installable-trigger",
      event: { response: rt.form(formRecord(rt, "training").formId)._responses[0]!._api },
    });
    rt.run("handleFormSubmit", { kind: "installable-trigger", event: {} });
    rt.run("handleFormSubmit", { kind: "installable-trigger" });
    expect([rows(rt, "检查记录").length, rows(rt, "问题台账").length]).toEqual(before);
    expect(rt.executions.filter((e) => e.error)).toEqual([]);
  });

  test("the next inspection that day gets the next number", () => {
    submitInspection(rt, "aftercare", {
      ...base,
      institution: "R0002",
      defaultNa: ["QUAL-03", "FOOD-01", "FOOD-02", "FOOD-03", "TRAN-01"],
    });
    expect(rows(rt, "检查记录").map((r) => r["检查编号"])).toEqual(["JC20260302-001", "JC20260302-002"]);
    // Inspected and nothing found: 检查合格 (issue 15; it used to say 整改完成 until the daily check
    // turned it into 未检查).
    expect(rows(rt, "机构名录")[1]).toMatchObject({ 整改状态: "检查合格", 证照状况: "证照齐全" });
  });
});

describe("an invalid submission is never lost", () => {
  const cases: Array<[string, InspectionAnswers, RegExp]> = [
    ["date in the future", { ...base, date: "2026-03-05" }, /「检查日期」2026-03-05 晚于今天/],
    ["date before the campaign", { ...base, date: "2026-02-20" }, /早于活动开始日期 2026-03-01/],
    ["fewer than two inspectors", { ...base, inspectors: ["张三"] }, /「检查人员（至少两人）」只选了 1 人/],
    [
      "a non-compliant item without class",
      { ...base, results: { "FIRE-02": "fail" } },
      /不符合项 FIRE-02 未选类别/,
    ],
    [
      "二类 without responsible person",
      { ...base, results: { "FIRE-02": "fail" }, classes: { "FIRE-02": "II" }, interim: "x" },
      /「整改责任人（二类必填）」/,
    ],
    [
      "二类 deadline past the maximum",
      {
        ...base,
        results: { "FIRE-02": "fail" },
        classes: { "FIRE-02": "II" },
        interim: "x",
        responsible: "y",
        deadline: "2026-04-15",
      },
      /超过整改期限上限 2026-04-01（30 天）/,
    ],
    [
      "不适用 where not allowed",
      { ...base, results: { "FIRE-01": "na" } },
      /检查项 FIRE-01 不允许选“不适用”/,
    ],
    [
      "a new institution duplicating a registered one",
      { ...base, institution: { new: { name: "阳光 培训学校", village: "东村", address: "别处" } } },
      /与名录中的 R0001「阳光培训学校」重复/,
    ],
  ];

  test.each(cases)(
    "%s goes to 待核实 with the reason, the raw answers and a link",
    (_name, answers, reason) => {
      const rt = township();
      submitInspection(rt, "training", answers);
      expect(rows(rt, "检查记录")).toHaveLength(0);
      expect(rows(rt, "问题台账")).toHaveLength(0);
      const [entry, ...more] = pending(rt);
      expect(more).toHaveLength(0);
      expect(String(entry!["原因"])).toMatch(reason);
      expect(String(entry!["原始答案"])).toContain("被检查机构：");
      expect(String(entry!["回复链接"])).toMatch(/^https:\/\/docs\.google\.com\/forms\//);
      expect(entry!["处理状态"]).toBe("待处理");
    },
  );

  test("an unknown institution (removed from the register after the form was built) goes to 待核实", () => {
    const rt = township();
    const answers = inspectionAnswers(rt, "training", base);
    // The coordinator deletes the institution's id in the register before the inspector submits.
    rt.editCell("机构名录", "A2", "");
    rt.submitForm(formRecord(rt, "training").formId, answers, "zhangsan@township.example.cn");
    expect(String(pending(rt)[0]!["原因"])).toMatch(
      /「被检查机构」：名录中找不到“R0001 阳光培训学校（东村）”/,
    );
  });

  test("the coordinator gets one digest mail for several errors, not one per error", () => {
    const rt = township();
    submitInspection(rt, "training", { ...base, inspectors: ["张三"] });
    submitInspection(rt, "training", { ...base, date: "2026-03-09" });
    submitInspection(rt, "training", { ...base, results: { "FIRE-01": "na" } });
    expect(pending(rt)).toHaveLength(3);
    const digests = rt.mail._sent.filter((m) => m.subject.includes("待核实"));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.to).toEqual([COORDINATOR]);
    // The rest go out in the next digest, an hour later at the earliest.
    rt.advanceBy(61 * 60_000);
    submitInspection(rt, "training", { ...base, date: "2026-03-10" });
    const later = rt.mail._sent.filter((m) => m.subject.includes("待核实"));
    expect(later).toHaveLength(2);
    expect(later[1]!.subject).toContain("3 条");
  });

  test("after the coordinator fixes the register, 重新处理待核实 writes the entry into the ledger", () => {
    const rt = township();
    const answers = inspectionAnswers(rt, "training", base);
    rt.editCell("机构名录", "A2", ""); // the id was deleted by mistake
    rt.submitForm(formRecord(rt, "training").formId, answers, "zhangsan@township.example.cn");
    expect(String(pending(rt)[0]!["原因"])).toContain("名录中找不到“R0001 阳光培训学校（东村）”");
    rt.editCell("机构名录", "A2", "R0001"); // put back
    rt.clickMenu("reprocessPending");
    expect(rt.ui.at(-1)?.message).toBe("重新处理完成：1 条已写入台账，0 条仍待核实。");
    expect(pending(rt)[0]!["处理状态"]).toBe("已重新处理");
    expect(rows(rt, "检查记录").map((r) => r["机构编号"])).toEqual(["R0001"]);
  });

  test("after fixing the roster, 重新处理待核实 writes the entry into the ledger", () => {
    const rt = township();
    const answers = inspectionAnswers(rt, "training", base); // 张三（教育） and 李四（消防）
    // Before the inspector submits, the coordinator mistypes 李四's name in the roster (row 3: 张三 is row 2).
    expect(rt.sheet("检查人员")._get(3, 1)).toBe("李四");
    expect(rt.editCell("检查人员", "A3", "李驷").accepted).toBe(true);
    rt.submitForm(formRecord(rt, "training").formId, answers, "zhangsan@township.example.cn");
    expect(rows(rt, "检查记录")).toHaveLength(0);
    expect(String(pending(rt)[0]!["原因"])).toContain(
      "「检查人员（至少两人）」中的“李四（消防）”不在检查人员名单中。",
    );
    expect(rt.editCell("检查人员", "A3", "李四").accepted).toBe(true); // put right
    rt.clickMenu("reprocessPending");
    expect(rt.ui.at(-1)?.message).toBe("重新处理完成：1 条已写入台账，0 条仍待核实。");
    expect(pending(rt)[0]!["处理状态"]).toBe("已重新处理");
    expect(rows(rt, "检查记录").map((r) => [r["机构编号"], r["检查人员"]])).toEqual([
      ["R0001", "张三、李四"],
    ]);
  });

  test("an entry still invalid after 重新处理待核实 stays pending, and says so", () => {
    const rt = township();
    submitInspection(rt, "training", {
      ...base,
      results: { "FIRE-02": "fail" },
      classes: { "FIRE-02": "II" },
      interim: "临时措施",
    });
    expect(pending(rt)).toHaveLength(1);
    rt.clickMenu("reprocessPending");
    expect(pending(rt)[0]!["处理状态"]).toBe("待处理"); // still invalid: the answer lacks a responsible person
    expect(rt.ui.at(-1)?.message).toBe("重新处理完成：0 条已写入台账，1 条仍待核实。");
    expect(rows(rt, "检查记录")).toHaveLength(0);
  });

  test("原始答案 names each grid item with its answer, not only “符合 | 符合”", () => {
    const rt = township();
    submitInspection(rt, "training", {
      ...base,
      inspectors: ["张三"],
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "II" },
      responsible: "王校长",
      interim: "专人值守",
    });
    const answers = String(pending(rt)[0]!["原始答案"]).split("\n");
    // The 消防安全 grid: FIRE-01 failed, the others left at 符合 by the helper; the class grid by item.
    const fire = answers.find((l) => l.startsWith("消防安全："))!;
    expect(fire).toMatch(/^消防安全：FIRE-01 不符合；FIRE-02 符合；/);
    expect(fire).not.toContain(" | ");
    expect(answers).toContain("不符合项分类：FIRE-01 二类 限期整改");
  });
});

describe("what people type stays exactly what they typed", () => {
  test("a formula, a phone number with a leading zero and a date-like text are stored as text", () => {
    const rt = township();
    submitInspection(rt, "training", {
      ...base,
      institution: {
        new: {
          name: '=HYPERLINK("http://evil.example","点我")',
          village: "西村",
          address: "2026-01-02",
          phone: "05718888",
          operator: "+86 138",
        },
      },
      results: { "FIRE-02": "fail" },
      classes: { "FIRE-02": "II" },
      responsible: "0571",
      interim: "TRUE",
      descriptions: "FIRE-02 @sum(1)",
    });
    expect(pending(rt)).toEqual([]);
    const inst = rows(rt, "机构名录").find((r) => r["登记状态"] === "待核实")!;
    expect(inst).toMatchObject({
      机构名称: '=HYPERLINK("http://evil.example","点我")',
      地址: "2026-01-02",
      联系电话: "05718888",
      举办者: "+86 138",
      机构编号: "R0005",
    });
    const finding = rows(rt, "问题台账")[0]!;
    expect(finding).toMatchObject({
      整改责任人: "0571",
      临时管控措施: "TRUE",
      问题描述: "@sum(1)",
      机构名称: '=HYPERLINK("http://evil.example","点我")',
    });
    for (const name of ["机构名录", "问题台账", "检查记录"]) {
      const sheet = rt.sheet(name);
      for (let r = 1; r <= sheet._lastRow(); r++)
        for (let c = 1; c <= sheet._lastColumn(); c++) expect(sheet._metaAt(r, c)?.formula).toBeUndefined();
    }
  });
});

describe("coordinators rename questions and move columns", () => {
  test("submission still works after a question title is renamed and a ledger column is moved", () => {
    const rt = township();
    const form = rt.form(formRecord(rt, "training").formId);
    form._items.find((i) => i._title === "检查日期")!._title = "检查时间（年月日）";
    const findings = rt.sheet("问题台账");
    const statusColumn =
      Array.from({ length: findings._lastColumn() }, (_, i) => findings._get(1, i + 1)).indexOf("状态") + 1;
    rt.moveColumn("问题台账", statusColumn, 1);
    rt.moveColumn("检查记录", 1, 5);
    submitInspection(rt, "training", {
      ...base,
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I" },
    });
    expect(pending(rt)).toEqual([]);
    expect(rows(rt, "问题台账")[0]).toMatchObject({
      状态: "待整改",
      检查项编码: "FIRE-01",
      问题编号: "JC20260302-001-01",
    });
    expect(findings._get(2, 1)).toBe("待整改");
    expect(rows(rt, "检查记录")[0]).toMatchObject({ 检查编号: "JC20260302-001" });
  });

  test("a deleted ledger column sends the response to 待核实? No: it stops with a plain message and keeps the response", () => {
    const rt = township();
    const findings = rt.sheet("问题台账");
    const col =
      Array.from({ length: findings._lastColumn() }, (_, i) => findings._get(1, i + 1)).indexOf("整改期限") +
      1;
    findings.deleteColumns(col, 1);
    submitInspection(rt, "training", {
      ...base,
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I" },
    });
    expect(rt.lastExecution("handleFormSubmit")?.error).toBe(
      "工作表「问题台账」缺少列「整改期限」。请恢复该列标题，或运行“初始化/更新”补回。",
    );
    expect(rows(rt, "检查记录")).toHaveLength(0);
    // Setup puts the column back; the next run writes the waiting response.
    rt.clickMenu("setup");
    rt.run("handleFormSubmit", { kind: "installable-trigger", event: {} });
    expect(rows(rt, "检查记录")).toHaveLength(1);
    expect(rows(rt, "问题台账")[0]).toMatchObject({ 检查项编码: "FIRE-01" });
  });
});

describe("cost", () => {
  test("a submission makes the same number of Sheets calls whatever the ledger size", () => {
    const rt = township();
    const calls: number[] = [];
    for (let i = 0; i < 12; i++) {
      submitInspection(rt, "training", {
        ...base,
        results: { "FIRE-01": "fail", "FIRE-02": "fail" },
        classes: { "FIRE-01": "I", "FIRE-02": "I" },
      });
      calls.push(rt.lastExecution("handleFormSubmit")!.sheetsCalls);
    }
    expect(rows(rt, "问题台账")).toHaveLength(24);
    expect(new Set(calls.slice(1)).size).toBe(1);
  });
});

describe("answers longer than a cell holds (50,000 characters, Google Sheets' limit)", () => {
  // 60,000 characters of interim measures: more than any one cell may hold.
  const long = "专人值守。".repeat(12_000);

  test("an entry waiting in 待核实 keeps its answers cut to fit, saying where the rest is", () => {
    const rt = township();
    // Dated before 活动开始日期 (2026-03-01), so it waits in 待核实.
    submitInspection(rt, "training", {
      ...base,
      date: "2026-02-20",
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "II" },
      responsible: "王校长",
      interim: long,
    });
    expect(rt.lastExecution("handleFormSubmit")?.error).toBeUndefined();
    const [entry] = pending(rt);
    const answers = String(entry!["原始答案"]);
    expect(answers.length).toBe(50_000);
    expect(answers.endsWith("完整内容请点“回复链接”查看）")).toBe(true);
    expect(String(entry!["回复链接"])).not.toBe("");
  });

  test("an accepted inspection is still written (the long answer goes in whole or cut, never lost in a crash)", () => {
    const rt = township();
    submitInspection(rt, "training", {
      ...base,
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "II" },
      responsible: "王校长",
      interim: long,
    });
    expect(rt.lastExecution("handleFormSubmit")?.error).toBeUndefined();
    const findings = rows(rt, "问题台账");
    expect(findings.map((f) => f["检查项编码"])).toEqual(["FIRE-01"]);
    expect(String(findings[0]!["临时管控措施"]).length).toBeLessThanOrEqual(50_000);
  });
});

// The rules of src/domain that nothing else pinned, each against a small case worked out by hand: the
// expected messages are written out as the coordinator reads them, not built from src/text.
import { createHash } from "node:crypto";
import { WorkCalendar } from "../../src/domain/calendar";
import { completeDraws, verifyRecordedDraw } from "../../src/domain/draw-record";
import type { ChecklistItem, InspectionForm } from "../../src/domain/checklist";
import { checkExtension, checkStatusChange, type LedgerFinding } from "../../src/domain/rectification";
import {
  validateReinspection,
  type RawReinspection,
  type ReinspectionContext,
} from "../../src/domain/reinspection";
import { parseSettings } from "../../src/domain/settings";
import { validateSubmission, type RawSubmission, type SubmissionContext } from "../../src/domain/submission";
import type { Inspector } from "../../src/domain/types";

const sha256 = (s: string) => [...createHash("sha256").update(s, "utf8").digest()];
const { settings } = parseSettings(new Map()); // the defaults: 30 calendar days at most, re-inspectors differ
const person = (name: string, department: string): Inspector => ({
  name,
  department,
  email: "",
  village: "",
  active: true,
});
const roster = [
  person("张三", "教育"),
  person("李四", "消防"),
  person("王五", "市场监管"),
  person("赵六", "消防"),
];

describe("submission", () => {
  const bank: ChecklistItem[] = [
    {
      code: "FIRE-01",
      text: "安全出口畅通",
      types: ["training"],
      dept: "消防",
      basis: "消防法",
      severity: "I",
      deadlineDays: 0,
      allowNa: false,
    },
    {
      code: "PREM-03",
      text: "视频监控联网",
      types: ["training"],
      dept: "公安",
      basis: "安全守护方案",
      severity: "II",
      deadlineDays: 30,
      allowNa: true,
    },
  ];
  const form: InspectionForm = {
    id: "training",
    kind: "inspection",
    version: "1.0.0",
    type: "training",
    title: "校外培训机构检查表",
    help: "",
    sections: [{ id: "safety", title: "安全", items: ["FIRE-01", "PREM-03"] }],
  };
  const ctx: SubmissionContext = {
    form,
    formVersion: "1.0.0",
    bank,
    register: [
      {
        id: "R0001",
        name: "阳光培训学校",
        type: "training",
        village: "东村",
        address: "",
        operator: "",
        phone: "",
        registration: "registered",
      },
    ],
    roster,
    settings,
    today: "2026-03-02",
    existingInspectionIds: new Set(),
    nextInstitutionId: () => "R0002",
    calendar: new WorkCalendar([]),
  };
  // FIRE-01 complies; PREM-03 does not (二类), with a responsible person and interim measures.
  const valid: RawSubmission = {
    responseId: "resp-1",
    submittedAt: "2026-03-02T10:00:00+08:00",
    submittedBy: "inspector@example.cn",
    responseLink: "https://docs.google.com/forms/d/x/edit#response=resp-1",
    institution: "R0001 阳光培训学校（东村）",
    newInstitution: { name: "", village: "", address: "", operator: "", phone: "" },
    date: "2026-03-02",
    departments: ["教育", "消防"],
    inspectors: ["张三（教育）", "李四（消防）"],
    results: { "FIRE-01": "符合", "PREM-03": "不符合" },
    classes: { "PREM-03": "二类 限期整改" },
    deadline: "",
    responsible: "王校长",
    interim: "暂停使用该教室",
    descriptions: "",
  };

  test("the valid case is accepted: one 二类 finding, due 30 calendar days later (2 March + 30 = 1 April)", () => {
    const out = validateSubmission(valid, ctx);
    expect(out.ok && out.findings.map((f) => [f.id, f.itemCode, f.class, f.deadline, f.responsible])).toEqual(
      [["JC20260302-001-01", "PREM-03", "II", "2026-04-01", "王校长"]],
    );
  });

  test.each<[string, Partial<RawSubmission>, string]>([
    [
      "an inspector not on the roster",
      { inspectors: ["张三（教育）", "钱七（公安）"] },
      "「检查人员（至少两人）」中的“钱七（公安）”不在检查人员名单中。",
    ],
    [
      "a 二类 finding without interim measures",
      { interim: "  " },
      "「临时管控措施（二类必填）」：二类问题（PREM-03）须填写临时管控措施。",
    ],
    [
      "a deadline before the inspection",
      { deadline: "2026-03-01" },
      "「整改期限（二类，可不填）」2026-03-01 早于检查日期。",
    ],
    ["an item left unanswered", { results: { "PREM-03": "不符合" } }, "检查项 FIRE-01 未作答。"],
  ])("%s goes to 待核实 with exactly that reason", (_name, change, reason) => {
    expect(validateSubmission({ ...valid, ...change }, ctx)).toEqual({ ok: false, reasons: [reason] });
  });

  const newInstitution = { name: "新苗托管", village: "西村", address: "西村1号", operator: "", phone: "" };
  test.each<[string, Partial<RawSubmission>, string[]]>([
    ["no institution chosen", { institution: "" }, ["「被检查机构」未选择。"]],
    [
      "a new institution without village and address",
      {
        institution: "名录中没有——新发现机构",
        newInstitution: { ...newInstitution, village: "", address: " " },
      },
      ["新发现机构缺少「所在村/社区」。", "新发现机构缺少「详细地址」。"],
    ],
    [
      "a new institution that is a registered one (same name, spaces aside, same village)",
      {
        institution: "名录中没有——新发现机构",
        newInstitution: { ...newInstitution, name: "阳光 培训学校", village: "东村" },
      },
      ["新发现机构与名录中的 R0001「阳光培训学校」重复（名称和村/地址相同），请改选名录中的机构。"],
    ],
    ["no date", { date: "3月2日" }, ["「检查日期」未填写或格式不对。"]],
    ["a date after today", { date: "2026-03-03" }, ["「检查日期」2026-03-03 晚于今天。"]],
    [
      "a class for an item that complies",
      { classes: { "FIRE-01": "一类 立即整改", "PREM-03": "二类 限期整改" } },
      ["「不符合项分类」：FIRE-01 选了类别，但检查结果不是“不符合”。"],
    ],
    [
      "不适用 where the item does not allow it",
      { results: { "FIRE-01": "不适用", "PREM-03": "不符合" } },
      ["检查项 FIRE-01 不允许选“不适用”。"],
    ],
    ["a failure without a class", { classes: {} }, ["「不符合项分类」：不符合项 PREM-03 未选类别。"]],
    [
      "a description for an item that did not fail",
      { descriptions: "FIRE-01 出口畅通\nQUAL-09 无证" },
      [
        "「问题描述」中的编码 FIRE-01 不是本表的不符合项。",
        "「问题描述」中的编码 QUAL-09 不是本表的不符合项。",
      ],
    ],
    [
      "a deadline past 30 days (2 March + 30 = 1 April)",
      { deadline: "2026-04-02" },
      ["「整改期限（二类，可不填）」2026-04-02 超过整改期限上限 2026-04-01（30 天）。"],
    ],
    [
      "a 二类 finding without a responsible person",
      { responsible: "" },
      ["「整改责任人（二类必填）」：二类问题（PREM-03）须填写整改责任人。"],
    ],
  ])("%s: exactly these reasons", (_name, change, reasons) => {
    expect(validateSubmission({ ...valid, ...change }, ctx)).toEqual({ ok: false, reasons });
  });

  test("a new institution found on the spot joins the register as 待核实 with the next id", () => {
    const out = validateSubmission(
      {
        ...valid,
        institution: "名录中没有——新发现机构",
        newInstitution: { ...newInstitution, phone: "０５１９" },
      },
      ctx,
    );
    expect(out.ok && [out.isNew, out.institution]).toEqual([
      true,
      {
        id: "R0002",
        name: "新苗托管",
        type: "training",
        village: "西村",
        address: "西村1号",
        operator: "",
        phone: "0519",
        registration: "unverified",
      },
    ]);
  });

  test("一类 fixed on the spot is signed off at once; 三类 has no deadline; remarks go to 备注", () => {
    const out = validateSubmission(
      {
        ...valid,
        results: { "FIRE-01": "不符合", "PREM-03": "不符合" },
        classes: { "FIRE-01": "一类 已当场整改", "PREM-03": "三类 无法整改" },
        responsible: "",
        interim: "",
        descriptions: "fire 01：出口堆放杂物\n负责人不在场",
      },
      ctx,
    );
    expect(
      out.ok &&
        out.findings.map((f) => [
          f.itemCode,
          f.class,
          f.status,
          f.deadline,
          f.closedOn,
          f.description,
          f.notes,
        ]),
    ).toEqual([
      [
        "FIRE-01",
        "I",
        "已销号",
        "2026-03-02",
        "2026-03-02",
        "出口堆放杂物",
        "检查时已当场整改；检查说明：负责人不在场",
      ],
      [
        "PREM-03",
        "III",
        "待整改",
        "",
        "",
        "",
        // Issue 15: the script only proposes closure; the coordinator decides in 处置方式.
        "检查说明：负责人不在场；三类问题：拟关停取缔，待协调员在「机构名录」的「处置方式」中确认。",
      ],
    ]);
  });

  test("in working days, a year without holiday data leaves the deadline open and flags it", () => {
    const workingDays = { ...ctx, settings: { ...settings, deadlineMode: "working" as const } };
    const out = validateSubmission(valid, workingDays);
    // Issue 15: a year counts as entered only once it is marked 全年已录入.
    const flag =
      "节假日表中 2026 年的放假安排尚未标为“全年已录入”，按工作日计算的整改期限暂定不了。请在「节假日」表按国务院通知补全 2026 年的放假和调休上班日期，再加一行：日期填 2026 年任一天（如 2026-01-01），类型选“全年已录入”。每日检查会自动补算期限。";
    expect(out.ok && [out.findings.map((f) => [f.deadline, f.notes]), out.flags]).toEqual([
      [["", flag]],
      [flag],
    ]);
  });
  test("in working days the maximum is 30 working days; reaching a year not entered, the stricter 30 calendar days", () => {
    // Inspected Sunday 20 December 2026, 二类 deadline typed as 25 January 2027. A calendar with no
    // holidays: 30 working days after 20 Dec are Dec 21–25 (5), 28–31 (9), Jan 1 (10), 4–8 (15), 11–15
    // (20), 18–22 (25), 25–29 (30): 29 January 2027, so 25 January is within it.
    const december = {
      ...ctx,
      today: "2026-12-21",
      settings: { ...settings, deadlineMode: "working" as const },
      calendar: new WorkCalendar([], [2026, 2027]),
    };
    const raw = { ...valid, date: "2026-12-20", deadline: "2027-01-25" };
    expect(validateSubmission(raw, december).ok).toBe(true);
    // With 2027 not marked 全年已录入 the bound falls back to 20 Dec + 30 calendar days = 19 January.
    const only2026 = { ...december, calendar: new WorkCalendar([], [2026]) };
    expect(validateSubmission(raw, only2026)).toEqual({
      ok: false,
      reasons: ["「整改期限（二类，可不填）」2027-01-25 超过整改期限上限 2027-01-19（30 天）。"],
    });
  });
});

describe("re-inspection", () => {
  const finding = (
    id: string,
    institutionId: string,
    cls: LedgerFinding["class"],
    status: string,
  ): [string, LedgerFinding] => [
    id,
    {
      id,
      inspectionId: id.slice(0, 14),
      institutionId,
      class: cls,
      status,
      foundOn: "2026-03-02",
      deadline: cls === "III" ? "" : "2026-03-09",
      extendedTo: "",
      closedOn: status === "已销号" ? "2026-03-05" : "",
    },
  ];
  const ctx: ReinspectionContext = {
    formId: "reinspection",
    formVersion: "1.0.0",
    registerIds: new Set(["R0001", "R0002"]),
    roster,
    settings,
    today: "2026-03-10",
    findings: new Map([
      finding("JC20260302-001-01", "R0001", "II", "已整改待复查"),
      finding("JC20260302-001-02", "R0001", "II", "已销号"),
      finding("JC20260302-001-03", "R0001", "III", "待整改"),
      finding("JC20260302-002-01", "R0002", "II", "待整改"),
    ]),
    inspectorsOf: () => ["张三", "李四"],
    // No finding records a re-inspection yet (a retry of this one would find its own line there).
    recordsOf: () => "",
    existingInspectionIds: new Set(["JC20260302-001", "JC20260302-002"]),
  };
  // 王五 and 赵六 were not on the original inspection: they may sign -01 off.
  const valid: RawReinspection = {
    responseId: "resp-9",
    submittedAt: "2026-03-10T10:00:00+08:00",
    submittedBy: "inspector@example.cn",
    responseLink: "https://docs.google.com/forms/d/y/edit#response=resp-9",
    institution: "R0001 阳光培训学校（东村）",
    date: "2026-03-10",
    departments: ["市场监管", "消防"],
    inspectors: ["王五（市场监管）", "赵六（消防）"],
    passed: "JC20260302-001-01 已联网",
    failed: "",
    note: "",
  };

  test("the valid case signs the finding off and records the re-inspection", () => {
    const out = validateReinspection(valid, ctx);
    expect(out).toEqual({
      ok: true,
      updates: [
        {
          id: "JC20260302-001-01",
          status: "已销号",
          closedOn: "2026-03-10",
          passed: true,
          date: "2026-03-10",
          // The re-inspection's own id: its line in 复查记录 names it, so a retry recognises itself.
          inspectionId: "JC20260310-001",
          inspectors: "王五、赵六",
          remark: "已联网",
        },
      ],
      inspection: expect.objectContaining({
        id: "JC20260310-001",
        institutionId: "R0001",
        institutionName: "阳光培训学校",
        inspectors: "王五、赵六",
        findingCount: 1,
      }),
    });
  });

  test.each<[string, Partial<RawReinspection>, string]>([
    [
      "an id not in the ledger",
      { passed: "JC20260302-009-01" },
      "问题编号 JC20260302-009-01 不在问题台账中。",
    ],
    [
      "another institution's finding",
      { passed: "JC20260302-002-01" },
      "问题 JC20260302-002-01 不属于所选机构 R0001。",
    ],
    ["a finding already signed off", { passed: "JC20260302-001-02" }, "问题 JC20260302-001-02 已销号。"],
    [
      "a 三类 finding",
      { passed: "JC20260302-001-03" },
      "问题 JC20260302-001-03 是三类（无法整改），随机构关停取缔销号，不能复查销号。",
    ],
    [
      "an id in both lists",
      { passed: "JC20260302-001-01", failed: "JC20260302-001-01 仍未联网" },
      "问题编号 JC20260302-001-01 同时出现在“通过”和“未通过”中。",
    ],
  ])("%s goes to 待核实 with exactly that reason", (_name, change, reason) => {
    expect(validateReinspection({ ...valid, ...change }, ctx)).toEqual({ ok: false, reasons: [reason] });
  });

  test.each<[string, Partial<RawReinspection>, string[]]>([
    ["no institution chosen", { institution: " " }, ["「被检查机构」未选择。"]],
    [
      "an institution not in the register (and so not the finding's)",
      { institution: "R0009 某机构（东村）" },
      [
        "「被检查机构」：名录中找不到“R0009 某机构（东村）”。",
        "问题 JC20260302-001-01 不属于所选机构 R0009。",
      ],
    ],
    ["no date", { date: "" }, ["「检查日期」未填写或格式不对。"]],
    [
      "a re-inspector no longer on the roster (the form's choices are older than the roster)",
      { inspectors: ["王五（市场监管）", "钱七（公安）"] },
      ["「检查人员（至少两人）」中的“钱七（公安）”不在检查人员名单中。"],
    ],
    ["a date after today (10 March)", { date: "2026-03-11" }, ["「检查日期」2026-03-11 晚于今天。"]],
    [
      "one inspector",
      { inspectors: ["王五（市场监管）", " "] },
      ["「检查人员（至少两人）」只选了 1 人，执法检查至少两人。"],
    ],
    [
      "no finding ids (text that is not an id does not count)",
      { passed: "都整改好了", failed: "" },
      ["「复查通过的问题编号」和「复查未通过的问题编号」都没有填写。"],
    ],
    [
      "an original inspector among the re-inspectors",
      { inspectors: ["张三（教育）", "王五（市场监管）"] },
      ["问题 JC20260302-001-01 的复查人员 张三 参加过原检查；按配置，复查须由其他人员进行。"],
    ],
  ])("%s: exactly these reasons", (_name, change, reasons) => {
    expect(validateReinspection({ ...valid, ...change }, ctx)).toEqual({ ok: false, reasons });
  });

  test("with 复查须换人 off, an original inspector may re-inspect; a failed item goes back to 待整改", () => {
    const relaxed = { ...ctx, settings: { ...settings, reinspectorMustDiffer: false } };
    const out = validateReinspection(
      {
        ...valid,
        inspectors: ["张三（教育）", "王五（市场监管）"],
        passed: "",
        failed: "jc20260302-001-01：仍未联网；JC20260302-002-01",
        institution: "R0001",
      },
      { ...relaxed, findings: new Map([...ctx.findings].filter(([id]) => id !== "JC20260302-002-01")) },
    );
    // Lower-case ids are read; the second id is not in this ledger.
    expect(out).toEqual({ ok: false, reasons: ["问题编号 JC20260302-002-01 不在问题台账中。"] });
    const back = validateReinspection(
      {
        ...valid,
        inspectors: ["张三（教育）", "王五（市场监管）"],
        passed: "",
        failed: "jc20260302-001-01：仍未联网",
      },
      relaxed,
    );
    expect(back.ok && back.updates).toEqual([
      {
        id: "JC20260302-001-01",
        status: "待整改",
        closedOn: "",
        passed: false,
        date: "2026-03-10",
        inspectionId: "JC20260310-001",
        inspectors: "张三、王五",
        remark: "仍未联网",
      },
    ]);
  });
});

describe("rectification", () => {
  const open: LedgerFinding = {
    id: "JC20260302-001-01",
    inspectionId: "JC20260302-001",
    institutionId: "R0001",
    class: "II",
    status: "待整改",
    foundOn: "2026-03-02",
    deadline: "2026-03-20",
    extendedTo: "",
    closedOn: "",
  };

  test("a status that is not one of the three is refused, naming the three", () => {
    expect(checkStatusChange("待整改", "已完成")).toBe(
      "状态“已完成”不在选项中（待整改 / 已整改待复查 / 已销号）。",
    );
    expect(checkStatusChange("待整改", "已整改待复查")).toBeUndefined();
  });

  test("待确认销号 cannot be typed: only a passed re-inspection sets it (README, what may be edited)", () => {
    expect(checkStatusChange("已整改待复查", "待确认销号")).toBe(
      "状态“待确认销号”不在选项中（待整改 / 已整改待复查 / 已销号）。",
    );
    // A coordinator may send a finding waiting for confirmation back to 待整改.
    expect(checkStatusChange("待确认销号", "待整改")).toBeUndefined();
  });

  test("an extension must be later than the deadline (20 March), and at most 30 days past it (19 April)", () => {
    const extend = (to: string) => checkExtension(open, "", to, "材料未到", 30);
    expect(extend("2026-03-20")).toBe("延期日期 2026-03-20 不晚于原整改期限 2026-03-20。");
    expect(extend("2026-03-19")).toBe("延期日期 2026-03-19 不晚于原整改期限 2026-03-20。");
    expect(extend("2026-03-21")).toBeUndefined();
    expect(extend("2026-04-19")).toBeUndefined();
    expect(extend("2026-04-20")).toBe("延期日期 2026-04-20 超过上限 2026-04-19（原期限后 30 天）。");
  });
});

describe("verification of a draw (复核抽查)", () => {
  // The draw on the helper township worked out by hand in test/app/spotcheck.test.ts (seed 公开种子13), as
  // 复核抽查 reads it: the rows of 抽查快照 (one line each, in any order) and of 抽查记录.
  const snapshot = [
    "draw-v1 (Rivest SHA-256 sampler)",
    "params|regular|0.1|0.5|D=0.4,C=0.2,B=0.1,A=0.05|2",
    "I|R0001|阳光培训学校|training|东村|B|",
    "I|R0002|快乐托管班|aftercare|西村|B|",
    "I|R0003|张阿姨小饭桌|meal|南村|B|",
    "I|R0004|贝贝托育园|childcare|东村|B|",
    "P|张三|教育|东村",
    "P|李四|消防|",
    "P|王五|市场监管|",
  ];
  const registerHash = createHash("sha256").update(snapshot.join("\n"), "utf8").digest("hex");
  const snapshotRows = (lines: string[], drawId = "CC20260302-1") =>
    lines.map((text, i) => ({ drawId, line: i + 1, text })).reverse();
  // Another draw's rows in the same sheets must not be mixed in.
  const other = { drawId: "CC20260301-1", seed: "x", registerHash: "0".repeat(64), institutionId: "R0009" };
  const recorded = [
    ["R0001", "王五、李四"],
    ["R0002", "张三、王五"],
    ["R0003", "张三、李四"],
    ["R0004", "王五、李四"],
  ].map(([institutionId, inspectors]) => ({
    drawId: "CC20260302-1",
    seed: "公开种子13",
    registerHash,
    institutionId,
    inspectors,
  }));
  const rows = [other, ...recorded];
  const snapshots = [...snapshotRows(["I|R0009|x|meal|东村|A|"], "CC20260301-1"), ...snapshotRows(snapshot)];

  test("the record recomputed from its snapshot matches", () => {
    expect(verifyRecordedDraw("CC20260302-1", rows, snapshots, sha256)).toEqual({
      ok: true,
      drawId: "CC20260302-1",
    });
  });

  test("a draw with no record, or no readable snapshot, is not found", () => {
    const notFound = (drawId: string) => ({
      ok: false,
      drawId,
      message: `找不到抽查 ${drawId} 的记录或名录快照。`,
    });
    expect(verifyRecordedDraw("CC20260302-9", rows, snapshots, sha256)).toEqual(notFound("CC20260302-9"));
    expect(verifyRecordedDraw("CC20260302-1", rows, [], sha256)).toEqual(notFound("CC20260302-1"));
    // Its snapshot kept, its rows of 抽查记录 deleted.
    expect(verifyRecordedDraw("CC20260302-1", [other], snapshots, sha256)).toEqual(notFound("CC20260302-1"));
    // A snapshot whose first line is not the method's is not one (parseCanonical).
    const unreadable = snapshotRows(["随便写的", ...snapshot.slice(1)]);
    expect(verifyRecordedDraw("CC20260302-1", rows, unreadable, sha256)).toEqual(notFound("CC20260302-1"));
  });

  test("a changed snapshot fails on the hash", () => {
    const changed = snapshot.map((l) =>
      l.replace("I|R0001|阳光培训学校|training|东村|B|", "I|R0001|阳光培训学校|training|东村|D|"),
    );
    expect(verifyRecordedDraw("CC20260302-1", rows, snapshotRows(changed), sha256)).toEqual({
      ok: false,
      drawId: "CC20260302-1",
      message: "抽查 CC20260302-1 复核不一致：名录快照的哈希与记录不符（快照被改动）",
    });
  });

  test("a record whose selection differs from the recomputed one names the difference both ways", () => {
    const altered = rows.map((r) => (r.institutionId === "R0002" ? { ...r, inspectors: "张三、李四" } : r));
    expect(verifyRecordedDraw("CC20260302-1", altered, snapshots, sha256)).toEqual({
      ok: false,
      drawId: "CC20260302-1",
      message: "抽查 CC20260302-1 复核不一致：重新抽取的结果与记录不同：R0002:张三、王五，R0002:张三、李四",
    });
  });

  test("only a draw with its notice in 公示 is complete (复核抽查 offers no other)", () => {
    // CC20260302-2 was interrupted before its draw notice (a results notice, 结果公示, is not one): not listed.
    const notices = [
      { drawId: "CC20260302-1", kind: "常规抽查" },
      { drawId: "CC20260302-1", kind: "常规抽查" },
      { drawId: "CC20260302-2", kind: "" },
      { drawId: "CC20260303-1", kind: "回头看" },
      { drawId: "CC20260302-2", kind: "结果公示" },
      { kind: "常规抽查" },
    ];
    expect(completeDraws(notices)).toEqual(["CC20260302-1", "CC20260303-1"]);
  });
});

// Small pure functions of src/domain, each on cases worked out by hand (edges the bundle rarely meets:
// blank cells, refused input, the fallbacks).
import { addDays, daysBetween, parseLocalDate } from "../../src/domain/dates";
import { escapeHtml, htmlTable } from "../../src/domain/html";
import {
  institutionState,
  licenceBucket,
  licenceFlagsFromAnswers,
  proposedDisposition,
  type LicenceFlags,
} from "../../src/domain/institution";
import { classFromLabel, typeFromLabel } from "../../src/domain/labels";
import { LEDGER, locateColumns, objectToRow, rowToObject, type ColumnSpec } from "../../src/domain/ledger";
import { checkExtension, checkStatusChange, type LedgerFinding } from "../../src/domain/rectification";
import { rivestPick, sampleDistinct } from "../../src/domain/sampling";
import { parseSettings } from "../../src/domain/settings";
import { parseCanonical, resultsNotice } from "../../src/domain/spotcheck";
import { summaryInputFromRows } from "../../src/domain/summary";
import { SETTING_LABEL } from "../../src/text/zh";

test("labels read back into codes; anything else is blank", () => {
  expect([null, undefined, " 小饭桌 ", "training", "别的机构"].map(typeFromLabel)).toEqual([
    "",
    "",
    "meal",
    "training",
    "",
  ]);
  expect([undefined, "二类 限期整改", "III", "四类"].map(classFromLabel)).toEqual(["", "II", "III", ""]);
});

test("dates: 年月日 and slashes read; an impossible day does not; arithmetic refuses what is not a date", () => {
  expect(parseLocalDate("2026年3月1日")).toBe("2026-03-01");
  expect(parseLocalDate("2026/12/31")).toBe("2026-12-31");
  expect(parseLocalDate("2026年2月30日")).toBeUndefined(); // February 2026 has 28 days
  expect(parseLocalDate("三月一日")).toBeUndefined();
  expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
  expect(daysBetween("2026-03-01", "2026-02-27")).toBe(-2);
  expect(() => addDays("2026-02-30", 1)).toThrow("Not a date: 2026-02-30");
});

test("HTML: a blank value is empty text; a cell's text is escaped, never markup", () => {
  expect(escapeHtml(null)).toBe("");
  expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  const table = htmlTable([], [["<b>"]]);
  expect(table).toContain(">&lt;b&gt;</td>");
  expect(table).not.toContain("<b>");
});

test("the sampler refuses a population it cannot draw from, and a digest that never varies", () => {
  const sha = () => [0];
  expect(() => rivestPick(sha, "s", 1, 0)).toThrow("total must be a positive integer, got 0");
  expect(() => rivestPick(sha, "s", 1, 2.5)).toThrow("total must be a positive integer, got 2.5");
  // Every pick is 1 with this digest, so a second distinct value never comes.
  expect(() => sampleDistinct(sha, "s", 2, 2)).toThrow("sampler did not converge");
});

test("the ledger's column specs (short form) read back as written out here by hand", () => {
  const spec = (sheet: keyof typeof LEDGER, key: string) =>
    (LEDGER[sheet].columns as readonly ColumnSpec[]).find((c) => c.key === key);
  // 问题台账: "tc150" 问题编号, "te:findingStatus" 状态, "de" 延期至; 操作日志: "tco140" 校验值.
  expect(spec("findings", "id")).toEqual({
    key: "id",
    header: "问题编号",
    kind: "text",
    computed: true,
    width: 150,
  });
  expect(spec("findings", "status")).toEqual({
    key: "status",
    header: "状态",
    kind: "text",
    editable: true,
    choices: "findingStatus",
  });
  expect(spec("findings", "extendedTo")).toEqual({
    key: "extendedTo",
    header: "延期至",
    kind: "date",
    editable: true,
  });
  expect(spec("log", "hash")).toEqual({
    key: "hash",
    header: "校验值",
    kind: "text",
    computed: true,
    optional: true,
    width: 140,
  });
  expect(spec("inspections", "submittedAt")?.kind).toBe("datetime");
  // Every column of every sheet has a known kind (a spec list one short would leave the last without).
  const kinds = new Set(["text", "date", "datetime", "number", "link"]);
  for (const { columns } of Object.values(LEDGER))
    for (const c of columns as readonly ColumnSpec[])
      expect([c.key, kinds.has(c.kind)]).toEqual([c.key, true]);
});

describe("the ledger's columns are found by header", () => {
  // 检查人员: 姓名 部门 邮箱 手机 所在/联系村 在岗 — here moved, spaced, one missing, one the script does not know.
  const layout = locateColumns("roster", ["备注", " 部门", "姓 名", "邮箱", null, "在岗", "所在/联系村"]);

  test("moved and spaced headers are found; a missing one is named", () => {
    expect(layout.index).toEqual({ name: 2, department: 1, email: 3, village: 6, active: 5 });
    expect(layout.missing.map((c) => c.key)).toEqual(["phone"]);
    expect(layout.width).toBe(7);
  });

  test("a short row reads as blanks; writing keeps the cells of columns the script does not know", () => {
    expect(rowToObject(layout, ["x", "教育", "张三"])).toEqual({
      name: "张三",
      department: "教育",
      email: "",
      village: "",
      active: "",
    });
    expect(objectToRow(layout, { name: "李四", unknown: "?" })).toEqual(["", "", "李四", "", "", "", ""]);
    expect(objectToRow(layout, { active: "否" }, ["留着", "消防", "王五"])).toEqual([
      "留着",
      "消防",
      "王五",
      "",
      "",
      "否",
      "",
    ]);
  });
});

describe("rectification: every refusal of a status change or an extension", () => {
  const f: LedgerFinding = {
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
  test("status changes", () => {
    expect(checkStatusChange("已销号", "已销号")).toBeUndefined();
    expect(checkStatusChange("待整改", "已销号")).toBe(
      "“已销号”只能由复查表确认：请填写整改复查表，复查通过后系统自动销号。",
    );
    expect(checkStatusChange("已销号", "待整改")).toBe(
      "已销号的问题不能改回；如有反弹，请重新检查并登记新问题。",
    );
  });
  test.each<[string, LedgerFinding, string, string, string, string]>([
    [
      "a second extension",
      f,
      "2026-03-25",
      "2026-04-01",
      "理由",
      "每个问题只能延期一次，已延期至 2026-03-25。",
    ],
    ["not a date", f, "", "下周", "理由", "“下周”不是日期，请填写如 2026-04-15。"],
    [
      "a 三类 finding",
      { ...f, class: "III" },
      "",
      "2026-04-01",
      "理由",
      "三类问题无法整改，不设期限，不能延期。",
    ],
    ["a finding signed off", { ...f, status: "已销号" }, "", "2026-04-01", "理由", "问题已销号，无需延期。"],
    ["no reason", f, "", "2026-04-01", " ", "请先在「延期理由」中写明理由，再填写延期日期。"],
    ["no deadline yet", { ...f, deadline: "" }, "", "2026-04-01", "理由", "该问题尚无整改期限，无法延期。"],
  ])("%s", (_name, finding, previous, to, reason, message) => {
    expect(checkExtension(finding, previous, to, reason, 30)).toBe(message);
  });
});

describe("institutions", () => {
  const none: LicenceFlags = {
    permit: "",
    businessLicence: "",
    foodPermit: "",
    healthPermit: "",
    healthFiling: "",
    beyondScope: "",
  };
  test("answers set the licence flags; 不适用 leaves them; COND-01 says whether it goes beyond its scope", () => {
    expect(
      licenceFlagsFromAnswers(
        { ...none, healthPermit: "是" },
        {
          "QUAL-01": "fail",
          "QUAL-02": "ok",
          "QUAL-05": "na",
          "COND-01": "ok",
        },
      ),
    ).toEqual({ ...none, permit: "否", businessLicence: "是", healthPermit: "是", beyondScope: "否" });
    expect(licenceFlagsFromAnswers(none, { "COND-01": "fail" }).beyondScope).toBe("是");
  });
  test("the licence bucket, by type", () => {
    expect(licenceBucket("training", { ...none, beyondScope: "是" })).toBe("超范围");
    expect(licenceBucket("childcare", { ...none, businessLicence: "是", healthFiling: "是" })).toBe(
      "证照齐全",
    );
    expect(licenceBucket("childcare", { ...none, businessLicence: "是" })).toBe("有照无证");
    expect(licenceBucket("meal", { ...none, foodPermit: "否" })).toBe("无证无照");
    // Issue 15: no licence answered at all is not a bucket yet.
    expect(licenceBucket("aftercare", none)).toBe("待核实证照");
    expect(licenceBucket("", none)).toBe("待核实证照");
    // A blank food permit: not required, so a business licence alone is complete.
    expect(licenceBucket("aftercare", { ...none, businessLicence: "是" })).toBe("证照齐全");
    expect(licenceBucket("", { ...none, businessLicence: "是" })).toBe("证照齐全"); // no type: no permit to ask for
    // Issue 15: a permit without the business licence is 有证无照, its own bucket.
    expect(licenceBucket("training", { ...none, permit: "是", businessLicence: "否" })).toBe("有证无照");
  });
  test("the state follows the findings and the disposition", () => {
    const open = { class: "II", status: "待整改", overdue: false };
    expect(institutionState("关停取缔", [{ ...open, class: "III" }], true)).toBe("拟关停取缔");
    expect(institutionState("关停取缔", [], true)).toBe("已关停取缔");
    // Issue 15: never inspected is 未检查; inspected with nothing found is 检查合格.
    expect(institutionState("", [], false)).toBe("未检查");
    expect(institutionState("", [], true)).toBe("检查合格");
    expect(institutionState("", [{ ...open, overdue: true }], true)).toBe("拟停业整顿");
    expect(institutionState("", [{ ...open, status: "已销号" }], true)).toBe("整改完成");
  });
  test("the proposed disposition", () => {
    expect(proposedDisposition("停业整顿", ["III"], false)).toBe("停业整顿");
    // Issue 15: a 三类 finding only proposes closure (in 整改状态); 处置方式 is the coordinator's decision.
    expect(proposedDisposition("", ["I", "III"], false)).toBe("");
    expect(proposedDisposition("", ["II"], true)).toBe("整改规范");
    expect(proposedDisposition("", [], true)).toBe("登记备案");
    expect(proposedDisposition("", [], false)).toBe("");
  });
});

describe("settings the coordinator got wrong", () => {
  const raw = (o: Partial<Record<keyof typeof SETTING_LABEL, string>>) =>
    new Map(Object.entries(o).map(([k, v]) => [SETTING_LABEL[k as keyof typeof SETTING_LABEL], v]));
  test("each bad value is named, and the default applies", () => {
    const { settings, problems } = parseSettings(
      raw({
        campaignStart: "下个月",
        departmentContacts: "消防:xf@example.cn\n公安 ga@example.cn\n教育:不是邮箱",
        tierRates: "A:5, B:200",
        departments: " 、 ",
      }),
    );
    // In the order parseSettings reads them: the contacts first, then the dates, then the draw's settings.
    expect(problems).toEqual([
      "配置「部门联系人邮箱（部门:邮箱，每行一个）」的值“公安 ga@example.cn”无效：每行应为“部门:邮箱”",
      "配置「部门联系人邮箱（部门:邮箱，每行一个）」的值“教育:不是邮箱”无效：每行应为“部门:邮箱”",
      "配置「活动开始日期」的值“下个月”无效：应为日期，例如 2026-03-01",
      "配置「风险层级抽查比例（%）」的值“A:5, B:200”无效：应为“A:5, B:10, C:20, D:40”的形式，数值为 0–100",
    ]);
    expect(settings.campaignStart).toBe("");
    expect([...settings.departmentContacts]).toEqual([["消防", ["xf@example.cn"]]]);
    expect(settings.tierRates).toEqual({ A: 0.05, B: 0.1, C: 0.2, D: 0.4 });
    expect(settings.departments).toEqual([
      "教育",
      "公安",
      "消防",
      "市场监管",
      "卫生健康",
      "住建",
      "应急管理",
      "城管",
      "交警",
      "民政",
    ]);
  });
});

describe("spot-check texts", () => {
  test("a snapshot that is not one is not read; a 回头看 snapshot reads back as one", () => {
    expect(parseCanonical("")).toBeUndefined();
    expect(parseCanonical("draw-v1 (Rivest SHA-256 sampler)\nI|R0001")).toBeUndefined();
    expect(
      parseCanonical("draw-v1 (Rivest SHA-256 sampler)\nparams|lookback|0.2|1|D=0.4,C=0.2,B=0.1,A=0.05|1")
        ?.params,
    ).toEqual({
      mode: "lookback",
      overallRate: 0.2,
      villageCoverage: 1,
      tierRates: { D: 0.4, C: 0.2, B: 0.1, A: 0.05 },
      inspectorsPerInstitution: 1,
    });
  });

  test("the results notice: not inspected yet, no problems, or the problems by class", () => {
    const text = resultsNotice(
      [
        { id: "R0001", name: "甲", village: "东村" },
        { id: "R0002", name: "乙", village: "西村" },
        { id: "R0003", name: "丙", village: "南村" },
      ],
      new Map([
        [
          "R0002",
          {
            institutionId: "R0002",
            inspectionId: "JC20260305-001",
            findings: 0,
            classI: 0,
            classII: 0,
            classIII: 0,
          },
        ],
        [
          "R0003",
          {
            institutionId: "R0003",
            inspectionId: "JC20260305-002",
            findings: 3,
            classI: 1,
            classII: 2,
            classIII: 0,
          },
        ],
      ]),
      { township: "西夏墅镇", drawId: "CC20260302-1" },
    );
    expect(text.split("\n").slice(1)).toEqual([
      "1. R0001 甲（东村）：尚未检查",
      "2. R0002 乙（西村）：未发现问题（JC20260305-001）",
      "3. R0003 丙（南村）：发现问题 3 项（一类 1、二类 2、三类 0）（JC20260305-002）",
    ]);
  });
});

test("the summary reads sparse rows: blank cells are blanks, rows without an id are skipped", () => {
  const dateOf = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");
  const { input, urgencies } = summaryInputFromRows(
    {
      register: [{ id: " R0001 ", name: "甲" }, { id: "R0002" }, { name: "无编号" }],
      findings: [{ id: "JC20260302-001-01" }, { id: " " }],
      inspections: [{ form: "reinspection", departments: "教育、消防" }, {}],
    },
    "2026-03-10",
    dateOf,
  );
  expect(input).toEqual({
    institutions: [
      {
        id: "R0001",
        name: "甲",
        type: "",
        village: "",
        licenceBucket: "",
        disposition: "",
        registration: "",
      },
    ],
    findings: [
      { institutionId: "", class: "", status: "", department: "", foundOn: "", closedOn: "", overdue: false },
    ],
    inspections: [
      { institutionId: "", date: "", reinspection: true, departments: ["教育", "消防"] },
      { institutionId: "", date: "", reinspection: false, departments: [] },
    ],
  });
  // No class, no deadline: its deadline is still to be set.
  expect(urgencies).toEqual([{ kind: "pendingDeadline" }]);
});

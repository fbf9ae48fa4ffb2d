// The campaign rules of issue 15, each played as a township lives it in the local runtime: an
// inspection, days passing (the 07:00 daily check and the 08:00 summary fire as they would), and what
// the coordinator then sees in the sheets and the mails. Every expected figure is worked out by hand in
// the comment above it, from the campaign documents (the domain brief and the five published seeds) and the calendar.
//
// The helper township (test/helpers/township.ts), on Monday 2 March 2026: R0001 阳光培训学校 (training,
// 东村, 办学许可证 + 营业执照), R0002 快乐托管班 (aftercare, 西村, 营业执照 + 食品经营许可证), R0003 张阿姨小饭桌
// (meal, 南村, no licence answered), R0004 贝贝托育园 (childcare, 东村, no licence answered); inspectors
// 张三 (教育, lives in 东村), 李四 (消防), 王五 (市场监管); 配置 as shipped (自然日, 临期 3 days, 整改期限上限 30).
import type { Runtime } from "../../sim/runtime";
import { setSettings, submitInspection, seedRegister, type InspectionAnswers } from "../../sim/township";
import { snapshot } from "../helpers/snapshot";
import { bundle, COORDINATOR, rows, township, ymd } from "../helpers/township";

/** A mail's HTML without the spans that keep numbers, dates and ids on one line. */
const unwrapped = (html: string) => html.replace(/<span style="white-space:nowrap">([^<]*)<\/span>/g, "$1");

const at = (iso: string) => new Date(`${iso}+08:00`);
const team = { departments: ["教育", "消防"], inspectors: ["张三", "李四"] };
const careNa = ["QUAL-03", "FOOD-01", "FOOD-02", "FOOD-03", "TRAN-01"];
const daily = (rt: Runtime, iso: string) => {
  rt.advanceTo(at(iso));
  expect(rt.lastExecution("runDailyCheck")?.error).toBeUndefined();
};
const inst = (rt: Runtime, id: string) => rows(rt, "机构名录").find((r) => r["机构编号"] === id)!;
const finding = (rt: Runtime, id: string) => rows(rt, "问题台账").find((f) => f["问题编号"] === id)!;
const mailsSince = (rt: Runtime, n: number) => rt.mail._sent.slice(n);

/** A coordinator typing into the cell of the row whose key column holds `key`, found by header. */
function edit(
  rt: Runtime,
  sheet: string,
  keyHeader: string,
  key: string,
  header: string,
  value: string,
): void {
  const s = rt.sheet(sheet);
  const headers = Array.from({ length: s._lastColumn() }, (_, i) => String(s._get(1, i + 1)));
  const keyCol = headers.indexOf(keyHeader) + 1;
  let row = 0;
  for (let r = 2; r <= s._lastRow(); r++) if (String(s._get(r, keyCol)) === key) row = r;
  if (!row) throw new Error(`${sheet} has no row ${key}`);
  const result = rt.editCells(sheet, row, headers.indexOf(header) + 1, [[value]], COORDINATOR);
  if (!result.accepted) throw new Error(result.message);
}

/** A block of 汇总 (the rows under a title, up to the next blank row), 16 columns. */
function summaryBlock(rt: Runtime, title: string): Array<Array<string | number>> {
  const sheet = rt.sheet("汇总");
  let start = 0;
  for (let r = 1; r <= sheet._lastRow(); r++) if (String(sheet._get(r, 1)).startsWith(title)) start = r;
  const out: Array<Array<string | number>> = [];
  for (let r = start + 2; r <= sheet._lastRow() && sheet._get(r, 1) !== ""; r++)
    out.push(Array.from({ length: 16 }, (_, c) => sheet._get(r, c + 1) as string | number));
  return out;
}
const totalRow = (rt: Runtime) => summaryBlock(rt, "西夏墅镇校外培训及托管机构排查整治汇总表").at(-1)!;

function lists(rt: Runtime): { red: string[]; black: string[] } {
  const sheet = rt.sheet("红黑名单");
  const ids = Array.from({ length: sheet._lastRow() }, (_, i) => String(sheet._get(i + 1, 1)));
  const black = ids.findIndex((x) => x.includes("黑名单"));
  return { red: ids.slice(2, black - 1).filter(Boolean), black: ids.slice(black + 2).filter(Boolean) };
}

interface ComplaintAnswers {
  name: string;
  village: string;
  type?: string;
  /** The start of the topic's label. */
  topic: string;
  content: string;
  phone?: string;
}

/** A member of the public filling in the 举报 form (not signed in: no address). */
function submitComplaint(rt: Runtime, a: ComplaintAnswers): { responseId: string } {
  const raw = rt.properties._stores.document.get("form:complaint");
  if (!raw) throw new Error("The 举报 form has not been set up.");
  const { formId, map } = JSON.parse(raw) as { formId: string; map: Record<string, number> };
  const form = rt.form(formId);
  const topic = form._items
    .find((i) => i._id === map.topic)!
    ._choices.find((c) => c.value.startsWith(a.topic));
  if (!topic) throw new Error(`No topic ${a.topic}`);
  const answers = new Map<number, unknown>([
    [map.name!, a.name],
    [map.village!, a.village],
    [map.topic!, topic.value],
    [map.content!, a.content],
  ]);
  if (a.type) answers.set(map.type!, a.type);
  if (a.phone) answers.set(map.phone!, a.phone);
  return rt.submitForm(formId, answers, "");
}

describe("1. 三类 and 停业整顿 are proposed by the script and decided by a person", () => {
  // Each test starts from its own copy: the township just after the two inspections, or (for the
  // coordinator's decision) after the daily checks of 3–5 March as well.
  const inspected = snapshot(() => {
    const rt = township(at("2026-03-02T09:00:00"));
    // R0001: an escape route that cannot be made safe (FIRE-03) is judged 三类. R0002: extinguishers
    // missing (FIRE-02), 二类, due Wednesday 4 March.
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      ...team,
      results: { "FIRE-03": "fail" },
      classes: { "FIRE-03": "III" },
    });
    submitInspection(rt, "aftercare", {
      institution: "R0002",
      date: "2026-03-02",
      ...team,
      defaultNa: careNa,
      results: { "FIRE-02": "fail" },
      classes: { "FIRE-02": "II" },
      deadline: "2026-03-04",
      responsible: "园长",
      interim: "暂停晚托",
    });
    return rt;
  }, bundle);
  const threeDaysLater = snapshot(() => {
    const rt = inspected();
    daily(rt, "2026-03-05T09:00:00"); // daily checks of 3, 4 and 5 March
    return rt;
  }, bundle);
  let rt: Runtime;

  test("the inspection proposes 关停取缔 in 整改状态 and leaves 处置方式 to the coordinator", () => {
    rt = inspected();
    expect(inst(rt, "R0001")).toMatchObject({ 处置方式: "", 整改状态: "拟关停取缔" });
    expect(finding(rt, "JC20260302-001-01")).toMatchObject({ 状态: "待整改", 整改期限: "" });
    expect(String(finding(rt, "JC20260302-001-01")["备注"])).toContain(
      "待协调员在「机构名录」的「处置方式」中确认",
    );
    expect(inst(rt, "R0002")).toMatchObject({ 处置方式: "整改规范", 整改状态: "整改中" });
  });

  test("days pass: nothing closes by itself; an overdue 二类 finding proposes 停业整顿", () => {
    rt = threeDaysLater();
    expect(finding(rt, "JC20260302-001-01")["状态"]).toBe("待整改");
    expect(inst(rt, "R0001")).toMatchObject({ 处置方式: "", 整改状态: "拟关停取缔" });
    // FIRE-02 was due on the 4th: overdue from the 5th.
    expect(finding(rt, "JC20260302-002-01")["逾期"]).toBe("逾期");
    expect(inst(rt, "R0002")).toMatchObject({ 处置方式: "整改规范", 整改状态: "拟停业整顿" });
    rt.clickMenu("sendSummary");
    // 合计: swept 2 (both licences complete: R0001 answered QUAL-01/02 符合, R0002 has 营业执照 and its
    // 食品经营许可证 answered 不适用 keeps 是); 2 findings: 二类 1, 三类 1; none signed off (0.0%);
    // overdue 1 (R0002); 关停 0 — the proposal is not a closure.
    expect(totalRow(rt)).toEqual(["合计", 2, 2, 0, 0, 0, 0, 2, 0, 1, 1, 0, 0, 1, 0, 0]);
    expect(lists(rt).black).toEqual([]);
  });

  test("the coordinator decides: 关停取缔 closes the 三类 finding the next morning; 停业整顿 suspends without closing", () => {
    rt = threeDaysLater(); // 5 March: the decision is taken that day
    edit(rt, "机构名录", "机构编号", "R0001", "处置方式", "关停取缔");
    edit(rt, "机构名录", "机构编号", "R0002", "处置方式", "停业整顿");
    daily(rt, "2026-03-06T09:00:00");
    expect(finding(rt, "JC20260302-001-01")["状态"]).toBe("已销号");
    expect(ymd(finding(rt, "JC20260302-001-01")["销号日期"])).toBe("2026-03-06");
    expect(String(finding(rt, "JC20260302-001-01")["复查记录"])).toBe(
      "2026-03-06 机构已关停取缔，问题随之销号。",
    );
    expect(inst(rt, "R0001")["整改状态"]).toBe("已关停取缔");
    expect(finding(rt, "JC20260302-002-01")["状态"]).toBe("待整改");
    expect(inst(rt, "R0002")["整改状态"]).toBe("停业整顿中");
    rt.clickMenu("sendSummary");
    // 1 of 2 findings signed off (50.0%), R0002's still overdue, 关停 1.
    expect(totalRow(rt)).toEqual(["合计", 2, 2, 0, 0, 0, 0, 2, 0, 1, 1, 1, 1 / 2, 1, 1, 0]);
    expect(lists(rt).black).toEqual(["R0001"]);
  });
});

describe("2. an inspected institution without findings is 检查合格, and stays so", () => {
  test("the daily check keeps 检查合格, 未检查 means never inspected, and 回头看 can draw it", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "aftercare", {
      institution: "R0002",
      date: "2026-03-02",
      ...team,
      defaultNa: careNa,
    });
    expect(inst(rt, "R0002")["整改状态"]).toBe("检查合格");
    daily(rt, "2026-03-04T09:00:00"); // two daily checks
    expect(inst(rt, "R0002")["整改状态"]).toBe("检查合格");
    expect(ymd(inst(rt, "R0002")["最近检查日期"])).toBe("2026-03-02");
    expect(inst(rt, "R0003")["整改状态"]).toBe("未检查");
    // 回头看 draws from what was rectified, shut down or found compliant: here only R0002 (tier A,
    // 5% of 1 rounds up to 1).
    rt.ctx.dialogAnswers.push({ button: "OK", text: "lookback-2026" }, { button: "YES" });
    rt.clickMenu("drawSpotCheck");
    expect(rows(rt, "抽查记录").map((r) => [r["机构编号"], r["模式"]])).toEqual([["R0002", "回头看"]]);
  });
});

describe("3. licence buckets follow the licence cells", () => {
  const withR0005 = snapshot(() => {
    const rt = township(at("2026-03-02T09:00:00"));
    setSettings(rt, { 领导邮箱: "leader@township.example.cn" });
    // R0005 holds its 卫健备案 (the childcare permit) but no business registration.
    seedRegister(rt, [
      {
        name: "明星托育园",
        type: "托育机构",
        village: "西村",
        licences: { 卫健备案: "是", "营业执照/登记证书": "否" },
      },
    ]);
    rt.clickMenu("setup");
    return rt;
  }, bundle);
  // R0004 inspected: its 营业执照 is missing (QUAL-02 不符合, 二类); the other licences answered 符合.
  const inspectR0004 = (rt: Runtime) =>
    submitInspection(rt, "childcare", {
      institution: "R0004",
      date: "2026-03-02",
      ...team,
      results: { "QUAL-02": "fail" },
      classes: { "QUAL-02": "II" },
      responsible: "园长",
      interim: "限期办理",
    });
  let rt: Runtime;
  beforeEach(() => {
    rt = withR0005();
  });

  test("a permit without a business licence is 有证无照; no answer at all is 待核实证照", () => {
    expect(inst(rt, "R0005")["证照状况"]).toBe("有证无照");
    expect(inst(rt, "R0003")["证照状况"]).toBe("待核实证照");
    expect(inst(rt, "R0004")["证照状况"]).toBe("待核实证照");
    expect(inst(rt, "R0001")["证照状况"]).toBe("证照齐全");
  });

  test("an inspection finds R0004 filed but unregistered: 有证无照 in its own column of 汇总 and the mail", () => {
    // Childcare form: QUAL-02 (营业执照) 不符合, 二类; QUAL-03/05/06 符合 → 食品经营许可证, 卫生许可证,
    // 卫健备案 是, 营业执照 否 → the permit without the licence.
    inspectR0004(rt);
    expect(inst(rt, "R0004")["证照状况"]).toBe("有证无照");
    rt.clickMenu("sendSummary");
    // 托育机构: swept 1 (R0004; R0005 not inspected); 有证无照 1; 1 finding, 二类, open, due 1 April.
    const row = summaryBlock(rt, "西夏墅镇校外培训及托管机构排查整治汇总表").find((r) => r[0] === "托育机构");
    expect(row).toEqual(["托育机构", 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    const mail = rt.mail._sent.filter((m) => m.subject.includes("周汇总")).at(-1)!;
    expect(mail.htmlBody).toContain("有证无照");
  });

  test("the coordinator types 是 once it registers: 证照齐全 at once; an edit the script did not see, by the next morning", () => {
    inspectR0004(rt); // 有证无照, as the test above shows
    edit(rt, "机构名录", "机构编号", "R0004", "营业执照/登记证书", "是");
    expect(inst(rt, "R0004")["证照状况"]).toBe("证照齐全");
    // Another run holds the lock (5 minutes): the edit handler cannot run, the daily check catches up.
    // R0005's 卫健备案 typed 否 (营业执照 否 too): no permit, no licence → 无证无照.
    rt.holdLockElsewhere(5 * 60_000);
    edit(rt, "机构名录", "机构编号", "R0005", "卫健备案", "否");
    expect(inst(rt, "R0005")["证照状况"]).toBe("有证无照");
    daily(rt, "2026-03-03T09:00:00");
    expect(inst(rt, "R0005")["证照状况"]).toBe("无证无照");
    expect(inst(rt, "R0003")["证照状况"]).toBe("待核实证照");
    rt.clickMenu("sendSummary");
    const row = summaryBlock(rt, "西夏墅镇校外培训及托管机构排查整治汇总表").find((r) => r[0] === "托育机构");
    expect(row!.slice(1, 6)).toEqual([1, 1, 0, 0, 0]);
  });
});

describe("4. a 二类 finding on an item meant to be fixed at once gets the campaign's 二类 default", () => {
  const answers: InspectionAnswers = {
    institution: "R0001",
    date: "2026-03-02",
    ...team,
    // FIRE-01 (exits clear) defaults to 一类, 0 days; the inspector judges it needs time: 二类, no date.
    results: { "FIRE-01": "fail" },
    classes: { "FIRE-01": "II" },
    responsible: "王校长",
    interim: "专人值守",
  };

  test("in calendar days: 7 days, due soon on the 6th, overdue on the 10th", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "training", answers);
    // 2 March + 7 days = 9 March (it used to be due the day of the inspection).
    expect(ymd(finding(rt, "JC20260302-001-01")["整改期限"])).toBe("2026-03-09");
    daily(rt, "2026-03-05T09:00:00"); // 4 days left: nothing shown
    expect(finding(rt, "JC20260302-001-01")["逾期"]).toBe("");
    daily(rt, "2026-03-06T09:00:00"); // 3 days left: due soon
    expect(finding(rt, "JC20260302-001-01")["逾期"]).toBe("临期");
    daily(rt, "2026-03-10T09:00:00");
    expect(finding(rt, "JC20260302-001-01")["逾期"]).toBe("逾期");
  });

  test("in working days: 7 working days from Monday 2 March is Wednesday 11 March", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    setSettings(rt, { "期限计算方式（自然日/工作日）": "工作日" });
    submitInspection(rt, "training", answers);
    // 3, 4, 5, 6, (weekend), 9, 10, 11.
    expect(ymd(finding(rt, "JC20260302-001-01")["整改期限"])).toBe("2026-03-11");
  });
});

describe("5. extensions in working-day mode are limited in working days", () => {
  test("30 working days after 16 March 2026 is 28 April (清明 4–6 April off); a later date is refused", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    setSettings(rt, { "期限计算方式（自然日/工作日）": "工作日" });
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      ...team,
      results: { "PREM-03": "fail", "FIRE-02": "fail" },
      classes: { "PREM-03": "II", "FIRE-02": "II" },
      deadline: "2026-03-16",
      responsible: "王校长",
      interim: "专人值守",
    });
    // From 16 March: 17–20 (4), 23–27 (9), 30–31 (11), 1–3 April (14), 4–6 April 清明 off, 7–10 (18),
    // 13–17 (23), 20–24 (28), 27, 28 (30) → 28 April. In calendar days it would be 15 April.
    rt.advanceTo(at("2026-03-12T10:00:00"));
    for (const id of ["JC20260302-001-01", "JC20260302-001-02"])
      edit(rt, "问题台账", "问题编号", id, "延期理由", "设备采购周期长");
    edit(rt, "问题台账", "问题编号", "JC20260302-001-01", "延期至", "2026-04-24");
    expect(ymd(finding(rt, "JC20260302-001-01")["延期至"])).toBe("2026-04-24");
    edit(rt, "问题台账", "问题编号", "JC20260302-001-02", "延期至", "2026-04-29");
    expect(finding(rt, "JC20260302-001-02")["延期至"]).toBe("");
    expect(rt.ui.at(-1)!.message).toContain(
      "延期日期 2026-04-29 超过上限 2026-04-28（原期限后 30 个工作日）",
    );
  });
});

describe("6. a holiday year counts once the coordinator marks it complete", () => {
  test("one row of 2027 is not 2027; 全年已录入 is, and the 期限待定 note goes", () => {
    const rt = township(at("2026-12-21T09:00:00"));
    setSettings(rt, { 活动开始日期: "2026-12-01", "期限计算方式（自然日/工作日）": "工作日" });
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-12-21",
      ...team,
      results: { "PREM-03": "fail" },
      classes: { "PREM-03": "II" },
      responsible: "王校长",
      interim: "专人值守",
    });
    // PREM-03: 30 working days from 21 December 2026 reach into 2027, which 节假日 does not have.
    expect(finding(rt, "JC20261221-001-01")).toMatchObject({ 整改期限: "", 逾期: "期限待定" });
    expect(String(finding(rt, "JC20261221-001-01")["备注"])).toContain(
      "2027 年的放假安排尚未标为“全年已录入”",
    );
    rt.editCells(
      "节假日",
      rt.sheet("节假日")._lastRow() + 1,
      1,
      [["2027-01-01", "放假", "元旦"]],
      COORDINATOR,
    );
    daily(rt, "2026-12-22T09:00:00");
    expect(finding(rt, "JC20261221-001-01")).toMatchObject({ 整改期限: "", 逾期: "期限待定" });
    rt.editCells(
      "节假日",
      rt.sheet("节假日")._lastRow() + 1,
      1,
      [["2027-01-01", "全年已录入", ""]],
      COORDINATOR,
    );
    daily(rt, "2026-12-23T09:00:00");
    // 22–25 Dec (4), 28–31 (8), 1 Jan off, 4–8 (13), 11–15 (18), 18–22 (23), 25–29 (28), 1, 2 Feb (30).
    expect(ymd(finding(rt, "JC20261221-001-01")["整改期限"])).toBe("2027-02-02");
    expect(finding(rt, "JC20261221-001-01")).toMatchObject({ 逾期: "", 备注: "" });
  });

  test("setup marks the official years it fills; an official year counts even before it is marked", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    const marks = rows(rt, "节假日").filter((r) => r["类型"] === "全年已录入");
    expect(marks.map((r) => ymd(r["日期"]))).toEqual(["2025-01-01", "2026-01-01"]);
    // A ledger set up before the mark existed has 2026's rows and no mark until 初始化/更新 runs again.
    const sheet = rt.sheet("节假日");
    for (let r = sheet._lastRow(); r >= 2; r--) if (sheet._get(r, 2) === "全年已录入") sheet.deleteRow(r);
    setSettings(rt, { "期限计算方式（自然日/工作日）": "工作日" });
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      ...team,
      results: { "FIRE-02": "fail" },
      classes: { "FIRE-02": "II" },
      responsible: "王校长",
      interim: "专人值守",
    });
    // FIRE-02: 7 working days from Monday 2 March: 3, 4, 5, 6, 9, 10, 11.
    expect(ymd(finding(rt, "JC20260302-001-01")["整改期限"])).toBe("2026-03-11");
  });
});

describe("7. a response accepted with a note is not a rejection", () => {
  test("the deadline that waits for 2027 is mailed as written-with-a-note; a one-inspector visit as not accepted", () => {
    const rt = township(at("2026-12-21T09:00:00"));
    setSettings(rt, { 活动开始日期: "2026-12-01", "期限计算方式（自然日/工作日）": "工作日" });
    const visit: InspectionAnswers = {
      institution: "R0001",
      date: "2026-12-21",
      ...team,
      results: { "PREM-03": "fail" },
      classes: { "PREM-03": "II" },
      responsible: "王校长",
      interim: "专人值守",
    };
    let sent = rt.mail._sent.length;
    submitInspection(rt, "training", visit);
    const accepted = mailsSince(rt, sent).find((m) => m.to.includes(COORDINATOR))!;
    expect(accepted.subject).toBe("【西夏墅镇】1 条检查记录已写入台账，有事项待跟进");
    expect(accepted.htmlBody).toContain("已写入台账，但需要跟进（1 条）");
    expect(accepted.htmlBody).not.toContain("未能写入台账");
    expect(rows(rt, "检查记录")).toHaveLength(1);
    // Two hours later (the digest goes at most hourly), a visit by one inspector is not accepted.
    rt.advanceTo(at("2026-12-21T11:00:00"));
    sent = rt.mail._sent.length;
    submitInspection(rt, "training", { ...visit, inspectors: ["张三"] });
    const rejected = mailsSince(rt, sent).find((m) => m.to.includes(COORDINATOR))!;
    expect(rejected.subject).toBe("【西夏墅镇】1 条检查记录待核实");
    expect(rejected.htmlBody).toContain("未能写入台账（1 条，已存入「待核实」）");
    expect(rejected.htmlBody).not.toContain("已写入台账，但需要跟进");
  });
});

describe("8. 待核实 entries are listed every morning until resolved, with advice that fits", () => {
  test("two entries, their ages growing, until one is ignored", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    const visit: InspectionAnswers = { institution: "R0001", date: "2026-03-02", ...team };
    submitInspection(rt, "training", { ...visit, inspectors: ["张三"] }); // one inspector
    rt.advanceTo(at("2026-03-02T10:00:00"));
    submitInspection(rt, "training", { ...visit, date: "2026-03-05" }); // a date in the future
    const [lone, future] = rows(rt, "待核实").map((r) => String(r["编号"]));
    let sent = rt.mail._sent.length;
    daily(rt, "2026-03-03T08:00:00");
    let reminder = mailsSince(rt, sent).find((m) => m.subject.includes("整改提醒"))!;
    // No finding is due: the reminder goes for the two entries alone, both received on the 2nd (1 day).
    expect(reminder.subject).toBe("【西夏墅镇】整改提醒：逾期 0 项，临期 0 项；待核实 2 条");
    // The entry's part of the mail as a person reads it, whether the list is a table or cards.
    const entry = (mail: string, id: string) => {
      const text = unwrapped(mail).replace(/<[^>]+>/g, "\n");
      const start = text.indexOf(id);
      const others = [lone!, future!].filter((x) => x !== id).map((x) => text.indexOf(x, start + 1));
      const end = Math.min(...others.filter((k) => k > start), text.indexOf("打开台账", start));
      return text
        .slice(start, end)
        .split("\n")
        .map((x) => x.trim())
        .filter(Boolean);
    };
    expect(entry(reminder.htmlBody!, lone!)).toEqual(expect.arrayContaining(["2026-03-02", "1 天"]));
    expect(entry(reminder.htmlBody!, lone!)).toContain(
      "执法检查须两人：请检查人员用回复链接补选第二名检查人员，再重新处理。",
    );
    expect(entry(reminder.htmlBody!, lone!)).not.toContain("请检查人员用回复链接改正检查日期，再重新处理。");
    expect(entry(reminder.htmlBody!, future!)).toContain("请检查人员用回复链接改正检查日期，再重新处理。");
    expect(reminder.htmlBody).not.toContain("核对「机构名录」");
    sent = rt.mail._sent.length;
    daily(rt, "2026-03-05T08:00:00");
    reminder = mailsSince(rt, sent)
      .filter((m) => m.subject.includes("整改提醒"))
      .at(-1)!;
    expect(entry(reminder.htmlBody!, lone!)).toEqual(expect.arrayContaining(["2026-03-02", "3 天"]));
    edit(rt, "待核实", "编号", future, "处理状态", "已忽略");
    sent = rt.mail._sent.length;
    daily(rt, "2026-03-06T08:00:00");
    reminder = mailsSince(rt, sent).find((m) => m.subject.includes("整改提醒"))!;
    expect(reminder.subject).toBe("【西夏墅镇】整改提醒：逾期 0 项，临期 0 项；待核实 1 条");
    expect(reminder.htmlBody).not.toContain(future);
  });
});

describe("9. 抽查结果公示 says which drawn institutions have no follow-up yet, and may wait", () => {
  test("cancel, then publish with the coordinator's consent", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    // A regular draw over 4 institutions of 4 types: every type is covered, so all 4 are drawn.
    rt.ctx.dialogAnswers.push({ button: "OK", text: "2026-03-02 开奖 07 12 19" }, { button: "NO" });
    rt.clickMenu("drawSpotCheck");
    expect(
      rows(rt, "抽查记录")
        .map((r) => r["机构编号"])
        .sort(),
    ).toEqual(["R0001", "R0002", "R0003", "R0004"]);
    const notices = rows(rt, "公示").length;
    rt.ctx.dialogAnswers.push({ button: "NO" });
    rt.clickMenu("publishSpotCheckResults");
    const asked = rt.ui.filter((u) => u.kind === "alert").at(-2)!.message;
    expect(asked).toContain("抽中的机构中有 4 家在抽查后还没有检查记录");
    expect(asked).toContain("R0003 张阿姨小饭桌（南村）");
    expect(rt.ui.at(-1)!.message).toBe("已取消，未公示。检查完成后再选择“抽查结果公示”。");
    expect(rows(rt, "公示")).toHaveLength(notices);
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      departments: ["消防"],
      inspectors: ["李四", "王五"],
    });
    rt.ctx.dialogAnswers.push({ button: "YES" });
    rt.clickMenu("publishSpotCheckResults");
    expect(rt.ui.filter((u) => u.kind === "alert").at(-2)!.message).toContain(
      "有 3 家在抽查后还没有检查记录",
    );
    const text = String(rows(rt, "公示").at(-1)!["公示内容"]);
    expect(text).toContain("R0001 阳光培训学校（东村）：未发现问题（JC20260302-001）");
    expect(text.match(/尚未检查/g)).toHaveLength(3);
  });
});

describe("10. 红名单 vouches only for confirmed institutions", () => {
  test("an institution found on a visit joins the red list once the coordinator confirms it", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "training", { institution: "R0001", date: "2026-03-02", ...team });
    submitInspection(rt, "training", {
      institution: { new: { name: "新星培训部", village: "南村", address: "南村二组 8 号" } },
      date: "2026-03-02",
      ...team,
    });
    // Both inspected, nothing found, licences answered 符合 (证照齐全); R0005 is still 待核实.
    expect(inst(rt, "R0005")).toMatchObject({
      登记状态: "待核实",
      证照状况: "证照齐全",
      整改状态: "检查合格",
    });
    rt.clickMenu("sendSummary");
    expect(lists(rt).red).toEqual(["R0001"]);
    edit(rt, "机构名录", "机构编号", "R0005", "登记状态", "已登记");
    rt.clickMenu("sendSummary");
    expect(lists(rt).red).toEqual(["R0001", "R0005"]);
  });
});

describe("11. department reminders go out on working days", () => {
  test("a finding due Monday: the coordinator hears at the weekend, the department on Monday", () => {
    const rt = township(at("2026-03-06T09:00:00")); // Friday
    setSettings(rt, { "部门联系人邮箱（部门:邮箱，每行一个）": "消防:xf@township.example.cn" });
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-06",
      ...team,
      results: { "FIRE-02": "fail" },
      classes: { "FIRE-02": "II" },
      deadline: "2026-03-09",
      responsible: "王校长",
      interim: "专人值守",
    });
    const to = (from: number) =>
      mailsSince(rt, from)
        .filter((m) => m.subject.includes("整改提醒"))
        .map((m) => m.to.join());
    let sent = rt.mail._sent.length;
    daily(rt, "2026-03-08T09:00:00"); // Saturday and Sunday: due soon, 2 and 1 days left
    expect(to(sent)).toEqual([COORDINATOR, COORDINATOR]);
    sent = rt.mail._sent.length;
    daily(rt, "2026-03-09T09:00:00"); // Monday: due today
    expect(to(sent)).toEqual([COORDINATOR, "xf@township.example.cn"]);
    // Set to 否: the department hears on Saturday 14 March too (overdue since the 10th).
    setSettings(rt, { "部门提醒仅在工作日发送（是/否）": "否" });
    rt.advanceTo(at("2026-03-13T09:00:00"));
    sent = rt.mail._sent.length;
    daily(rt, "2026-03-14T09:00:00");
    expect(to(sent)).toEqual([COORDINATOR, "xf@township.example.cn"]);
  });
});

describe("12. 月通报 is labelled by the month it covers", () => {
  test("the bulletin of 1 April covers March and says so", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    setSettings(rt, { 领导邮箱: "leader@township.example.cn" });
    // March: two findings, FIRE-01 put right on the spot (signed off the same day), FIRE-02 open.
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      ...team,
      results: { "FIRE-01": "fail", "FIRE-02": "fail" },
      classes: { "FIRE-01": "I-fixed", "FIRE-02": "II" },
      responsible: "王校长",
      interim: "专人值守",
    });
    rt.advanceTo(at("2026-04-01T09:00:00"));
    const bulletin = rt.mail._sent.filter((m) => m.subject.includes("月通报"));
    expect(bulletin.map((m) => m.subject)).toEqual(["【西夏墅镇】专项整治月通报（2026 年 3 月）"]);
    expect(unwrapped(bulletin[0]!.htmlBody!)).toContain(
      "本期月通报：2026 年 3 月（2026-03-01 至 2026-03-31）。下列汇总表为截至 2026-04-01 的累计数。",
    );
    expect(unwrapped(bulletin[0]!.htmlBody!)).toContain(
      "2026 年 3 月新发现问题 2 项，销号 1 项，收到举报 0 件。",
    );
  });
});

describe("13. public complaints (举报)", () => {
  // Each test starts from its own copy of the township with the two complaints received.
  const received = snapshot(() => {
    const rt = township(at("2026-03-02T09:00:00"));
    setSettings(rt, { "部门联系人邮箱（部门:邮箱，每行一个）": "消防:xf@township.example.cn" });
    rt.advanceTo(at("2026-03-02T10:00:00"));
    submitComplaint(rt, {
      name: "阳光 培训学校",
      village: "东村",
      topic: "消防安全",
      content: "楼道堆满杂物，晚上锁门",
      phone: "13812345678",
    });
    rt.advanceTo(at("2026-03-02T10:30:00"));
    submitComplaint(rt, {
      name: "无名托管点",
      village: "西村",
      type: "校外托管机构",
      topic: "食品安全",
      content: "午饭用过期食材",
    });
    return rt;
  }, bundle);
  let rt: Runtime;
  beforeEach(() => {
    rt = received();
  });

  test("a count typed into 投诉举报次数 before 举报登记 existed becomes as many closed rows, once (README)", () => {
    // A ledger from before 举报登记: 张阿姨小饭桌 (R0003) has 投诉举报次数 2 and no complaint rows.
    const old = township(at("2026-03-02T09:00:00"));
    const register = old.sheet("机构名录");
    const header = Array.from({ length: register._lastColumn() }, (_, i) => String(register._get(1, i + 1)));
    register._set(4, header.indexOf("投诉举报次数") + 1, 2); // row 4: R0003
    old.clickMenu("setup");
    expect(String(old.ui.filter((u) => u.kind === "alert").at(-1)!.message)).toContain(
      "「机构名录」中 1 家机构原有的 2 次投诉举报已转入「举报登记」",
    );
    const migrated = () =>
      rows(old, "举报登记").map((r) => [
        r["举报编号"],
        r["机构编号"],
        r["被举报机构"],
        r["村/社区"],
        r["举报类别"],
        r["办理状态"],
        r["答复内容"],
        r["办结方式"],
        ymd(r["办结日期"]),
      ]);
    const expected = [
      "R0003",
      "张阿姨小饭桌",
      "南村",
      "原有记录",
      "已办结",
      "升级前「机构名录」中记录的投诉举报次数",
      "协调员答复",
      "2026-03-02",
    ];
    expect(migrated()).toEqual([
      ["JB20260302-001", ...expected],
      ["JB20260302-002", ...expected],
    ]);
    // Once: the next 初始化/更新 finds the two rows and adds none; the daily check keeps the count at 2.
    old.clickMenu("setup");
    old.advanceTo(at("2026-03-03T09:00:00"));
    expect(migrated()).toHaveLength(2);
    expect(inst(old, "R0003")["投诉举报次数"]).toBe(2);
  });

  test("the form is public: no sign-in, no address collected, phone optional", () => {
    const { formId, map } = JSON.parse(rt.properties._stores.document.get("form:complaint")!) as {
      formId: string;
      map: Record<string, number>;
    };
    const form = rt.form(formId);
    expect(form.collectsEmail()).toBe(false);
    expect(form._items.find((i) => i._id === map.phone)!._required).toBe(false);
  });

  test("each complaint is a row of 举报登记: matched to the register or a new 待核实 institution, routed by topic", () => {
    expect(
      rows(rt, "举报登记").map((r) => [
        r["举报编号"],
        r["机构编号"],
        r["牵头部门"],
        r["办理状态"],
        r["举报人电话"],
      ]),
    ).toEqual([
      ["JB20260302-001", "R0001", "消防", "待办理", "13812345678"],
      ["JB20260302-002", "R0005", "市场监管", "待办理", ""],
    ]);
    expect(inst(rt, "R0001")["投诉举报次数"]).toBe(1);
    expect(inst(rt, "R0005")).toMatchObject({
      机构名称: "无名托管点",
      类型: "校外托管机构",
      "村/社区": "西村",
      登记状态: "待核实",
      投诉举报次数: 1,
    });
    // A repeated trigger writes nothing twice.
    rt.run("handleFormSubmit", { kind: "installable-trigger", event: {} });
    expect(rows(rt, "举报登记")).toHaveLength(2);
  });

  test("a complaint raises the institution's risk tier for the next draw", () => {
    // Never inspected: tier B, unless complained about (D: overdue, 三类 or complaints).
    rt.ctx.dialogAnswers.push({ button: "OK", text: "seed-13" }, { button: "NO" });
    rt.clickMenu("drawSpotCheck");
    const lines = rows(rt, "抽查快照").map((r) => String(r["内容"]));
    expect(lines.find((l) => l.startsWith("I|R0001|"))!.split("|")[5]).toBe("D");
    expect(lines.find((l) => l.startsWith("I|R0003|"))!.split("|")[5]).toBe("B");
    expect(lines.find((l) => l.startsWith("I|R0005|"))!.split("|")[5]).toBe("D");
  });

  test("open complaints appear in the reminders (the department sees its own) and in 汇总", () => {
    const sent = rt.mail._sent.length;
    daily(rt, "2026-03-03T08:00:00");
    const mails = mailsSince(rt, sent).filter((m) => m.subject.includes("整改提醒"));
    expect(mails.map((m) => [m.to.join(), m.subject])).toEqual([
      [COORDINATOR, "【西夏墅镇】整改提醒：逾期 0 项，临期 0 项；举报待办 2 件"],
      ["xf@township.example.cn", "【西夏墅镇】整改提醒：逾期 0 项，临期 0 项；举报待办 1 件"],
    ]);
    expect(mails[0]!.htmlBody).toContain("JB20260302-002");
    expect(mails[1]!.htmlBody).toContain("JB20260302-001");
    expect(mails[1]!.htmlBody).not.toContain("JB20260302-002");
    // The complainant's number is in no mail.
    expect(mails.some((m) => m.htmlBody!.includes("5678"))).toBe(false);
    rt.clickMenu("sendSummary");
    //                  牵头部门 收到 已办结 检查办结 答复办结 待办理
    expect(summaryBlock(rt, "举报办理").map((r) => r.slice(0, 6))).toEqual([
      ["市场监管", 1, 0, 0, 0, 1],
      ["消防", 1, 0, 0, 0, 1],
      ["合计", 2, 0, 0, 0, 2],
    ]);
  });

  test("closed only by an inspection on or after its day, or by the coordinator's reply", () => {
    rt.advanceTo(at("2026-03-04T10:00:00"));
    submitInspection(rt, "training", { institution: "R0001", date: "2026-03-04", ...team });
    edit(rt, "举报登记", "举报编号", "JB20260302-002", "答复内容", "经市场监管所核查，已责令停止供餐");
    daily(rt, "2026-03-05T08:00:00");
    expect(
      rows(rt, "举报登记").map((r) => [r["举报编号"], r["办理状态"], r["办结方式"], ymd(r["办结日期"])]),
    ).toEqual([
      ["JB20260302-001", "已办结", "检查（2026-03-04）", "2026-03-05"],
      ["JB20260302-002", "已办结", "协调员答复", "2026-03-05"],
    ]);
    rt.clickMenu("sendSummary");
    expect(summaryBlock(rt, "举报办理").map((r) => r.slice(0, 6))).toEqual([
      ["市场监管", 1, 1, 0, 1, 0],
      ["消防", 1, 1, 1, 0, 0],
      ["合计", 2, 2, 1, 1, 0],
    ]);
  });

  test("phone numbers are masked in 操作日志 (last four digits kept)", () => {
    edit(rt, "举报登记", "举报编号", "JB20260302-001", "举报人电话", "13987654321");
    const line = rows(rt, "操作日志").at(-1)!;
    expect([line["原值"], line["新值"]]).toEqual(["*******5678", "*******4321"]);
    const log = JSON.stringify(rows(rt, "操作日志"));
    expect(log).not.toContain("13812345678");
    expect(log).not.toContain("13987654321");
  });
});

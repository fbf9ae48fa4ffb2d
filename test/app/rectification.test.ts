// The rectification lifecycle played day by day in the local runtime: deadlines in working days across
// the 2026 Spring Festival (with its make-up working days), overdue and due-soon, colours, institution
// states, reminders, re-inspection and sign-off, coordinator edits.
import type { Runtime } from "../../sim/runtime";
import {
  setSettings,
  submitInspection,
  submitReinspection,
  type InspectionAnswers,
} from "../../sim/township";
import { bundle } from "../helpers/build";
import { snapshot } from "../helpers/snapshot";
import { rows, township, ymd } from "../helpers/township";

const team = { departments: ["教育", "消防"], inspectors: ["张三", "李四"] };
const finding = (rt: Runtime, id: string) => rows(rt, "问题台账").find((f) => f["问题编号"] === id)!;
const institution = (rt: Runtime, id: string) => rows(rt, "机构名录").find((r) => r["机构编号"] === id)!;
const rowColour = (rt: Runtime, id: string) => {
  const sheet = rt.sheet("问题台账");
  for (let r = 2; r <= sheet._lastRow(); r++)
    if (sheet._get(r, 1) === id) return sheet._metaAt(r, 1)?.background ?? "#ffffff";
  return undefined;
};
const at = (iso: string) => new Date(`${iso}+08:00`);
const daily = (rt: Runtime, iso: string) => {
  rt.advanceTo(at(iso));
  return rt.lastExecution("runDailyCheck");
};

function springFestivalTownship(mode: "自然日" | "工作日") {
  const rt = township(at("2026-02-10T09:00:00"));
  setSettings(rt, {
    活动开始日期: "2026-02-01",
    "期限计算方式（自然日/工作日）": mode,
    "部门联系人邮箱（部门:邮箱，每行一个）": "消防:xf@township.example.cn\n公安:ga@township.example.cn",
  });
  const answers: InspectionAnswers = {
    institution: "R0001",
    date: "2026-02-10",
    ...team,
    results: { "FIRE-02": "fail", "PREM-03": "fail", "FIRE-01": "fail" },
    classes: { "FIRE-02": "II", "PREM-03": "II", "FIRE-01": "I-fixed" },
    responsible: "王校长",
    interim: "专人值守",
  };
  submitInspection(rt, "training", answers);
  return rt;
}

describe("deadlines across the Spring Festival", () => {
  test("in working days they skip the 2026 holiday and count the make-up Saturday", () => {
    const rt = springFestivalTownship("工作日");
    // FIRE-02: 7 working days from Tue 10 Feb: 11, 12, 13, Sat 14 (调休上班), then 24, 25, 26.
    expect(ymd(finding(rt, "JC20260210-001-03")["整改期限"])).toBe("2026-02-26");
    // PREM-03: 30 working days.
    expect(ymd(finding(rt, "JC20260210-001-01")["整改期限"])).toBe("2026-03-30");
  });

  test("in calendar days they do not", () => {
    const rt = springFestivalTownship("自然日");
    expect(ymd(finding(rt, "JC20260210-001-03")["整改期限"])).toBe("2026-02-17");
  });

  test("a 一类 problem fixed on the spot is signed off at once", () => {
    const rt = springFestivalTownship("工作日");
    expect(finding(rt, "JC20260210-001-02")).toMatchObject({
      检查项编码: "FIRE-01",
      状态: "已销号",
      备注: "检查时已当场整改",
    });
    expect(ymd(finding(rt, "JC20260210-001-02")["销号日期"])).toBe("2026-02-10");
  });

  test("a deadline in a year with no holiday data is not guessed: it waits, flagged, until the year is entered", () => {
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
    const f = finding(rt, "JC20261221-001-01");
    expect(f["整改期限"]).toBe("");
    expect(f["逾期"]).toBe("期限待定");
    expect(String(f["备注"])).toContain("节假日表中 2027 年的放假安排尚未标为“全年已录入”");
    expect(rt.mail._sent.at(-1)!.htmlBody!.replace(/<[^>]*>/g, "")).toContain(
      "节假日表中 2027 年的放假安排尚未标为“全年已录入”",
    );
    // The coordinator enters the 2027 schedule (here: New Year's Day only), marks the year complete
    // (issue 15: one row is not a year), and the daily check computes it.
    rt.editCells("节假日", rt.sheet("节假日")._lastRow() + 1, 1, [
      ["2027-01-01", "放假", "元旦"],
      ["2027-01-01", "全年已录入", ""],
    ]);
    daily(rt, "2026-12-22T08:00:00");
    expect(ymd(finding(rt, "JC20261221-001-01")["整改期限"])).toBe("2027-02-02");
  });
});

describe("day by day", () => {
  // Each test starts from its own copy of the day it needs (test/helpers/snapshot.ts), so any one of
  // them can run alone (`npx jest -t`) and none depends on what another did.
  const inspected = snapshot(() => springFestivalTownship("工作日"), bundle);
  const overdue = snapshot(() => {
    const rt = inspected();
    daily(rt, "2026-02-27T08:00:00");
    return rt;
  }, bundle);
  const statusCell = (rt: Runtime, id: string) => {
    const sheet = rt.sheet("问题台账");
    const header = Array.from({ length: sheet._lastColumn() }, (_, i) => sheet._get(1, i + 1));
    const row = 1 + rows(rt, "问题台账").findIndex((f) => f["问题编号"] === id) + 1;
    return { row, column: header.indexOf("状态") + 1 };
  };
  /** The institution reports FIRE-02 fixed; the coordinator marks it 已整改待复查. */
  const reportFixed = (rt: Runtime) => {
    const { row, column } = statusCell(rt, "JC20260210-001-03");
    return rt.editCells("问题台账", row, column, [["已整改待复查"]], "coord@township.example.cn");
  };
  const reported = snapshot(() => {
    const rt = overdue();
    if (!reportFixed(rt).accepted) throw new Error("the status edit was refused");
    return rt;
  }, bundle);

  test("before the deadline nothing is flagged; the row is white", () => {
    const rt = inspected();
    expect(daily(rt, "2026-02-20T08:00:00")?.error).toBeUndefined();
    expect(finding(rt, "JC20260210-001-03")["逾期"]).toBe("");
    expect(rowColour(rt, "JC20260210-001-03")).toBe("#ffffff");
    expect(rowColour(rt, "JC20260210-001-02")).toBe("#e0e0e0"); // signed off: grey
    expect(institution(rt, "R0001")["整改状态"]).toBe("整改中");
  });

  test("three days before, it is due soon (amber), and reminders go out: one per department contact and one to the coordinator", () => {
    const rt = inspected();
    daily(rt, "2026-02-20T08:00:00");
    let sentBefore = rt.mail._sent.length;
    daily(rt, "2026-02-23T08:00:00");
    // The ledger shows the state; the days left are in the reminder (a per-row count would be rewritten daily).
    expect(finding(rt, "JC20260210-001-03")["逾期"]).toBe("临期");
    expect(rowColour(rt, "JC20260210-001-03")).toBe("#fce8b2");
    // Monday 23 February is the last day of the Spring Festival holiday: the departments are reminded
    // on the next working day (issue 15); the coordinator every day.
    expect(rt.mail._sent.slice(sentBefore).map((m) => m.to.join())).toEqual(["coord@township.example.cn"]);
    sentBefore = rt.mail._sent.length;
    daily(rt, "2026-02-24T08:00:00");
    const mails = rt.mail._sent.slice(sentBefore);
    expect(mails.map((m) => m.to.join())).toEqual(["coord@township.example.cn", "xf@township.example.cn"]);
    expect(mails[1]!.subject).toBe("【西夏墅镇】整改提醒：逾期 0 项，临期 1 项");
    expect(mails[1]!.htmlBody).toContain("JC20260210-001-03");
    expect(mails[1]!.htmlBody).not.toContain("JC20260210-001-01"); // 公安's finding is not due soon yet
    // Who to call and where to go, from the seeded register (test/helpers/township.ts: R0001 阳光培训学校
    // in 东村, no 地址 given so the seed writes 东村阳光培训学校, 联系电话 057188886666) and the inspection's
    // 整改责任人 王校长; the number is a tel: link; the list says when it was drawn up.
    for (const m of mails) {
      expect(m.htmlBody).toContain("东村阳光培训学校");
      expect(m.htmlBody).toContain("王校长");
      expect(m.htmlBody).toContain('href="tel:057188886666"');
      expect(m.htmlBody).toMatch(/截至 (<span[^>]*>)?2026-02-24/);
    }
    // Only the coordinator's copy mixes departments, so only it names each card's 牵头部门.
    expect(mails[0]!.htmlBody).toContain("牵头部门");
    expect(mails[1]!.htmlBody).not.toContain("牵头部门");
  });

  test("the day after the deadline it is overdue (red) and the institution is proposed for 停业整顿", () => {
    const rt = inspected();
    daily(rt, "2026-02-27T08:00:00");
    expect(finding(rt, "JC20260210-001-03")["逾期"]).toBe("逾期");
    expect(rowColour(rt, "JC20260210-001-03")).toBe("#f4c7c3");
    expect(institution(rt, "R0001")["整改状态"]).toBe("拟停业整顿");
  });

  test("the institution reports it fixed: the coordinator sets 已整改待复查, which is logged", () => {
    const rt = overdue();
    expect(reportFixed(rt).accepted).toBe(true);
    expect(finding(rt, "JC20260210-001-03")["状态"]).toBe("已整改待复查");
    expect(rows(rt, "操作日志").at(-1)).toMatchObject({
      操作: "编辑",
      对象: "状态：JC20260210-001-03",
      原值: "待整改",
      新值: "已整改待复查",
    });
  });

  test("typing 已销号 by hand is reverted with a note and a toast", () => {
    const rt = overdue();
    const { row, column } = statusCell(rt, "JC20260210-001-01");
    rt.editCells("问题台账", row, column, [["已销号"]]);
    expect(finding(rt, "JC20260210-001-01")["状态"]).toBe("待整改");
    expect(rt.sheet("问题台账")._metaAt(row, column)?.note).toContain("“已销号”只能由复查表确认");
    expect(rt.ui.at(-1)).toMatchObject({ kind: "toast" });
    expect(rt.ui.at(-1)!.message).toContain("已撤销修改");
  });

  test("a re-inspection by one of the original inspectors is refused (setting on by default)", () => {
    const rt = reported();
    submitReinspection(rt, {
      institution: "R0001",
      date: "2026-02-27",
      departments: ["消防"],
      inspectors: ["李四", "王五"],
      passed: ["JC20260210-001-03"],
    });
    expect(finding(rt, "JC20260210-001-03")["状态"]).toBe("已整改待复查");
    expect(String(rows(rt, "待核实").at(-1)!["原因"])).toContain("复查人员 李四 参加过原检查");
  });

  test("a re-inspection by others signs it off (已销号), grey from the next daily check, and records itself", () => {
    const rt = reported();
    rt.advanceTo(at("2026-02-27T15:00:00"));
    rt.editCells("检查人员", rt.sheet("检查人员")._lastRow() + 1, 1, [
      ["赵六", "消防", "zhaoliu@township.example.cn", "", "", "是"],
    ]);
    rt.clickMenu("setup");
    submitReinspection(rt, {
      institution: "R0001",
      date: "2026-02-27",
      departments: ["消防", "市场监管"],
      inspectors: ["赵六", "王五"],
      passed: ["JC20260210-001-03 已更换灭火器"],
      failed: ["JC20260210-001-01 监控仍未联网"],
    });
    const passed = finding(rt, "JC20260210-001-03");
    expect(passed).toMatchObject({
      状态: "已销号",
      // The line names the re-inspection, so a retry of it finds its own line.
      复查记录: "2026-02-27 复查通过（JC20260227-001；赵六、王五）：已更换灭火器",
    });
    expect(ymd(passed["销号日期"])).toBe("2026-02-27");
    expect(finding(rt, "JC20260210-001-01")).toMatchObject({
      状态: "待整改",
      复查记录: "2026-02-27 复查未通过（JC20260227-001；赵六、王五）：监控仍未联网",
    });
    expect(rows(rt, "检查记录").at(-1)).toMatchObject({
      检查表: "reinspection",
      机构编号: "R0001",
      问题数: 2,
      检查人员: "赵六、王五",
    });
    daily(rt, "2026-02-28T08:00:00");
    expect(rowColour(rt, "JC20260210-001-03")).toBe("#e0e0e0");
    expect(institution(rt, "R0001")["整改状态"]).toBe("整改中");
  });
});

describe("extensions (延期)", () => {
  const columnOf = (rt: Runtime, title: string) => {
    const sheet = rt.sheet("问题台账");
    return Array.from({ length: sheet._lastColumn() }, (_, i) => sheet._get(1, i + 1)).indexOf(title) + 1;
  };

  test("one extension, with a reason, within the maximum beyond the original deadline", () => {
    const rt = springFestivalTownship("自然日");
    const row = 1 + rows(rt, "问题台账").findIndex((f) => f["问题编号"] === "JC20260210-001-03") + 1; // deadline 02-17
    const ext = columnOf(rt, "延期至");
    // Without a reason: reverted.
    rt.editCells("问题台账", row, ext, [["2026-03-01"]]);
    expect(finding(rt, "JC20260210-001-03")["延期至"]).toBe("");
    expect(rt.sheet("问题台账")._metaAt(row, ext)?.note).toContain("请先在「延期理由」中写明理由");
    // Past the maximum (30 days after 02-17 is 03-19): reverted.
    rt.editCells("问题台账", row, columnOf(rt, "延期理由"), [["春节停工，材料未到"]]);
    rt.editCells("问题台账", row, ext, [["2026-03-25"]]);
    expect(finding(rt, "JC20260210-001-03")["延期至"]).toBe("");
    expect(rt.sheet("问题台账")._metaAt(row, ext)?.note).toContain("超过上限 2026-03-19");
    // Within: accepted; the daily check counts from the new date.
    rt.editCells("问题台账", row, ext, [["2026-03-10"]]);
    expect(ymd(finding(rt, "JC20260210-001-03")["延期至"])).toBe("2026-03-10");
    daily(rt, "2026-02-20T08:00:00");
    expect(finding(rt, "JC20260210-001-03")["逾期"]).toBe("");
    // A second extension: reverted to the first.
    rt.editCells("问题台账", row, ext, [["2026-03-15"]]);
    expect(ymd(finding(rt, "JC20260210-001-03")["延期至"])).toBe("2026-03-10");
    expect(rt.sheet("问题台账")._metaAt(row, ext)?.note).toContain("每个问题只能延期一次");
  });

  test("an extended finding is chased from its 延期至: the weekly summary's overdue list and the reminders", () => {
    const rt = springFestivalTownship("自然日");
    setSettings(rt, { 领导邮箱: "leader@township.example.cn" });
    const row = 1 + rows(rt, "问题台账").findIndex((f) => f["问题编号"] === "JC20260210-001-03") + 1; // deadline 02-17
    rt.editCells("问题台账", row, columnOf(rt, "延期理由"), [["春节停工，材料未到"]]);
    rt.editCells("问题台账", row, columnOf(rt, "延期至"), [["2026-03-10"]]);
    const sent = rt.mail._sent.length;
    // Monday 16 March, 08:00: the daily check and the weekly summary. Worked by hand: 03-10 → 03-16 is
    // 6 days overdue; from the original 02-17 it would be 27 (11 days left in February + 16).
    rt.advanceTo(at("2026-03-16T09:00:00"));
    const mails = rt.mail._sent.slice(sent);
    const weekly = mails.filter((m) => m.subject.includes("周汇总")).at(-1)!;
    const body = weekly.htmlBody!.replace(/<[^>]+>/g, "");
    expect(body).toContain("JC20260210-001-03");
    expect(body).toContain("2026-03-10");
    expect(body).not.toContain("2026-02-17");
    expect(body).toContain("6 天");
    expect(body).not.toContain("27 天");
    // The weekly chart: 3 findings found on 02-10, one put right on the spot (signed off that day), none
    // since, so the week of 03-16 reads 1 signed off / 2 open, as every week from 02-09 on.
    expect(body).toContain("每周问题整改进度");
    // (活动开始日期 02-01 is a Sunday: the chart starts with the week of 01-26, nothing found yet.)
    expect(body).toMatch(/01-26 周0 \/ 0/);
    expect(body).toMatch(/02-09 周(&nbsp;)*1 \/ 2/);
    expect(body).toMatch(/03-16 周(&nbsp;)*1 \/ 2/);
    const reminder = [...mails]
      .reverse()
      .find((m) => m.subject.includes("整改提醒") && m.htmlBody!.includes("JC20260210-001-03"))!;
    const text = reminder.htmlBody!.replace(/<[^>]+>/g, "");
    expect(text).toContain("2026-03-10");
    expect(text).toContain("逾期 6 天");
  });

  test("the deadline column itself cannot be edited, and computed columns are put back", () => {
    const rt = springFestivalTownship("自然日");
    const row = 2;
    const before = finding(rt, "JC20260210-001-01");
    rt.editCells("问题台账", row, columnOf(rt, "整改期限"), [["2026-06-01"]]);
    rt.editCells("问题台账", row, columnOf(rt, "问题编号"), [["X-1"]]);
    const after = rows(rt, "问题台账")[0]!;
    expect(ymd(after["整改期限"])).toBe(ymd(before["整改期限"]));
    expect(after["问题编号"]).toBe("JC20260210-001-01");
  });
});

describe("edge cases", () => {
  test("a finding due today is not overdue at 23:59 Beijing time, and is the next morning", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      ...team,
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I" },
    });
    rt.advanceTo(at("2026-03-02T23:59:00"));
    rt.clickMenu("runDailyCheck");
    expect(finding(rt, "JC20260302-001-01")["逾期"]).toBe("今日到期");
    daily(rt, "2026-03-03T07:30:00");
    expect(finding(rt, "JC20260302-001-01")["逾期"]).toBe("逾期");
  });

  test("an inspection entered after its deadline passed is overdue from the moment it is written", () => {
    const rt = township(at("2026-03-09T09:00:00"));
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      ...team,
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I" },
    });
    expect(finding(rt, "JC20260302-001-01")["逾期"]).toBe("逾期");
  });

  test("a 三类 finding closes when the coordinator sets 关停取缔, and the institution shows it", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      ...team,
      results: { "FIRE-03": "fail" },
      classes: { "FIRE-03": "III" },
    });
    // The script only proposes (issue 15): 处置方式 stays for a person to set.
    expect(institution(rt, "R0001")).toMatchObject({ 处置方式: "", 整改状态: "拟关停取缔" });
    expect(finding(rt, "JC20260302-001-01")).toMatchObject({ 整改期限: "", 状态: "待整改", 逾期: "" });
    const register = rt.sheet("机构名录");
    const col = Array.from({ length: register._lastColumn() }, (_, i) => register._get(1, i + 1)).indexOf(
      "处置方式",
    );
    rt.editCells("机构名录", 2, col + 1, [["关停取缔"]], "coord@township.example.cn");
    daily(rt, "2026-03-03T08:00:00");
    expect(finding(rt, "JC20260302-001-01")["状态"]).toBe("已销号");
    expect(institution(rt, "R0001")["整改状态"]).toBe("已关停取缔");
  });

  test("sorting the ledger between two daily runs changes nothing but the order", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      ...team,
      results: { "FIRE-01": "fail", "FIRE-02": "fail" },
      classes: { "FIRE-01": "I", "FIRE-02": "II" },
      responsible: "甲",
      interim: "乙",
    });
    submitInspection(rt, "aftercare", {
      institution: "R0002",
      date: "2026-03-02",
      ...team,
      defaultNa: ["QUAL-03", "FOOD-01", "FOOD-02", "FOOD-03", "TRAN-01"],
      results: { "PREM-04": "fail" },
      classes: { "PREM-04": "I" },
    });
    daily(rt, "2026-03-03T08:00:00");
    const byId = (list: Array<Record<string, unknown>>) =>
      Object.fromEntries(list.map((f) => [f["问题编号"], [f["逾期"], ymd(f["整改期限"]), f["状态"]]]));
    const before = byId(rows(rt, "问题台账"));
    rt.sortSheet("问题台账", 4, false);
    daily(rt, "2026-03-04T08:00:00");
    const after = rows(rt, "问题台账");
    expect(after.map((f) => f["机构名称"])).toEqual(["阳光培训学校", "阳光培训学校", "快乐托管班"]);
    expect(byId(after)["JC20260302-001-01"]).toEqual(["逾期", "2026-03-02", "待整改"]);
    expect(byId(after)["JC20260302-001-02"]).toEqual(["", "2026-03-09", "待整改"]);
    expect(byId(after)["JC20260302-002-01"]).toEqual(["逾期", "2026-03-02", "待整改"]);
    expect(Object.keys(byId(after)).sort()).toEqual(Object.keys(before).sort());
    for (const f of after)
      expect([f["问题编号"], rowColour(rt, String(f["问题编号"]))]).toEqual([
        f["问题编号"],
        f["逾期"] === "" ? "#ffffff" : String(f["逾期"]).startsWith("逾期") ? "#f4c7c3" : "#fce8b2",
      ]);
  });

  test("the mail quota spent: reminders not sent today are sent first by the next run the same day", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    setSettings(rt, { "部门联系人邮箱（部门:邮箱，每行一个）": "消防:xf@township.example.cn" });
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      ...team,
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I" },
    });
    rt.mail._dailyQuota = rt.mail._sent.length + 1; // room for one recipient today
    daily(rt, "2026-03-03T07:30:00");
    expect(rows(rt, "操作日志").at(-1)!["说明"]).toContain("1 封因邮件配额留待下次发送");
    rt.mail._dailyQuota = 100;
    const sent = rt.mail._sent.length;
    rt.clickMenu("runDailyCheck");
    expect(rt.mail._sent.slice(sent).map((m) => m.to.join())).toEqual(["xf@township.example.cn"]);
  });
});

describe("cost", () => {
  // Issue 14 added the integrity step: 操作日志 (its hash chain), 状态底账 and 检查记录 read whole, one
  // read each whatever their size (问题台账's read is shared with the rest of the check): 10 → 16.
  test("the daily check makes at most 16 Sheets calls, and as many at 400 findings as at 40 on a quiet day", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    const quiet: number[] = [];
    for (const n of [10, 90]) {
      for (let i = 0; i < n; i++) {
        submitInspection(rt, "training", {
          institution: "R0001",
          date: "2026-03-02",
          ...team,
          results: { "FIRE-01": "fail", "FIRE-02": "fail", "PREM-04": "fail", "COND-04": "fail" },
          classes: { "FIRE-01": "I", "FIRE-02": "I", "PREM-04": "I", "COND-04": "I" },
        });
      }
      // The first run after the new findings paints their rows; the second finds nothing to change.
      rt.clickMenu("runDailyCheck");
      expect(rt.lastExecution("runDailyCheck")!.sheetsCalls).toBeLessThanOrEqual(16);
      rt.clickMenu("runDailyCheck");
      quiet.push(rt.lastExecution("runDailyCheck")!.sheetsCalls);
    }
    expect(rows(rt, "问题台账")).toHaveLength(400);
    // A quiet run reads the same sheets whatever their size, and writes nothing.
    expect(quiet[0]).toBe(quiet[1]);
    expect(quiet[0]).toBeLessThanOrEqual(16);
  });
});

test("a date typed into 配置 is logged in 操作日志 as the date, not as Sheets' day number", () => {
  // Issue 16: the edit event gives a date cell's values as day numbers (2026-03-31 is day 46112 after
  // 1899-12-30: 2026-01-01 is 46023, then 31 + 28 + 30 days); the log shows the dates.
  const rt = township(new Date("2026-03-02T09:00:00+08:00"));
  setSettings(rt, { 活动结束日期: "2026-03-31" });
  expect(rows(rt, "操作日志").at(-1)).toMatchObject({ 操作: "编辑", 原值: "", 新值: "2026-03-31" });
  setSettings(rt, { 活动结束日期: "2026-04-30" });
  expect(rows(rt, "操作日志").at(-1)).toMatchObject({ 原值: "2026-03-31", 新值: "2026-04-30" });
  // A number that is no date stays the number (30 is the default 整改期限上限).
  setSettings(rt, { "整改期限上限（天）": "20" });
  expect(rows(rt, "操作日志").at(-1)).toMatchObject({ 原值: "30", 新值: "20" });
});

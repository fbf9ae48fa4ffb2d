// The numbers leaders read, checked against a sweep whose answers are worked out by hand (after the
// district sweep in seed 002): 20 sites; 5 without a permit, 3 teaching over the syllabus, 4 with food
// problems, 6 with fire problems; by the deadline 3 stopped enrolling, 2 corrected teaching, 3 fixed
// food and 4 fixed fire.
import type { Runtime } from "../../sim/runtime";
import { seedRegister, setSettings, submitInspection, submitReinspection } from "../../sim/township";
import { bundle } from "../helpers/build";
import { snapshot } from "../helpers/snapshot";
import { rows, township } from "../helpers/township";
import { displayValue } from "../../sim/values";
import { formatDate } from "../../sim/format-date";

const at = (iso: string) => new Date(`${iso}+08:00`);
const T = (n: number) => `R${String(n + 4).padStart(4, "0")}`; // T1..T12 follow the 4 institutions of the helper township
const M = (n: number) => `R${String(n + 16).padStart(4, "0")}`; // M1..M8

function buildSweep(): Runtime {
  const rt = township(at("2026-03-02T08:00:00"));
  setSettings(rt, {
    领导邮箱: "leader@township.example.cn, deputy@township.example.cn",
    县级报送邮箱: "county@county.example.cn",
    活动结束日期: "2026-03-31",
  });
  seedRegister(rt, [
    ...Array.from({ length: 12 }, (_, i) => ({
      name: `培训点${i + 1}`,
      type: "校外培训机构",
      village: i < 6 ? "东村" : "西村",
      licences: { 办学许可证: "是" as const, "营业执照/登记证书": "是" as const },
    })),
    ...Array.from({ length: 8 }, (_, i) => ({
      name: `小饭桌${i + 1}`,
      type: "小饭桌",
      village: "南村",
      licences: { 食品经营许可证: "是" as const, "营业执照/登记证书": "是" as const },
    })),
  ]);
  rt.editCells("检查人员", rt.sheet("检查人员")._lastRow() + 1, 1, [
    ["赵六", "消防", "zhaoliu@township.example.cn", "", "", "是"],
  ]);
  rt.clickMenu("setup");
  rt.advanceTo(at("2026-03-02T10:00:00"));
  const team = {
    date: "2026-03-02",
    departments: ["教育", "消防"],
    inspectors: ["张三", "李四"],
    deadline: "2026-03-16",
    responsible: "负责人",
    interim: "停止相关活动",
  };
  const fail = (codes: string[]) => ({
    results: Object.fromEntries(codes.map((c) => [c, "fail" as const])),
    classes: Object.fromEntries(codes.map((c) => [c, "II" as const])),
  });
  for (let i = 1; i <= 12; i++) {
    const codes = i <= 5 ? ["QUAL-01"] : i <= 8 ? ["COND-02"] : ["FIRE-02"];
    submitInspection(rt, "training", { institution: T(i), ...team, ...fail(codes) });
  }
  for (let i = 1; i <= 8; i++) {
    const codes = i <= 4 ? ["FOOD-02"] : i <= 6 ? ["FIRE-02"] : [];
    submitInspection(rt, "meal", {
      institution: M(i),
      ...team,
      ...(codes.length ? fail(codes) : { deadline: undefined, responsible: undefined, interim: undefined }),
    });
  }
  rt.advanceTo(at("2026-03-13T10:00:00"));
  const fixed = [T(1), T(2), T(3), T(6), T(7), T(9), T(10), M(1), M(2), M(3), M(5), M(6)];
  const findings = rows(rt, "问题台账");
  for (const id of fixed) {
    const f = findings.find((x) => x["机构编号"] === id)!;
    submitReinspection(rt, {
      institution: id,
      date: "2026-03-13",
      departments: ["消防", "市场监管"],
      inspectors: ["王五", "赵六"],
      passed: [String(f["问题编号"])],
    });
  }
  expect(rows(rt, "待核实")).toEqual([]);
  rt.advanceTo(at("2026-03-18T09:00:00")); // after the deadline (03-16); the daily check has run
  return rt;
}

/** The sweep, built once per worker: every call returns a copy of its own (test/helpers/snapshot.ts). */
const sweep = snapshot(buildSweep, bundle);

function table(rt: Runtime, title: string): Array<Array<string | number>> {
  const sheet = rt.sheet("汇总");
  const out: Array<Array<string | number>> = [];
  let start = 0;
  for (let r = 1; r <= sheet._lastRow(); r++) if (String(sheet._get(r, 1)).startsWith(title)) start = r;
  for (let r = start + 2; r <= sheet._lastRow() && sheet._get(r, 1) !== ""; r++) {
    out.push(Array.from({ length: 16 }, (_, c) => sheet._get(r, c + 1) as string | number));
  }
  return out;
}

/** The data rows of the first table after the heading `title` in a mail's HTML, cell by cell. */
function tableAfter(html: string, title: string): string[][] {
  const at = html.indexOf(`<h3>${title}</h3>`);
  if (at < 0) throw new Error(`no heading ${title}`);
  const table = html.slice(at, html.indexOf("</table>", at));
  return (
    [...table.matchAll(/<tr>(.*?)<\/tr>/g)]
      // A cell's text as a person reads it (numbers and dates sit in spans that keep them on one line).
      .map((row) =>
        [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]*>/g, "")),
      )
      .filter((cells) => cells.length > 0)
  );
}

describe("the summary of a 20-site sweep", () => {
  // Each test sends the summary from its own copy of the sweep: any of them can run alone.
  let rt: Runtime;
  beforeEach(() => {
    rt = sweep();
    rt.clickMenu("sendSummary");
  });

  // 有证无照 has its own column since issue 15 (no institution of this sweep is in it: every figure of
  // the published tally is unchanged; the columns after 有照无证 move one to the right).
  //            排查 齐全 有照无证 有证无照 无证无照 超范围 问题 立即 限期 无法 销号 整改率 逾期 关停 登记备案
  test("per institution type, every figure", () => {
    expect(table(rt, "西夏墅镇校外培训及托管机构排查整治汇总表")).toEqual([
      ["校外培训机构", 12, 7, 5, 0, 0, 0, 12, 0, 12, 0, 7, 7 / 12, 5, 0, 0],
      ["校外托管机构", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "—", 0, 0, 0],
      ["小饭桌", 8, 8, 0, 0, 0, 0, 6, 0, 6, 0, 5, 5 / 6, 1, 0, 0],
      ["托育机构", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "—", 0, 0, 0],
      ["合计", 20, 15, 5, 0, 0, 0, 18, 0, 18, 0, 12, 12 / 18, 6, 0, 0],
    ]);
  });

  test("per village, every figure", () => {
    expect(table(rt, "按村/社区")).toEqual([
      ["东村", 6, 1, 5, 0, 0, 0, 6, 0, 6, 0, 4, 4 / 6, 2, 0, 0],
      ["南村", 8, 8, 0, 0, 0, 0, 6, 0, 6, 0, 5, 5 / 6, 1, 0, 0],
      ["西村", 6, 6, 0, 0, 0, 0, 6, 0, 6, 0, 3, 3 / 6, 3, 0, 0],
      ["合计", 20, 15, 5, 0, 0, 0, 18, 0, 18, 0, 12, 12 / 18, 6, 0, 0],
    ]);
  });

  test("per department: findings raised, signed off, re-inspections, overdue", () => {
    const dept = Object.fromEntries(table(rt, "按部门").map((r) => [r[0], r.slice(1, 6)]));
    expect(dept["教育"]).toEqual([8, 5, 5 / 8, 0, 3]);
    expect(dept["市场监管"]).toEqual([4, 3, 3 / 4, 12, 1]);
    expect(dept["消防"]).toEqual([6, 4, 4 / 6, 12, 2]);
  });

  test("weekly progress, with a chart", () => {
    // Weeks run Monday to Sunday: the campaign began on Sunday 1 March, in the week of 23 February.
    expect(table(rt, "每周进度").map((r) => r.slice(0, 4))).toEqual([
      ["2026-02-23", 0, 0, 0],
      ["2026-03-02", 18, 0, 0],
      ["2026-03-09", 0, 12, 12 / 18],
      ["2026-03-16", 0, 0, 12 / 18],
    ]);
    // Sent on 9 and 16 March and now: one chart, drawn over the header and all four weeks (not the
    // three weeks the first summary had).
    const sheet = rt.sheet("汇总");
    let header = 0;
    for (let r = 1; r <= sheet._lastRow(); r++) if (sheet._get(r, 1) === "周（起）") header = r;
    expect(sheet._charts.map((c) => c.ranges)).toEqual([[`A${header}:D${header + 4}`]]);
  });

  test("every rate in 汇总 is a number shown in one format, with %", () => {
    // Issue 16: 整改率 was text ("58.3%") and 累计整改率 a bare number (66.7); now both are fractions
    // formatted 0.0%, shown as a person reads them. The rate column of each table, by hand: the
    // type table's 整改率 is its 13th column, the department and weekly tables' their 4th.
    const sheet = rt.sheet("汇总");
    const rateCells: Array<[number, number]> = [];
    let column = 0;
    for (let r = 1; r <= sheet._lastRow(); r++) {
      const header = Array.from({ length: 16 }, (_, c) => String(sheet._get(r, c + 1)));
      const at = header.findIndex((h) => h === "整改率" || h === "累计整改率");
      if (at >= 0) column = at + 1;
      else if (sheet._get(r, 1) === "") column = 0;
      else if (column) rateCells.push([r, column]);
    }
    const shown = rateCells.map(([r, c]) =>
      displayValue(sheet._get(r, c), sheet._metaAt(r, c)?.numberFormat, "Asia/Shanghai", formatDate),
    );
    // 3 types + 合计 with findings, 校外托管机构 and 托育机构 without (—); 3 villages + 合计; 10
    // departments; 4 weeks.
    expect(shown.filter((t) => t === "—")).toHaveLength(2 + 7);
    const numbers = shown.filter((t) => t !== "—");
    expect(numbers.length).toBeGreaterThanOrEqual(3 + 4 + 3 + 4);
    for (const t of numbers) expect(t).toMatch(/^\d{1,3}\.\d%$/);
    expect(shown).toEqual(expect.arrayContaining(["58.3%", "83.3%", "66.7%", "50.0%", "62.5%", "0.0%"]));
    for (const [r, c] of rateCells)
      if (typeof sheet._get(r, c) === "number") expect(sheet._metaAt(r, c)?.numberFormat).toBe("0.0%");
    // The chart draws the rate on its own axis, in percent (the counts are on the first).
    expect(sheet._charts[0]!.options).toMatchObject({
      series: { 2: { targetAxisIndex: 1 } },
      vAxes: { 1: { format: "percent" } },
    });
  });

  test("one mail per leader, with the tables and the overdue list, logged in the sheet", () => {
    // Mondays 9 and 16 March sent theirs from the 08:00 trigger; the menu sends the last two now.
    const mails = rt.mail._sent.filter((m) => m.subject.includes("周汇总"));
    expect(mails.map((m) => m.subject)).toEqual([
      "【西夏墅镇】专项整治周汇总（2026-03-09）",
      "【西夏墅镇】专项整治周汇总（2026-03-09）",
      "【西夏墅镇】专项整治周汇总（2026-03-16）",
      "【西夏墅镇】专项整治周汇总（2026-03-16）",
      "【西夏墅镇】专项整治周汇总（2026-03-18）",
      "【西夏墅镇】专项整治周汇总（2026-03-18）",
    ]);
    expect(mails.slice(-2).map((m) => m.to)).toEqual([
      ["leader@township.example.cn"],
      ["deputy@township.example.cn"],
    ]);
    expect(mails.at(-1)!.htmlBody).toContain("逾期未整改问题（6 项）");
    expect(mails.at(-1)!.htmlBody).toContain("66.7%");
    expect(
      rows(rt, "邮件记录")
        .slice(-2)
        .map((r) => [r["收件人"], r["类别"], r["结果"]]),
    ).toEqual([
      ["leader@township.example.cn", "周汇总", "已发送"],
      ["deputy@township.example.cn", "周汇总", "已发送"],
    ]);
  });

  test("the red list holds the compliant institutions; the black list none before the campaign ends", () => {
    const sheet = rt.sheet("红黑名单");
    const ids = Array.from({ length: sheet._lastRow() }, (_, i) => String(sheet._get(i + 1, 1)));
    const black = ids.indexOf("西夏墅镇黑名单（关停取缔或逾期未整改）");
    const red = ids.slice(2, black - 1);
    // Compliant: every finding signed off and licences complete: T6 T7 T9 T10, M1 M2 M3 M5 M6 M7 M8.
    expect(red.sort()).toEqual([T(6), T(7), T(9), T(10), M(1), M(2), M(3), M(5), M(6), M(7), M(8)].sort());
    expect(ids.slice(black + 2).filter(Boolean)).toEqual([]);
  });
});

test("the monthly bulletin on the 1st ranks villages and departments and goes to the county and the departments too", () => {
  const rt = sweep();
  setSettings(rt, { "部门联系人邮箱（部门:邮箱，每行一个）": "消防:xf@township.example.cn" });
  rt.advanceTo(at("2026-04-01T09:00:00"));
  const bulletin = rt.mail._sent.filter((m) => m.subject.includes("月通报"));
  expect(bulletin.map((m) => m.to[0])).toEqual([
    "leader@township.example.cn",
    "deputy@township.example.cn",
    "county@county.example.cn",
    "xf@township.example.cn",
  ]);
  const html = bulletin[0]!.htmlBody!;
  // By hand from the sweep (see the per-village and per-department tests): nothing changed after 18 March.
  // Highest rate first: 南村 5/6, 东村 4/6, 西村 3/6.
  expect(tableAfter(html, "各村/社区整改率排名")).toEqual([
    ["1", "南村", "6", "5", "83.3%", "1"],
    ["2", "东村", "6", "4", "66.7%", "2"],
    ["3", "西村", "6", "3", "50.0%", "3"],
  ]);
  // 市场监管 3/4, 消防 4/6, 教育 5/8; then the default departments with no finding, sharing 4th place, in
  // pinyin order: chéngguǎn, gōng'ān, jiāojǐng, mínzhèng, wèishēng, yìngjí, zhùjiàn.
  expect(tableAfter(html, "各部门整改率排名")).toEqual([
    ["1", "市场监管", "4", "3", "75.0%", "1"],
    ["2", "消防", "6", "4", "66.7%", "2"],
    ["3", "教育", "8", "5", "62.5%", "3"],
    ...["城管", "公安", "交警", "民政", "卫生健康", "应急管理", "住建"].map((d) => [
      "4",
      d,
      "0",
      "0",
      "—",
      "0",
    ]),
  ]);
  // After 活动结束日期 the institutions still overdue are black-listed.
  const sheet = rt.sheet("红黑名单");
  const all = Array.from({ length: sheet._lastRow() }, (_, i) => [
    String(sheet._get(i + 1, 1)),
    String(sheet._get(i + 1, 5)),
  ]);
  const black = all.slice(all.findIndex((r) => r[0].includes("黑名单")) + 2).filter((r) => r[0]);
  expect(black.map((r) => r[0]).sort()).toEqual([T(4), T(5), T(8), T(11), T(12), M(4)].sort());
  expect(black[0]![1]).toBe("整治期结束仍逾期未整改");
});

test("a department contact's bulletin lists only its own departments' overdue findings; leaders and the county get all", () => {
  const rt = sweep();
  // One contact for 消防; one address for both 市场监管 and 教育; a leader also named as a 教育 contact.
  setSettings(rt, {
    "部门联系人邮箱（部门:邮箱，每行一个）":
      "消防:xf@township.example.cn\n市场监管:sc@township.example.cn\n教育:sc@township.example.cn, leader@township.example.cn",
  });
  rt.advanceTo(at("2026-04-01T09:00:00"));
  const bulletin = rt.mail._sent.filter((m) => m.subject.includes("月通报"));
  expect(bulletin.map((m) => m.to[0])).toEqual([
    "leader@township.example.cn",
    "deputy@township.example.cn",
    "county@county.example.cn",
    "xf@township.example.cn",
    "sc@township.example.cn",
  ]);
  // The finding ids listed after the overdue heading (the list is laid out as cards on a phone).
  const ids = (to: string, n: number) => {
    const html = bulletin.find((m) => m.to[0] === to)!.htmlBody!;
    const from = html.indexOf(`<h3>逾期未整改问题（${n} 项）</h3>`);
    expect(from).toBeGreaterThan(0);
    return [...html.slice(from).matchAll(/JC\d{8}-\d{3}-\d{2}/g)].map((m) => m[0]);
  };
  // By hand: each site has one finding, so T(i) is inspection i of 2 March (M(i) is 12 + i) and its
  // finding JC20260302-0ii-01. Still open after the 16 March deadline (all the same day, so in ledger
  // order): T4 T5 (QUAL-01, 教育), T8 (COND-02, 教育), T11 T12 (FIRE-02, 消防), M4 (FOOD-02, 市场监管).
  const all = ["004", "005", "008", "011", "012", "016"].map((n) => `JC20260302-${n}-01`);
  for (const whole of [
    "leader@township.example.cn",
    "deputy@township.example.cn",
    "county@county.example.cn",
  ])
    expect(ids(whole, 6)).toEqual(all);
  expect(ids("xf@township.example.cn", 2)).toEqual(["JC20260302-011-01", "JC20260302-012-01"]);
  expect(ids("sc@township.example.cn", 4)).toEqual([
    "JC20260302-004-01",
    "JC20260302-005-01",
    "JC20260302-008-01",
    "JC20260302-016-01",
  ]);
  const xf = bulletin.find((m) => m.to[0] === "xf@township.example.cn")!.htmlBody!;
  expect(xf).toContain("逾期问题清单只列出消防牵头的问题；各表为全镇合计。");
  expect(xf).not.toContain("培训点4");
  expect(bulletin[0]!.htmlBody).not.toContain("逾期问题清单只列出");
});

test("every value is escaped: an institution named like HTML shows as text", () => {
  const rt = township(at("2026-03-02T08:00:00"));
  setSettings(rt, { 领导邮箱: "leader@township.example.cn" });
  seedRegister(rt, [{ name: "<img src=x onerror=alert(1)>", type: "校外培训机构", village: "东村" }]);
  rt.clickMenu("setup");
  submitInspection(rt, "training", {
    institution: "R0005",
    date: "2026-03-02",
    departments: ["教育"],
    inspectors: ["张三", "李四"],
    results: { "FIRE-01": "fail" },
    classes: { "FIRE-01": "I" },
  });
  rt.advanceTo(at("2026-03-04T09:00:00"));
  rt.clickMenu("sendSummary");
  const html = rt.mail._sent.filter((m) => m.subject.includes("周汇总")).at(-1)!.htmlBody!;
  expect(html).not.toContain("<img");
  expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
});

describe("整改通知书 (一校一单)", () => {
  test("each inspection with findings gets a notice: PDF in Drive, linked in 检查记录, mailed to the registered contact", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    const reg = rt.sheet("机构名录");
    const emailCol =
      Array.from({ length: reg._lastColumn() }, (_, i) => reg._get(1, i + 1)).indexOf("联系邮箱") + 1;
    rt.editCells("机构名录", 2, emailCol, [["school@example.cn"]]);
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      departments: ["教育", "消防"],
      inspectors: ["张三", "李四"],
      results: { "FIRE-01": "fail", "PREM-03": "fail" },
      classes: { "FIRE-01": "I", "PREM-03": "II" },
      responsible: "王校长",
      interim: "专人值守",
      descriptions: "FIRE-01 <b>堆放</b>杂物",
    });
    const link = String(rows(rt, "检查记录")[0]!["整改通知书"]);
    const file = rt.drive._files[0]!;
    expect(link).toBe(`https://drive.google.com/file/d/${file.id}/view`);
    expect(file.name).toBe("JC20260302-001 整改通知书 阳光培训学校.pdf");
    expect(file.blob.getContentType()).toBe("application/pdf");
    expect(file.blob._buffer().subarray(0, 8).toString()).toBe("%PDF-1.4");
    const html = file.blob._source!;
    expect(html).toContain("JC20260302-001-02");
    expect(html).toContain("2026-04-01"); // PREM-03: 30 days
    expect(html.replace(/<[^>]*>/g, "")).toContain("本办将于 2026-04-02 起组织复查");
    expect(html).toContain("&lt;b&gt;堆放&lt;/b&gt;杂物");
    const mail = rt.mail._sent.find((m) => m.to[0] === "school@example.cn")!;
    expect(mail.subject).toBe("【西夏墅镇】整改通知书：阳光培训学校");
    expect(mail.attachments).toEqual([
      {
        name: "JC20260302-001 整改通知书 阳光培训学校.pdf",
        contentType: "application/pdf",
        bytes: file.blob.getBytes().length,
      },
    ]);
  });

  test("no notice when nothing is left to rectify", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      departments: ["教育"],
      inspectors: ["张三", "李四"],
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I-fixed" },
    });
    expect(rt.drive._files).toHaveLength(0);
    expect(rows(rt, "检查记录")[0]!["整改通知书"]).toBe("");
  });
});

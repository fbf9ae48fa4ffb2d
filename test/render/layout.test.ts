// The renderers the app can put into mails (weekly bars, reminder cards, tables that turn into cards) and
// the demo's index chart: what they compute, worked out by hand, and how they look on a phone.
import type { Browser } from "playwright-core";
import { findChromium, htmlDocument, launchChromium } from "../../sim/chromium";
import { weeksFromFindings } from "../../sim/index-page";
import { fitsPhone, htmlPage, htmlTable, keepTokensWhole } from "../../src/domain/html";
import { reminderCardsHtml, weekBars, weeklyBarsHtml, type ReminderItem } from "../../src/domain/mail-layout";
import { measureAt } from "./phone";

test("weekly bars accumulate found and signed-off counts into open and signed off at each week's end", () => {
  // Week 1: 10 found, 2 signed off → 2 signed, 8 open. Week 2: +5 found, +6 signed → 8 signed, 15-8 = 7 open.
  expect(
    weekBars([
      { weekStart: "2026-03-09", opened: 10, closed: 2 },
      { weekStart: "2026-03-16", opened: 5, closed: 6 },
    ]),
  ).toEqual([
    { weekStart: "2026-03-09", signedOff: 2, open: 8 },
    { weekStart: "2026-03-16", signedOff: 8, open: 7 },
  ]);
});

test("the index chart counts from the exported 问题台账, week by week to the end date", () => {
  const rows = [
    { 发现日期: "2026-03-09T00:00:00+08:00", 销号日期: "2026-03-15T00:00:00+08:00" }, // signed off in week 1
    { 发现日期: "2026-03-10T00:00:00+08:00", 销号日期: "2026-03-16T00:00:00+08:00" }, // signed off on week 2's Monday
    { 发现日期: "2026-03-17T00:00:00+08:00", 销号日期: "" },
  ];
  expect(weeksFromFindings(rows, "2026-03-18")).toEqual([
    { weekStart: "2026-03-09", signedOff: 1, open: 1 },
    { weekStart: "2026-03-16", signedOff: 2, open: 1 },
  ]);
});

test("the bars are proportional: the largest week fills the row", () => {
  const html = weeklyBarsHtml([
    { weekStart: "2026-03-09", signedOff: 1, open: 3 }, // 4 of 8: 12.5% green, 37.5% red
    { weekStart: "2026-03-16", signedOff: 6, open: 2 }, // the largest: 75% green, 25% red
  ]);
  expect(html).toContain("width:12.5%;background:#1e8e3e");
  expect(html).toContain("width:37.5%;background:#d93025");
  expect(html).toContain("width:75.0%;background:#1e8e3e");
  expect(html).toContain("width:25.0%;background:#d93025");
  expect(html).not.toMatch(/<script|<img|<style|url\(/);
});

test("a table decides its layout from the widest unbreakable value", () => {
  // Two short columns fit; eight columns of figures (as in the summary) do not.
  expect(fitsPhone(["村/社区", "问题"], [["东村", 3]])).toBe(true);
  expect(
    fitsPhone(
      ["名称", "排查", "问题", "立即/限期/无法", "销号", "整改率", "逾期", "关停"],
      [["校外培训机构", 28, 48, "12/34/2", 25, "52.1%", 1, 2]],
    ),
  ).toBe(false);
  expect(htmlTable(["名称", "问题"], [["东村", 3]])).toMatch(/^<table/);
  expect(htmlTable(["名称", "问题"], [["东村", 3]], { layout: "cards" })).toMatch(/^<div/);
  // A blank header gets a name.
  expect(htmlTable(["名次", "", "问题"], [[1, "东村", 3]])).toContain(">名称</th>");
});

test("tokens are kept whole in text only, never inside tags or entities", () => {
  expect(keepTokensWhole('<a href="https://x/2026-03-09">截至 2026-03-09，21.4%</a>')).toBe(
    '<a href="https://x/2026-03-09">截至 <span style="white-space:nowrap">2026-03-09</span>，<span style="white-space:nowrap">21.4%</span></a>',
  );
  expect(keepTokensWhole("O&#39;Brien 3&amp;4")).toBe("O&#39;Brien 3&amp;4");
  const once = keepTokensWhole("编号 JC20260309-001-02");
  expect(keepTokensWhole(once)).toBe(once);
});

const reminders: ReminderItem[] = [
  {
    id: "JC20260309-002-02",
    institution: "小天使托育中心（青龙店）",
    village: "南村",
    address: "南村青龙路188号二楼",
    responsible: "王建国",
    phone: "0519-85123456",
    department: "卫生健康",
    item: "配备常规医疗急救物品",
    itemCode: "PREM-06",
    deadline: "2026-03-09",
    situation: "逾期 28 天",
    overdue: true,
  },
  {
    id: "JC20260330-004-01",
    institution: "<b>快乐</b>托管班",
    village: "西村",
    item: "灭火器、应急照明灯、疏散指示标志配备齐全且完好有效",
    deadline: "2026-04-08",
    situation: "临期（2 天后到期）",
    overdue: false,
  },
];

test("reminder cards: who to call, where, what, by when; the department only when asked", () => {
  const html = reminderCardsHtml(reminders, { asOf: "2026-04-06 07:00", showDepartment: true });
  const text = html.replace(/<[^>]*>/g, "");
  expect(text).toContain("截至 2026-04-06 07:00");
  expect(text).toContain("地址 南村青龙路188号二楼");
  expect(html).toContain('<a href="tel:051985123456">0519-85123456</a>');
  expect(text).toContain("牵头部门 卫生健康");
  expect(text).toContain("牵头部门 —");
  expect(text).toContain("&lt;b&gt;快乐&lt;/b&gt;托管班");
  expect(reminderCardsHtml(reminders, { asOf: "x" })).not.toContain("牵头部门");
});

const CHROMIUM = findChromium();
(CHROMIUM || process.env.REQUIRE_CHROMIUM === "1" ? describe : describe.skip)("on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error("REQUIRE_CHROMIUM=1 but no chromium is installed (apt-get install chromium)");
    browser = await launchChromium(CHROMIUM);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  test.each([360, 390])(
    "bars and reminder cards at %i px: no sideways scroll, no number split",
    async (width) => {
      const mondays = ["03-02", "03-09", "03-16", "03-23", "03-30", "04-06", "04-13", "04-20"];
      const weeks = mondays.map((d, k) => ({
        weekStart: `2026-${d}`,
        signedOff: 100 * k,
        open: 1000 - 100 * k,
      }));
      const html = htmlPage(
        "【西夏墅镇】专项整治周汇总（2026-04-06）",
        weeklyBarsHtml(weeks) +
          reminderCardsHtml(reminders, { asOf: "2026-04-06 07:00", showDepartment: true }),
      );
      const layout = await measureAt(browser, htmlDocument(html), width);
      expect(layout.scrollWidth).toBe(width);
      expect(layout.overflowing).toEqual([]);
      expect(layout.tokens.filter((t) => t.lines !== 1)).toEqual([]);
      expect(layout.tokens.length).toBeGreaterThan(20);
    },
  );
});

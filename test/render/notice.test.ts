// The 整改通知书 as an office serves it: what it must say (checked on the HTML), one A4 portrait page
// for eight findings (Chromium's own PDF, page count read from the PDF's page tree), item codes only in
// small print, and readable on a 360-px phone (it is mailed to the institution too).
import type { Browser } from "playwright-core";
import { ITEMS } from "../../forms/items";
import { findChromium, htmlDocument, htmlToPdfs, launchChromium } from "../../sim/chromium";
import { noticeHtml, noticeNumberText, type NoticeFinding, type NoticeInput } from "../../src/domain/notice";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { measureAt } from "./phone";

const CHROMIUM = findChromium();
const maybe = CHROMIUM || process.env.REQUIRE_CHROMIUM === "1" ? describe : describe.skip;

/** The eight items with the longest wording and basis: the hardest case for one page. */
const longest = [...ITEMS]
  .sort((a, b) => b.text.length + b.basis.length - (a.text.length + a.basis.length))
  .slice(0, 8);
const classes: Array<NoticeFinding["classKey"]> = ["I", "II", "II", "II", "II", "II", "II", "III"];

function findings(n: number): NoticeFinding[] {
  return longest.slice(0, n).map((it, k) => ({
    id: `JC20260309-004-${String(k + 1).padStart(2, "0")}`,
    item: `${it.code} ${it.text}`,
    description: "灭火器压力不足，应急照明灯损坏两处，疏散指示标志被遮挡",
    classLabel: { I: "一类 立即整改", II: "二类 限期整改", III: "三类 无法整改" }[classes[k]!],
    deadline: classes[k] === "III" ? "" : classes[k] === "I" ? "2026-03-09" : "2026-03-23",
    basis: it.basis,
    responsible: "王建国",
    fixedOnSpot: false,
    classKey: classes[k],
  }));
}

const input = (n: number): NoticeInput => ({
  township: "西夏墅镇",
  institution: {
    id: "R0042",
    name: "小天使托育中心（青龙店）",
    village: "青龙村",
    address: "青龙村青龙路188号二楼",
    operator: "王建国",
    phone: "051912345678",
  },
  inspection: {
    id: "JC20260309-004",
    date: "2026-03-09",
    inspectors: "张伟、陈芳",
    departments: "教育、消防",
  },
  findings: findings(n),
  number: { prefix: "西夏墅整治", year: 2026, number: 17 },
  office: { phone: "0519-85123456" },
  interim: "专人值守，整改期间停止相关活动",
});

describe("what the notice says", () => {
  const html = noticeHtml(input(8));
  const text = html.replace(/<[^>]*>/g, "");

  test("document number, office and phone, address, operator, receipt and seal", () => {
    expect(noticeNumberText({ prefix: "西夏墅整治", year: 2026, number: 17 })).toBe(
      "西夏墅整治〔2026〕第 17 号",
    );
    expect(text).toContain("西夏墅整治〔2026〕第 17 号");
    expect(text).toContain("西夏墅镇专项整治工作领导小组办公室");
    expect(text).toContain("联系电话：0519-85123456");
    expect(text).toContain("青龙村青龙路188号二楼");
    expect(text).toContain("举办者（负责人）：王建国");
    expect(text).toContain("签收人（签字）");
    expect(text).toContain("签收日期");
    expect(text).toContain("（盖章）");
    expect(text).toContain("2026年3月9日");
  });

  test("each finding in words with its basis and deadline; 三类 says closure plainly", () => {
    for (const f of findings(8)) {
      expect(text).toContain(f.item.replace(/^\S+ /, ""));
      expect(text).toContain(`依据：${f.basis}`);
    }
    expect(text).toContain("2026-03-23 前");
    // The eighth finding is 三类: said plainly, by its number.
    expect(text).toContain("第 8 项问题不具备整改条件，本办将提请有关部门依法予以关停取缔。");
    expect(text).toContain("逾期未整改或复查不合格的，将依法责令停业整顿");
    expect(text).toContain("整改期间落实临时管控措施（专人值守，整改期间停止相关活动）");
  });

  test("without a number the office fills it in by hand; the old input (no new fields) still renders", () => {
    const old = input(2);
    delete old.number;
    delete old.office;
    delete old.interim;
    old.findings = old.findings.map(({ classKey: _c, ...f }) => f);
    const t = noticeHtml(old).replace(/<[^>]*>/g, "");
    expect(t).toContain("〔\u3000\u3000\u3000〕第\u3000\u3000\u3000号");
    expect(t).toContain("西夏墅镇专项整治工作领导小组办公室");
    expect(t).toContain("【立即整改】");
  });

  test("HTML in a name stays text", () => {
    const evil = input(1);
    evil.institution.name = "<img src=x onerror=alert(1)>";
    expect(noticeHtml(evil)).not.toContain("<img");
  });
});

maybe("the notice on paper and on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error("REQUIRE_CHROMIUM=1 but no chromium is installed (apt-get install chromium)");
    browser = await launchChromium(CHROMIUM);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  test("eight findings with the longest wording fit one A4 portrait page", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "notice-"));
    const [eight, twenty] = await htmlToPdfs(browser, [
      { html: htmlDocument(noticeHtml(input(8))), file: path.join(dir, "8.pdf") },
      // A notice that cannot fit one page must show it: the measure is not stuck at 1.
      {
        html: htmlDocument(
          noticeHtml({ ...input(8), findings: [...findings(8), ...findings(8), ...findings(4)] }),
        ),
        file: path.join(dir, "20.pdf"),
      },
    ]);
    expect(eight).toBe(1);
    expect(twenty).toBeGreaterThan(1);
  }, 60_000);

  test("item codes and finding ids appear only in small print", async () => {
    const page = await browser.newPage();
    await page.setContent(htmlDocument(noticeHtml(input(8))));
    const sizes = await page.evaluate(() => {
      const out: Array<{ text: string; px: number }> = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (/[A-Z]{3,5}-\d{2}|JC\d{8}-\d{3}-\d{2}/.test(n.textContent ?? ""))
          out.push({ text: n.textContent!, px: parseFloat(getComputedStyle(n.parentElement!).fontSize) });
      }
      return out;
    });
    await page.close();
    expect(sizes.length).toBeGreaterThanOrEqual(16);
    expect(sizes.filter((s) => s.px > 11)).toEqual([]);
  });

  test.each([360, 390])(
    "at %i px nothing scrolls sideways and no number, date or id wraps",
    async (width) => {
      const layout = await measureAt(browser, htmlDocument(noticeHtml(input(8))), width);
      expect(layout.scrollWidth).toBe(width);
      expect(layout.overflowing).toEqual([]);
      expect(layout.tokens.filter((t) => t.lines !== 1)).toEqual([]);
      expect(layout.tokens.length).toBeGreaterThan(20);
    },
  );
});

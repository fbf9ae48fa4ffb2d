/// <reference lib="dom" />
// `npm run preview`: the forms that setup builds, drawn as static pages for a phone. The expected
// structure is worked out by hand from forms/training.ts and src/gas/forms.ts's layout: page 1 asks who,
// where and when; page 2 is the new-institution branch; one page per section (6 in training); a last
// page classifies the failed items — 9 pages. The render check runs in Debian's Chromium at 390 px
// (skipped when it is missing, unless REQUIRE_CHROMIUM=1 as in CI, like test/render/mail.test.ts).
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { ITEMS } from "../../forms/items";
import { TRAINING } from "../../forms/training";
import { seedRegister } from "../../sim/township";
import { previewForms, writeFormPreviews } from "../../tools/preview";
import { bundle, township } from "../helpers/township";

// The test's own escaping, so the expectations do not lean on the code under test.
const html = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const textOf = (code: string) => ITEMS.find((i) => i.code === code)!.text;

/** The page blocks of a preview, by their number. */
function pages(doc: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of doc.matchAll(/<section class="page" id="page-(\d+)"[^>]*>([\s\S]*?)<\/section>/g))
    out.set(Number(m[1]), m[2]!);
  return out;
}
const grids = (block: string) =>
  [...block.matchAll(/<table class="grid">[\s\S]*?<\/table>/g)].map((m) => m[0]);
const rowsOf = (grid: string) => [...grid.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
const columnsOf = (grid: string) => [...grid.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);

describe("the preview of the shipped forms", () => {
  let out: string;
  let training: string;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), "preview-"));
    previewForms(out, bundle());
    training = readFileSync(path.join(out, "training.html"), "utf8");
  }, 60_000);

  test("writes one page per form and an index linking them all", () => {
    const index = readFileSync(path.join(out, "index.html"), "utf8");
    for (const [file, title] of [
      ["training.html", "校外培训机构安全检查表"],
      ["aftercare.html", "校外托管机构安全检查表"],
      ["meal.html", "小饭桌安全检查表"],
      ["childcare.html", "托育机构安全检查表"],
      ["reinspection.html", "整改复查表"],
    ]) {
      expect([file, existsSync(path.join(out, file))]).toEqual([file, true]);
      expect(index).toContain(`<a href="${file}">${title}</a>`);
    }
  });

  test("every item of training.ts's sections appears, in order", () => {
    let last = -1;
    for (const section of TRAINING.sections)
      for (const code of section.items) {
        const at = training.indexOf(html(`${code} ${textOf(code)}`), last + 1);
        expect([code, at > last]).toEqual([code, true]);
        last = at;
      }
  });

  test("9 pages: who/where/when, the new-institution branch, one grid per section, the classification", () => {
    const byNumber = pages(training);
    expect([...byNumber.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(byNumber.get(1)).toContain("第 1 页（共 9 页）");
    expect(byNumber.get(9)).toContain("第 9 页（共 9 页）");
    expect(byNumber.get(2)).toContain("<h2>新发现机构信息</h2>");
    TRAINING.sections.forEach((section, i) => {
      const block = byNumber.get(3 + i)!;
      expect(block).toContain(`<h2>${section.title}</h2>`);
      const [grid, ...more] = grids(block);
      expect(more).toEqual([]);
      expect(rowsOf(grid!)).toEqual(section.items.map((c) => html(`${c} ${textOf(c)}`)));
      expect(columnsOf(grid!)).toEqual(["符合", "不符合", "不适用"]);
    });
    const last = byNumber.get(9)!;
    expect(last).toContain("<h2>问题处理</h2>");
    const [classGrid] = grids(last);
    expect(columnsOf(classGrid!)).toEqual([
      "一类 已当场整改",
      "一类 立即整改",
      "二类 限期整改",
      "三类 无法整改",
    ]);
    // 3 + 8 + 5 + 3 + 5 + 1 items in training.ts, all of them classifiable.
    expect(rowsOf(classGrid!)).toHaveLength(25);
    expect(rowsOf(classGrid!)[0]).toBe("QUAL-01 取得办学许可证（校外培训机构按学科类/非学科类审批）");
  });

  test("choices, the branch to the new-institution page, help text and required marks", () => {
    const first = pages(training).get(1)!;
    expect(first).toContain("R0001 阳光培训学校（东村）");
    expect(first).toContain("名录中没有——新发现机构");
    expect(first).toContain("选“名录中没有——新发现机构” → 第 2 页「新发现机构信息」");
    expect(first).toContain("其他选项 → 第 3 页「一、资质」");
    expect(first).toMatch(/被检查机构 <span class="req"[^>]*>\*<\/span>/);
    expect(first).toContain("从名录中选择；名录中没有的请选最后一项并填写新机构信息。");
    // The new-institution questions are optional in the form (checked on submit instead).
    expect(pages(training).get(2)).toContain('<div class="q-title">机构名称</div>');
    const premises = pages(training).get(4)!;
    expect(premises).toMatch(/场地与设施 <span class="req"/);
    expect(premises).toContain("PREM-01：危房或无法加固的选“不符合”并归三类。");
  });

  test("the re-inspection form: one page, no grid", () => {
    const doc = readFileSync(path.join(out, "reinspection.html"), "utf8");
    expect([...pages(doc).keys()]).toEqual([1]);
    expect(grids(doc)).toEqual([]);
    expect(doc).toContain("复查通过的问题编号");
  });
});

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const required = process.env.REQUIRE_CHROMIUM === "1";
const maybe = CHROMIUM || required ? test : test.skip;

maybe(
  "every form fits a 390-pixel phone screen without sideways scrolling, and typed text stays text",
  async () => {
    if (!CHROMIUM)
      throw new Error("REQUIRE_CHROMIUM=1 but no chromium is installed (apt-get install chromium)");
    const rt = township();
    seedRegister(rt, [
      {
        name: "<img src=x onerror=alert(1)>非常长的机构名称SunshineEducationInternationalTrainingCenterLimitedCompany",
        type: "校外培训机构",
        village: "东村",
      },
    ]);
    rt.clickMenu("setup");
    const out = mkdtempSync(path.join(tmpdir(), "preview-render-"));
    const forms = writeFormPreviews(rt, out);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      for (const file of [...forms.map((f) => f.file), "index.html"]) {
        await page.goto(`file://${path.join(out, file)}`);
        const layout = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
          widest: Math.max(
            ...[...document.querySelectorAll("body *")].map((e) => e.getBoundingClientRect().right),
          ),
          pages: document.querySelectorAll("section.page").length,
          images: document.querySelectorAll("img").length,
          text: document.body.innerText,
        }));
        expect([file, layout.page <= layout.viewport]).toEqual([file, true]);
        expect([file, layout.widest <= layout.viewport]).toEqual([file, true]);
        expect(layout.images).toBe(0);
        if (file === "training.html") {
          expect(layout.pages).toBe(9);
          expect(layout.text).toContain("<img src=x onerror=alert(1)>非常长的机构名称");
        }
      }
    } finally {
      await browser.close();
    }
  },
  90_000,
);

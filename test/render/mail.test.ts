// Every kind of mail the demo sends, and its 整改通知书, rendered in headless Chromium at 360 and 390 px:
// nothing scrolls sideways, no number, date, percentage or id is split over two lines (measured with the
// browser's line boxes), every table column has a header, and a value that looks like HTML stays text.
// Needs Debian's chromium (.ci/run installs it); without it the tests are skipped locally, and fail under
// CI (REQUIRE_CHROMIUM=1).
import type { Browser } from "playwright-core";
import { findChromium, htmlDocument, launchChromium } from "../../sim/chromium";
import { generateScenario } from "../../sim/demo";
import { Runtime } from "../../sim/runtime";
import { parseScenario, playScenario } from "../../sim/scenario";
import { seedRegister, setSettings, submitInspection } from "../../sim/township";
import { build } from "../helpers/build";
import { township } from "../helpers/township";
import { measureAt } from "./phone";

const CHROMIUM = findChromium();
const required = process.env.REQUIRE_CHROMIUM === "1";
const maybe = CHROMIUM || required ? describe : describe.skip;
const WIDTHS = [360, 390];

/** The demo campaign as `npm start` plays it: the mails it sends and the notices it saves. */
function demoOutputs(): { mails: Array<{ subject: string; html: string }>; notices: string[] } {
  const scenario = parseScenario(generateScenario(2026));
  const rt = new Runtime({ start: new Date(scenario.start), owner: scenario.coordinator });
  rt.loadFile();
  playScenario(rt, scenario);
  return {
    mails: rt.mail._sent.map((m) => ({ subject: m.subject, html: m.htmlBody ?? "" })),
    notices: rt.drive._files.map((f) => (f.blob as unknown as { _source?: string })._source ?? ""),
  };
}

/** The longest mail of each kind (the most rows, names and figures to fit). */
function oneOfEachKind(mails: Array<{ subject: string; html: string }>) {
  const kinds: Array<[string, (s: string, h: string) => boolean]> = [
    ["weekly summary", (s) => s.includes("周汇总")],
    ["monthly bulletin", (s) => s.includes("月通报")],
    ["coordinator's reminder", (s, h) => s.includes("整改提醒") && h.includes("（全部）")],
    ["department's reminder", (s, h) => s.includes("整改提醒") && !h.includes("（全部）")],
    ["待核实 digest", (s) => s.includes("待核实")],
  ];
  return kinds.map(([kind, is]) => {
    const mail = mails
      .filter((m) => is(m.subject, m.html))
      .reduce<{ html: string } | undefined>(
        (a, b) => (a && a.html.length >= b.html.length ? a : b),
        undefined,
      );
    return { kind, html: mail?.html ?? "" };
  });
}

maybe("mails and notices on a phone", () => {
  let browser: Browser;
  let pages: Array<{ kind: string; html: string }>;

  beforeAll(async () => {
    expect(build().status).toBe(0);
    if (!CHROMIUM)
      throw new Error("REQUIRE_CHROMIUM=1 but no chromium is installed (apt-get install chromium)");
    const out = demoOutputs();
    const notice = out.notices.reduce((a, b) => (b.length > a.length ? b : a), "");
    pages = [...oneOfEachKind(out.mails), { kind: "整改通知书 (the most findings)", html: notice }];
    browser = await launchChromium(CHROMIUM);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  test("the demo sends every kind of mail and saves notices", () => {
    for (const p of pages) expect([p.kind, p.html.length > 200]).toEqual([p.kind, true]);
  });

  for (const width of WIDTHS)
    test(`at ${width} px nothing scrolls sideways, no number, date or id wraps, every column is named`, async () => {
      let measured = 0;
      for (const p of pages) {
        const layout = await measureAt(browser, htmlDocument(p.html), width);
        expect([p.kind, layout.scrollWidth]).toEqual([p.kind, width]);
        expect([p.kind, layout.overflowing]).toEqual([p.kind, []]);
        const split = layout.tokens.filter((t) => t.lines !== 1);
        expect([p.kind, split]).toEqual([p.kind, []]);
        // Every mail has an id, a date or a figure: an empty token list would mean the measure found nothing.
        expect([p.kind, layout.tokens.length > 0]).toEqual([p.kind, true]);
        measured += layout.tokens.length;
        expect([p.kind, layout.blankHeaders]).toEqual([p.kind, 0]);
      }
      expect(measured).toBeGreaterThan(200);
    }, 120_000);

  test("a value that looks like HTML stays text, and a long name wraps without pushing the page wide", async () => {
    const rt = township(new Date("2026-03-02T08:00:00+08:00"));
    setSettings(rt, { 领导邮箱: "leader@township.example.cn" });
    seedRegister(rt, [
      {
        name: "<img src=x onerror=alert(1)>非常长的机构名称用来测试手机屏幕上的换行效果",
        type: "校外培训机构",
        village: "东村",
      },
    ]);
    rt.clickMenu("setup");
    for (const id of ["R0001", "R0005"]) {
      submitInspection(rt, "training", {
        institution: id,
        date: "2026-03-02",
        departments: ["教育"],
        inspectors: ["张三", "李四"],
        results: { "FIRE-01": "fail", "PREM-03": "fail" },
        classes: { "FIRE-01": "I", "PREM-03": "II" },
        responsible: "负责人",
        interim: "措施",
      });
    }
    rt.advanceTo(new Date("2026-03-04T09:00:00+08:00"));
    rt.clickMenu("sendSummary");
    const html = rt.mail._sent.filter((m) => m.subject.includes("周汇总")).at(-1)!.htmlBody!;
    const layout = await measureAt(browser, htmlDocument(html), 360);
    expect(layout.scrollWidth).toBe(360);
    expect(layout.images).toBe(0);
    expect(layout.text).toContain("<img src=x onerror=alert(1)>");
  }, 60_000);
});

/// <reference lib="dom" />
// A summary mail rendered in headless Chromium at phone width: its tables fit without horizontal
// scrolling, and a value that looks like HTML stays text. Needs Debian's chromium (.ci/run installs it);
// without it the test is skipped locally, and fails under CI (REQUIRE_CHROMIUM=1).
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { seedRegister, setSettings, submitInspection } from "../../sim/township";
import { township } from "../helpers/township";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const required = process.env.REQUIRE_CHROMIUM === "1";
const maybe = CHROMIUM || required ? test : test.skip;

function summaryMail(): string {
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
  return rt.mail._sent.filter((m) => m.subject.includes("周汇总")).at(-1)!.htmlBody!;
}

maybe(
  "a summary mail fits a 360-pixel phone screen and shows escaped text as text",
  async () => {
    if (!CHROMIUM)
      throw new Error("REQUIRE_CHROMIUM=1 but no chromium is installed (apt-get install chromium)");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "mail-")), "mail.html");
    writeFileSync(
      file,
      `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${summaryMail()}`,
    );
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
      await page.goto(`file://${file}`);
      const layout = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        tables: [...document.querySelectorAll("table")].map((t) => t.getBoundingClientRect().right),
        images: document.querySelectorAll("img").length,
        text: document.body.innerText,
      }));
      expect(layout.page).toBeLessThanOrEqual(layout.viewport);
      for (const right of layout.tables) expect(right).toBeLessThanOrEqual(layout.viewport);
      expect(layout.images).toBe(0);
      expect(layout.text).toContain("<img src=x onerror=alert(1)>");
    } finally {
      await browser.close();
    }
  },
  60_000,
);

/// <reference lib="dom" />
// Measures a page as a phone shows it, in headless Chromium: what scrolls sideways, which number, date or
// id is split over two lines, which table column has no header. Used by the render tests.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";

export interface PhoneLayout {
  width: number;
  scrollWidth: number;
  /** Elements whose right edge is past the screen (tag and text, for the failure message). */
  overflowing: string[];
  /** Number/date/percentage/id tokens and how many lines each occupies. */
  tokens: Array<{ token: string; lines: number }>;
  blankHeaders: number;
  text: string;
  images: number;
}

/**
 * The tokens that must never wrap, found by this test on its own (not by the renderer's rule): runs of
 * Latin letters, digits and . - / : % @ _ that hold a digit (2026-03-09, 21.4%, JC20260309-001-02,
 * FIRE-01, 3/20/7, 051912345678, 08:00), and written dates (2026年3月9日).
 */
const TOKEN_SOURCE = String.raw`\d{4}年\d{1,2}月\d{1,2}日|[0-9A-Za-z.\-/:%@_]*\d[0-9A-Za-z.\-/:%@_]*`;

export async function measureAt(browser: Browser, html: string, width: number): Promise<PhoneLayout> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "phone-")), "page.html");
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width, height: 780 }, deviceScaleFactor: 2 });
  try {
    await page.goto(`file://${file}`);
    return await page.evaluate((tokenSource: string) => {
      const viewport = window.innerWidth;
      const overflowing = [...document.body.querySelectorAll("*")]
        .filter((e) => e.getBoundingClientRect().right > viewport + 0.5)
        .map((e) => `<${e.tagName.toLowerCase()}> ${(e.textContent ?? "").slice(0, 40)}`);
      // All text in document order; a block boundary ends a token (a cell's last digit and the next
      // cell's first digit are two tokens).
      const isBlock = (n: Node | null) =>
        !!n &&
        n instanceof Element &&
        !["inline", "contents"].includes(getComputedStyle(n).display) &&
        n.tagName !== "BR";
      const blockOf = (n: Node) => {
        let p = n.parentNode;
        while (p && !isBlock(p)) p = p.parentNode;
        return p;
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const pieces: Array<{ node: Text; start: number }> = [];
      let all = "";
      let lastBlock: Node | null = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (["STYLE", "SCRIPT", "TITLE"].includes(n.parentElement?.tagName ?? "")) continue;
        const block = blockOf(n);
        if (block !== lastBlock) all += "\n";
        lastBlock = block;
        pieces.push({ node: n as Text, start: all.length });
        all += (n as Text).data;
      }
      const locate = (offset: number) => {
        let i = pieces.length - 1;
        while (i > 0 && pieces[i]!.start > offset) i--;
        return { node: pieces[i]!.node, offset: offset - pieces[i]!.start };
      };
      const tokens: Array<{ token: string; lines: number }> = [];
      for (const m of all.matchAll(new RegExp(tokenSource, "g"))) {
        const token = m[0];
        if (token.length < 2 || token.length > 40) continue;
        const a = locate(m.index!);
        const b = locate(m.index! + token.length - 1);
        const range = document.createRange();
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset + 1);
        // Line boxes: rects whose vertical centres differ by more than half a line are on two lines.
        const centres = [...range.getClientRects()]
          .filter((r) => r.width > 0)
          .map((r) => (r.top + r.bottom) / 2)
          .sort((x, y) => x - y);
        let lines = centres.length ? 1 : 0;
        for (let i = 1; i < centres.length; i++) if (centres[i]! - centres[i - 1]! > 8) lines++;
        tokens.push({ token, lines });
      }
      return {
        width: viewport,
        scrollWidth: document.documentElement.scrollWidth,
        overflowing,
        tokens,
        blankHeaders: [...document.querySelectorAll("th")].filter((th) => !th.textContent?.trim()).length,
        text: document.body.innerText,
        images: document.querySelectorAll("img").length,
      };
    }, TOKEN_SOURCE);
  } finally {
    await page.close();
  }
}

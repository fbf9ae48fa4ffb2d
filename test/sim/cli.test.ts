// The CLI end to end: a scenario file played through the runtime writes the ledger and the mails.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import * as XLSX from "xlsx";
import { ROOT, build } from "../helpers/build";
import { pdfPageCount } from "../../sim/chromium";

const tsx = path.join(ROOT, "node_modules/.bin/tsx");
const run = (...args: string[]) =>
  spawnSync(tsx, [path.join(ROOT, "sim/cli.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
/** As on a machine without Chromium (CHROMIUM_PATH names a file that does not exist). */
const runWithoutChromium = (...args: string[]) =>
  spawnSync(tsx, [path.join(ROOT, "sim/cli.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium" },
  });
const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].some((p) => existsSync(p));

beforeAll(() => {
  expect(build().status).toBe(0);
});

test("a small scenario writes the ledger (xlsx + JSON), the mails, the notices and the run log", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "sim-out-"));
  const r = run(path.join(ROOT, "test/fixtures/scenario-small.json"), "--out", out);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("Written to");
  for (const f of ["ledger.xlsx", "runs.tsv", "sheets", "mails", "notices", "forms/training.html"])
    expect([f, existsSync(path.join(out, f))]).toEqual([f, true]);

  const findings = JSON.parse(
    readFileSync(
      path.join(
        out,
        "sheets",
        readdirSync(path.join(out, "sheets")).find((f) => f.includes("问题台账"))!,
      ),
      "utf8",
    ),
  ) as { rows: unknown[][] };
  const header = findings.rows[0] as string[];
  const byId = Object.fromEntries(
    findings.rows.slice(1).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]),
  );
  expect(byId["JC20260302-001-02"]).toMatchObject({
    检查项编码: "FIRE-02",
    状态: "已销号",
    复查记录: "2026-03-06 复查通过（JC20260306-001；赵六、王五）",
  });
  expect(byId["JC20260302-001-01"]).toMatchObject({ 检查项编码: "FIRE-01", 状态: "待整改" });
  expect(byId["JC20260302-002-01"]).toMatchObject({ 状态: "已销号", 机构名称: "无名午托点" });

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, "ledger.xlsx"));
  const ws = wb.getWorksheet("问题台账")!;
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(ws.getCell("A1").font?.bold).toBe(true);
  const statusCol = header.indexOf("状态") + 1;
  expect(ws.getCell(2, statusCol).dataValidation).toMatchObject({
    type: "list",
    formulae: ['"待整改,已整改待复查,已销号"'],
  });
  const fills = [2, 3, 4].map(
    (r) => (ws.getCell(r, 1).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb,
  );
  expect(fills).toContain("FFF4C7C3"); // FIRE-01 (一类, due 03-02) is overdue: red
  expect(fills).toContain("FFE0E0E0"); // signed off: grey
  expect(wb.worksheets.map((w) => w.name)).toEqual(
    expect.arrayContaining(["机构名录", "检查记录", "问题台账", "待核实", "抽查记录", "公示", "汇总"]),
  );

  const runs = readFileSync(path.join(out, "runs.tsv"), "utf8").split("\n");
  expect(runs[0]).toBe("time\tfunction\tkind\tuser\tsheets_calls\tall_calls\tmodelled_ms\terror");
  expect(runs.filter((l) => l.includes("\thandleFormSubmit\t")).length).toBeGreaterThanOrEqual(3);
  expect(readdirSync(path.join(out, "notices")).filter((f) => f.endsWith(".html"))).toEqual([
    "JC20260302-001 整改通知书 阳光培训学校.html",
  ]);
  if (CHROMIUM || process.env.REQUIRE_CHROMIUM === "1") {
    // A real PDF printed by Chromium (the runtime's own blob is a placeholder): one A4 page.
    const pdf = readFileSync(path.join(out, "notices", "JC20260302-001 整改通知书 阳光培训学校.pdf"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfPageCount(pdf)).toBe(1);
    expect(pdf.length).toBeGreaterThan(10_000); // embeds the CJK glyphs; the placeholder is a few hundred bytes
  }
  expect(readdirSync(path.join(out, "mails")).some((f) => f.endsWith(".html"))).toBe(true);
}, 60_000);

/** The sheets' JSON (written from the runtime's values, not from the xlsx), as header-keyed rows. */
function sheetJson(out: string, name: string): Array<Record<string, unknown>> {
  const file = readdirSync(path.join(out, "sheets")).find((f) => f.endsWith(`-${name}.json`))!;
  const rows = (JSON.parse(readFileSync(path.join(out, "sheets", file), "utf8")) as { rows: unknown[][] })
    .rows;
  return rows.slice(1).map((r) => Object.fromEntries((rows[0] as string[]).map((h, i) => [h, r[i]])));
}

describe("ledger.xlsx as a person sees it, read by SheetJS (another library than the ExcelJS that wrote it)", () => {
  let out: string;
  let wb: XLSX.WorkBook;
  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), "sim-xlsx-"));
    expect(run(path.join(ROOT, "test/fixtures/scenario-small.json"), "--out", out, "--quiet").status).toBe(0);
    wb = XLSX.read(readFileSync(path.join(out, "ledger.xlsx")), { cellStyles: true, cellNF: true });
  }, 60_000);

  /** The text a cell shows: SheetJS formats the stored number with the cell's own number format. */
  const shown = (sheet: string, header: string, key: string, keyHeader: string) => {
    const ws = wb.Sheets[sheet]!;
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(ws, { raw: false, defval: "" });
    return rows.find((r) => r[keyHeader] === key)?.[header];
  };

  test("dates show the same calendar day (and time) as in the sheet", () => {
    // From the fixture: the first inspection is dated 2026-03-02 and submitted at 10:00 Shanghai time;
    // FIRE-02 (二类) was signed off by the re-inspection of 2026-03-06.
    expect(shown("检查记录", "检查日期", "JC20260302-001", "检查编号")).toBe("2026-03-02");
    expect(shown("检查记录", "提交时间", "JC20260302-001", "检查编号")).toBe("2026-03-02 10:00:00");
    expect(shown("问题台账", "发现日期", "JC20260302-001-02", "问题编号")).toBe("2026-03-02");
    expect(shown("问题台账", "销号日期", "JC20260302-001-02", "问题编号")).toBe("2026-03-06");
    // Every date cell of every sheet: the day the runtime holds (JSON export, in the sheet's zone).
    let compared = 0;
    for (const name of ["检查记录", "问题台账", "机构名录", "操作日志", "节假日"]) {
      const json = sheetJson(out, name);
      const xlsx = XLSX.utils.sheet_to_json<Record<string, string>>(wb.Sheets[name]!, {
        raw: false,
        defval: "",
      });
      json.forEach((row, i) => {
        for (const [h, v] of Object.entries(row)) {
          if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}T/.test(v)) continue;
          expect([name, h, xlsx[i]![h]!.slice(0, 10)]).toEqual([name, h, v.slice(0, 10)]);
          compared++;
        }
      });
    }
    expect(compared).toBeGreaterThan(80); // 73 holidays alone
  });

  test("every date and number fits its column (no ###)", () => {
    const tooNarrow: string[] = [];
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name]!;
      const cols = ws["!cols"] ?? [];
      const range = XLSX.utils.decode_range(ws["!ref"] ?? "A1:A1");
      for (let r = range.s.r; r <= range.e.r; r++)
        for (let c = range.s.c; c <= range.e.c; c++) {
          const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
          if (!cell || cell.t !== "n") continue;
          // Excel shows ### when the formatted number needs more than the column's width in "0"s.
          const width = cols[c]?.wch ?? cols[c]?.width ?? 8.43;
          const text = String(cell.w ?? cell.v);
          if (text.length + 1 > width)
            tooNarrow.push(`${name}!${XLSX.utils.encode_cell({ r, c })} ${text} in ${width}`);
        }
    }
    expect(tooNarrow).toEqual([]);
  });

  test("the raw form response tabs are hidden, as setup leaves them in the sheet", () => {
    const hidden = (wb.Workbook?.Sheets ?? []).filter((s) => s.Hidden).map((s) => s.name);
    // The six forms' response tabs (表单回复 1…6), and 状态底账, which the script keeps hidden too.
    expect(hidden.sort()).toEqual(["状态底账", ...[1, 2, 3, 4, 5, 6].map((n) => `表单回复 ${n}`)].sort());
    expect(wb.SheetNames.filter((n) => !hidden.includes(n))).toContain("汇总");
  });

  test("汇总's rates show as percentages (numbers formatted 0.0%, not text)", () => {
    const ws = wb.Sheets["汇总"]!;
    const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: false, defval: "" });
    const raw = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: "" });
    const seen: string[] = [];
    let column = -1;
    grid.forEach((row, r) => {
      const at = row.findIndex((h) => h === "整改率" || h === "累计整改率");
      if (at >= 0) column = at;
      else if (row[0] === "") column = -1;
      else if (column >= 0 && row[column] !== "—") {
        seen.push(String(row[column]));
        expect([row[column], typeof raw[r]![column]]).toEqual([
          expect.stringMatching(/^\d{1,3}\.\d%$/),
          "number",
        ]);
      }
    });
    // The small scenario's types, villages, departments and weeks: more than a handful of rates.
    expect(seen.length).toBeGreaterThan(5);
  });

  // LibreOffice, where installed (not in CI): a spreadsheet program's own "save as shown" CSV.
  const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
  (soffice ? test : test.skip)(
    "LibreOffice shows the same days",
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), "lo-"));
      const r = spawnSync(
        soffice!,
        [
          "--headless",
          `-env:UserInstallation=file://${dir}/profile`,
          "--convert-to",
          // UTF-8, cells as shown, every sheet to its own file (LibreOffice 7.2+).
          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
          "--outdir",
          dir,
          path.join(out, "ledger.xlsx"),
        ],
        { encoding: "utf8", timeout: 60_000 },
      );
      expect(r.status).toBe(0);
      const csv = readFileSync(path.join(dir, "ledger-检查记录.csv"), "utf8").split("\n");
      expect(csv[1]!.split(",").slice(0, 1)).toEqual(["JC20260302-001"]);
      expect(csv[1]).toContain(",2026-03-02,"); // 检查日期
      expect(csv[1]).toContain(",2026-03-02 10:00:00,"); // 提交时间
    },
    90_000,
  );
});

test("out/index.html links every file written, each with a line saying what it is", () => {
  const out = mkdtempSync(path.join(tmpdir(), "sim-index-"));
  const scenario = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/scenario-small.json"), "utf8")) as {
    events: Array<Record<string, unknown>>;
  };
  scenario.events.push({ at: "2026-03-06T12:00:00+08:00", do: "snapshot", label: "复查后" });
  const file = path.join(out, "scenario.json");
  writeFileSync(file, JSON.stringify(scenario));
  const r = runWithoutChromium(file, "--out", path.join(out, "out"));
  expect(r.status).toBe(0);
  // Without Chromium: no failure, the HTML notices, and one line saying how to get the PDFs.
  expect(r.stdout.split("\n").filter((l) => l.includes("PDFs need Chromium"))).toEqual([
    "Notices written as HTML only: PDFs need Chromium (apt-get install chromium fonts-wqy-microhei).",
  ]);
  const dir = path.join(out, "out");
  expect(readdirSync(path.join(dir, "notices")).some((f) => f.endsWith(".pdf"))).toBe(false);
  expect(readdirSync(dir).sort()).toEqual(
    [
      "forms",
      "index.html",
      "ledger.xlsx",
      "mails",
      "notices",
      "runs.tsv",
      "sheets",
      "snapshots",
      "ui.json",
    ].sort(),
  );
  // README's output table lists exactly these (and scenario.json, which only the demo writes).
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("| file | what |")).split("\n\n")[0]!;
  const listed = [...table.matchAll(/^\| `out\/([^/`*<]+)/gm)].map((m) => m[1]!);
  expect(listed.sort()).toEqual([...readdirSync(dir), "scenario.json"].sort());
  expect(readdirSync(path.join(dir, "snapshots"))).toEqual(["2026-03-06_1200_复查后"]);
  expect(readdirSync(path.join(dir, "snapshots", "2026-03-06_1200_复查后")).sort()).toEqual([
    "ledger.xlsx",
    "sheets",
  ]);
  const index = readFileSync(path.join(dir, "index.html"), "utf8");
  const links = [...index.matchAll(/href="([^"]+)"/g)].map((m) => decodeURI(m[1]!.replace(/&amp;/g, "&")));
  const written = [
    "ledger.xlsx",
    "runs.tsv",
    "ui.json",
    "snapshots/2026-03-06_1200_复查后/ledger.xlsx",
    ...readdirSync(path.join(dir, "sheets")).map((f) => `sheets/${f}`),
    ...readdirSync(path.join(dir, "mails"))
      .filter((f) => f.endsWith(".html"))
      .map((f) => `mails/${f}`),
    ...readdirSync(path.join(dir, "notices")).map((f) => `notices/${f}`),
    ...readdirSync(path.join(dir, "forms")).map((f) => `forms/${f}`),
  ];
  expect(links.sort()).toEqual(written.sort());
  expect(index).toContain("<svg"); // the weekly chart
  const ui = JSON.parse(readFileSync(path.join(dir, "ui.json"), "utf8")) as Array<{
    kind: string;
    answer?: unknown;
  }>;
  expect(ui.find((u) => u.kind === "prompt")).toMatchObject({ answer: { button: "OK", text: "12345" } });
}, 90_000);

describe("npm start", () => {
  let out: string;
  beforeAll(() => {
    // `npm start` is `npm run build && tsx sim/cli.ts demo`: the same command, into a folder of its own.
    out = mkdtempSync(path.join(tmpdir(), "demo-out-"));
    const r = run("demo", "--out", out, "--quiet");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 240_000);

  test("writes exactly what README's output table lists, in the shapes it gives", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const quickStart = readme.slice(readme.indexOf("## Quick start"));
    const table = quickStart.slice(quickStart.indexOf("| file | what |")).split("\n\n")[0]!;
    // Each row: `out/<name>` or `out/<dir>/<pattern>` (, `<pattern>`…) | what it is.
    const rows = table
      .split("\n")
      .slice(2)
      .map((line) => {
        const cell = line.split("|")[1]!;
        const paths = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
        const [top, ...rest] = paths[0]!.replace(/^out\//, "").split("/");
        const patterns = [rest.join("/"), ...paths.slice(1)].filter(Boolean);
        return { top: top!, patterns };
      });
    expect(rows.map((x) => x.top).sort()).toEqual(readdirSync(out).sort());
    const glob = (pattern: string) =>
      new RegExp(
        `^${pattern
          .replace(/[.]/g, "\\.")
          .replace(/\*/g, "[^/]+")
          .replace(/<[^>]+>/g, "[^/_]+")
          .replace(/\/$/, "")}$`,
      );
    for (const { top, patterns } of rows) {
      if (!patterns.length) continue;
      const names = readdirSync(path.join(out, top));
      expect([top, names.length > 0]).toEqual([top, true]);
      // Every file written matches one of the row's patterns, and every pattern is written.
      expect([top, names.filter((n) => !patterns.some((p) => glob(p).test(n)))]).toEqual([top, []]);
      // Without Chromium the notices are .html only, as the row says.
      const printed = CHROMIUM || process.env.REQUIRE_CHROMIUM === "1";
      for (const p of patterns.filter((x) => printed || x !== "*.pdf"))
        expect([top, p, names.some((n) => glob(p).test(n))]).toEqual([top, p, true]);
    }
    // What the rows say beyond the names: a .json beside each mail's .html; a PDF beside each notice's
    // .html (Chromium is installed where this runs, or the .html alone), under its Chinese name; the
    // demo's two snapshots, each the ledger and its sheets; the forms and their index.
    const mails = readdirSync(path.join(out, "mails"));
    for (const m of mails.filter((f) => f.endsWith(".html")))
      expect(mails).toContain(m.replace(/\.html$/, ".json"));
    const notices = readdirSync(path.join(out, "notices"));
    expect(notices.some((n) => /^JC\d{8}-\d{3} 整改通知书 [\u4e00-\u9fff（）]+\.html$/.test(n))).toBe(true);
    if (CHROMIUM || process.env.REQUIRE_CHROMIUM === "1")
      for (const n of notices.filter((f) => f.endsWith(".html")))
        expect(notices).toContain(n.replace(/\.html$/, ".pdf"));
    const snapshots = readdirSync(path.join(out, "snapshots"));
    expect(snapshots).toHaveLength(2);
    for (const s of snapshots)
      expect(readdirSync(path.join(out, "snapshots", s)).sort()).toEqual(["ledger.xlsx", "sheets"]);
    expect(readdirSync(path.join(out, "forms"))).toContain("index.html");
  });

  test("its notices are numbered 1, 2, 3… in 检查记录 without a gap, and each is one A4 page", () => {
    const notices = readdirSync(path.join(out, "notices")).filter((f) => f.endsWith(".html"));
    const numbers = sheetJson(out, "检查记录")
      .map((r) => String(r["通知书文号"] ?? ""))
      .filter(Boolean);
    // One 文号 per notice written, 西夏墅镇整改〔2026〕第 1 号 to 第 N 号 in the order the rows were written.
    expect(numbers).toEqual(notices.map((_, i) => `西夏墅镇整改〔2026〕第 ${i + 1} 号`));
    if (CHROMIUM || process.env.REQUIRE_CHROMIUM === "1") {
      const pages = notices.map((n) =>
        pdfPageCount(readFileSync(path.join(out, "notices", n.replace(/\.html$/, ".pdf")))),
      );
      expect(pages.filter((p) => p !== 1)).toEqual([]);
    }
  });
});

test("a wrong settings label is reported with its place and no stack trace", () => {
  const bad = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/scenario-small.json"), "utf8")) as {
    settings: Record<string, string>;
  };
  bad.settings["乡镇"] = "测试镇";
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sim-bad-")), "bad.json");
  writeFileSync(file, JSON.stringify(bad));
  const r = run(file, "--out", path.dirname(file));
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^settings\.乡镇: no setting labelled "乡镇" in 配置 \(settings: 乡镇名称、/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test("a mistake in a scenario is named by event and field", () => {
  const bad = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/scenario-small.json"), "utf8")) as {
    events: Array<Record<string, unknown>>;
  };
  (bad.events[0]!.answers as Record<string, unknown>).date = "3月2日";
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sim-bad-")), "bad.json");
  writeFileSync(file, JSON.stringify(bad));
  const r = run(file, "--out", path.dirname(file));
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("events[0].answers.date: must be a real date like 2026-03-02");
});

test("an event the ledger cannot follow names the event", () => {
  const bad = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/scenario-small.json"), "utf8")) as {
    events: Array<Record<string, unknown>>;
  };
  bad.events[2]!.item = "FOOD-01";
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sim-bad-")), "bad.json");
  writeFileSync(file, JSON.stringify(bad));
  const r = run(file, "--out", path.dirname(file));
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(
    "events[2] (reportFixed at 2026-03-05T15:00:00+08:00).item: R0001 has no open finding for item FOOD-01",
  );
});

// The local runtime's command line.
//   npm start                          the demo: a generated township campaign (also written as out/scenario.json)
//   npm run sim -- <scenario.json>     plays a scenario file
//   options: --out DIR (default out/), --seed N (demo), --quiet
// The notices are printed to PDF with Debian's Chromium when it is installed; without it the demo still
// runs and says so in one line.
process.env.TZ = "Asia/Shanghai";

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import type ExcelJS from "exceljs";
import { Runtime } from "./runtime";
import { writeFormPreviews } from "../tools/preview";
import { generateScenario } from "./demo";
import { parseScenario, playScenario, ScenarioError } from "./scenario";
import {
  executionLog,
  safeFileName,
  spreadsheetToWorkbook,
  spreadsheetToXlsx,
  uiJson,
  writeMails,
  writeNotices,
  writeSpreadsheetJson,
} from "./export";
import { summaryTable } from "./report";
import { findChromium, launchChromium } from "./chromium";
import { formatDate } from "./format-date";
import { writeIndexPage } from "./outputs";

/** Everything a run writes into the output folder (README "Quick start" lists them). */
const OUTPUTS = [
  "index.html",
  "ledger.xlsx",
  "sheets",
  "mails",
  "notices",
  "runs.tsv",
  "ui.json",
  "snapshots",
  "scenario.json",
  "forms",
];

function args(argv: string[]) {
  const positional = argv.filter(
    (a, i) => !a.startsWith("--") && !(argv[i - 1] ?? "").match(/^--(out|seed)$/),
  );
  const opt = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  return {
    target: positional[0] ?? "demo",
    seed: Number(opt("seed", "2026")),
    out: path.resolve(opt("out", "out")),
    quiet: argv.includes("--quiet"),
  };
}

/** Chromium for the PDFs, or the one line that says how to get them. */
async function pdfPrinter(): Promise<{ browser?: Browser; note?: string }> {
  const executable = findChromium();
  const advice = "apt-get install chromium fonts-wqy-microhei";
  if (!executable) return { note: `Notices written as HTML only: PDFs need Chromium (${advice}).` };
  try {
    return { browser: await launchChromium(executable) };
  } catch (e) {
    const first = String((e as Error).message).split("\n")[0];
    return {
      note: `Notices written as HTML only: Chromium did not start (${first}); PDFs need it (${advice}).`,
    };
  }
}

async function main(): Promise<number> {
  const { target, seed, out, quiet } = args(process.argv.slice(2));
  const say = (line: string) => quiet || console.log(line);
  const started = Date.now();
  let raw: unknown;
  if (target === "demo") raw = generateScenario(seed);
  else {
    try {
      raw = JSON.parse(readFileSync(target, "utf8"));
    } catch (e) {
      console.error(`Cannot read scenario ${target}: ${(e as Error).message}`);
      return 2;
    }
  }
  const scenario = parseScenario(raw);
  say(`${scenario.name}`);
  const rt = new Runtime({
    start: new Date(scenario.start),
    owner: scenario.coordinator,
    spreadsheetName: `${scenario.settings["乡镇名称"] ?? "乡镇"}专项整治台账`,
  });
  rt.loadFile();
  const tz = rt.manifest.timeZone;

  // Only what an earlier run wrote is removed (never the folder itself: --out . is someone's folder).
  for (const name of OUTPUTS) rmSync(path.join(out, name), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const snapshots: Array<{ dir: string; workbook: ExcelJS.Workbook }> = [];
  const played = playScenario(rt, scenario, {
    log: (line) => say(`  ${line}`),
    snapshot: (at, label) => {
      const name = safeFileName(`${formatDate(at, tz, "yyyy-MM-dd_HHmm")}${label ? `_${label}` : ""}`);
      const dir = path.join(out, "snapshots", name);
      writeSpreadsheetJson(rt.spreadsheet, path.join(dir, "sheets"));
      snapshots.push({ dir, workbook: spreadsheetToWorkbook(rt.spreadsheet) });
      say(`  snapshot → ${path.relative(process.cwd(), dir)}/`);
    },
  });

  if (target === "demo") writeFileSync(path.join(out, "scenario.json"), JSON.stringify(raw, null, 2));
  await spreadsheetToXlsx(rt.spreadsheet, path.join(out, "ledger.xlsx"));
  for (const s of snapshots) await s.workbook.xlsx.writeFile(path.join(s.dir, "ledger.xlsx"));
  const sheets = writeSpreadsheetJson(rt.spreadsheet, path.join(out, "sheets"));
  const mails = writeMails(rt.mail._sent, path.join(out, "mails"), tz);
  // The forms as the campaign left them, drawn as a phone shows them (the same pages as npm run preview).
  const forms = [...rt.properties._stores.document.keys()].some((k) => k.startsWith("form:"))
    ? writeFormPreviews(rt, path.join(out, "forms"))
    : [];
  writeFileSync(path.join(out, "runs.tsv"), executionLog(rt.executions, tz));
  writeFileSync(path.join(out, "ui.json"), uiJson(played.ui, tz));
  const printer = await pdfPrinter();
  let notices: Awaited<ReturnType<typeof writeNotices>>;
  try {
    notices = await writeNotices(rt.drive._files, path.join(out, "notices"), printer.browser);
  } finally {
    await printer.browser?.close();
  }
  writeIndexPage(out, {
    rt,
    scenario,
    demo: target === "demo",
    sheets,
    mails,
    notices,
    forms,
    snapshots: snapshots.map((s) => s.dir),
    ui: played.ui,
  });

  const failed = rt.executions.filter((e) => e.error);
  say("");
  say(summaryTable(rt));
  say("");
  say(
    `Events: ${scenario.events.length}; trigger and menu runs: ${rt.executions.length}${failed.length ? `, FAILED: ${failed.length}` : ""}; mails: ${mails.length}; notices: ${notices.html.length}${notices.pdf.length ? ` (PDF)` : ""}; snapshots: ${snapshots.length}`,
  );
  if (printer.note) say(printer.note);
  say(
    `Written to ${path.relative(process.cwd(), out) || "."}/: index.html, ledger.xlsx, sheets/*.json, mails/*.html|json, forms/*.html, notices/*.${notices.pdf.length ? "pdf|html" : "html"}, runs.tsv, ui.json${snapshots.length ? ", snapshots/" : ""}${target === "demo" ? ", scenario.json" : ""}  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  say(
    `Open ${path.relative(process.cwd(), path.join(out, "index.html"))} in a browser for the whole campaign at a glance.`,
  );
  for (const e of failed.slice(0, 5)) console.error(`  failed run ${e.functionName}: ${e.error}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof ScenarioError ? e.message : ((e as Error).stack ?? String(e)));
    process.exit(e instanceof ScenarioError ? 2 : 1);
  },
);

// The local runtime's command line.
//   npm start                          the demo: a generated township campaign (also written as out/scenario.json)
//   npm run sim -- <scenario.json>     plays a scenario file
//   options: --out DIR (default out/), --seed N (demo), --quiet
process.env.TZ = "Asia/Shanghai";

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Runtime } from "./runtime";
import { generateScenario } from "./demo";
import { parseScenario, playScenario, ScenarioError } from "./scenario";
import { executionLog, spreadsheetToXlsx, writeMails, writeNotices, writeSpreadsheetJson } from "./export";
import { summaryTable } from "./report";

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
  playScenario(rt, scenario, (line) => say(`  ${line}`));

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  if (target === "demo") writeFileSync(path.join(out, "scenario.json"), JSON.stringify(raw, null, 2));
  await spreadsheetToXlsx(rt.spreadsheet, path.join(out, "ledger.xlsx"));
  writeSpreadsheetJson(rt.spreadsheet, path.join(out, "sheets"));
  const mails = writeMails(rt.mail._sent, path.join(out, "mails"), rt.manifest.timeZone);
  const notices = writeNotices(rt.drive._files, path.join(out, "notices"));
  writeFileSync(path.join(out, "runs.tsv"), executionLog(rt.executions, rt.manifest.timeZone));
  const failed = rt.executions.filter((e) => e.error);
  say("");
  say(summaryTable(rt));
  say("");
  say(
    `Events: ${scenario.events.length}; trigger and menu runs: ${rt.executions.length}${failed.length ? `, FAILED: ${failed.length}` : ""}; mails: ${mails.length}; notices: ${notices.length}`,
  );
  say(
    `Written to ${path.relative(process.cwd(), out) || "."}/: ledger.xlsx, sheets/*.json, mails/*.html|json, notices/*.pdf|html, runs.tsv${target === "demo" ? ", scenario.json" : ""}  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
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

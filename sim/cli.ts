// The local runtime's command line: `npm start` (the demo) and `npm run sim -- demo [--seed N] [--out DIR]`.
process.env.TZ = "Asia/Shanghai";

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Runtime } from "./runtime";
import { generateTownship, playDemo } from "./demo";
import { executionLog, spreadsheetToXlsx, writeMails, writeSpreadsheetJson } from "./export";
import { summaryTable } from "./report";

function args(argv: string[]) {
  const [command = "demo", ...rest] = argv;
  const opt = (name: string, fallback: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 && rest[i + 1] ? rest[i + 1]! : fallback;
  };
  return { command, seed: Number(opt("seed", "2026")), out: path.resolve(opt("out", "out")) };
}

async function main(): Promise<void> {
  const { command, seed, out } = args(process.argv.slice(2));
  if (command !== "demo") {
    console.error(`Unknown command "${command}". Usage: npm run sim -- demo [--seed N] [--out DIR]`);
    process.exit(2);
  }
  const started = Date.now();
  const town = generateTownship(seed);
  const rt = new Runtime({
    start: town.start,
    owner: "coordinator@township.example.cn",
    spreadsheetName: "西夏墅镇专项整治台账",
  });
  rt.loadFile();
  const { submitted } = playDemo(rt, town, seed, (line) => console.log(`  ${line}`));

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await spreadsheetToXlsx(rt.spreadsheet, path.join(out, "ledger.xlsx"));
  writeSpreadsheetJson(rt.spreadsheet, path.join(out, "sheets"));
  const mails = writeMails(rt.mail._sent, path.join(out, "mails"), rt.manifest.timeZone);
  writeFileSync(path.join(out, "runs.tsv"), executionLog(rt.executions, rt.manifest.timeZone));
  const failed = rt.executions.filter((e) => e.error);

  console.log("");
  console.log(summaryTable(rt));
  console.log("");
  console.log(
    `Submissions: ${submitted}; trigger runs: ${rt.executions.length}${failed.length ? `, FAILED: ${failed.length}` : ""}; mails: ${mails.length}`,
  );
  console.log(
    `Written to ${path.relative(process.cwd(), out) || "."}/: ledger.xlsx, sheets/*.json, mails/*.html|json, runs.tsv  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  for (const e of failed.slice(0, 5)) console.log(`  failed run ${e.functionName}: ${e.error}`);
  if (failed.length) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error((e as Error).stack ?? String(e));
  process.exit(1);
});

// 初始化/更新 at 5,000 institutions for npm run bench (and on its own: npm run bench:setup): how many
// runs it takes, the modelled time of each, its Forms calls, and whether the triggers exist after the
// first run. A run stops itself before the 6-minute limit; a one-off continuation carries on.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Runtime } from "./runtime";
import { EXECUTION_LIMIT_MS, type Execution } from "./host";
import { formsCallKind } from "./forms";

const SIZE = 5_000;
const START = new Date("2026-03-02T08:00:00+08:00");
const TYPES = ["校外培训机构", "校外托管机构", "小饭桌", "托育机构"];
/**
 * The triggers a finished setup has: six form-submit ones, edit, change, the 06:00 integrity check, the
 * 07:00 daily check, the summary.
 */
const TRIGGERS = 11;
/** The ones that do not wait for a form: they must exist after the first run, however far it got. */
const FIXED = ["handleChange", "handleEdit", "runIntegrityCheck", "runDailyCheck", "sendSummary"];
const MAX_RUNS = 10;

interface SetupCase {
  name: string;
  runs: Execution[];
  /** Triggers of ours after the first run (the continuation's own not counted). */
  triggersAfterFirst: string[];
  complete: boolean;
}

/** A workbook whose 机构名录 holds `SIZE` institutions before setup first runs (written straight in). */
function workbook(code: string, slowdown: number): Runtime {
  const rt = new Runtime({
    start: START,
    code,
    owner: "coordinator@township.example.cn",
    mailQuota: 1_000_000,
    slowdown,
  });
  rt.openSpreadsheet();
  rt.insertSheet("机构名录");
  rt.editCells("机构名录", 1, 1, [["机构编号", "机构名称", "类型", "村/社区", "地址"]]);
  const sheet = rt.sheet("机构名录");
  sheet._maxRows = SIZE + 100;
  for (let i = 0; i < SIZE; i++)
    sheet._values[i + 1] = [
      "",
      `机构${i + 1}`,
      TYPES[i % 4]!,
      i % 2 ? "东村" : "西村",
      `${i + 1}号`,
    ] as never;
  return rt;
}

const setupRuns = (rt: Runtime, from = 0) =>
  rt.executions.slice(from).filter((e) => e.functionName === "setup" || e.functionName === "continueSetup");
const unfinished = (rt: Runtime) => rt.properties._stores.document.has("setup:pass");

/** Clicks 初始化/更新, then lets the clock run until setup is done (or MAX_RUNS runs). */
function runSetup(rt: Runtime, name: string): SetupCase {
  const from = rt.executions.length;
  try {
    rt.clickMenu("setup");
  } catch (_e) {
    // Recorded in the execution.
  }
  const triggersAfterFirst = rt.script._triggers.map((t) => t.handler).filter((h) => h !== "continueSetup");
  // The continuation runs a minute after a run stops; one that never comes ends the wait too.
  for (let i = 0; i < MAX_RUNS && unfinished(rt); i++) rt.advanceBy(2 * 60_000);
  const runs = setupRuns(rt, from);
  return { name, runs, triggersAfterFirst, complete: !unfinished(rt) && !runs.some((e) => e.error) };
}

/** Forms calls of a run: all of them, and those that are a round trip to Google (not a local builder). */
function formsCalls(runs: Execution[]): { all: number; roundTrips: number } {
  let all = 0;
  let roundTrips = 0;
  for (const e of runs)
    for (const [name, n] of e.counts) {
      const [cls, method] = name.split(".") as [string, string];
      if (!/^(FormApp|Form|Item|FormResponse|ItemResponse)$/.test(cls)) continue;
      all += n;
      if (formsCallKind(cls, method) !== "local") roundTrips += n;
    }
  return { all, roundTrips };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function setupBench(code: string): { lines: string[]; misses: string[] } {
  const cases: SetupCase[] = [];
  const normal = workbook(code, 1);
  cases.push(runSetup(normal, "first install"));
  cases.push(runSetup(normal, "初始化/更新 again (nothing to build)"));
  cases.push(runSetup(workbook(code, 3), "first install, Google 3× slower than modelled"));

  const misses: string[] = [];
  for (const c of cases) {
    const missing = FIXED.filter((h) => !c.triggersAfterFirst.includes(h));
    if (missing.length)
      misses.push(
        `setup (${c.name}) at ${SIZE} institutions: no ${missing.join(", ")} trigger after the first run`,
      );
    if (!c.complete)
      misses.push(
        `setup (${c.name}) at ${SIZE} institutions: not complete after ${c.runs.length} runs` +
          (c.runs.find((e) => e.error)?.error ? ` (${c.runs.find((e) => e.error)!.error})` : ""),
      );
    for (const e of c.runs)
      if (e.modeledMs + e.cpuMs >= EXECUTION_LIMIT_MS)
        misses.push(`setup (${c.name}): a run reached the 6-minute limit`);
  }
  const lines = [
    `Setup (初始化/更新) at ${SIZE.toLocaleString("en")} institutions: a workbook whose 机构名录 already holds them`,
    "when 初始化/更新 first runs (six forms built from nothing, ids and prefilled links for every row), the same",
    "setup run again, and the first install on a day when every Google call takes three times its modelled",
    "time. A run stops itself before the 6-minute limit (sim/bench-setup.ts; src/app/setup.ts) and a one-off",
    "continuation carries on a minute later. Forms calls: all / round trips to Google (the rest are local",
    "builders: createChoice per institution in the drop-down, createResponse).",
    "",
    "| case | runs | modelled time of each run (+ CPU) | Forms calls | triggers after run 1 | done |",
    "|---|---:|---|---:|---|---|",
    ...cases.map((c) => {
      const f = formsCalls(c.runs);
      const times = c.runs.map((e) => `${seconds(e.modeledMs)} (+${seconds(e.cpuMs)})`).join(", ");
      return `| ${c.name} | ${c.runs.length} | ${times} | ${f.all.toLocaleString("en")} / ${f.roundTrips.toLocaleString("en")} | ${c.triggersAfterFirst.length} of ${TRIGGERS} | ${c.complete ? "yes" : "**no**"} |`;
    }),
  ];
  return { lines, misses };
}

// npm run bench:setup — this section alone (BENCHMARKS.md is left as it is).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const code = readFileSync(new URL("../dist/Code.js", import.meta.url), "utf8");
  const { lines, misses } = setupBench(code);
  console.log(lines.join("\n"));
  if (misses.length) {
    console.error(`\nSetup budget missed:\n${misses.map((m) => `- ${m}`).join("\n")}`);
    process.exitCode = 1;
  }
}

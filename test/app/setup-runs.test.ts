// 初始化/更新 at 5,000 institutions on a day when Google is slow: Apps Script stops a run at 6 minutes,
// so setup stops itself before that, says what is done and what is left, and carries on in a one-off
// continuation run (or the next 初始化/更新) until it is done — in the same world as one uninterrupted
// run. The triggers exist after the first run, however far it got.
import { Runtime } from "../../sim/runtime";
import { EXECUTION_LIMIT_MS, type Execution } from "../../sim/host";
import { bundle, COORDINATOR, rows } from "../helpers/township";
import { differences, world } from "../helpers/world";

const START = new Date("2026-03-02T08:00:00+08:00");
const SIZE = 5_000;
const TYPES = ["校外培训机构", "校外托管机构", "小饭桌", "托育机构"];
/** The forms setup builds: four checklists, the re-inspection form, the public 举报 form. */
const FORM_TITLES = [
  "校外培训机构安全检查表",
  "校外托管机构安全检查表",
  "小饭桌安全检查表",
  "托育机构安全检查表",
  "整改复查表",
  "校外培训及托管机构安全问题举报",
];

/**
 * A workbook that already holds a 5,000-row register (a coordinator pasted last year's list into a
 * sheet named 机构名录 before the first 初始化/更新), written straight into the runtime as sim/bench.ts
 * does, so the test spends its time in setup, not in 5,000 simulated pastes. `slowdown`: every service
 * call takes that many times its modelled time.
 */
function workbookWithRegister(slowdown: number): Runtime {
  const rt = new Runtime({ start: START, code: bundle(), owner: COORDINATOR, slowdown });
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

const runsOf = (rt: Runtime) =>
  rt.executions.filter((e) => e.functionName === "setup" || e.functionName === "continueSetup");
const handlers = (rt: Runtime) => rt.script._triggers.map((t) => t.handler).sort();
const pass = (rt: Runtime) => rt.properties._stores.document.get("setup:pass");
const createChoices = (runs: Execution[]) =>
  runs.reduce((n, e) => n + (e.counts.get("Item.createChoice") ?? 0), 0);

/** Lets the clock run (the continuation fires a minute after a run stops) until setup is done. */
function untilDone(rt: Runtime): void {
  for (let i = 0; i < 20 && pass(rt) !== undefined; i++) rt.advanceBy(5 * 60_000);
}

/** One uninterrupted run at Google's usual speed: the world every split setup must end in. */
let reference: ReturnType<typeof world> | undefined;
function referenceWorld() {
  if (reference) return reference;
  const rt = workbookWithRegister(1);
  rt.clickMenu("setup");
  expect(runsOf(rt)).toHaveLength(1);
  expect(pass(rt)).toBeUndefined();
  return (reference = world(rt));
}

function expectCleanRuns(runs: Execution[]): void {
  for (const e of runs) {
    expect([e.functionName, e.error]).toEqual([e.functionName, undefined]);
    // Stopped by itself, well before Apps Script's limit (modelled service time + the script's CPU).
    expect(e.modeledMs + e.cpuMs).toBeLessThan(EXECUTION_LIMIT_MS);
  }
}

describe("初始化/更新 over several runs (5,000 institutions, Google 4× slower than usual)", () => {
  test("the first run installs the triggers and says what is left; continuations finish in the one-run world", () => {
    const rt = workbookWithRegister(4);
    rt.clickMenu("setup");

    // Run 1 stopped before the limit: the sheets and every trigger not tied to a form are there, and
    // each form it finished has its submit trigger; a one-off continuation is scheduled.
    const first = runsOf(rt);
    expect(first).toHaveLength(1);
    expectCleanRuns(first);
    const made = FORM_TITLES.filter((t) => [...rt.forms._forms.values()].some((f) => f._title === t));
    expect(made.length).toBeLessThan(FORM_TITLES.length);
    expect(handlers(rt)).toEqual(
      [
        "continueSetup",
        "handleChange",
        "handleEdit",
        "runDailyCheck",
        "runIntegrityCheck",
        "sendSummary",
        ...made.map(() => "handleFormSubmit"),
      ].sort(),
    );
    // The coordinator reads what is done and what is left, in Chinese.
    const told = rt.ui.at(-1)!.message;
    expect(told).toContain("初始化/更新需分几次完成");
    expect(told).toContain(`表单 ${made.length}/6`);
    for (const t of FORM_TITLES.filter((x) => !made.includes(x))) expect(told).toContain(`「${t}」`);
    expect(told).toContain("预填检查链接");
    expect(told).toContain("约 1 分钟后自动继续");
    // Ids are written before the forms offer them; no link yet.
    expect(rows(rt, "机构名录")[SIZE - 1]).toMatchObject({ 机构编号: "R5000", 预填检查链接: "" });

    untilDone(rt);
    const runs = runsOf(rt);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.slice(1).every((e) => e.functionName === "continueSetup")).toBe(true);
    expectCleanRuns(runs);
    // Each checklist's institution list was set once, in whichever run did that form: 4 × (1,250
    // institutions of its type + 名录中没有——新发现机构), one createChoice each.
    expect(createChoices(runs)).toBe(4 * 1_251);
    // The continuation triggers were each deleted by their run; the done message says how many runs.
    expect(handlers(rt)).not.toContain("continueSetup");
    expect(rt.ui.at(-1)!.message).toContain(`（分 ${runs.length} 次运行完成）`);
    expect(rows(rt, "操作日志").at(-1)!["说明"]).toContain(`（分 ${runs.length} 次运行完成）`);
    expect(differences(referenceWorld(), world(rt))).toEqual([]);
  });

  test("a first run killed at the limit leaves the triggers; the next 初始化/更新 carries on; a late continuation does nothing", () => {
    const rt = workbookWithRegister(4);
    // The first run dies as a run over the limit does (say Google was slower still) in the middle of
    // its second form. The triggers not tied to a form were made before the forms.
    let itemCalls = 0;
    rt.log.faults = (call) =>
      rt.log.current?.functionName === "setup" && /^Item\./.test(call.name) && ++itemCalls === 2_000
        ? "Exceeded maximum execution time"
        : undefined;
    expect(() => rt.clickMenu("setup")).toThrow("Exceeded maximum execution time");
    rt.log.faults = undefined;
    expect(handlers(rt)).toEqual([
      "handleChange",
      "handleEdit",
      "runDailyCheck",
      "runIntegrityCheck",
      "sendSummary",
    ]);
    // What it finished is recorded (it had run over a minute), so the next run does not do it again.
    const recorded = JSON.parse(pass(rt)!) as { done: string[] };
    expect(recorded.done).toEqual(["training"]);
    // Nobody schedules a continuation for a run that was killed: the coordinator clicks again.
    rt.advanceBy(10 * 60_000);
    const before = runsOf(rt).length;
    rt.clickMenu("setup");
    untilDone(rt);
    // The other three checklists' institution lists were each set once: 1,250 institutions of their
    // type (5,000 ÷ 4) and 名录中没有——新发现机构, one createChoice each.
    expect(createChoices(runsOf(rt).slice(before))).toBe(3 * 1_251);
    // A continuation still pending when the coordinator's click finished the work finds nothing to do.
    rt.run("continueSetup", { kind: "time-trigger", event: {} });
    const late = runsOf(rt).at(-1)!;
    expect([late.error, late.sheetsCalls, [...late.counts.keys()].filter((k) => /^Form/.test(k))]).toEqual([
      undefined,
      0,
      [],
    ]);
    expect(differences(referenceWorld(), world(rt))).toEqual([]);
  });
});

// The saved township (test/helpers/snapshot.ts) must be indistinguishable from one built from nothing:
// the same state, the same behaviour afterwards, and nothing shared with the original.
import { types } from "node:util";
import type { Runtime } from "../../sim/runtime";
import { submitInspection } from "../../sim/township";
import { bundle } from "./build";
import { cloneRuntime } from "./snapshot";
import { COORDINATOR, buildTownship, rows, township } from "./township";

const START = new Date("2026-03-02T09:00:00+08:00");
const SERVICES = [
  "clock",
  "ctx",
  "sheets",
  "forms",
  "script",
  "mail",
  "locks",
  "properties",
  "utilities",
  "drive",
  "spreadsheet",
  "logs",
  "executions",
] as const;

/**
 * Everything the runtime holds, as plain JSON: class instances with their class name, dates with the
 * realm they belong to, functions and proxies as markers, and a repeated object as the path where it
 * was first seen (so the shape of the object graph is compared too).
 */
const WALL_CLOCK = new Set(["cpuMs", "lastEnter", "serviceWall", "wallStart"]);

function describeState(rt: Runtime): unknown {
  const scriptDate = rt.evaluate("Date.prototype");
  const seen = new Map<unknown, string>();
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "function") return "[function]";
    if (typeof v !== "object" || v === null) return v;
    if (types.isProxy(v)) return "[proxy]";
    if (seen.has(v)) return { ref: seen.get(v) };
    seen.set(v, path);
    if (types.isDate(v))
      return { date: v.getTime(), realm: Object.getPrototypeOf(v) === scriptDate ? "script" : "host" };
    if (Buffer.isBuffer(v)) return { buffer: v.toString("base64") };
    if (v instanceof Map)
      return { map: [...v].map(([k, x], i) => [walk(k, `${path}<${i}`), walk(x, `${path}>${i}`)]) };
    if (v instanceof Set) return { set: [...v].map((x, i) => walk(x, `${path}{${i}`)) };
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    const out: Record<string, unknown> = { class: (v as object).constructor?.name ?? "null" };
    for (const key of Object.keys(v)) {
      // The script's realm and the ids of the vm differ by design, and wall-clock measurements (the
      // script's CPU time) differ from run to run; everything else must be equal.
      if (key === "realm" || key === "context" || WALL_CLOCK.has(key)) continue;
      out[key] = walk((v as Record<string, unknown>)[key], `${path}.${key}`);
    }
    return out;
  };
  return Object.fromEntries(SERVICES.map((s) => [s, walk(rt[s], s)]));
}

/** A day of work: a valid and an invalid submission, an edit, the morning triggers, a draw. */
function play(rt: Runtime): void {
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-03-02",
    departments: ["教育", "消防"],
    inspectors: ["张三", "李四"],
    results: { "FIRE-01": "fail", "PREM-03": "fail" },
    classes: { "FIRE-01": "I", "PREM-03": "II" },
    responsible: "王校长",
    interim: "专人值守",
  });
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-03-02",
    departments: ["教育"],
    inspectors: ["张三"],
  });
  rt.editCell("配置", "B2", "城关镇");
  rt.advanceTo(new Date("2026-03-03T09:00:00+08:00"));
  rt.ctx.dialogAnswers.push({ button: "OK", text: "seed-1" }, { button: "NO" });
  rt.clickMenu("drawSpotCheck");
}

describe("a copy of the runtime", () => {
  test("holds the same state as the original, every service and every execution record", () => {
    const original = buildTownship(START);
    const copy = cloneRuntime(original, bundle());
    expect(describeState(copy)).toEqual(describeState(original));
    // Not vacuous: the state holds the register, the forms, the triggers and the setup runs.
    expect(rows(copy, "机构名录").map((r) => r["机构编号"])).toEqual(["R0001", "R0002", "R0003", "R0004"]);
    // Five checklist forms and the public 举报 form, each with its submit trigger; the edit and change
    // triggers of the spreadsheet; the integrity check, the daily check and the summary.
    expect(copy.forms._forms.size).toBe(6);
    expect(copy.script._triggers.map((t) => t.handler).sort()).toEqual([
      "handleChange",
      "handleEdit",
      "handleFormSubmit",
      "handleFormSubmit",
      "handleFormSubmit",
      "handleFormSubmit",
      "handleFormSubmit",
      "handleFormSubmit",
      "runDailyCheck",
      "runIntegrityCheck",
      "sendSummary",
    ]);
  });

  test("behaves as the original does afterwards: same ledger, same mails, same calls", () => {
    const original = buildTownship(START);
    const copy = cloneRuntime(original, bundle());
    play(original);
    play(copy);
    expect(copy.executions.filter((e) => e.error)).toEqual([]);
    expect(rows(copy, "问题台账")).toHaveLength(2);
    expect(rows(copy, "待核实")).toHaveLength(1);
    // R0001 was inspected today (excluded for 30 days); R0002..R0004 are one of each other type: all three.
    expect(rows(copy, "抽查记录").map((r) => r["机构编号"])).toEqual(["R0002", "R0003", "R0004"]);
    expect(describeState(copy)).toEqual(describeState(original));
  });

  test("shares nothing with the original: changing one leaves the other as it was", () => {
    const original = buildTownship(START);
    const before = describeState(original);
    const copy = cloneRuntime(original, bundle());
    play(copy);
    copy.sheet("机构名录")._set(2, 2, "改名");
    expect(describeState(original)).toEqual(before);
  });

  test("nothing in the copy belongs to the original's script realm", () => {
    const original = buildTownship(START);
    play(original);
    const copy = cloneRuntime(original, bundle());
    const foreign = new Set(
      original.evaluate("[Object.prototype, Array.prototype, Date.prototype, Error.prototype]") as object[],
    );
    const seen = new Set<unknown>();
    const found: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v !== "object" || v === null || types.isProxy(v) || seen.has(v)) return;
      seen.add(v);
      if (foreign.has(Object.getPrototypeOf(v) as object)) found.push(path);
      const entries = v instanceof Map ? [...v] : v instanceof Set ? [...v].entries() : Object.entries(v);
      for (const [k, x] of entries) walk(x, `${path}.${String(k)}`);
    };
    for (const s of SERVICES) walk(copy[s], s);
    expect(seen.size).toBeGreaterThan(1000);
    expect(found).toEqual([]);
  });

  test("township() hands out a new copy each time", () => {
    const a = township(START);
    a.editCell("配置", "B2", "城关镇");
    const b = township(START);
    expect(b.sheet("配置")._get(2, 2)).toBe("西夏墅镇");
    expect(b.ctx.owner).toBe(COORDINATOR);
  });
});

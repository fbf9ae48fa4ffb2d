// The shipped bundle, dist/Code.js, loaded into the local runtime exactly as Apps Script would load it.
import { existsSync, readFileSync, mkdtempSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Runtime, type Manifest } from "../../sim/runtime";
import { SCOPES } from "../../sim/context";
import { ROOT, build } from "../helpers/build";
import { buildTownship } from "../helpers/township";
import { submitInspection } from "../../sim/township";

const ENTRY_POINTS = [
  "onOpen",
  "setup",
  "handleFormSubmit",
  "handleEdit",
  "runDailyCheck",
  "drawSpotCheck",
  "sendSummary",
];
const START = new Date("2026-03-02T09:00:00+08:00");

// dist/Code.js was built once for this run by the global setup (test/global-setup.mjs).
const code = () => readFileSync(path.join(ROOT, "dist/Code.js"), "utf8");

describe("dist/Code.js", () => {
  test("defines every entry point as a top-level function that forwards its arguments", () => {
    const rt = new Runtime({ start: START, code: code() });
    for (const name of ENTRY_POINTS) expect(rt.functionNames()).toContain(name);
    rt.evaluate(
      `__app = Object.assign({}, __app, { handleEdit: function () { return Array.prototype.slice.call(arguments); } })`,
    );
    expect(rt.evaluate(`handleEdit(1, "two", { three: 3 })`)).toEqual([1, "two", { three: 3 }]);
  });

  test("clasp pushes the bundle and the manifest only; the source map stays local", () => {
    // clasp's own file collection, as `clasp push` runs it: .clasp.json's rootDir, .claspignore, and only
    // the file types Apps Script holds (a stray .js or .html in dist/ would be pushed and fails this).
    const clasp = path.join(ROOT, "node_modules/@google/clasp/build/src/core/clasp.js");
    const script = `import(${JSON.stringify(pathToFileURL(clasp).href)}).then(async ({ initClaspInstance }) => {
      const clasp = await initClaspInstance({ configFile: ${JSON.stringify(ROOT)} });
      const { files } = await clasp.files.collectLocalFiles();
      console.log(JSON.stringify(files.map((f) => f.localPath)));
    })`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(existsSync(path.join(ROOT, "dist/Code.js.map"))).toBe(true);
    expect((JSON.parse(r.stdout) as string[]).sort()).toEqual(["dist/Code.js", "dist/appsscript.json"]);
  });

  test("is within the 200 KB budget and copies the manifest", () => {
    const bytes = Buffer.byteLength(code());
    expect(bytes).toBeLessThanOrEqual(200 * 1024);
    expect(JSON.parse(readFileSync(path.join(ROOT, "dist/appsscript.json"), "utf8"))).toEqual(
      JSON.parse(readFileSync(path.join(ROOT, "appsscript.json"), "utf8")),
    );
  });

  test("every entry point runs in the runtime and reaches its use case", () => {
    const rt = new Runtime({ start: START, code: code() });
    rt.openSpreadsheet();
    expect(rt.ui.find((u) => u.kind === "menu")?.title).toBe("专项整治");
    rt.clickMenu("setup");
    expect(rt.lastExecution("setup")?.error).toBeUndefined();
    expect(rt.spreadsheet._sheets.map((s) => s._name)).toEqual(
      expect.arrayContaining(["机构名录", "检查人员", "检查记录", "问题台账", "待核实", "配置", "操作日志"]),
    );
    rt.run("handleFormSubmit", { kind: "installable-trigger", event: {} });
    expect(rt.lastExecution("handleFormSubmit")?.error).toBeUndefined();
    rt.editCell("配置", "B2", "城关镇");
    expect(rt.lastExecution("handleEdit")?.error).toBeUndefined();
    const fired = rt.advanceTo(new Date("2026-03-03T09:00:00+08:00"));
    expect(fired.map((e) => [e.functionName, e.error])).toEqual([
      ["runIntegrityCheck", undefined],
      ["runDailyCheck", undefined],
      ["sendSummary", undefined],
    ]);
    rt.clickMenu("drawSpotCheck");
    rt.clickMenu("sendSummary");
    expect(rt.executions.filter((e) => e.error)).toEqual([]);
  });

  test("the manifest's OAuth scopes are exactly the ones the bundle's calls need", () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "appsscript.json"), "utf8")) as Manifest & {
      oauthScopes: string[];
    };
    // Granted every scope the runtime knows, the township's calls show which scopes the bundle needs; a
    // run under the shipped manifest could not show a scope it lacks (the runtime refuses the call).
    const rt = buildTownship(START, { ...manifest, oauthScopes: Object.values(SCOPES) });
    // An invalid submission: the coordinator's digest mail goes out.
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      departments: ["教育"],
      inspectors: ["张三"],
    });
    expect(rt.mail._sent).toHaveLength(1);
    // A valid one with a finding: its 整改通知书 is saved to Drive.
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      departments: ["教育"],
      inspectors: ["张三", "李四"],
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I" },
    });
    expect(rt.drive._files).toHaveLength(1);
    rt.advanceTo(new Date("2026-03-03T09:00:00+08:00"));
    rt.clickMenu("drawSpotCheck");
    rt.clickMenu("reprocessPending");
    expect(rt.executions.filter((e) => e.error)).toEqual([]);
    const used = [...rt.log.usedScopes];
    // A narrower scope (spreadsheets.currentonly) is covered by the broader one when that is used too.
    const needed = used.filter((u) => !used.some((v) => v !== u && u.startsWith(v + ".")));
    // Both directions: every declared scope is needed, and every needed scope is declared.
    expect([...manifest.oauthScopes].sort()).toEqual(needed.sort());
  });
});

describe("what Apps Script lacks cannot slip into src/", () => {
  test("a src/ file that uses setTimeout does not compile against the Apps Script config", () => {
    const config = path.join(ROOT, "test/fixtures/forbidden/tsconfig.json");
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", config],
      { encoding: "utf8" },
    );
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/Cannot find name 'setTimeout'/);
  });

  test("a src/ file that imports a Node module does not build", () => {
    const out = mkdtempSync(path.join(tmpdir(), "gas-build-"));
    const r = build(path.join(ROOT, "test/fixtures/forbidden/uses-require.ts"), out);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Could not resolve "fs"/);
  });

  test("a bundle that reaches for setTimeout at run time fails to run in the runtime", () => {
    const out = mkdtempSync(path.join(tmpdir(), "gas-build-"));
    const r = build(path.join(ROOT, "test/fixtures/forbidden/main.ts"), out);
    expect(r.status).toBe(0);
    const rt = new Runtime({ start: START, code: readFileSync(path.join(out, "Code.js"), "utf8") });
    expect(() => rt.run("tick")).toThrow(/setTimeout is not a function|setTimeout is not defined/);
  });
});

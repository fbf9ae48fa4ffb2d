// `npm run deploy` with every outside command replaced at the process boundary: a fake `clasp`
// (a Node script that records how it was called and prints what the real one prints), a fake test
// command and a fake build, in a throw-away project folder. One case runs the real clasp 3 with an
// empty home folder, to pin its "not signed in" text. Nothing here reaches Google.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deploy, parseArgs, type DeployOptions, type Target } from "../../tools/deploy";
import { ROOT } from "../helpers/build";

const DEV_ID = "1devScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdefg";
const PROD_ID = "1prodScriptIdZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210_-zyxwvu";

interface ClaspCall {
  argv: string[];
  cwd: string;
  /** The project file clasp was pointed at (-P), as read by the fake. */
  project: { scriptId?: string; rootDir?: string } | null;
  /** The files the push would send (dist/ as the build left it). */
  dist: string[];
}

/** A project folder with the given clasp files, and the fakes; returns what the fakes recorded. */
function project(
  claspFiles: Partial<Record<Target, unknown>> = { dev: { scriptId: DEV_ID, rootDir: "dist" } },
) {
  const dir = mkdtempSync(path.join(tmpdir(), "deploy-"));
  for (const [target, config] of Object.entries(claspFiles))
    writeFileSync(
      path.join(dir, `.clasp-${target}.json`),
      typeof config === "string" ? config : JSON.stringify(config),
    );
  const log = path.join(dir, "calls.jsonl");
  const fakeClasp = path.join(dir, "fake-clasp.mjs");
  writeFileSync(
    fakeClasp,
    `#!/usr/bin/env node
import { appendFileSync, existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
const argv = process.argv.slice(2);
const p = argv[argv.indexOf("-P") + 1];
const project = p && existsSync(p) ? JSON.parse(readFileSync(p, "utf8")) : null;
const dist = existsSync("dist") ? readdirSync("dist").sort() : [];
appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv, cwd: process.cwd(), project, dist }) + "\\n");
process.stdout.write(process.env.FAKE_CLASP_STDOUT ?? "");
process.stderr.write(process.env.FAKE_CLASP_STDERR ?? "");
process.exit(Number(process.env.FAKE_CLASP_EXIT ?? 0));
`,
  );
  chmodSync(fakeClasp, 0o755);
  const marker = (name: string) => path.join(dir, `${name}.ran`);
  // The fake test and build commands leave a marker so a test can tell whether they ran.
  const node = (script: string) => [process.execPath, "-e", script];
  const testCommand = (exit: number) =>
    node(`require("fs").writeFileSync(${JSON.stringify(marker("tests"))}, ""); process.exit(${exit})`);
  const buildCommand = node(
    `const fs = require("fs"); fs.writeFileSync(${JSON.stringify(marker("build"))}, ""); fs.mkdirSync("dist", { recursive: true }); fs.writeFileSync("dist/Code.js", "function setup() {}"); fs.writeFileSync("dist/appsscript.json", "{}");`,
  );
  const calls = (): ClaspCall[] =>
    existsSync(log)
      ? readFileSync(log, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as ClaspCall)
      : [];
  const output: string[] = [];
  const run = (
    target: Target,
    clasp: { stdout?: string; stderr?: string; exit?: number },
    extra: Partial<DeployOptions> = {},
  ) =>
    deploy({
      target,
      root: dir,
      testCommand: testCommand(0),
      buildCommand,
      claspCommand: [fakeClasp],
      env: {
        ...process.env,
        FAKE_CLASP_STDOUT: clasp.stdout ?? "",
        FAKE_CLASP_STDERR: clasp.stderr ?? "",
        FAKE_CLASP_EXIT: String(clasp.exit ?? 0),
      },
      write: (text) => void output.push(text),
      ...extra,
    });
  return { dir, run, calls, testCommand, ran: (name: string) => existsSync(marker(name)), output };
}

// What clasp 3.4.1 prints (stderr, exit 1) in each case; see the sources cited in tools/deploy.ts.
const NO_CREDENTIALS = "No credentials found.\n";
const API_OFF =
  "User has not enabled the Apps Script API. Enable it by visiting https://script.google.com/home/usersettings then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.\n";
const NOT_FOUND = "Requested entity was not found.\n";

describe("arguments", () => {
  test("dev is the default; prod is named; --skip-tests is for dev only", () => {
    expect(parseArgs([])).toEqual({ target: "dev", skipTests: false });
    expect(parseArgs(["prod"])).toEqual({ target: "prod", skipTests: false });
    expect(parseArgs(["dev", "--skip-tests"])).toEqual({ target: "dev", skipTests: true });
    expect(parseArgs(["prod", "--skip-tests"])).toEqual({
      error: expect.stringContaining("prod") as unknown as string,
    });
    expect(parseArgs(["production"])).toEqual({
      error: expect.stringContaining("用法") as unknown as string,
    });
  });

  test("the command line refuses prod --skip-tests before running anything", () => {
    const r = spawnSync(
      path.join(ROOT, "node_modules/.bin/tsx"),
      [path.join(ROOT, "tools/deploy.ts"), "prod", "--skip-tests"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe(
      "✗ 正式环境（prod）不能跳过测试：去掉 --skip-tests 再运行 / Tests cannot be skipped for prod: run again without --skip-tests",
    );
  });
});

describe("the project file", () => {
  test("missing: says which file to copy and where the script id is; nothing runs", async () => {
    const p = project({});
    const result = await p.run("prod", {});
    expect(result).toMatchObject({ ok: false, failed: "config" });
    expect(result.message).toContain("把 .clasp-prod.json.example 复制为 .clasp-prod.json");
    expect(result.message).toContain("项目设置");
    expect(result.message).toContain("Project Settings (gear) → Script ID");
    expect([p.ran("tests"), p.ran("build"), p.calls().length]).toEqual([false, false, 0]);
  });

  test.each([
    [
      "the example's placeholder",
      { scriptId: "REPLACE_WITH_DEV_SCRIPT_ID", rootDir: "dist" },
      "还没有脚本 ID",
    ],
    [
      "the editor's URL",
      { scriptId: `https://script.google.com/home/projects/${DEV_ID}/edit`, rootDir: "dist" },
      `只填 ID 本身，即 ${DEV_ID}`,
    ],
    ["a malformed id", { scriptId: "1abc def", rootDir: "dist" }, "格式不对"],
    ["another rootDir", { scriptId: DEV_ID, rootDir: "src" }, `"rootDir" 必须是 "dist"`],
    ["broken JSON", '{ "scriptId": ', "不是有效的 JSON"],
  ])("%s: one line says what to fix; nothing runs", async (_name, config, expected) => {
    const p = project({ dev: config });
    const result = await p.run("dev", {});
    expect(result).toMatchObject({ ok: false, failed: "config" });
    expect(result.message).toContain(expected);
    expect(result.message).not.toContain("\n");
    expect([p.ran("tests"), p.ran("build"), p.calls().length]).toEqual([false, false, 0]);
  });

  test("a rootDir written as ./dist/ is the same folder", async () => {
    const p = project({ dev: { scriptId: DEV_ID, rootDir: "./dist/" } });
    expect((await p.run("dev", {})).ok).toBe(true);
  });
});

describe("a failure says what to do, in one Chinese-and-English line", () => {
  test("tests failing: nothing is built or pushed", async () => {
    const p = project();
    const result = await p.run("dev", {}, { testCommand: p.testCommand(1) });
    expect(result).toMatchObject({
      ok: false,
      failed: "tests",
      message:
        "测试未通过，没有推送任何内容：先修好上面报告的问题 / Tests failed, nothing was pushed: fix what is reported above first",
    });
    expect([p.ran("tests"), p.ran("build"), p.calls().length]).toEqual([true, false, 0]);
  });

  test("not signed in (clasp: No credentials found.) → npx clasp login", async () => {
    const p = project();
    const result = await p.run("dev", { stderr: NO_CREDENTIALS, exit: 1 });
    expect(result).toMatchObject({ ok: false, failed: "push" });
    expect(result.message).toContain("运行 npx clasp login");
    expect(result.message).toContain("run npx clasp login");
    // clasp's own words are passed on above our line.
    expect(p.output.join("")).toContain("No credentials found.");
  });

  test("Apps Script API off → the user-settings page", async () => {
    const p = project();
    const result = await p.run("dev", { stderr: API_OFF, exit: 1 });
    expect(result).toMatchObject({ ok: false, failed: "push" });
    expect(result.message).toContain("打开 https://script.google.com/home/usersettings");
    expect(result.message).toContain("turn “Google Apps Script API” on");
  });

  test("wrong script id (404) → where the script id is, and which file it goes in", async () => {
    const p = project({ prod: { scriptId: PROD_ID, rootDir: "dist" } });
    const result = await p.run("prod", { stderr: NOT_FOUND, exit: 1 });
    expect(result).toMatchObject({ ok: false, failed: "push" });
    expect(result.message).toContain("项目设置（齿轮）→ 脚本 ID");
    expect(result.message).toContain(`"scriptId" in .clasp-prod.json`);
  });

  test("no edit access (403) → sign in as the owner", async () => {
    const p = project();
    const result = await p.run("dev", { stderr: "The caller does not have permission\n", exit: 1 });
    expect(result.message).toContain("npx clasp logout");
  });

  test("anything else: clasp's message stays on screen and the line points at it", async () => {
    const p = project();
    const result = await p.run("dev", {
      stderr: "Syntax error: Unexpected token line: 3 file: Code\n",
      exit: 1,
    });
    expect(result.message).toContain("见上面 clasp 的信息");
    expect(p.output.join("")).toContain("Syntax error: Unexpected token line: 3 file: Code");
  });

  test("clasp not installed → npm ci", async () => {
    const p = project();
    const result = await p.run("dev", {}, { claspCommand: [path.join(p.dir, "no-such-clasp")] });
    expect(result).toMatchObject({ ok: false, failed: "clasp-missing" });
    expect(result.message).toContain("npm ci");
  });

  test("the real clasp 3, never signed in on this machine, is recognised", async () => {
    const clasp = path.join(ROOT, "node_modules/.bin/clasp");
    const p = project();
    const home = mkdtempSync(path.join(tmpdir(), "deploy-home-"));
    mkdirSync(path.join(home, ".config"), { recursive: true });
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      USERPROFILE: home,
      XDG_CONFIG_HOME: path.join(home, ".config"),
    };
    const result = await p.run("dev", {}, { claspCommand: [clasp], env });
    expect(p.output.join("")).toContain("No credentials found.");
    expect(result).toMatchObject({ ok: false, failed: "push" });
    expect(result.message).toContain("npx clasp login");
  }, 30_000);
});

describe("success", () => {
  test.each([
    ["dev", DEV_ID],
    ["prod", PROD_ID],
  ] as const)(
    "%s: tests, build, then clasp -P .clasp-<target>.json push -f from the project folder",
    async (target, id) => {
      const p = project({
        dev: { scriptId: DEV_ID, rootDir: "dist" },
        prod: { scriptId: PROD_ID, rootDir: "dist" },
      });
      const result = await p.run(target, {
        stdout: "Pushed 2 files at 10:00:00.\n└─ dist/appsscript.json\n└─ dist/Code.js\n",
      });
      expect(result.ok).toBe(true);
      expect(result.message).toContain(`已推送到 ${target}（脚本 ${id}）`);
      expect([p.ran("tests"), p.ran("build")]).toEqual([true, true]);
      const calls = p.calls();
      expect(calls).toHaveLength(1);
      expect(calls[0]).toEqual({
        argv: ["-P", `.clasp-${target}.json`, "push", "-f"],
        cwd: p.dir,
        project: { scriptId: id, rootDir: "dist" },
        dist: ["Code.js", "appsscript.json"],
      });
    },
  );

  test("dev --skip-tests pushes without running the tests", async () => {
    const p = project();
    const result = await p.run("dev", {}, { skipTests: true, testCommand: p.testCommand(1) });
    expect(result.ok).toBe(true);
    expect([p.ran("tests"), p.ran("build"), p.calls().length]).toEqual([false, true, 1]);
  });

  test("prod refuses --skip-tests even when called directly", async () => {
    const p = project({ prod: { scriptId: PROD_ID, rootDir: "dist" } });
    const result = await p.run("prod", {}, { skipTests: true });
    expect(result).toMatchObject({ ok: false, failed: "arguments" });
    expect([p.ran("tests"), p.ran("build"), p.calls().length]).toEqual([false, false, 0]);
  });
});

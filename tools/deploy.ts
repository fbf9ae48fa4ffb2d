// `npm run deploy [-- dev|prod] [--skip-tests]`: tests, build, then `clasp push -f` to the dev or the
// prod script, with one line (Chinese / English) saying what to do when a step fails.
//
// Two script ids as google/aside does (.clasp-dev.json / .clasp-prod.json), but instead of copying
// the chosen file over .clasp.json we hand it to clasp 3 with `-P <file>`: clasp then takes rootDir
// ("dist") relative to that file and reads .claspignore next to it, and no tracked file is rewritten.
//
// Test hooks: every outside command (tests, build, clasp) is an option of `deploy()`, so a test can
// point them at fakes; the command line only lets `CLASP` name another clasp executable.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Target = "dev" | "prod";

export interface DeployOptions {
  target: Target;
  /** Dev only: push without running the tests first. */
  skipTests?: boolean;
  /** The repository: holds .clasp-<target>.json, and dist/ after the build. */
  root: string;
  /** Commands as argv arrays, run in `root`. */
  testCommand?: string[];
  buildCommand?: string[];
  claspCommand?: string[];
  /** Environment for the commands (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Where progress and the commands' output go (default: this process's stdout). */
  write?: (text: string) => void;
}

export interface DeployResult {
  ok: boolean;
  /** The one line (Chinese / English) that says what happened or what to do. */
  message: string;
  /** The step that failed, for tests and scripts. */
  failed?: "arguments" | "config" | "tests" | "build" | "clasp-missing" | "push";
  /** What clasp was asked to do, when it was run. */
  claspArgs?: string[];
}

export const configFile = (target: Target) => `.clasp-${target}.json`;

const SCRIPT_ID_WHERE = "表格 → 扩展程序 → Apps Script → 项目设置（齿轮）→ 脚本 ID";
const SCRIPT_ID_WHERE_EN = "spreadsheet → Extensions → Apps Script → Project Settings (gear) → Script ID";

/** Every line a person may read. Chinese first, then English, on one line. */
export const MESSAGES = {
  usage:
    "用法：npm run deploy [-- dev|prod] [--skip-tests]（默认 dev） / Usage: npm run deploy [-- dev|prod] [--skip-tests] (default dev)",
  skipTestsProd:
    "正式环境（prod）不能跳过测试：去掉 --skip-tests 再运行 / Tests cannot be skipped for prod: run again without --skip-tests",
  missingConfig: (file: string, target: Target) =>
    `缺少 ${file}：把 ${file}.example 复制为 ${file}，在 "scriptId" 填入${target === "prod" ? "正式" : "测试"}表格的脚本 ID（${SCRIPT_ID_WHERE}） / Missing ${file}: copy ${file}.example to ${file} and put the ${target} spreadsheet's script id in "scriptId" (${SCRIPT_ID_WHERE_EN})`,
  badJson: (file: string, error: string) =>
    `${file} 不是有效的 JSON（${error}）：对照 ${file}.example 修改 / ${file} is not valid JSON (${error}): compare it with ${file}.example`,
  noScriptId: (file: string) =>
    `${file} 里还没有脚本 ID：在 "scriptId" 填入脚本 ID（${SCRIPT_ID_WHERE}） / No script id in ${file} yet: put it in "scriptId" (${SCRIPT_ID_WHERE_EN})`,
  urlAsScriptId: (file: string, id: string) =>
    `${file} 的 "scriptId" 填的是网址：只填 ID 本身，即 ${id} / "scriptId" in ${file} is a URL: put only the id, ${id}`,
  badScriptId: (file: string) =>
    `${file} 的 "scriptId" 格式不对（只应含字母、数字、- 和 _）：重新复制（${SCRIPT_ID_WHERE}） / "scriptId" in ${file} is malformed (letters, digits, - and _ only): copy it again (${SCRIPT_ID_WHERE_EN})`,
  badRootDir: (file: string) =>
    `${file} 的 "rootDir" 必须是 "dist"（推送的是构建结果） / "rootDir" in ${file} must be "dist" (the build is what gets pushed)`,
  testsFailed:
    "测试未通过，没有推送任何内容：先修好上面报告的问题 / Tests failed, nothing was pushed: fix what is reported above first",
  buildFailed:
    "构建失败，没有推送任何内容：见上面的错误信息 / The build failed, nothing was pushed: see the error above",
  buildEmpty:
    "构建后找不到 dist/Code.js 或 dist/appsscript.json，没有推送：运行 npm run build 检查 / dist/Code.js or dist/appsscript.json is missing after the build, nothing was pushed: run npm run build to check",
  claspMissing:
    "找不到 clasp：先在本目录运行 npm ci / clasp is not installed: run npm ci in this folder first",
  notLoggedIn:
    "clasp 还没有登录 Google：运行 npx clasp login（每台电脑一次），再运行 npm run deploy / clasp is not signed in to Google: run npx clasp login (once per computer), then npm run deploy again",
  apiOff:
    "Google 账号的 Apps Script API 未开启：打开 https://script.google.com/home/usersettings 把 “Google Apps Script API” 设为开启，等几分钟再运行 / The Apps Script API is off for this Google account: open https://script.google.com/home/usersettings, turn “Google Apps Script API” on, wait a few minutes and run again",
  scriptNotFound: (file: string) =>
    `找不到这个脚本（脚本 ID 不对，或当前登录的账号打不开它）：从 ${SCRIPT_ID_WHERE} 重新复制到 ${file} 的 "scriptId"，并用表格所有者的账号登录 / Script not found (wrong script id, or the signed-in account cannot open it): copy it again from ${SCRIPT_ID_WHERE_EN} into "scriptId" in ${file}, and sign in as the spreadsheet's owner`,
  noPermission:
    "当前登录的账号无权修改这个脚本：运行 npx clasp logout，再用表格所有者的账号 npx clasp login / The signed-in account may not edit this script: run npx clasp logout, then npx clasp login as the spreadsheet's owner",
  pushFailed:
    "推送失败，见上面 clasp 的信息；修好后再运行 npm run deploy / The push failed, see clasp's message above; fix it and run npm run deploy again",
  pushed: (target: Target, scriptId: string) =>
    `已推送到 ${target}（脚本 ${scriptId}）：刷新表格，运行菜单 专项整治 → 初始化/更新 / Pushed to ${target} (script ${scriptId}): reload the spreadsheet and run 专项整治 → 初始化/更新`,
} as const;

/**
 * What clasp 3 prints when a push fails, and the line that says what to do. clasp prints the error's
 * message to stderr and exits 1 (node_modules/@google/clasp/build/src/index.js); for an API failure
 * the message is Google's own (core/utils.js handleApiError takes `errors[0].message`).
 */
export const CLASP_FAILURES: Array<{ pattern: RegExp; message: (file: string) => string }> = [
  // clasp 3 core/utils.ts assertAuthenticated: `throw new Error('No credentials found.')`; checked
  // against the real clasp 3.4.1 in test/tools/deploy.test.ts. "invalid_grant" is the OAuth token
  // endpoint refusing a revoked or expired sign-in (google/clasp#35).
  { pattern: /No credentials found|invalid_grant/i, message: () => MESSAGES.notLoggedIn },
  // Google's 403 for an account whose Apps Script API is off, as clasp shows it (google/clasp#256,
  // #973; #1128 for clasp 3 in 2026): "User has not enabled the Apps Script API. Enable it by visiting
  // https://script.google.com/home/usersettings then retry. ..."
  { pattern: /has not enabled the Apps Script API/i, message: () => MESSAGES.apiOff },
  // A script id that names no script the account can open. Google's 404 text, which clasp 3 passes on
  // ("Requested entity was not found."); clasp 2 said "Could not find script." (google/clasp#803);
  // clasp 3 says "Project settings not found." when the project file has no scriptId, "Invalid script
  // ID" when cloning one that does not exist (test/commands/clone-script.ts), and "Invalid --project
  // path" when the -P file is missing (core/clasp.ts findProjectRootDir).
  {
    pattern:
      /Requested entity was not found|Could not find script|Project settings not found|Invalid script ID|Invalid --project path/i,
    message: (file) => MESSAGES.scriptNotFound(file),
  },
  // Google's 403 when the signed-in account has no edit access (google/clasp#600).
  { pattern: /The caller does not have permission/i, message: () => MESSAGES.noPermission },
];

export function explainClaspFailure(output: string, file: string): string {
  return CLASP_FAILURES.find((f) => f.pattern.test(output))?.message(file) ?? MESSAGES.pushFailed;
}

/** Reads and checks .clasp-<target>.json; the script id, or the line that says what to fix. */
export function readConfig(root: string, target: Target): { scriptId: string } | { error: string } {
  const file = configFile(target);
  const full = path.join(root, file);
  if (!existsSync(full)) return { error: MESSAGES.missingConfig(file, target) };
  let config: { scriptId?: unknown; rootDir?: unknown };
  try {
    config = JSON.parse(readFileSync(full, "utf8")) as typeof config;
  } catch (e) {
    return { error: MESSAGES.badJson(file, (e as Error).message) };
  }
  const scriptId = typeof config.scriptId === "string" ? config.scriptId.trim() : "";
  // The example files hold REPLACE_WITH_… placeholders.
  if (!scriptId || /^REPLACE_WITH/.test(scriptId)) return { error: MESSAGES.noScriptId(file) };
  const fromUrl = /\/(?:d|projects)\/([\w-]{10,})/.exec(scriptId)?.[1];
  if (fromUrl) return { error: MESSAGES.urlAsScriptId(file, fromUrl) };
  if (!/^[\w-]+$/.test(scriptId)) return { error: MESSAGES.badScriptId(file) };
  const rootDir = typeof config.rootDir === "string" ? path.normalize(config.rootDir) : "";
  if (rootDir.replace(/[\\/]+$/, "") !== "dist") return { error: MESSAGES.badRootDir(file) };
  return { scriptId };
}

/** Parses `[dev|prod] [--skip-tests]`. */
export function parseArgs(argv: string[]): { target: Target; skipTests: boolean } | { error: string } {
  const skipTests = argv.includes("--skip-tests");
  const rest = argv.filter((a) => a !== "--skip-tests");
  if (rest.length > 1 || (rest[0] !== undefined && rest[0] !== "dev" && rest[0] !== "prod"))
    return { error: MESSAGES.usage };
  const target = (rest[0] ?? "dev") as Target;
  if (skipTests && target === "prod") return { error: MESSAGES.skipTestsProd };
  return { target, skipTests };
}

interface Ran {
  code: number | null;
  output: string;
  /** The command could not be started (ENOENT and the like). */
  spawnError?: NodeJS.ErrnoException;
}

/** Runs a command, passing its output on as it comes, and keeps the output for reading. */
function run(
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  write: (text: string) => void,
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ["inherit", "pipe", "pipe"] });
    let output = "";
    const take = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      write(text);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", (spawnError: NodeJS.ErrnoException) => resolve({ code: null, output, spawnError }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const { target, root } = options;
  const env = options.env ?? process.env;
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const say = (line: string) => write(`${line}\n`);
  const fail = (failed: DeployResult["failed"], message: string, claspArgs?: string[]): DeployResult => {
    say(`✗ ${message}`);
    return { ok: false, failed, message, claspArgs };
  };

  if (options.skipTests && target === "prod") return fail("arguments", MESSAGES.skipTestsProd);
  const file = configFile(target);
  const config = readConfig(root, target);
  if ("error" in config) return fail("config", config.error);

  if (options.skipTests) say("跳过测试（仅限 dev） / Skipping the tests (dev only)");
  else {
    const testCommand = options.testCommand ?? ["npm", "test"];
    say(`▶ 运行测试 / Running the tests: ${testCommand.join(" ")}`);
    const tests = await run(testCommand, root, env, write);
    if (tests.code !== 0) return fail("tests", MESSAGES.testsFailed);
  }

  const buildCommand = options.buildCommand ?? [process.execPath, "esbuild.config.mjs"];
  say(`▶ 构建 / Building: ${buildCommand.join(" ")}`);
  const built = await run(buildCommand, root, env, write);
  if (built.code !== 0) return fail("build", MESSAGES.buildFailed);
  if (!["Code.js", "appsscript.json"].every((f) => existsSync(path.join(root, "dist", f))))
    return fail("build", MESSAGES.buildEmpty);

  const clasp = options.claspCommand ?? [path.join(root, "node_modules", ".bin", "clasp")];
  // -f: without it clasp 3 skips a changed appsscript.json when nobody can answer its prompt
  // (commands/push.js confirmManifestUpdate returns false when not interactive).
  const claspArgs = ["-P", file, "push", "-f"];
  say(`▶ 推送到 ${target} / Pushing to ${target}: clasp ${claspArgs.join(" ")}`);
  const pushed = await run([...clasp, ...claspArgs], root, env, write);
  if (pushed.spawnError) return fail("clasp-missing", MESSAGES.claspMissing, claspArgs);
  if (pushed.code !== 0) return fail("push", explainClaspFailure(pushed.output, file), claspArgs);
  const message = MESSAGES.pushed(target, config.scriptId);
  say(`✓ ${message}`);
  return { ok: true, message, claspArgs };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(`✗ ${args.error}`);
    return 2;
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const result = await deploy({
    ...args,
    root,
    claspCommand: process.env.CLASP ? [process.env.CLASP] : undefined,
  });
  return result.ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error((e as Error).stack ?? String(e));
      process.exit(1);
    },
  );
}

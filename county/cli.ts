// County tools (Node, googleapis): roll the ledger out to townships, and roll their ledgers up.
//   npm run county -- rollout <townships.csv> --template <spreadsheetId> [--registry county-registry.json]
//   npm run county -- rollup <registry.json> [--out county.xlsx] [--html county.html] [--sheet <countySpreadsheetId>]
//   npm run county -- rollup --from-xlsx <dir> [--out county.xlsx] [--html county.html]
// Sign-in: see county/google.ts and README "County tools". --root-url points the clients elsewhere (tests).
import { readFileSync, writeFileSync } from "node:fs";
import { google } from "googleapis";
import { clients, signIn, type Auth, type Purpose } from "./google";
import { loadRegistry, readTownships, saveRegistry } from "./registry";
import { rollout } from "./rollout";
import {
  countyBlock,
  countyHtml,
  countyTables,
  readFromGoogle,
  readFromXlsx,
  writeToSpreadsheet,
  writeXlsx,
} from "./rollup";

const USAGE = `Usage:
  npm run county -- rollout <townships.csv> --template <spreadsheetId> [--registry county-registry.json]
  npm run county -- rollup <registry.json> [--out county.xlsx] [--html county.html] [--sheet <countySpreadsheetId>]
  npm run county -- rollup --from-xlsx <dir> [--out county.xlsx] [--html county.html]`;

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function auth(argv: string[], purpose: Purpose): Promise<Auth> {
  // For the local test server: a fixed access token, no Google sign-in.
  if (option(argv, "root-url")) {
    const o = new google.auth.OAuth2();
    o.setCredentials({ access_token: process.env.COUNTY_TEST_TOKEN ?? "test-token" });
    return o;
  }
  return signIn(purpose);
}

const countyTitle = (today: string) => `县级校外培训及托管机构排查整治汇总表（截至 ${today}）`;

export async function main(argv: string[]): Promise<number> {
  const [command, target] = argv;
  const log = (s: string) => console.log(s);
  const today =
    option(argv, "today") ??
    new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
  if (command === "rollout" && target) {
    const registryPath = option(argv, "registry") ?? "county-registry.json";
    const template = option(argv, "template") ?? loadRegistry(registryPath)?.template;
    if (!template) {
      console.error(
        "rollout needs --template <spreadsheetId> (the ledger spreadsheet with its bound script) the first time.",
      );
      return 2;
    }
    const rows = readTownships(readFileSync(target, "utf8"));
    const registry = loadRegistry(registryPath) ?? { template, townships: [] };
    registry.template = template;
    saveRegistry(registryPath, registry);
    const c = clients(await auth(argv, "rollout"), option(argv, "root-url"));
    const done = await rollout(c, registry, rows, {
      registryPath,
      log,
      retry: option(argv, "root-url") ? { baseMs: 5 } : undefined,
    });
    const failed = done.townships.filter((t) => t.error);
    log(
      `完成 ${done.townships.length - failed.length}/${done.townships.length}，登记表：${registryPath}${failed.length ? `；失败：${failed.map((t) => t.name).join("、")}（再次运行可继续）` : ""}`,
    );
    return failed.length ? 1 : 0;
  }
  if (command === "rollup") {
    const fromXlsx = option(argv, "from-xlsx");
    let ledgers;
    if (fromXlsx) ledgers = await readFromXlsx(fromXlsx, today);
    else if (target && !target.startsWith("--")) {
      const registry = loadRegistry(target);
      if (!registry) {
        console.error(`No registry at ${target}.`);
        return 2;
      }
      const c = clients(
        await auth(argv, option(argv, "sheet") ? "rollupToSheet" : "rollup"),
        option(argv, "root-url"),
      );
      ledgers = await readFromGoogle(c, registry, today, {
        log,
        retry: option(argv, "root-url") ? { baseMs: 5 } : undefined,
      });
      const sheet = option(argv, "sheet");
      if (sheet) await writeToSpreadsheet(c, sheet, countyBlock(countyTables(ledgers), countyTitle(today)));
    } else {
      console.error(USAGE);
      return 2;
    }
    const tables = countyTables(ledgers);
    const title = countyTitle(today);
    const out = option(argv, "out") ?? "county.xlsx";
    await writeXlsx(countyBlock(tables, title), out);
    const html = option(argv, "html") ?? out.replace(/\.xlsx$/i, ".html");
    writeFileSync(html, countyHtml(tables, title));
    log(
      `汇总 ${tables.byTownship.length} 个乡镇：问题 ${tables.total.findings}，已销号 ${tables.total.closed}，整改率 ${tables.total.rate === null ? "—" : (tables.total.rate * 100).toFixed(1) + "%"}，逾期 ${tables.total.overdue}。写入 ${out}、${html}`,
    );
    for (const u of tables.unreadable) log(`未能读取：${u.name}（${u.reason}）`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

if (process.argv[1] && /county[\\/]cli\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error((e as Error).message ?? String(e));
      process.exit(1);
    },
  );
}

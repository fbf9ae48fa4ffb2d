// The county roll-up at scale for npm run bench: 30 townships × 2,000 findings read through the real
// googleapis client from the local fake of the Sheets API.
import { performance } from "node:perf_hooks";
import { google } from "googleapis";
import { FakeGoogle } from "./fake-google";
import { clients } from "../county/google";
import { countyTables, readFromGoogle } from "../county/rollup";
import { HEADERS } from "../src/text/zh";

export async function rollupBench(
  townships = 30,
  findingsEach = 2_000,
): Promise<{ townships: number; findingsEach: number; ms: number; requests: number; findings: number }> {
  const server = new FakeGoogle();
  await server.start();
  try {
    const reg = Object.values(HEADERS.register);
    const fin = Object.values(HEADERS.findings);
    const ins = Object.values(HEADERS.inspections);
    for (let t = 0; t < townships; t++) {
      const register = [
        reg,
        ...Array.from({ length: 80 }, (_, i) =>
          reg.map(
            (h) =>
              ({
                机构编号: `R${String(i + 1).padStart(4, "0")}`,
                机构名称: `机构${i}`,
                类型: "校外培训机构",
                "村/社区": `村${i % 10}`,
                证照状况: i % 5 ? "证照齐全" : "有照无证",
              })[h as "机构编号"] ?? "",
          ),
        ),
      ];
      const findings = [
        fin,
        ...Array.from({ length: findingsEach }, (_, i) =>
          fin.map(
            (h) =>
              ({
                问题编号: `JC20260301-${String(Math.floor(i / 5) + 1).padStart(3, "0")}-${String((i % 5) + 1).padStart(2, "0")}`,
                机构编号: `R${String((i % 80) + 1).padStart(4, "0")}`,
                类别: i % 3 ? "二类 限期整改" : "一类 立即整改",
                状态: i % 2 ? "已销号" : "待整改",
                牵头部门: "消防",
                发现日期: "2026-03-01",
                整改期限: i % 4 ? "2026-04-30" : "2026-03-10",
              })[h as "问题编号"] ?? "",
          ),
        ),
      ];
      const inspections = [
        ins,
        ...Array.from({ length: 80 }, (_, i) =>
          ins.map(
            (h) =>
              ({
                检查编号: `JC20260301-${String(i + 1).padStart(3, "0")}`,
                机构编号: `R${String(i + 1).padStart(4, "0")}`,
                检查表: "training",
                检查日期: "2026-03-01",
              })[h as "检查编号"] ?? "",
          ),
        ),
      ];
      server.addFile(`t${t}`, `乡镇${t}`, { 机构名录: register, 问题台账: findings, 检查记录: inspections });
    }
    const auth = new google.auth.OAuth2();
    auth.setCredentials({ access_token: "test-token" });
    const registry = {
      template: "",
      townships: Array.from({ length: townships }, (_, t) => ({
        name: `乡镇${t}`,
        coordinator: "",
        villages: [],
        spreadsheetId: `t${t}`,
      })),
    };
    const started = performance.now();
    const ledgers = await readFromGoogle(clients(auth, server.url), registry, "2026-03-20");
    const tables = countyTables(ledgers);
    const ms = performance.now() - started;
    return { townships, findingsEach, ms, requests: server.requests.length, findings: tables.total.findings };
  } finally {
    await server.stop();
  }
}

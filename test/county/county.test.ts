// The county tools with the real googleapis client against a local server on 127.0.0.1.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Runtime } from "../../sim/runtime";
import { displayValue } from "../../sim/values";
import { formatDate } from "../../sim/format-date";
import { spreadsheetToXlsx } from "../../sim/export";
import { submitInspection } from "../../sim/township";
import { main } from "../../county/cli";
import { FakeGoogle } from "../../sim/fake-google";
import { township } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);

let google: FakeGoogle;
let dir: string;
let logs: string[];
beforeEach(async () => {
  google = new FakeGoogle();
  await google.start();
  dir = mkdtempSync(path.join(tmpdir(), "county-"));
  logs = [];
  jest.spyOn(console, "log").mockImplementation((s: string) => void logs.push(s));
  jest.spyOn(console, "error").mockImplementation((s: string) => void logs.push(s));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await google.stop();
});

const CSV =
  '乡镇,协调员邮箱,村/社区\n西夏墅镇,a@township.example.cn,东村、西村\n罗溪镇,b@township.example.cn,"南村、北村"\n孝都镇,c@township.example.cn,新桥村\n';

describe("rollout", () => {
  test("copies the template, shares it, writes the settings and records each township", async () => {
    google.addFile("template", "台账模板");
    google.faults = [
      { method: "POST", path: /\/copy$/, status: 429, times: 1 },
      { method: "POST", path: /\/copy$/, status: 500, times: 1 },
    ];
    const csv = path.join(dir, "townships.csv");
    writeFileSync(csv, CSV);
    const registry = path.join(dir, "registry.json");
    const code = await main([
      "rollout",
      csv,
      "--template",
      "template",
      "--registry",
      registry,
      "--root-url",
      google.url,
    ]);
    expect(code).toBe(0);
    const reg = JSON.parse(readFileSync(registry, "utf8")) as {
      townships: Array<{
        name: string;
        spreadsheetId: string;
        url: string;
        shared: boolean;
        configured: boolean;
      }>;
    };
    expect(reg.townships.map((t) => [t.name, t.shared, t.configured])).toEqual([
      ["西夏墅镇", true, true],
      ["罗溪镇", true, true],
      ["孝都镇", true, true],
    ]);
    expect(google.count("POST", /\/copy$/)).toBe(3);
    expect(google.requests.filter((r) => /\/copy$/.test(r.path)).map((r) => r.status)).toEqual([
      429, 500, 200, 200, 200,
    ]);
    const first = google.files.get(reg.townships[0]!.spreadsheetId)!;
    expect(first.name).toBe("西夏墅镇专项整治台账");
    expect(first.permissions.map((p) => [p.emailAddress, p.role])).toContainEqual([
      "a@township.example.cn",
      "writer",
    ]);
    expect(
      first.sheets
        .get("配置")!
        .slice(0, 4)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ["项目", "值"],
      ["乡镇名称", "西夏墅镇"],
      ["村/社区（用顿号或逗号分隔）", "东村、西村"],
      ["协调员邮箱", "a@township.example.cn"],
    ]);
    expect(logs.some((l) => l.startsWith("[1/3] 西夏墅镇：复制台账模板"))).toBe(true);

    // Again: nothing is copied twice; a share removed by hand is put back.
    first.permissions = first.permissions.filter((p) => p.emailAddress !== "a@township.example.cn");
    const copies = google.count("POST", /\/copy$/);
    expect(await main(["rollout", csv, "--registry", registry, "--root-url", google.url])).toBe(0);
    expect(google.count("POST", /\/copy$/)).toBe(copies);
    expect(google.count("POST", /\/permissions$/)).toBe(4);
    expect(first.permissions.map((p) => p.emailAddress)).toContain("a@township.example.cn");
  });

  test("a failure half-way is reported with the township and the API's message, and the next run resumes", async () => {
    google.addFile("template", "台账模板");
    google.faults = [{ method: "POST", path: /\/permissions$/, status: 500, times: 5 }];
    const csv = path.join(dir, "townships.csv");
    writeFileSync(csv, CSV);
    const registry = path.join(dir, "registry.json");
    expect(
      await main([
        "rollout",
        csv,
        "--template",
        "template",
        "--registry",
        registry,
        "--root-url",
        google.url,
      ]),
    ).toBe(1);
    expect(logs).toContain("[1/3] 西夏墅镇：失败：Internal error encountered.");
    const reg = JSON.parse(readFileSync(registry, "utf8")) as {
      townships: Array<{ name: string; spreadsheetId?: string; error?: string; configured?: boolean }>;
    };
    expect(reg.townships[0]).toMatchObject({ name: "西夏墅镇", error: "Internal error encountered." });
    expect(reg.townships[0]!.spreadsheetId).toBeTruthy();
    expect(reg.townships[1]).toMatchObject({ name: "罗溪镇", configured: true });
    expect(await main(["rollout", csv, "--registry", registry, "--root-url", google.url])).toBe(0);
    expect(google.count("POST", /\/copy$/)).toBe(3); // the first township was not copied again
    const again = JSON.parse(readFileSync(registry, "utf8")) as {
      townships: Array<{ error?: string; configured?: boolean }>;
    };
    expect(again.townships.every((t) => t.configured && !t.error)).toBe(true);
  });
});

/** A township's ledger as the Sheets API returns it (FORMATTED_VALUE): every cell as displayed. */
function displayed(rt: Runtime, name: string): string[][] {
  const s = rt.sheet(name);
  return Array.from({ length: s._lastRow() }, (_, r) =>
    Array.from({ length: s._lastColumn() }, (_, c) =>
      displayValue(s._get(r + 1, c + 1), s._metaAt(r + 1, c + 1)?.numberFormat, "Asia/Shanghai", formatDate),
    ),
  );
}

describe("rollup", () => {
  test("one batchGet per township, retries on 429, the county table equals the townships' own totals, an unreadable one is listed", async () => {
    const townships = [township(at("2026-03-02T09:00:00")), township(at("2026-03-02T09:00:00"))];
    const team = { date: "2026-03-02", departments: ["教育"], inspectors: ["张三", "李四"] };
    submitInspection(townships[0]!, "training", {
      institution: "R0001",
      ...team,
      results: { "FIRE-01": "fail", "FIRE-02": "fail" },
      classes: { "FIRE-01": "I", "FIRE-02": "II" },
      responsible: "甲",
      interim: "乙",
    });
    submitInspection(townships[1]!, "meal", {
      institution: "R0003",
      ...team,
      results: { "FOOD-01": "fail" },
      classes: { "FOOD-01": "I-fixed" },
    });
    submitInspection(townships[1]!, "training", { institution: "R0001", ...team });
    for (const rt of townships) {
      rt.advanceTo(at("2026-03-05T10:00:00"));
      rt.clickMenu("sendSummary");
    }
    townships.forEach((rt, i) =>
      google.addFile(`t${i}`, `乡镇${i}`, {
        机构名录: displayed(rt, "机构名录"),
        问题台账: displayed(rt, "问题台账"),
        检查记录: displayed(rt, "检查记录"),
      }),
    );
    google.faults = [{ method: "GET", path: /values:batchGet$/, status: 429, times: 1 }];
    const registry = path.join(dir, "registry.json");
    writeFileSync(
      registry,
      JSON.stringify({
        template: "template",
        townships: [
          { name: "甲镇", spreadsheetId: "t0" },
          { name: "乙镇", spreadsheetId: "t1" },
          { name: "丙镇", spreadsheetId: "gone" },
        ],
      }),
    );
    google.addFile("county", "县级汇总");
    const out = path.join(dir, "county.xlsx");
    expect(
      await main([
        "rollup",
        registry,
        "--out",
        out,
        "--sheet",
        "county",
        "--today",
        "2026-03-05",
        "--root-url",
        google.url,
      ]),
    ).toBe(0);
    // One successful batchGet per readable township; the 429 was retried.
    expect(google.count("GET", /values:batchGet$/)).toBe(2);
    expect(google.requests.filter((r) => /values:batchGet$/.test(r.path)).length).toBe(4);
    expect(google.requests.find((r) => /values:batchGet$/.test(r.path))!.query.getAll("ranges")).toEqual([
      "机构名录",
      "问题台账",
      "检查记录",
    ]);

    const county = google.files.get("county")!.sheets.get("县级汇总")!;
    const row = (label: string) => county.find((r) => r[0] === label)!;
    // Each township's row is its own 汇总 total row, as the township's sheet shows it (its 整改率 is a
    // number formatted 0.0%).
    for (const [i, name] of ["甲镇", "乙镇"].entries()) {
      const total = displayed(townships[i]!, "汇总").find((r) => r[0] === "合计")!;
      expect(row(name).slice(1, 16)).toEqual(total.slice(1, 16));
    }
    // And by hand (排查 齐全 有照无证 有证无照 无证无照 超范围 问题 立即 限期 无法 销号 整改率 逾期 关停 登记备案;
    // 有证无照, issue 15, is the fourth figure):
    // 甲镇 inspected R0001 (licences complete): FIRE-01 一类, due 2 March, overdue by the 5th; FIRE-02 二类.
    // 乙镇 inspected R0003 (FOOD-01 一类 fixed on the spot: signed off) and R0001 (no problem).
    expect(row("甲镇").slice(1, 16)).toEqual([
      "1",
      "1",
      "0",
      "0",
      "0",
      "0",
      "2",
      "1",
      "1",
      "0",
      "0",
      "0.0%",
      "1",
      "0",
      "0",
    ]);
    expect(row("乙镇").slice(1, 16)).toEqual([
      "2",
      "2",
      "0",
      "0",
      "0",
      "0",
      "1",
      "1",
      "0",
      "0",
      "1",
      "100.0%",
      "0",
      "0",
      "0",
    ]);
    expect(row("合计").slice(1, 16)).toEqual([
      "3",
      "3",
      "0",
      "0",
      "0",
      "0",
      "3",
      "2",
      "1",
      "0",
      "1",
      "33.3%",
      "1",
      "0",
      "0",
    ]);
    expect(
      county.some(
        (r) => r[0] === "丙镇" && /无法读取：404 Requested entity was not found\./.test(r[1] ?? ""),
      ),
    ).toBe(true);
    const html = readFileSync(out.replace(/\.xlsx$/, ".html"), "utf8");
    expect(html).toContain("整改率排名");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("县级汇总")!.getCell("A1").text).toContain("县级校外培训及托管机构排查整治汇总表");
    expect(logs).toContain("未能读取：丙镇（无法读取：404 Requested entity was not found.）");

    // The same roll-up over ledgers sent as .xlsx files.
    const xdir = mkdtempSync(path.join(tmpdir(), "county-xlsx-"));
    await spreadsheetToXlsx(townships[0]!.spreadsheet, path.join(xdir, "甲镇专项整治台账.xlsx"));
    await spreadsheetToXlsx(townships[1]!.spreadsheet, path.join(xdir, "乙镇专项整治台账.xlsx"));
    const out2 = path.join(dir, "county2.xlsx");
    expect(await main(["rollup", "--from-xlsx", xdir, "--out", out2, "--today", "2026-03-05"])).toBe(0);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(out2);
    const ws = wb2.getWorksheet("县级汇总")!;
    const totals: string[] = [];
    ws.eachRow((r) => {
      if (r.getCell(1).text === "合计" && !totals.length)
        for (let c = 2; c <= 16; c++) totals.push(r.getCell(c).text);
    });
    expect(totals).toEqual(["3", "3", "0", "0", "0", "0", "3", "2", "1", "0", "1", "33.3%", "1", "0", "0"]);
  }, 60_000);
});

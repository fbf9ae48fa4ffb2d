// The CLI end to end: a scenario file played through the runtime writes the ledger and the mails.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { ROOT, build } from "../helpers/build";

const tsx = path.join(ROOT, "node_modules/.bin/tsx");
const run = (...args: string[]) =>
  spawnSync(tsx, [path.join(ROOT, "sim/cli.ts"), ...args], { cwd: ROOT, encoding: "utf8" });

beforeAll(() => {
  expect(build().status).toBe(0);
});

test("a small scenario writes the ledger (xlsx + JSON), the mails, the notices and the run log", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "sim-out-"));
  const r = run(path.join(ROOT, "test/fixtures/scenario-small.json"), "--out", out);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("Written to");
  for (const f of ["ledger.xlsx", "runs.tsv", "sheets", "mails", "notices"])
    expect([f, existsSync(path.join(out, f))]).toEqual([f, true]);

  const findings = JSON.parse(
    readFileSync(
      path.join(
        out,
        "sheets",
        readdirSync(path.join(out, "sheets")).find((f) => f.includes("问题台账"))!,
      ),
      "utf8",
    ),
  ) as { rows: unknown[][] };
  const header = findings.rows[0] as string[];
  const byId = Object.fromEntries(
    findings.rows.slice(1).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]),
  );
  expect(byId["JC20260302-001-02"]).toMatchObject({
    检查项编码: "FIRE-02",
    状态: "已销号",
    复查记录: "2026-03-06 复查通过（JC20260306-001；赵六、王五）",
  });
  expect(byId["JC20260302-001-01"]).toMatchObject({ 检查项编码: "FIRE-01", 状态: "待整改" });
  expect(byId["JC20260302-002-01"]).toMatchObject({ 状态: "已销号", 机构名称: "无名午托点" });

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, "ledger.xlsx"));
  const ws = wb.getWorksheet("问题台账")!;
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(ws.getCell("A1").font?.bold).toBe(true);
  const statusCol = header.indexOf("状态") + 1;
  expect(ws.getCell(2, statusCol).dataValidation).toMatchObject({
    type: "list",
    formulae: ['"待整改,已整改待复查,已销号"'],
  });
  const fills = [2, 3, 4].map(
    (r) => (ws.getCell(r, 1).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb,
  );
  expect(fills).toContain("FFF4C7C3"); // FIRE-01 (一类, due 03-02) is overdue: red
  expect(fills).toContain("FFE0E0E0"); // signed off: grey
  expect(wb.worksheets.map((w) => w.name)).toEqual(
    expect.arrayContaining(["机构名录", "检查记录", "问题台账", "待核实", "抽查记录", "公示", "汇总"]),
  );

  const runs = readFileSync(path.join(out, "runs.tsv"), "utf8").split("\n");
  expect(runs[0]).toBe("time\tfunction\tkind\tuser\tsheets_calls\tall_calls\tmodelled_ms\terror");
  expect(runs.filter((l) => l.includes("\thandleFormSubmit\t")).length).toBeGreaterThanOrEqual(3);
  expect(readdirSync(path.join(out, "notices")).filter((f) => f.endsWith(".pdf"))).toEqual([
    "JC20260302-001 整改通知书 阳光培训学校.pdf",
  ]);
  expect(readdirSync(path.join(out, "mails")).some((f) => f.endsWith(".html"))).toBe(true);
}, 60_000);

test("a mistake in a scenario is named by event and field", () => {
  const bad = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/scenario-small.json"), "utf8")) as {
    events: Array<Record<string, unknown>>;
  };
  (bad.events[0]!.answers as Record<string, unknown>).date = "3月2日";
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sim-bad-")), "bad.json");
  writeFileSync(file, JSON.stringify(bad));
  const r = run(file, "--out", path.dirname(file));
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("events[0].answers.date: must be a date like 2026-03-02");
});

test("an event the ledger cannot follow names the event", () => {
  const bad = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/scenario-small.json"), "utf8")) as {
    events: Array<Record<string, unknown>>;
  };
  bad.events[2]!.item = "FOOD-01";
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sim-bad-")), "bad.json");
  writeFileSync(file, JSON.stringify(bad));
  const r = run(file, "--out", path.dirname(file));
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(
    "events[2] (reportFixed at 2026-03-05T15:00:00+08:00).item: R0001 has no open finding for item FOOD-01",
  );
});

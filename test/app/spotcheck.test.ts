// 抽查 through the menu in the local runtime: the draw is recorded with everything needed to re-check
// it, the bundle's draw equals the one Node computes from the published snapshot, and verification
// catches a tampered snapshot.
import { createHash } from "node:crypto";
import type { Runtime } from "../../sim/runtime";
import { generateTownship } from "../../sim/demo";
import { seedRegister, setSettings, submitInspection } from "../../sim/township";
import { bundle } from "../helpers/build";
import { snapshot } from "../helpers/snapshot";
import { rows, township } from "../helpers/township";

const SEED = "08 15 23 31 42 + 07";

function buildBigTownship(): Runtime {
  const rt = township();
  const town = generateTownship(7);
  setSettings(rt, {
    "村/社区（用顿号或逗号分隔）": [
      "东村",
      "西村",
      "南村",
      ...new Set(town.institutions.map((i) => i.village)),
    ].join("、"),
  });
  rt.clickMenu("setup");
  seedRegister(rt, town.institutions.slice(0, 46));
  rt.clickMenu("setup");
  return rt;
}

/** 50 institutions, built once per worker; each call returns a copy of its own (test/helpers/snapshot.ts). */
const bigTownship = snapshot(buildBigTownship, bundle);

function draw(rt: Runtime, seed = SEED, lookback = false) {
  rt.ctx.dialogAnswers.push({ button: "OK", text: seed }, { button: lookback ? "YES" : "NO" });
  rt.clickMenu("drawSpotCheck");
}

describe("a regular draw", () => {
  // Each test starts from its own copy of the township just after the draw (some tests change it).
  const drawn = snapshot(() => {
    const rt = bigTownship();
    draw(rt);
    return rt;
  }, bundle);
  let rt: Runtime;
  beforeEach(() => {
    rt = drawn();
  });

  test("records the draw: seed, register hash, parameters, method, and each institution with its inspectors and link", () => {
    const records = rows(rt, "抽查记录");
    expect(records.length).toBeGreaterThanOrEqual(5); // at least 10% of 50
    const first = records[0]!;
    expect(first).toMatchObject({
      抽查编号: "CC20260302-1",
      模式: "常规抽查",
      随机种子: SEED,
      方法: "draw-v1 (Rivest SHA-256 sampler)",
    });
    expect(String(first["名录哈希"])).toMatch(/^[0-9a-f]{64}$/);
    for (const r of records) {
      expect(String(r["检查人员"]).split("、")).toHaveLength(2);
      expect(String(r["预填检查链接"])).toContain("viewform?usp=pp_url");
    }
    expect(rt.ui.at(-1)!.message).toMatch(/^抽查 CC20260302-1 完成：从 50 家中抽取 \d+ 家/);
  });

  test("the published snapshot hashes to the recorded register hash", () => {
    const snapshot = rows(rt, "抽查快照").map((r) => String(r["内容"]));
    expect(snapshot[0]).toBe("draw-v1 (Rivest SHA-256 sampler)");
    // Anyone can check the hash with any SHA-256 tool: here Node's, over the lines joined by newlines.
    const hash = createHash("sha256").update(snapshot.join("\n"), "utf8").digest("hex");
    expect(rows(rt, "抽查记录").map((r) => r["名录哈希"])).toEqual(rows(rt, "抽查记录").map(() => hash));
  });

  test("publishes a notice with the seed, the hash and the list", () => {
    const notice = String(rows(rt, "公示")[0]!["公示内容"]);
    expect(notice).toContain("西夏墅镇校外培训及托管机构“双随机”常规抽查公示");
    expect(notice).toContain(`公开随机种子“${SEED}”`);
    expect(notice).toContain(String(rows(rt, "抽查记录")[0]!["名录哈希"]));
  });

  test("复核抽查 recomputes it and says it matches; a tampered snapshot is caught", () => {
    rt.ctx.dialogAnswers.push({ button: "OK", text: "" });
    rt.clickMenu("verifySpotCheck");
    expect(rt.ui.at(-1)!.message).toBe(
      "抽查 CC20260302-1 复核一致：名录哈希、抽中机构和检查人员均与记录相同。",
    );
    const snap = rt.sheet("抽查快照");
    snap._set(5, 3, String(snap._get(5, 3)).replace("|B|", "|D|"));
    rt.ctx.dialogAnswers.push({ button: "OK", text: "CC20260302-1" });
    rt.clickMenu("verifySpotCheck");
    expect(rt.ui.at(-1)!.message).toBe(
      "抽查 CC20260302-1 复核不一致：名录快照的哈希与记录不符（快照被改动）",
    );
  });

  test("the follow-up inspections link back to the draw, and the results notice lists them", () => {
    const records = rows(rt, "抽查记录");
    const target = String(records[0]!["机构编号"]);
    const type = rows(rt, "机构名录").find((r) => r["机构编号"] === target)!["类型"];
    const defId = {
      校外培训机构: "training",
      校外托管机构: "aftercare",
      小饭桌: "meal",
      托育机构: "childcare",
    }[String(type)]!;
    submitInspection(rt, defId, {
      institution: target,
      date: "2026-03-02",
      departments: ["教育"],
      inspectors: ["张三", "李四"],
      defaultNa: ["QUAL-03", "FOOD-01", "FOOD-02", "FOOD-03", "TRAN-01", "PREM-08"],
    });
    // The others are not inspected yet: the coordinator is asked, and publishes anyway (issue 15).
    rt.ctx.dialogAnswers.push({ button: "YES" });
    rt.clickMenu("publishSpotCheckResults");
    expect(rt.ui.filter((u) => u.kind === "alert").at(-2)!.message).toContain("在抽查后还没有检查记录");
    expect(rows(rt, "抽查记录")[0]).toMatchObject({ 抽查检查编号: "JC20260302-001", 抽查结果: "未发现问题" });
    const notice = String(rows(rt, "公示").at(-1)!["公示内容"]);
    expect(notice).toContain(`1. ${target}`);
    expect(notice).toContain("未发现问题（JC20260302-001）");
    expect(notice).toContain("尚未检查");
  });
});

test("the draw is the one worked out by hand from the published method", () => {
  // The helper township: R0001 阳光培训学校 (training, 东村), R0002 快乐托管班 (aftercare, 西村),
  // R0003 张阿姨小饭桌 (meal, 南村), R0004 贝贝托育园 (childcare, 东村); 张三 (教育, lives in 东村),
  // 李四 (消防), 王五 (市场监管). Defaults: 10% overall, half the villages, tiers A 5% B 10% C 20% D 40%,
  // two inspectors each. Nobody has been inspected, so all four are eligible and in tier B.
  const rt = township();
  draw(rt, "公开种子13");
  // The snapshot, by the method's canonical form: institutions by id, people by name (code-point order).
  expect(rows(rt, "抽查快照").map((r) => r["内容"])).toEqual([
    "draw-v1 (Rivest SHA-256 sampler)",
    "params|regular|0.1|0.5|D=0.4,C=0.2,B=0.1,A=0.05|2",
    "I|R0001|阳光培训学校|training|东村|B|",
    "I|R0002|快乐托管班|aftercare|西村|B|",
    "I|R0003|张阿姨小饭桌|meal|南村|B|",
    "I|R0004|贝贝托育园|childcare|东村|B|",
    "P|张三|教育|东村",
    "P|李四|消防|",
    "P|王五|市场监管|",
  ]);
  // Each pick is (SHA-256 of "<seed>/<label>,1" as a big-endian integer) mod N, plus 1, computed with
  // Python's hashlib, e.g. int.from_bytes(sha256("公开种子13/B,1".encode()).digest(), "big") % 4 + 1:
  //   tier B: ceil(10% × 4) = 1 of R0001..R0004 from "公开种子13/B" mod 4 → 4: R0004.
  //   types: aftercare, meal and training have none yet: their only member each (R0002, R0003, R0001).
  //   villages: all three covered (2 needed); 10% of 4 is 1: no top-up.
  // Inspectors, in id order, least-loaded first, never someone living in the institution's village:
  //   R0001 (东村): 李四 or 王五, "…/inspector/R0001/1" mod 2 → 2: 王五; then the other: 李四.
  //   R0002 (西村): 张三 (load 0); then 李四 or 王五 (load 1 each), "…/R0002/2" mod 2 → 2: 王五.
  //   R0003 (南村): 张三 or 李四 (load 1), "…/R0003/1" mod 2 → 1: 张三; then the least loaded: 李四.
  //   R0004 (东村): 李四 or 王五 (load 2 each), "…/R0004/1" mod 2 → 2: 王五; then 李四.
  expect(rows(rt, "抽查记录").map((r) => [r["机构编号"], r["抽取层"], r["检查人员"], r["放宽说明"]])).toEqual(
    [
      ["R0001", "类型覆盖", "王五、李四", ""],
      ["R0002", "类型覆盖", "张三、王五", ""],
      ["R0003", "类型覆盖", "张三、李四", ""],
      ["R0004", "风险B层", "王五、李四", ""],
    ],
  );
});

test("the draw's dialogs show their questions (prompt, then a yes/no alert)", () => {
  const rt = bigTownship();
  draw(rt);
  const dialogs = rt.ui.filter((u) => u.kind === "prompt" || u.kind === "alert").slice(-3);
  expect(dialogs[0]).toMatchObject({
    kind: "prompt",
    title: "",
    message: expect.stringContaining("公开随机种子"),
  });
  expect(dialogs[1]).toMatchObject({ kind: "alert", title: "", message: expect.stringContaining("回头看") });
  expect(dialogs[2]).toMatchObject({
    kind: "alert",
    title: "专项整治台账",
    message: expect.stringMatching(/^抽查 CC20260302-1 完成/),
  });
});

test("without a seed nothing is drawn", () => {
  const rt = township();
  rt.ctx.dialogAnswers.push({ button: "CANCEL", text: "" });
  rt.clickMenu("drawSpotCheck");
  expect(rows(rt, "抽查记录")).toEqual([]);
  expect(rt.ui.at(-1)!.message).toBe("未输入随机种子，抽查未进行。");
});

test("回头看 draws only from institutions whose findings are all signed off or that were shut down", () => {
  const rt = township();
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-03-02",
    departments: ["教育"],
    inspectors: ["张三", "李四"],
    results: { "FIRE-01": "fail" },
    classes: { "FIRE-01": "I-fixed" },
  });
  submitInspection(rt, "aftercare", {
    institution: "R0002",
    date: "2026-03-02",
    departments: ["教育"],
    inspectors: ["张三", "李四"],
    defaultNa: ["QUAL-03", "FOOD-01", "FOOD-02", "FOOD-03", "TRAN-01"],
    results: { "PREM-04": "fail" },
    classes: { "PREM-04": "I" },
  });
  draw(rt, "lookback-seed", true);
  const records = rows(rt, "抽查记录");
  expect(records.map((r) => r["机构编号"])).toEqual(["R0001"]);
  expect(records[0]!["模式"]).toBe("回头看");
  // R0001 was inspected by 张三 and 李四, and 张三 lives in its village: with three people on the roster
  // the draw sends 王五 and one of them, and says which rules it had to relax.
  expect(String(records[0]!["检查人员"]).split("、")[0]).toBe("王五");
  expect(String(records[0]!["放宽说明"])).toContain("无法避开上次检查该机构的人员，已放宽此要求");
});

test("before any draw, 复核抽查 and 抽查结果公示 say there is none to check; an id never drawn is not found", () => {
  const rt = township();
  rt.ctx.dialogAnswers.push({ button: "OK", text: "" }); // 复核抽查, blank: the latest draw
  rt.clickMenu("verifySpotCheck");
  expect(rt.ui.at(-1)!.message).toBe("还没有完成的抽查：请先在菜单中选择“抽查（双随机）”。");
  rt.clickMenu("publishSpotCheckResults");
  expect(rt.ui.at(-1)!.message).toBe("还没有完成的抽查：请先在菜单中选择“抽查（双随机）”。");
  expect(rows(rt, "公示")).toEqual([]);
  draw(rt, "公开种子13");
  rt.ctx.dialogAnswers.push({ button: "OK", text: "CC20260302-7" });
  rt.clickMenu("verifySpotCheck");
  expect(rt.ui.at(-1)!.message).toBe("找不到抽查 CC20260302-7 的记录或名录快照。");
});

test("a 回头看 with nobody eligible draws nothing and says so", () => {
  // The helper township's four institutions have never been inspected: none is signed off, shut down or
  // 检查合格, so a look-back has nothing to draw from.
  const rt = township();
  draw(rt, "seed", true);
  expect(rt.ui.at(-1)!.message).toBe("没有符合条件的机构，抽查未进行。");
  expect(rows(rt, "抽查记录")).toEqual([]);
  expect(rows(rt, "公示")).toEqual([]);
});

import { createHash } from "node:crypto";
import {
  canonicalRegister,
  drawSample,
  parseCanonical,
  riskTier,
  type DrawInspector,
  type DrawInstitution,
  type DrawParams,
  type Tier,
} from "../../src/domain/spotcheck";

const sha = (s: string) => [...createHash("sha256").update(s, "utf8").digest()];
const params: DrawParams = {
  mode: "regular",
  overallRate: 0.1,
  villageCoverage: 0.5,
  tierRates: { A: 0.05, B: 0.1, C: 0.2, D: 0.4 },
  inspectorsPerInstitution: 2,
};
const TYPES = ["training", "aftercare", "meal", "childcare"] as const;

function register(
  n: number,
  villages = 10,
  tierOf: (i: number) => Tier = (i) => (["A", "B", "C", "D"] as const)[i % 4]!,
): DrawInstitution[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `R${String(i + 1).padStart(4, "0")}`,
    name: `机构${i + 1}`,
    type: TYPES[i % 4]!,
    village: `村${i % villages}`,
    tier: tierOf(i),
    lastInspectors: [],
  }));
}
const roster = (n: number, depts = 6): DrawInspector[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `人员${String(i + 1).padStart(2, "0")}`,
    department: `部门${i % depts}`,
    village: i % 3 === 0 ? `村${i}` : "",
  }));

test("the same register, seed and parameters give the same draw; another seed gives another", () => {
  const a = drawSample("20260301", register(80), roster(12), params, sha);
  const b = drawSample("20260301", register(80).reverse(), [...roster(12)].reverse(), params, sha);
  expect(b).toEqual(a);
  expect(
    drawSample("20260302", register(80), roster(12), params, sha).selected.map((s) => s.institution.id),
  ).not.toEqual(a.selected.map((s) => s.institution.id));
});

test("the register hash covers every field the draw depends on", () => {
  const base = drawSample("1", register(20), roster(6), params, sha).registerHash;
  const renamed = register(20);
  renamed[3]!.village = "别村";
  expect(drawSample("1", renamed, roster(6), params, sha).registerHash).not.toBe(base);
  expect(
    drawSample("1", register(20), roster(6), { ...params, overallRate: 0.2 }, sha).registerHash,
  ).not.toBe(base);
  expect(drawSample("2", register(20), roster(6), params, sha).registerHash).toBe(base); // the seed is not part of it
});

test("a snapshot reads back to the same inputs", () => {
  const inst = register(30);
  inst[0]!.lastInspectors = ["人员01", "人员02"];
  const text = canonicalRegister(inst, roster(5), params);
  const parsed = parseCanonical(text)!;
  expect(canonicalRegister(parsed.institutions, parsed.inspectors, parsed.params)).toBe(text);
});

describe("the rules", () => {
  test("at least 10%, every type, half the villages, tiers at their rates", () => {
    const inst = register(200, 10);
    const { selected } = drawSample("42", inst, roster(12), params, sha);
    expect(selected.length).toBeGreaterThanOrEqual(20);
    expect(new Set(selected.map((s) => s.institution.type)).size).toBe(4);
    expect(new Set(selected.map((s) => s.institution.village)).size).toBeGreaterThanOrEqual(5);
    for (const [tier, rate] of Object.entries(params.tierRates)) {
      const inTier = selected.filter(
        (s) => s.institution.tier === tier && s.stratum === `风险${tier}层`,
      ).length;
      expect([tier, inTier]).toEqual([tier, Math.ceil(rate * 50)]);
    }
  });

  test("a type with one institution still gets checked; one village is covered", () => {
    const inst = register(40, 1, () => "A");
    inst.forEach((i) => (i.type = "training"));
    inst[17]!.type = "childcare";
    const { selected } = drawSample("7", inst, roster(6), params, sha);
    expect(selected.map((s) => s.institution.id)).toContain("R0018");
    expect(selected.find((s) => s.institution.id === "R0018")!.stratum).toBe("类型覆盖");
    expect(new Set(selected.map((s) => s.institution.village))).toEqual(new Set(["村0"]));
    expect(selected.length).toBe(4);
  });

  test("inspectors: two, from two departments, never last time's nor from the village, workload even", () => {
    const inst = register(60, 6);
    inst.forEach((i) => (i.lastInspectors = ["人员01"]));
    const people = roster(12).map((p, i) => ({ ...p, village: i === 1 ? "村0" : "" }));
    const { selected } = drawSample("x", inst, people, params, sha);
    const load = new Map<string, number>();
    for (const s of selected) {
      expect(s.inspectors).toHaveLength(2);
      expect(s.inspectors[0]!.department).not.toBe(s.inspectors[1]!.department);
      expect(s.inspectors.map((p) => p.name)).not.toContain("人员01");
      expect(s.relaxed).toEqual([]);
      for (const p of s.inspectors) load.set(p.name, (load.get(p.name) ?? 0) + 1);
    }
    // 人员02 lives in 村0: never sent there. (The draw must include 村0, or this would check nothing.)
    const inVillage0 = selected.filter((s) => s.institution.village === "村0");
    expect(inVillage0.length).toBeGreaterThan(0);
    for (const s of inVillage0) expect(s.inspectors.map((p) => p.name)).not.toContain("人员02");
    const counts = [...load.values()];
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  test("nobody inspects in the village they live in while someone else can go", () => {
    // 20 institutions, all in 村0; 甲 lives there. 乙 and 丙 (two departments) can always go instead, so the
    // rule never needs relaxing and 甲 is never sent; without the rule 甲 would be drawn for most of them.
    const inst = register(20, 1, () => "D");
    const people: DrawInspector[] = [
      { name: "甲", department: "教育", village: "村0" },
      { name: "乙", department: "消防", village: "" },
      { name: "丙", department: "公安", village: "" },
    ];
    const { selected } = drawSample("village", inst, people, params, sha);
    expect(selected.length).toBeGreaterThanOrEqual(8); // tier D: 40% of 20, then any type not yet drawn
    for (const s of selected) {
      expect(s.inspectors.map((p) => p.name).sort()).toEqual(["丙", "乙"]);
      expect(s.relaxed).toEqual([]);
    }
  });

  test("more rules than inspectors: the draw relaxes them in order and says which and why", () => {
    const inst = register(10, 1, () => "D");
    inst.forEach((i) => (i.lastInspectors = ["人员01"]));
    const people: DrawInspector[] = [
      { name: "人员01", department: "教育", village: "" },
      { name: "人员02", department: "教育", village: "村0" },
    ];
    const { selected } = drawSample("s", inst, people, params, sha);
    expect(selected[0]!.inspectors.map((p) => p.name).sort()).toEqual(["人员01", "人员02"]);
    // The village rule gives way first, then the previous-inspector rule, then the two departments.
    expect(selected[0]!.relaxed).toEqual([
      "无法避开本村/联系本村的人员，已放宽此要求",
      "无法避开上次检查该机构的人员，已放宽此要求",
      "可选人员只有一个部门，未能做到两个部门",
    ]);
    const alone = drawSample("s", inst, [people[0]!], params, sha).selected[0]!;
    expect(alone.inspectors).toHaveLength(1);
    expect(alone.relaxed).toContain("可选人员不足，只派出 1 人（要求 2 人）");
  });

  test("risk tiers follow the ledger", () => {
    expect(
      riskTier({ inspected: true, openFindings: 1, overdueFindings: 1, classIIIEver: false, complaints: 0 }),
    ).toBe("D");
    expect(
      riskTier({ inspected: true, openFindings: 0, overdueFindings: 0, classIIIEver: false, complaints: 2 }),
    ).toBe("D");
    expect(
      riskTier({ inspected: true, openFindings: 2, overdueFindings: 0, classIIIEver: false, complaints: 0 }),
    ).toBe("C");
    expect(
      riskTier({ inspected: false, openFindings: 0, overdueFindings: 0, classIIIEver: false, complaints: 0 }),
    ).toBe("B");
    expect(
      riskTier({ inspected: true, openFindings: 0, overdueFindings: 0, classIIIEver: false, complaints: 0 }),
    ).toBe("A");
  });
});

test("inclusion frequencies match the design probabilities (chi-square, 400 fixed seeds)", () => {
  // A register where the tier draws alone meet every coverage rule: each institution's design
  // probability is ceil(rate × N_tier) / N_tier.
  const inst = register(160, 4);
  const seeds = Array.from({ length: 400 }, (_, i) => `seed-${i}`);
  const hits = new Map(inst.map((i) => [i.id, 0]));
  for (const seed of seeds) {
    const { selected } = drawSample(
      seed,
      inst,
      roster(4),
      { ...params, overallRate: 0, villageCoverage: 0 },
      sha,
    );
    for (const s of selected) hits.set(s.institution.id, hits.get(s.institution.id)! + 1);
  }
  let chi2 = 0;
  for (const i of inst) {
    const p = Math.ceil(params.tierRates[i.tier] * 40) / 40;
    const expected = p * seeds.length;
    chi2 += (hits.get(i.id)! - expected) ** 2 / (expected * (1 - p));
  }
  // 160 cells, ~156 degrees of freedom: the 99.9% quantile of chi-square(156) is about 221.
  expect(chi2).toBeLessThan(221);
  expect(chi2).toBeGreaterThan(100); // and not suspiciously perfect
});

// 双随机 spot-check draws: which institutions are checked and which inspectors go, reproducible from
// the frozen register, a public seed and the parameters. Method (version DRAW_METHOD):
//   1. Strata are risk tiers D, C, B, A (in that order); tier t draws ceil(rate_t × N_t) institutions
//      from its members sorted by id, with Rivest's sampler seeded "<seed>/<tier>".
//   2. Coverage: every institution type with an eligible member gets one ("<seed>/type/<type>"); then
//      uncovered villages are drawn ("<seed>/village/<round>") until the share of villages is met, one
//      institution each ("<seed>/village/<name>"); then the overall rate is topped up ("<seed>/rate").
//   3. Inspectors, for each selected institution in id order: the least-loaded eligible inspectors
//      (not its previous inspectors, not from its village), the first by "<seed>/inspector/<id>/1",
//      the second from another department where there is one ("<seed>/inspector/<id>/2"). A rule that
//      cannot be kept is relaxed in a fixed order (the village rule first, then the previous-inspector
//      rule, then two departments) and the relaxation is recorded.
import { DRAW_TEXT } from "../text/zh";
import {
  DRAW_LIST_HEADING,
  drawNoticeIntro,
  drawNoticeLine,
  drawNoticeMethod,
  resultsNoticeLine,
  TO_BE_ASSIGNED,
} from "../text/draw";
import { SEP_LIST } from "../text/words";
import { hex, sampleDistinct, type Sha256 } from "./sampling";
import type { InstitutionType } from "./types";

export const DRAW_METHOD = "draw-v1 (Rivest SHA-256 sampler)";
const TIERS = ["D", "C", "B", "A"] as const;
export type Tier = (typeof TIERS)[number];

export interface DrawInstitution {
  id: string;
  name: string;
  type: InstitutionType | "";
  village: string;
  tier: Tier;
  /** Who inspected it last time (they may not go again). */
  lastInspectors: string[];
}

export interface DrawInspector {
  name: string;
  department: string;
  village: string;
}

export interface DrawParams {
  mode: "regular" | "lookback";
  /** Share of eligible institutions to check at least (0.1 = 10%). */
  overallRate: number;
  /** Share of villages (with eligible institutions) to cover at least. */
  villageCoverage: number;
  tierRates: Record<Tier, number>;
  inspectorsPerInstitution: number;
}

interface DrawSelection {
  institution: DrawInstitution;
  /** Why it was drawn: its tier, or a coverage rule. */
  stratum: string;
  inspectors: DrawInspector[];
  relaxed: string[];
}

export interface DrawResult {
  registerHash: string;
  eligible: number;
  selected: DrawSelection[];
}

/** Everything the draw depends on except the seed, in a canonical text: its SHA-256 is published. */
export function canonicalRegister(
  institutions: readonly DrawInstitution[],
  inspectors: readonly DrawInspector[],
  params: DrawParams,
): string {
  const clean = (s: string) => s.replace(/[|\n\r]/g, " ");
  const lines = [
    `${DRAW_METHOD}`,
    `params|${params.mode}|${params.overallRate}|${params.villageCoverage}|${TIERS.map((t) => `${t}=${params.tierRates[t]}`).join(",")}|${params.inspectorsPerInstitution}`,
    ...sortById(institutions).map(
      (i) =>
        `I|${clean(i.id)}|${clean(i.name)}|${i.type}|${clean(i.village)}|${i.tier}|${[...i.lastInspectors].sort().map(clean).join(";")}`,
    ),
    ...[...inspectors]
      .sort((a, b) => cmp(a.name, b.name))
      .map((p) => `P|${clean(p.name)}|${clean(p.department)}|${clean(p.village)}`),
  ];
  return lines.join("\n");
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortById = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => cmp(a.id, b.id));

export function drawSample(
  seed: string,
  institutions: readonly DrawInstitution[],
  inspectors: readonly DrawInspector[],
  params: DrawParams,
  sha256: Sha256,
): DrawResult {
  const registerHash = hex(sha256(canonicalRegister(institutions, inspectors, params)));
  const all = sortById(institutions);
  const chosen = new Map<string, string>();
  const pickFrom = (list: DrawInstitution[], label: string, k: number, stratum: string) => {
    const free = list.filter((i) => !chosen.has(i.id));
    if (!free.length || k <= 0) return;
    for (const p of sampleDistinct(sha256, `${seed}/${label}`, free.length, k))
      chosen.set(free[p - 1]!.id, stratum);
  };

  for (const tier of TIERS) {
    const members = all.filter((i) => i.tier === tier);
    pickFrom(members, tier, Math.ceil(params.tierRates[tier] * members.length - 1e-9), DRAW_TEXT.tier(tier));
  }
  const types = [...new Set(all.map((i) => i.type))].sort();
  for (const type of types) {
    const members = all.filter((i) => i.type === type);
    if (!members.some((i) => chosen.has(i.id))) pickFrom(members, `type/${type}`, 1, DRAW_TEXT.typeCover);
  }
  const villages = [...new Set(all.map((i) => i.village))].sort(cmp);
  const villagesNeeded = Math.ceil(params.villageCoverage * villages.length - 1e-9);
  for (let round = 1; ; round++) {
    const covered = new Set(all.filter((i) => chosen.has(i.id)).map((i) => i.village));
    if (covered.size >= villagesNeeded) break;
    const uncovered = villages.filter((v) => !covered.has(v));
    const village =
      uncovered[sampleDistinct(sha256, `${seed}/village/${round}`, uncovered.length, 1)[0]! - 1]!;
    pickFrom(
      all.filter((i) => i.village === village),
      `village/${village}`,
      1,
      DRAW_TEXT.villageCover,
    );
  }
  const target = Math.ceil(params.overallRate * all.length - 1e-9);
  pickFrom(all, "rate", target - chosen.size, DRAW_TEXT.rateTopUp);

  const selected = all.filter((i) => chosen.has(i.id));
  return {
    registerHash,
    eligible: all.length,
    selected: assignInspectors(seed, selected, chosen, inspectors, params, sha256),
  };
}

function assignInspectors(
  seed: string,
  selected: DrawInstitution[],
  strata: Map<string, string>,
  inspectors: readonly DrawInspector[],
  params: DrawParams,
  sha256: Sha256,
): DrawSelection[] {
  const roster = [...inspectors].sort((a, b) => cmp(a.name, b.name));
  const load = new Map(roster.map((p) => [p.name, 0]));
  return selected.map((inst) => {
    const relaxed: string[] = [];
    const team: DrawInspector[] = [];
    // Rules, strictest first; each relaxation drops the last rule still kept.
    const rules: Array<{ note: string; ok: (p: DrawInspector) => boolean }> = [
      { note: DRAW_TEXT.relaxPrevious, ok: (p) => !inst.lastInspectors.includes(p.name) },
      { note: DRAW_TEXT.relaxVillage, ok: (p) => !inst.village || p.village !== inst.village },
    ];
    for (let slot = 1; slot <= params.inspectorsPerInstitution; slot++) {
      const free = roster.filter((p) => !team.includes(p));
      let keep = rules.length;
      let pool: DrawInspector[] = [];
      for (; keep >= 0; keep--) {
        pool = free.filter((p) => rules.slice(0, keep).every((r) => r.ok(p)));
        if (pool.length) break;
      }
      if (!pool.length) {
        relaxed.push(DRAW_TEXT.relaxCount(params.inspectorsPerInstitution, team.length));
        break;
      }
      for (const r of rules.slice(keep)) if (!relaxed.includes(r.note)) relaxed.push(r.note);
      const otherDepartment = pool.filter((p) => !team.some((t) => t.department === p.department));
      if (slot > 1 && otherDepartment.length) pool = otherDepartment;
      else if (slot > 1 && !relaxed.includes(DRAW_TEXT.relaxDepartment))
        relaxed.push(DRAW_TEXT.relaxDepartment);
      const least = Math.min(...pool.map((p) => load.get(p.name)!));
      const candidates = pool.filter((p) => load.get(p.name) === least);
      const pick =
        candidates[
          sampleDistinct(sha256, `${seed}/inspector/${inst.id}/${slot}`, candidates.length, 1)[0]! - 1
        ]!;
      team.push(pick);
      load.set(pick.name, least + 1);
    }
    return { institution: inst, stratum: strata.get(inst.id)!, inspectors: team, relaxed };
  });
}

export interface RiskFacts {
  inspected: boolean;
  openFindings: number;
  overdueFindings: number;
  classIIIEver: boolean;
  complaints: number;
}

/** D: overdue, 三类 or complaints; C: open findings; B: never inspected; A: everything signed off. */
export function riskTier(f: RiskFacts): Tier {
  if (f.overdueFindings > 0 || f.classIIIEver || f.complaints > 0) return "D";
  if (f.openFindings > 0) return "C";
  if (!f.inspected) return "B";
  return "A";
}

/** Reads a snapshot back (the inverse of canonicalRegister), for verification. */
export function parseCanonical(
  text: string,
): { institutions: DrawInstitution[]; inspectors: DrawInspector[]; params: DrawParams } | undefined {
  const lines = text.split("\n");
  const p = lines[1]?.split("|");
  if (lines[0] !== DRAW_METHOD || !p || p[0] !== "params") return undefined;
  const tierRates = Object.fromEntries(
    p[4]!.split(",").map((kv) => [kv.split("=")[0], Number(kv.split("=")[1])]),
  ) as Record<Tier, number>;
  const params: DrawParams = {
    mode: p[1] === "lookback" ? "lookback" : "regular",
    overallRate: Number(p[2]),
    villageCoverage: Number(p[3]),
    tierRates,
    inspectorsPerInstitution: Number(p[5]),
  };
  const institutions: DrawInstitution[] = [];
  const inspectors: DrawInspector[] = [];
  for (const line of lines.slice(2)) {
    const f = line.split("|");
    if (f[0] === "I")
      institutions.push({
        id: f[1]!,
        name: f[2]!,
        type: f[3] as InstitutionType | "",
        village: f[4]!,
        tier: f[5] as Tier,
        lastInspectors: f[6] ? f[6].split(";") : [],
      });
    if (f[0] === "P") inspectors.push({ name: f[1]!, department: f[2]!, village: f[3]! });
  }
  return { institutions, inspectors, params };
}

export interface NoticeContext {
  township: string;
  drawId: string;
  date: string;
  seed: string;
  typeLabel: (t: InstitutionType | "") => string;
}

/** How a draw's mode is written in 抽查记录 and 公示. */
export const drawModeLabel = (mode: DrawParams["mode"]) =>
  mode === "lookback" ? DRAW_TEXT.modeLookback : DRAW_TEXT.modeRegular;

export function drawNotice(result: DrawResult, params: DrawParams, ctx: NoticeContext): string {
  const mode = drawModeLabel(params.mode);
  const list = result.selected.map((s, i) =>
    drawNoticeLine(
      i + 1,
      s.institution.id,
      s.institution.name,
      s.institution.village,
      ctx.typeLabel(s.institution.type),
      s.inspectors.map((p) => p.name).join(SEP_LIST) || TO_BE_ASSIGNED,
    ),
  );
  return [
    DRAW_TEXT.noticeTitle(ctx.township, mode),
    drawNoticeIntro(
      ctx.date,
      ctx.township,
      ctx.seed,
      result.eligible,
      result.selected.length,
      mode,
      ctx.drawId,
    ),
    drawNoticeMethod(result.registerHash, DRAW_METHOD),
    DRAW_LIST_HEADING,
    ...list,
  ].join("\n");
}

export interface FollowUp {
  institutionId: string;
  inspectionId: string;
  findings: number;
  classI: number;
  classII: number;
  classIII: number;
}

/** What a drawn institution's follow-up inspection found, as 抽查记录 and the results notice say it. */
export const followUpResult = (f: FollowUp): string =>
  f.findings === 0 ? DRAW_TEXT.noProblems : DRAW_TEXT.problems(f.findings, f.classI, f.classII, f.classIII);

export function resultsNotice(
  selected: ReadonlyArray<{ id: string; name: string; village: string }>,
  followUps: ReadonlyMap<string, FollowUp>,
  ctx: Pick<NoticeContext, "township" | "drawId">,
): string {
  const lines = selected.map((s, i) => {
    const f = followUps.get(s.id);
    const result = f ? followUpResult(f) : DRAW_TEXT.notInspectedYet;
    return resultsNoticeLine(i + 1, s.id, s.name, s.village, result, f ? f.inspectionId : "");
  });
  return [DRAW_TEXT.resultsTitle(ctx.township, ctx.drawId), ...lines].join("\n");
}

// The built-in demo: a township campaign generated from a seed and played against dist/Code.js.
import type { InstitutionSeed, InspectorSeed } from "./township";
import type { ScenarioInput } from "./scenario";
import { CHECKLISTS } from "../forms/index";
import type { InspectionForm } from "../src/domain/checklist";

/** mulberry32: a small, well-known seeded PRNG, so the demo is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VILLAGES = [
  "东村",
  "西村",
  "南村",
  "北村",
  "新桥村",
  "河口村",
  "石桥社区",
  "花园社区",
  "青龙村",
  "白马村",
];
const TYPES: Array<[string, string, number]> = [
  ["training", "校外培训机构", 30],
  ["aftercare", "校外托管机构", 20],
  ["meal", "小饭桌", 18],
  ["childcare", "托育机构", 12],
];
const NAME_PARTS: Record<string, [string[], string[]]> = {
  training: [
    ["启明", "博学", "英才", "星火", "智慧", "书香", "彩虹", "未来"],
    ["培训学校", "教育中心", "艺术培训", "学堂"],
  ],
  aftercare: [
    ["阳光", "快乐", "童心", "小树苗", "向日葵", "开心"],
    ["托管班", "托管中心", "课后之家"],
  ],
  meal: [
    ["王阿姨", "李妈妈", "爱心", "暖心", "家常", "小厨"],
    ["小饭桌", "午托", "餐托"],
  ],
  childcare: [
    ["贝贝", "小天使", "爱婴", "宝宝", "童乐"],
    ["托育园", "托育中心", "早教托育"],
  ],
};
const DEPARTMENTS = ["教育", "公安", "消防", "市场监管", "卫生健康", "住建"];
const SURNAMES = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙"];
const GIVEN = ["伟", "芳", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟"];
/** Items that tend to fail, and how often (from the kind of problems the source documents list). */
const FAILURE_RATES: Record<string, number> = {
  "QUAL-01": 0.25,
  "QUAL-02": 0.12,
  "QUAL-03": 0.15,
  "QUAL-04": 0.15,
  "PREM-03": 0.2,
  "PREM-06": 0.15,
  "PREM-07": 0.2,
  "FIRE-01": 0.15,
  "FIRE-02": 0.18,
  "FIRE-03": 0.05,
  "FIRE-04": 0.1,
  "FOOD-01": 0.12,
  "FOOD-03": 0.15,
  "STAFF-01": 0.12,
  "COND-02": 0.1,
  "COND-01": 0.1,
};
const NA_WHEN_POSSIBLE = ["TRAN-01", "PREM-08"];
const SEVERITY: Record<string, "I" | "II" | "III"> = {
  "FIRE-01": "I",
  "PREM-06": "I",
  "FOOD-01": "I",
  "FOOD-03": "I",
  "COND-03": "I",
  "COND-04": "I",
  "COND-06": "I",
  "PREM-04": "I",
};

export interface DemoTownship {
  start: Date;
  institutions: Array<InstitutionSeed & { typeKey: string; registered: boolean }>;
  inspectors: InspectorSeed[];
}

export function generateTownship(seed: number): DemoTownship {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const institutions: DemoTownship["institutions"] = [];
  const used = new Set<string>();
  for (const [typeKey, label, count] of TYPES) {
    for (let i = 0; i < count; i++) {
      let name: string;
      do
        name =
          pick(NAME_PARTS[typeKey]![0]) +
          pick(NAME_PARTS[typeKey]![1]) +
          (rnd() < 0.5 ? "" : `（${pick(VILLAGES).slice(0, 2)}店）`);
      while (used.has(name));
      used.add(name);
      const village = pick(VILLAGES);
      const permit = rnd() < 0.75 ? "是" : "否";
      institutions.push({
        typeKey,
        registered: rnd() > 0.08,
        name,
        type: label,
        village,
        address: `${village}${1 + Math.floor(rnd() * 200)}号`,
        operator: pick(SURNAMES) + pick(GIVEN),
        phone: `0519${String(Math.floor(rnd() * 1e8)).padStart(8, "0")}`,
        capacity: 10 + Math.floor(rnd() * 60),
        licences: {
          "营业执照/登记证书": rnd() < 0.85 ? "是" : "否",
          ...(typeKey === "training" ? { 办学许可证: permit } : {}),
          ...(typeKey === "childcare" ? { 卫健备案: permit } : {}),
          ...(typeKey === "meal" || typeKey === "aftercare" ? { 食品经营许可证: permit } : {}),
        },
      });
    }
  }
  const inspectors: InspectorSeed[] = [];
  for (let i = 0; i < 12; i++) {
    const name = SURNAMES[i]! + GIVEN[(i * 5) % GIVEN.length]!;
    inspectors.push({
      name,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      email: `officer${i + 1}@township.example.cn`,
      village: i % 3 === 0 ? pick(VILLAGES) : "",
    });
  }
  return { start: new Date("2026-03-02T08:30:00+08:00"), institutions, inspectors };
}

const ymd = (t: number) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(t);
const iso = (t: number) =>
  `${ymd(t)}T${new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(t)}:00+08:00`;
const DAY = 86_400_000;
const DEADLINE_DAYS: Record<string, number> = {
  "QUAL-01": 30,
  "QUAL-02": 30,
  "QUAL-03": 30,
  "QUAL-04": 15,
  "PREM-03": 30,
  "PREM-07": 30,
  "FIRE-02": 7,
  "FIRE-04": 7,
  "STAFF-01": 15,
  "COND-02": 7,
  "COND-01": 7,
};

/**
 * The demo campaign as a scenario: four weeks from Monday 9 March 2026 — a two-week sweep, rectifications
 * reported and re-inspected (some late, some failing first), an extension, a spot-check draw and its
 * results, the weekly summaries and the 1 April bulletin.
 */
export function generateScenario(seed: number): ScenarioInput {
  const town = generateTownship(seed);
  const rnd = prng(seed + 1);
  const start = Date.parse("2026-03-09T08:30:00+08:00");
  const coordinator = "coordinator@township.example.cn";
  const events: Array<ScenarioInput["events"][number]> = [];
  const workdays: number[] = [];
  for (let t = start; workdays.length < 10; t += DAY) {
    const wd = new Date(t).toLocaleDateString("en-US", { weekday: "short", timeZone: "Asia/Shanghai" });
    if (wd !== "Sat" && wd !== "Sun") workdays.push(t);
  }
  const queue = [...town.institutions].sort(() => rnd() - 0.5);
  const perDay = Math.ceil(town.institutions.length / workdays.length);
  workdays.forEach((dayStart, d) => {
    queue.splice(0, perDay).forEach((inst, i) => {
      const at = dayStart + (90 + i * 50) * 60_000;
      const team = [town.inspectors[(d * 2 + i) % 12]!, town.inspectors[(d * 2 + i + 5) % 12]!];
      const others = [town.inspectors[(d * 2 + i + 2) % 12]!, town.inspectors[(d * 2 + i + 9) % 12]!];
      const results: Record<string, "fail" | "na"> = {};
      const classes: Record<string, "I-fixed" | "I" | "II" | "III"> = {};
      const lines: string[] = [];
      for (const code of CODES[inst.typeKey]!) {
        if (NA_WHEN_POSSIBLE.includes(code) && rnd() < 0.6) {
          results[code] = "na";
          continue;
        }
        if (rnd() < (FAILURE_RATES[code] ?? 0.02)) {
          results[code] = "fail";
          const severity =
            (code === "FIRE-03" || code === "PREM-01") && rnd() < 0.5 ? "III" : (SEVERITY[code] ?? "II");
          classes[code] = severity === "I" && rnd() < 0.5 ? "I-fixed" : severity;
          lines.push(`${code} 现场检查发现问题`);
        }
      }
      const hasII = Object.values(classes).includes("II");
      // A few answers go wrong as they do on phones: only one inspector ticked. They land in 待核实.
      const invalid = rnd() < 0.04;
      const date = ymd(at);
      events.push({
        at: iso(at),
        do: "inspect",
        by: team[0]!.email,
        form: inst.typeKey as "training",
        answers: {
          institution: inst.registered
            ? inst.name
            : {
                new: {
                  name: inst.name,
                  village: inst.village,
                  address: inst.address!,
                  operator: inst.operator,
                  phone: inst.phone,
                },
              },
          date,
          departments: [...new Set(team.map((p) => p.department))],
          inspectors: invalid ? [team[0]!.name] : team.map((p) => p.name),
          results,
          classes,
          responsible: hasII ? inst.operator : undefined,
          interim: hasII ? "专人值守，整改期间停止相关活动" : undefined,
          descriptions: lines.join("\n"),
        },
      });
      // Google now and then delivers a form-submit trigger twice, or with no response: on the first
      // morning one inspection arrives twice and one trigger comes blank. Nothing may be written twice.
      if (d === 0 && i === 0) events.push({ at: iso(at + 60_000), do: "redeliver" });
      if (d === 0 && i === 1)
        events.push({ at: iso(at + 90_000), do: "redeliver", blank: true, form: "training" });
      if (invalid) return;
      // 三类: the township decides three days later to close the institution (处置方式 → 关停取缔);
      // nothing else is rectified there.
      if (Object.values(classes).includes("III")) {
        events.push({
          at: iso(at + 3 * DAY + 60 * 60_000),
          do: "dispose",
          institution: inst.name,
          disposition: "关停取缔",
          by: coordinator,
        });
        return;
      }
      // What happens to each finding afterwards.
      for (const [code, c] of Object.entries(classes)) {
        if (c === "I-fixed" || c === "III") continue;
        const due = at + (c === "I" ? 0 : (DEADLINE_DAYS[code] ?? 7)) * DAY;
        const fate = rnd();
        if (fate > 0.95) continue; // never rectified: stays overdue
        if (c === "II" && fate > 0.92) {
          events.push({
            at: iso(due - DAY + 3 * 3600_000),
            do: "extend",
            institution: inst.name,
            item: code,
            to: ymd(due + 10 * DAY),
            reason: "整改材料采购周期长",
            by: coordinator,
          });
        }
        const late = fate > 0.75;
        const fixedAt =
          Math.max(
            at + DAY,
            late ? due + (2 + Math.floor(rnd() * 5)) * DAY : due - Math.floor(rnd() * 4) * DAY,
          ) +
          2 * 3600_000;
        const checkAt = fixedAt + DAY;
        const fails = fate > 0.65 && fate <= 0.75;
        if (c === "II")
          events.push({
            at: iso(fixedAt),
            do: "reportFixed",
            institution: inst.name,
            item: code,
            by: coordinator,
          });
        // A missing school-running permit put right: the coordinator records the licence in the register.
        if (code === "QUAL-01" && !fails)
          events.push({
            at: iso(fixedAt + 5 * 60_000),
            do: "licence",
            institution: inst.name,
            licence: "办学许可证",
            value: "是",
            by: coordinator,
          });
        const reinspect = (t: number, pass: boolean) =>
          events.push({
            at: iso(t),
            do: "reinspect",
            by: others[0]!.email,
            institution: inst.name,
            date: ymd(t),
            departments: [...new Set(others.map((p) => p.department))],
            inspectors: others.map((p) => p.name),
            passed: pass ? [code] : [],
            failed: pass ? [] : [code],
          });
        reinspect(checkAt, !fails);
        if (fails) reinspect(checkAt + 5 * DAY, true);
      }
    });
  });
  events.push({
    at: "2026-03-23T10:00:00+08:00",
    do: "menu",
    item: "drawSpotCheck",
    dialogs: [{ button: "OK", text: "2026031 08 15 23 31 42+07" }, { button: "NO" }],
    by: coordinator,
  });
  events.push({
    at: "2026-03-23T10:05:00+08:00",
    do: "menu",
    item: "verifySpotCheck",
    dialogs: [{ button: "OK", text: "" }],
    by: coordinator,
  });
  events.push({
    at: "2026-04-03T17:00:00+08:00",
    do: "menu",
    item: "publishSpotCheckResults",
    // Some drawn institutions are not inspected yet: the coordinator is asked, and publishes anyway.
    dialogs: [{ button: "YES" }],
    by: coordinator,
  });
  // The ledger as it stood when the two-week sweep ended, and at the end of the four weeks.
  events.push({ at: "2026-03-20T18:00:00+08:00", do: "snapshot", label: "排查结束" });
  events.push({ at: "2026-04-03T18:00:00+08:00", do: "snapshot", label: "四周末" });
  const end = "2026-04-06T09:00:00+08:00";
  // Whatever would happen after the four weeks is not played (those findings stay open or overdue).
  const played = events
    .filter((e) => Date.parse(e.at) < Date.parse(end))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    name: `西夏墅镇校外培训及托管机构专项整治（演示，种子 ${seed}）`,
    start: iso(start),
    end,
    coordinator,
    settings: {
      乡镇名称: "西夏墅镇",
      活动开始日期: "2026-03-09",
      活动结束日期: "2026-04-30",
      "村/社区（用顿号或逗号分隔）": VILLAGES.join("、"),
      "部门（用顿号或逗号分隔）": DEPARTMENTS.join("、"),
      协调员邮箱: coordinator,
      领导邮箱: "leader@township.example.cn",
      县级报送邮箱: "county-education@county.example.cn",
      "部门联系人邮箱（部门:邮箱，每行一个）":
        "消防:fire@township.example.cn\n市场监管:market@township.example.cn",
    },
    register: town.institutions
      .filter((i) => i.registered)
      .map(({ typeKey: _t, registered: _r, ...i }) => i as ScenarioInput["register"][number]),
    roster: town.inspectors.map((p) => ({
      name: p.name,
      department: p.department,
      email: p.email,
      village: p.village,
    })),
    events: played,
  };
}

/** The checklist items of each form, in form order (as the demo's inspectors walk through them). */
const CODES: Record<string, string[]> = Object.fromEntries(
  CHECKLISTS.forms
    .filter((f): f is InspectionForm => f.kind === "inspection")
    .map((f) => [f.type, f.sections.flatMap((s) => s.items)]),
);

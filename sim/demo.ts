// The built-in demo: a township campaign generated from a seed and played against dist/Code.js.
import type { Runtime } from "./runtime";
import {
  formRecord,
  seedRegister,
  seedRoster,
  setSettings,
  submitInspection,
  type InspectionAnswers,
  type InstitutionSeed,
  type InspectorSeed,
} from "./township";

/** mulberry32: a small, well-known seeded PRNG, so the demo is the same on every machine. */
export function prng(seed: number): () => number {
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

const at = (day: Date, hh: number, mm = 0) => new Date(day.getTime() + ((hh - 8) * 60 + (mm - 30)) * 60_000);
const dayOf = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(d);

export interface DemoLog {
  (line: string): void;
}

/** Plays the campaign: setup, the sweep over two weeks, then two more weeks of daily checks. */
export function playDemo(rt: Runtime, town: DemoTownship, seed: number, log: DemoLog): { submitted: number } {
  const rnd = prng(seed + 1);
  const coordinator = rt.ctx.owner;
  log("初始化：协调员打开表格，运行“初始化/更新”");
  rt.openSpreadsheet(coordinator);
  rt.clickMenu("setup", coordinator);
  setSettings(rt, {
    乡镇名称: "西夏墅镇",
    活动开始日期: "2026-03-01",
    活动结束日期: "2026-04-30",
    "村/社区（用顿号或逗号分隔）": VILLAGES.join("、"),
    "部门（用顿号或逗号分隔）": DEPARTMENTS.join("、"),
    协调员邮箱: coordinator,
    领导邮箱: "leader@township.example.cn",
  });
  const registered = town.institutions.filter((i) => i.registered);
  seedRegister(rt, registered);
  seedRoster(rt, town.inspectors);
  rt.clickMenu("setup", coordinator);
  log(
    `名录 ${registered.length} 家机构，检查人员 ${town.inspectors.length} 人；${town.institutions.length - registered.length} 家未登记机构将在排查中发现`,
  );

  const ids = new Map<string, string>();
  const reg = rt.sheet("机构名录");
  for (let r = 2; r <= reg._lastRow(); r++) ids.set(String(reg._get(r, 2)), String(reg._get(r, 1)));

  const queue = [...town.institutions].sort(() => rnd() - 0.5);
  let submitted = 0;
  let day = new Date(town.start);
  const workdays: Date[] = [];
  while (workdays.length < 10) {
    const wd = new Date(day.getTime()).toLocaleDateString("en-US", {
      weekday: "short",
      timeZone: "Asia/Shanghai",
    });
    if (wd !== "Sat" && wd !== "Sun") workdays.push(day);
    day = new Date(day.getTime() + 86_400_000);
  }
  for (const [d, date] of workdays.entries()) {
    const todays = queue.splice(0, Math.ceil(town.institutions.length / workdays.length));
    todays.forEach((inst, i) => {
      rt.advanceTo(at(date, 9 + Math.floor((i * 7) / Math.max(1, todays.length)), (i * 13) % 60));
      const form = formRecord(rt, inst.typeKey);
      const team = [town.inspectors[(d * 2 + i) % 12]!, town.inspectors[(d * 2 + i + 5) % 12]!];
      const results: Record<string, "ok" | "fail" | "na"> = {};
      const classes: Record<string, "I" | "II" | "III"> = {};
      const lines: string[] = [];
      for (const grid of form.map.grids) {
        for (const code of grid.codes) {
          if (NA_WHEN_POSSIBLE.includes(code) && rnd() < 0.6) {
            results[code] = "na";
            continue;
          }
          if (rnd() < (FAILURE_RATES[code] ?? 0.02)) {
            results[code] = "fail";
            classes[code] =
              (code === "FIRE-03" || code === "PREM-01") && rnd() < 0.5 ? "III" : (SEVERITY[code] ?? "II");
            lines.push(`${code} 现场检查发现问题`);
          }
        }
      }
      const answers: InspectionAnswers = {
        institution: inst.registered
          ? ids.get(inst.name)!
          : {
              new: {
                name: inst.name,
                village: inst.village,
                address: inst.address!,
                operator: inst.operator,
                phone: inst.phone,
              },
            },
        date: dayOf(date),
        departments: [...new Set(team.map((p) => p.department))],
        inspectors: team.map((p) => p.name),
        results,
        classes,
        responsible: Object.values(classes).includes("II") ? inst.operator : undefined,
        interim: Object.values(classes).includes("II") ? "专人值守，整改期间停止相关活动" : undefined,
        descriptions: lines.join("\n"),
      };
      // A few answers go wrong as they do on phones: one inspector only, or tomorrow's date.
      if (rnd() < 0.04) answers.inspectors = answers.inspectors.slice(0, 1);
      submitInspection(rt, inst.typeKey, answers, team[0]!.email);
      submitted++;
    });
    log(`${dayOf(date)} 排查：提交检查表 ${todays.length} 份（累计 ${submitted}）`);
  }
  rt.advanceTo(new Date(town.start.getTime() + 28 * 86_400_000));
  log(
    `${dayOf(rt.clock.now as unknown as Date)} 四周结束：每日检查已运行 ${rt.executions.filter((e) => e.functionName === "runDailyCheck").length} 次`,
  );
  return { submitted };
}

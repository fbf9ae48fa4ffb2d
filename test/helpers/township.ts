// A small township, set up through the bundle in the local runtime as a coordinator would. Each call
// returns a township of its own: the setup runs once per Jest worker and every test gets a copy of it.
import { Runtime, type Manifest } from "../../sim/runtime";
import { seedRegister, seedRoster, setSettings } from "../../sim/township";
import { bundle } from "./build";
export { bundle };
import { snapshot } from "./snapshot";

export const COORDINATOR = "coord@township.example.cn";

const saved = new Map<number, () => Runtime>();

/** The helper township as it stands after setup, at `start`: a fresh copy on every call. */
export function township(start = new Date("2026-03-02T09:00:00+08:00")): Runtime {
  const key = start.getTime();
  if (!saved.has(key))
    saved.set(
      key,
      snapshot(() => buildTownship(start), bundle),
    );
  return saved.get(key)!();
}

/**
 * Builds the helper township through the bundle, from nothing (slower: township() keeps a copy). A
 * manifest other than appsscript.json can be given (e.g. to grant other OAuth scopes).
 */
export function buildTownship(start: Date, manifest?: Manifest): Runtime {
  const rt = new Runtime({ start, code: bundle(), owner: COORDINATOR, manifest });
  rt.openSpreadsheet();
  rt.clickMenu("setup");
  setSettings(rt, {
    乡镇名称: "西夏墅镇",
    活动开始日期: "2026-03-01",
    "村/社区（用顿号或逗号分隔）": "东村、西村、南村",
    协调员邮箱: COORDINATOR,
  });
  seedRegister(rt, [
    {
      name: "阳光培训学校",
      type: "校外培训机构",
      village: "东村",
      phone: "057188886666",
      licences: { 办学许可证: "是", "营业执照/登记证书": "是" },
    },
    {
      name: "快乐托管班",
      type: "校外托管机构",
      village: "西村",
      licences: { "营业执照/登记证书": "是", 食品经营许可证: "是" },
    },
    { name: "张阿姨小饭桌", type: "小饭桌", village: "南村" },
    { name: "贝贝托育园", type: "托育机构", village: "东村" },
  ]);
  seedRoster(rt, [
    { name: "张三", department: "教育", email: "zhangsan@township.example.cn", village: "东村" },
    { name: "李四", department: "消防", email: "lisi@township.example.cn" },
    { name: "王五", department: "市场监管", email: "wangwu@township.example.cn" },
  ]);
  rt.clickMenu("setup");
  return rt;
}

export { sheetRows as rows } from "../../sim/township";
import { sheetRows as sheetRowsOf } from "../../sim/township";

export const ymd = (v: unknown) =>
  v instanceof Date ? new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(v) : v;

/**
 * 状态底账 as a person would read it if each field had its own column: 问题编号 and the fields of its
 * 状态记录 (a JSON array, in the order src/domain/shadow.ts packs them), under 问题台账's headers.
 */
const SHADOW_FIELDS = [
  "问题编号",
  "检查编号",
  "机构编号",
  "类别",
  "发现日期",
  "整改期限",
  "状态",
  "延期至",
  "销号日期",
  "检查项编码",
  "牵头部门",
  "整改责任人",
  "检查人员",
] as const;
export function shadowRows(rt: Runtime): Array<Record<string, unknown>> {
  return sheetRowsOf(rt, "状态底账").map((r) => {
    const fields = JSON.parse(String(r["状态记录"])) as unknown[];
    return Object.fromEntries(SHADOW_FIELDS.map((h, i) => [h, fields[i] ?? ""]));
  });
}

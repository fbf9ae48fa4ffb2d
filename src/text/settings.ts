// 配置's values as the script writes and reads them: the defaults a new ledger starts with, the choices
// a setting accepts (compared with what the coordinator typed), and what is wrong with a value.
// (The labels and help texts are SETTING_LABEL and SETTING_HELP in zh.ts.)

/** 部门's default: the departments a township's campaign usually brings together. */
export const DEFAULT_DEPARTMENTS = [
  "教育",
  "公安",
  "消防",
  "市场监管",
  "卫生健康",
  "住建",
  "应急管理",
  "城管",
  "交警",
  "民政",
];

/** 乡镇名称 until the coordinator fills it in. */
export const DEFAULT_TOWNSHIP = "某某镇";

/** 期限计算方式's two values. */
export const DEADLINE_MODE = { calendar: "自然日", working: "工作日" } as const;

/** Why a value is not used (MSG.settingInvalid gives the label and the value). */
export const NOT_A_DATE = "应为日期，例如 2026-03-01";
export const notAnInteger = (min: number, max: number) => `应为 ${min} 到 ${max} 之间的整数`;
export const NOT_AN_EMAIL = "不是有效的邮箱地址";
export const NOT_A_CONTACT = "每行应为“部门:邮箱”";
export const eitherOf = (a: string, b: string) => `应为“${a}”或“${b}”`;
export const NOT_TIER_RATES = "应为“A:5, B:10, C:20, D:40”的形式，数值为 0–100";

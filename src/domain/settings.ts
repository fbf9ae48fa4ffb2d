// Settings as the coordinator keeps them in the 配置 sheet: one row per setting, label → value.
// Bad values never stop the ledger: each falls back to its default and is reported in plain Chinese.
import { SETTING_HELP as BASE_HELP, SETTING_LABEL as BASE_LABEL, MSG, YES, NO } from "../text/zh";
import { IDENTITY_SETTING } from "../text/identity";
import {
  DEADLINE_MODE,
  DEFAULT_DEPARTMENTS,
  DEFAULT_TOWNSHIP,
  eitherOf,
  NOT_A_CONTACT,
  NOT_A_DATE,
  NOT_AN_EMAIL,
  notAnInteger,
  NOT_TIER_RATES,
} from "../text/settings";
import { SEP_LIST } from "../text/words";
import { NOTICE_SETTING } from "../text/notice";
import { NOTICE_VIEW } from "../text/views";
import { isLocalDate, parseLocalDate } from "./dates";
import type { LocalDate } from "./types";
import { normalizeText } from "./text";

export interface Settings {
  township: string;
  campaignStart: LocalDate | "";
  campaignEnd: LocalDate | "";
  villages: string[];
  departments: string[];
  maxDeadlineDays: number;
  deadlineMode: "calendar" | "working";
  dueSoonDays: number;
  coordinatorEmails: string[];
  /** Department → the addresses that get its daily reminder. */
  departmentContacts: Map<string, string[]>;
  leaderEmails: string[];
  countyEmails: string[];
  reinspectorMustDiffer: boolean;
  /** 是: a passed re-inspection waits for a coordinator's confirmation (待确认销号) before 已销号. */
  signoffNeedsConfirmation: boolean;
  spotRate: number;
  villageCoverage: number;
  tierRates: Record<"A" | "B" | "C" | "D", number>;
  excludeRecentDays: number;
  inspectorsPerInstitution: number;
  /** 二类 on an item whose default is 0 days (meant to be fixed at once): the campaign's default. */
  classIIDefaultDays: number;
  /** Department reminders go out on working days only (the holiday table says which). */
  deptRemindersWorkingDaysOnly: boolean;
  /** The 整改通知书's issuing office, its phone ("" when not set) and the 代字 of its 文号. */
  noticeOffice: string;
  noticePhone: string;
  noticePrefix: string;
}

const SETTING_LABEL = { ...BASE_LABEL, ...IDENTITY_SETTING.label, ...NOTICE_SETTING.label };
const SETTING_HELP = { ...BASE_HELP, ...IDENTITY_SETTING.help, ...NOTICE_SETTING.help };
export type SettingKey = keyof typeof SETTING_LABEL;

/** Defaults as the sheet shows them (text), from the source documents where they say. */
export const SETTING_DEFAULTS: Record<SettingKey, string> = {
  township: DEFAULT_TOWNSHIP,
  campaignStart: "",
  campaignEnd: "",
  villages: "",
  departments: DEFAULT_DEPARTMENTS.join(SEP_LIST),
  maxDeadlineDays: "30",
  deadlineMode: DEADLINE_MODE.calendar,
  dueSoonDays: "3",
  coordinatorEmails: "",
  departmentContacts: "",
  leaderEmails: "",
  countyEmails: "",
  reinspectorMustDiffer: YES,
  signoffNeedsConfirmation: NO,
  spotRate: "10",
  villageCoverage: "50",
  tierRates: "A:5, B:10, C:20, D:40",
  excludeRecentDays: "30",
  inspectorsPerInstitution: "2",
  classIIDefaultDays: "7",
  deptRemindersWorkingDaysOnly: YES,
  // Empty: made from 乡镇名称 (the help says how), so renaming the township renames them too.
  noticeOffice: "",
  noticePhone: "",
  noticePrefix: "",
};

const SETTING_KEYS = Object.keys(SETTING_LABEL) as SettingKey[];

export function settingRows(): Array<{ key: SettingKey; label: string; value: string; help: string }> {
  return SETTING_KEYS.map((key) => ({
    key,
    label: SETTING_LABEL[key],
    value: SETTING_DEFAULTS[key],
    help: SETTING_HELP[key],
  }));
}

const splitList = (s: string) =>
  s
    .split(/[、,，;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

const EMAIL = /^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$/;

/** Reads settings from label → raw cell text. Unknown labels are ignored; bad values use the default. */
export function parseSettings(raw: Map<string, string>): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const get = (key: SettingKey) => {
    const v = raw.get(SETTING_LABEL[key]);
    return v === undefined || v.trim() === "" ? SETTING_DEFAULTS[key] : v.trim();
  };
  const bad = (key: SettingKey, value: string, why: string) => {
    problems.push(MSG.settingInvalid(SETTING_LABEL[key], value, why));
  };
  const date = (key: SettingKey): LocalDate | "" => {
    const v = get(key);
    if (v === "") return "";
    const d = isLocalDate(v) ? v : parseLocalDate(v);
    if (!d) bad(key, v, NOT_A_DATE);
    return d ?? "";
  };
  const int = (key: SettingKey, min: number, max: number): number => {
    const v = normalizeText(get(key));
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      bad(key, v, notAnInteger(min, max));
      return Number(SETTING_DEFAULTS[key]);
    }
    return n;
  };
  const emails = (key: SettingKey): string[] => {
    const list = splitList(get(key));
    const badOnes = list.filter((e) => !EMAIL.test(e));
    if (badOnes.length) bad(key, badOnes.join(SEP_LIST), NOT_AN_EMAIL);
    return list.filter((e) => EMAIL.test(e));
  };
  const contacts = new Map<string, string[]>();
  for (const line of get("departmentContacts").split(/[\n;；]/)) {
    if (!line.trim()) continue;
    const m = /^\s*([^:：]+)[:：]\s*(.+)$/.exec(line);
    const list = m ? splitList(m[2]!) : [];
    const valid = list.filter((e) => EMAIL.test(e));
    if (!m || valid.length !== list.length || valid.length === 0) {
      bad("departmentContacts", line.trim(), NOT_A_CONTACT);
      continue;
    }
    contacts.set(m[1]!.trim(), [...(contacts.get(m[1]!.trim()) ?? []), ...valid]);
  }
  const mode = get("deadlineMode");
  if (mode !== DEADLINE_MODE.calendar && mode !== DEADLINE_MODE.working)
    bad("deadlineMode", mode, eitherOf(DEADLINE_MODE.calendar, DEADLINE_MODE.working));
  const yesNo = (key: SettingKey): boolean => {
    const v = get(key);
    if (v !== YES && v !== NO) bad(key, v, eitherOf(YES, NO));
    return v !== NO;
  };
  const differ = yesNo("reinspectorMustDiffer");
  const township = get("township");
  let phone = normalizeText(get("noticePhone"));
  // Digits with the usual separators (0519-85123456 转 8001, 138 1234 5678); anything else is not printed.
  if (phone && !(/^[\d\s()（）+\-—、,，转]+$/.test(phone) && phone.replace(/\D/g, "").length > 4)) {
    bad("noticePhone", phone, NOTICE_SETTING.badPhone);
    phone = "";
  }
  const settings: Settings = {
    township,
    campaignStart: date("campaignStart"),
    campaignEnd: date("campaignEnd"),
    villages: splitList(get("villages")),
    departments: splitList(get("departments")),
    maxDeadlineDays: int("maxDeadlineDays", 1, 90),
    deadlineMode: mode === DEADLINE_MODE.working ? "working" : "calendar",
    dueSoonDays: int("dueSoonDays", 0, 30),
    coordinatorEmails: emails("coordinatorEmails"),
    departmentContacts: contacts,
    leaderEmails: emails("leaderEmails"),
    countyEmails: emails("countyEmails"),
    reinspectorMustDiffer: differ,
    signoffNeedsConfirmation: yesNo("signoffNeedsConfirmation") && get("signoffNeedsConfirmation") === YES,
    spotRate: int("spotRate", 1, 100) / 100,
    villageCoverage: int("villageCoverage", 0, 100) / 100,
    tierRates: tierRates(get("tierRates"), (why) => bad("tierRates", get("tierRates"), why)),
    excludeRecentDays: int("excludeRecentDays", 0, 365),
    inspectorsPerInstitution: int("inspectorsPerInstitution", 1, 5),
    classIIDefaultDays: int("classIIDefaultDays", 1, 90),
    deptRemindersWorkingDaysOnly: yesNo("deptRemindersWorkingDaysOnly"),
    noticeOffice: get("noticeOffice") || NOTICE_VIEW.office(township),
    noticePhone: phone,
    noticePrefix: get("noticePrefix") || NOTICE_SETTING.prefix(township),
  };
  if (settings.departments.length === 0) settings.departments = [...DEFAULT_DEPARTMENTS];
  return { settings, problems };
}

function tierRates(text: string, bad: (why: string) => void): Settings["tierRates"] {
  const rates = { A: 0.05, B: 0.1, C: 0.2, D: 0.4 };
  const parsed: Partial<Settings["tierRates"]> = {};
  for (const part of normalizeText(text)
    .split(/[,，;；、\s]+/)
    .filter(Boolean)) {
    const m = /^([ABCD])[:：=](\d{1,3})%?$/i.exec(part);
    if (!m || Number(m[2]) > 100) {
      bad(NOT_TIER_RATES);
      return rates;
    }
    parsed[m[1]!.toUpperCase() as keyof Settings["tierRates"]] = Number(m[2]) / 100;
  }
  return { ...rates, ...parsed };
}

/** Mail for the coordinator goes to 协调员邮箱; while none is set, to the script's owner. */
export function coordinatorRecipients(
  settings: Pick<Settings, "coordinatorEmails">,
  owner: string,
): string[] {
  return settings.coordinatorEmails.length ? [...settings.coordinatorEmails] : [owner].filter(Boolean);
}

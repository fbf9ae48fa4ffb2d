// A scenario: a township and a timeline of what people do, played against dist/Code.js in the runtime.
// The format is documented in README ("Scenarios") and validated here with zod and against the checklists;
// every mistake names its place (events[3].answers.results.FIRE-99: no such item on form training) and is
// reported as a ScenarioError, never as a stack trace.
import * as z from "zod";
import type { Runtime } from "./runtime";
import type { UiEvent } from "./context";
import {
  sheetRows,
  seedRegister,
  seedRoster,
  submitInspection,
  submitReinspection,
  type InspectionAnswers,
} from "./township";
import { CHECKLISTS } from "../forms/index";
import type { InspectionForm } from "../src/domain/checklist";

// ------------------------------------------------------------------ the format

/** A real calendar day: 2026-02-30 is refused (JavaScript's Date would roll it over to 2 March). */
function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const when = z.string().refine((s) => {
  const m = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  return !!m && isCalendarDay(m[1]!) && !Number.isNaN(Date.parse(s));
}, "must be a real date-time like 2026-03-02T10:00:00+08:00");
const day = z.string().refine(isCalendarDay, "must be a real date like 2026-03-02");
const result = z.enum(["ok", "fail", "na"]);
const cls = z.enum(["I-fixed", "I", "II", "III"]);
const institutionRef = z.string().min(1, "name or register id (R0001) of an institution");
const by = z.string().email().optional();
const LICENCES = ["办学许可证", "营业执照/登记证书", "食品经营许可证", "卫生许可证", "卫健备案"] as const;
const DISPOSITIONS = ["登记备案", "整改规范", "停业整顿", "关停取缔"] as const;

const InspectEvent = z.object({
  at: when,
  do: z.literal("inspect"),
  by,
  form: z.enum(["training", "aftercare", "meal", "childcare"]),
  answers: z.object({
    institution: z.union([
      institutionRef,
      z.object({
        new: z.object({
          name: z.string().min(1),
          village: z.string().min(1),
          address: z.string().min(1),
          operator: z.string().optional(),
          phone: z.string().optional(),
        }),
      }),
    ]),
    date: day,
    departments: z.array(z.string()).min(1),
    inspectors: z.array(z.string()),
    results: z.record(z.string(), result).optional(),
    defaultNa: z.array(z.string()).optional(),
    classes: z.record(z.string(), cls).optional(),
    deadline: day.optional(),
    responsible: z.string().optional(),
    interim: z.string().optional(),
    descriptions: z.string().optional(),
  }),
});

const ReinspectEvent = z.object({
  at: when,
  do: z.literal("reinspect"),
  by,
  institution: institutionRef,
  date: day,
  departments: z.array(z.string()).min(1),
  inspectors: z.array(z.string()),
  /** Item codes of the institution's open findings that passed / failed. */
  passed: z.array(z.string()).default([]),
  failed: z.array(z.string()).default([]),
});

const ReportFixedEvent = z.object({
  at: when,
  do: z.literal("reportFixed"),
  institution: institutionRef,
  item: z.string(),
  by,
});
const ExtendEvent = z.object({
  at: when,
  do: z.literal("extend"),
  institution: institutionRef,
  item: z.string(),
  to: day,
  reason: z.string().min(1),
  by,
});
/** A cell typed by a person: by A1 cell, or by the row's key (first column) and the column's header. */
const EditEvent = z
  .object({
    at: when,
    do: z.literal("edit"),
    sheet: z.string().min(1),
    cell: z
      .string()
      .regex(/^[A-Z]+\d+$/, "an A1 cell such as B3")
      .optional(),
    key: z.string().min(1).optional(),
    column: z.string().min(1).optional(),
    value: z.union([z.string(), z.number()]),
    by,
  })
  .refine((e) => !!e.cell !== !!(e.key && e.column), {
    message: 'give either "cell" (A1) or both "key" (the row\'s first column) and "column" (a header)',
  });
const EditRegisterEvent = z.object({
  at: when,
  do: z.literal("editRegister"),
  institution: institutionRef,
  column: z.string().min(1),
  value: z.union([z.string(), z.number()]),
  by,
});
const SettingEvent = z.object({
  at: when,
  do: z.literal("setting"),
  label: z.string().min(1),
  value: z.string(),
  by,
});
/** 处置方式 as the coordinator decides it (e.g. 关停取缔 closes a 三类 finding). */
const DisposeEvent = z.object({
  at: when,
  do: z.literal("dispose"),
  institution: institutionRef,
  disposition: z.enum(DISPOSITIONS),
  by,
});
/** A licence obtained or lost, as typed into the register's 是/否 column. */
const LicenceEvent = z.object({
  at: when,
  do: z.literal("licence"),
  institution: institutionRef,
  licence: z.enum(LICENCES),
  value: z.enum(["是", "否"]),
  by,
});
const MenuEvent = z.object({
  at: when,
  do: z.literal("menu"),
  item: z.enum([
    "setup",
    "reprocessPending",
    "runDailyCheck",
    "drawSpotCheck",
    "verifySpotCheck",
    "publishSpotCheckResults",
    "sendSummary",
  ]),
  /** Answers to the dialogs the menu item opens, in order (e.g. the seed of a draw). */
  dialogs: z
    .array(z.object({ button: z.enum(["OK", "CANCEL", "YES", "NO"]), text: z.string().optional() }))
    .default([]),
  by,
});
/**
 * Google delivering a form-submit trigger again (the same response twice) or with no response at all.
 * Which response: `responseId`, or `of` (the index of the inspect/reinspect event that submitted it),
 * or by default the last one submitted. `blank: true` fires the trigger with no response.
 */
const RedeliverEvent = z.object({
  at: when,
  do: z.literal("redeliver"),
  responseId: z.string().min(1).optional(),
  of: z.number().int().min(0).optional(),
  blank: z.boolean().optional(),
  /** For a blank delivery: whose form's trigger fires (default: the last response's form). */
  form: z.enum(["training", "aftercare", "meal", "childcare", "reinspection"]).optional(),
});
/** Everything the ledger holds at this moment, to out/snapshots/<time>[ label]/. */
const SnapshotEvent = z.object({ at: when, do: z.literal("snapshot"), label: z.string().optional() });
const WaitEvent = z.object({ at: when, do: z.literal("wait") });

const Event = z.discriminatedUnion("do", [
  InspectEvent,
  ReinspectEvent,
  ReportFixedEvent,
  ExtendEvent,
  EditEvent,
  EditRegisterEvent,
  SettingEvent,
  DisposeEvent,
  LicenceEvent,
  MenuEvent,
  RedeliverEvent,
  SnapshotEvent,
  WaitEvent,
]);

const ScenarioSchema = z.object({
  name: z.string().min(1),
  start: when,
  end: when,
  coordinator: z.string().email(),
  /** By the labels of the 配置 sheet, e.g. "乡镇名称". */
  settings: z.record(z.string(), z.string()).default({}),
  register: z.array(
    z.object({
      name: z.string().min(1),
      type: z.enum(["校外培训机构", "校外托管机构", "小饭桌", "托育机构"]),
      village: z.string().min(1),
      address: z.string().optional(),
      operator: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
      capacity: z.number().optional(),
      licences: z.partialRecord(z.enum(LICENCES), z.enum(["是", "否"])).optional(),
    }),
  ),
  roster: z
    .array(
      z.object({
        name: z.string().min(1),
        department: z.string().min(1),
        email: z.string().email(),
        phone: z.string().optional(),
        village: z.string().optional(),
      }),
    )
    .min(2, "at least two inspectors"),
  events: z.array(Event),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
type ScenarioEvent = Scenario["events"][number];

export class ScenarioError extends Error {}

const pathText = (path: ReadonlyArray<PropertyKey>) =>
  path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "") || "(scenario)";

/** The items of each inspection form, and every known code (for "not on this form" vs "no such item"). */
const FORM_ITEMS = new Map(
  CHECKLISTS.forms
    .filter((f): f is InspectionForm => f.kind === "inspection")
    .map((f) => [f.id, new Set(f.sections.flatMap((s) => s.items))]),
);
const ALL_ITEMS = new Set(CHECKLISTS.items.map((i) => i.code));

/** What the schema cannot see: item codes on the right form, times in order. */
function checkAgainstChecklists(s: Scenario): string[] {
  const problems: string[] = [];
  s.events.forEach((e, i) => {
    const at = `events[${i}]`;
    const itemProblem = (code: string, form?: string) =>
      !ALL_ITEMS.has(code)
        ? `no such item${form ? ` on form ${form}` : ""} (item codes look like FIRE-01)`
        : form && !FORM_ITEMS.get(form)?.has(code)
          ? `item ${code} is not on form ${form}`
          : "";
    if (e.do === "inspect") {
      const a = e.answers;
      const check = (field: string, codes: string[]) =>
        codes.forEach((code) => {
          const p = itemProblem(code, e.form);
          if (p) problems.push(`${at}.answers.${field}.${code}: ${p}`);
        });
      check("results", Object.keys(a.results ?? {}));
      check("classes", Object.keys(a.classes ?? {}));
      (a.defaultNa ?? []).forEach((code, k) => {
        const p = itemProblem(code, e.form);
        if (p) problems.push(`${at}.answers.defaultNa[${k}]: ${code}: ${p}`);
      });
    }
    if (e.do === "reinspect")
      for (const field of ["passed", "failed"] as const)
        e[field].forEach((code, k) => {
          const p = itemProblem(code);
          if (p) problems.push(`${at}.${field}[${k}]: ${code}: ${p}`);
        });
    if (e.do === "reportFixed" || e.do === "extend") {
      const p = itemProblem(e.item);
      if (p) problems.push(`${at}.item: ${e.item}: ${p}`);
    }
    if (e.do === "redeliver" && e.of !== undefined) {
      const target = s.events[e.of];
      if (!target || e.of >= i || (target.do !== "inspect" && target.do !== "reinspect"))
        problems.push(`${at}.of: events[${e.of}] must be an earlier inspect or reinspect event`);
    }
    if (Date.parse(e.at) < Date.parse(s.start))
      problems.push(`${at}.at: ${e.at} is before the scenario's start ${s.start}`);
    if (i > 0 && Date.parse(e.at) < Date.parse(s.events[i - 1]!.at))
      problems.push(
        `${at}.at: ${e.at} is earlier than the event before it (${s.events[i - 1]!.at}); events must be in time order`,
      );
  });
  if (Date.parse(s.end) < Date.parse(s.events.at(-1)?.at ?? s.start))
    problems.push(`end: ${s.end} is before the last event`);
  return problems;
}

function fail(problems: string[]): never {
  const more = problems.length > 20 ? [`… and ${problems.length - 20} more`] : [];
  throw new ScenarioError(
    `The scenario is not valid:\n  ${[...problems.slice(0, 20), ...more].join("\n  ")}`,
  );
}

/** Parses and checks a scenario; every problem names where it is (events[3].answers.date: …). */
export function parseScenario(json: unknown): Scenario {
  const r = ScenarioSchema.safeParse(json);
  if (!r.success) fail(r.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`));
  const problems = checkAgainstChecklists(r.data);
  if (problems.length) fail(problems);
  return r.data;
}

// ------------------------------------------------------------------ playing it

/** A message a person saw (toast, alert, prompt) and, for dialogs, the answer given. */
export interface UiRecord {
  at: number;
  event: string;
  kind: UiEvent["kind"];
  user?: string;
  title?: string;
  message: string;
  answer?: { button: string; text?: string; byDefault?: boolean };
}

export interface PlayHooks {
  log?: (line: string) => void;
  /** Called at a snapshot event, at that moment of the campaign. */
  snapshot?: (at: number, label: string | undefined) => void;
}

export interface PlayResult {
  /** Every toast, alert and prompt, in order, with the event that caused it. */
  ui: UiRecord[];
  /** Edits the sheet refused (protected or invalid), with the reason shown. */
  refused: string[];
}

function header(rt: Runtime, sheet: string): string[] {
  const s = rt.sheet(sheet);
  return Array.from({ length: s._lastColumn() }, (_, i) => String(s._get(1, i + 1)));
}

function columnOf(rt: Runtime, sheet: string, name: string, where: string): number {
  const headers = header(rt, sheet);
  const c = headers.indexOf(name) + 1;
  if (!c)
    throw new ScenarioError(
      `${where}: ${sheet} has no column "${name}" (columns: ${headers.filter(Boolean).join("、")})`,
    );
  return c;
}

function institutionId(rt: Runtime, ref: string, where: string): string {
  const rows = sheetRows(rt, "机构名录");
  const hit = rows.find((r) => r["机构编号"] === ref) ?? rows.find((r) => r["机构名称"] === ref);
  if (hit) return String(hit["机构编号"]);
  if (/^R\d{4,}$/.test(ref)) return ref; // not yet written (a new institution in the same minute)
  throw new ScenarioError(
    `${where}: no institution named "${ref}" in 机构名录 at this point of the campaign`,
  );
}

function registerRow(rt: Runtime, ref: string, where: string): number {
  const id = institutionId(rt, ref, where);
  const index = sheetRows(rt, "机构名录").findIndex((r) => r["机构编号"] === id);
  if (index < 0) throw new ScenarioError(`${where}: ${id} is not in 机构名录`);
  return index + 2;
}

function openFinding(rt: Runtime, inst: string, item: string, where: string): { id: string; row: number } {
  const all = sheetRows(rt, "问题台账");
  const index = all.findIndex(
    (f) => f["机构编号"] === inst && f["检查项编码"] === item && f["状态"] !== "已销号",
  );
  if (index < 0) throw new ScenarioError(`${where}: ${inst} has no open finding for item ${item}`);
  return { id: String(all[index]!["问题编号"]), row: index + 2 };
}

function settingRow(rt: Runtime, label: string, where: string): number {
  const sheet = rt.sheet("配置");
  const labels: string[] = [];
  for (let r = 2; r <= sheet._lastRow(); r++) {
    const text = String(sheet._get(r, 1));
    if (text === label) return r;
    labels.push(text);
  }
  throw new ScenarioError(
    `${where}: no setting labelled "${label}" in 配置 (settings: ${labels.filter(Boolean).join("、")})`,
  );
}

/** Plays a scenario: setup, the coordinator's data, then every event at its time, then to the end. */
export function playScenario(rt: Runtime, s: Scenario, hooks: PlayHooks | PlayHooks["log"] = {}): PlayResult {
  const { log = () => undefined, snapshot } = typeof hooks === "function" ? { log: hooks } : hooks;
  const coordinator = s.coordinator;
  const result: PlayResult = { ui: [], refused: [] };
  const responses = new Map<number, string>();
  let lastResponse: string | undefined;
  let seen = 0;
  /** Every message shown since the last call, answered in order from `answers` (alerts and prompts). */
  const record = (event: string, answers: Array<{ button: string; text?: string }> = []) => {
    const fresh = rt.ui.slice(seen).filter((u) => u.kind !== "menu");
    seen = rt.ui.length;
    let k = 0;
    for (const u of fresh) {
      const dialog = u.kind === "alert" || u.kind === "prompt";
      const given = dialog ? answers[k++] : undefined;
      result.ui.push({
        at: u.at,
        event,
        kind: u.kind,
        user: u.user,
        title: u.title,
        message: u.message,
        answer: dialog
          ? given
            ? { ...given }
            : { button: u.kind === "alert" ? "OK" : "CANCEL", byDefault: true }
          : undefined,
      });
    }
    return k;
  };
  const edit = (where: string, sheet: string, row: number, column: number, value: unknown, user?: string) => {
    const r = rt.editCells(sheet, row, column, [[value]], user ?? coordinator);
    if (!r.accepted) {
      result.refused.push(`${where}: ${r.message}`);
      log(`${where}: the sheet refused the edit: ${r.message}`);
    }
  };

  // Setup as the coordinator does it: 初始化, 配置, the register and the roster, 初始化 again.
  const phase = (where: string, run: () => void) => {
    try {
      run();
    } catch (err) {
      if (err instanceof ScenarioError) throw err;
      throw new ScenarioError(`${where}: ${(err as Error).message}`);
    }
    record(where);
  };
  phase("setup", () => {
    rt.openSpreadsheet(coordinator);
    rt.clickMenu("setup", coordinator);
  });
  phase("settings", () => {
    for (const [label, value] of Object.entries(s.settings))
      edit(`settings.${label}`, "配置", settingRow(rt, label, `settings.${label}`), 2, value, coordinator);
  });
  phase("register", () => seedRegister(rt, s.register, coordinator));
  phase("roster", () => seedRoster(rt, s.roster, coordinator));
  phase("setup", () => rt.clickMenu("setup", coordinator));
  log(`初始化：名录 ${s.register.length} 家机构，检查人员 ${s.roster.length} 人`);

  let lastDay = "";
  let count = 0;
  s.events.forEach((e, i) => {
    const where = `events[${i}] (${e.do} at ${e.at})`;
    rt.advanceTo(new Date(e.at));
    record(`time-driven triggers before events[${i}]`);
    const today = e.at.slice(0, 10);
    if (today !== lastDay && lastDay) {
      log(`${lastDay}：${count} 个事件`);
      count = 0;
    }
    lastDay = today;
    count++;
    // The coordinator types into the row of the institution's open finding for that item.
    const setFindingCell = (
      ev: { institution: string; item: string; by?: string },
      column: string,
      value: string,
    ) => {
      const f = openFinding(
        rt,
        institutionId(rt, ev.institution, `${where}.institution`),
        ev.item,
        `${where}.item`,
      );
      edit(where, "问题台账", f.row, columnOf(rt, "问题台账", column, where), value, ev.by);
    };
    const setRegisterCell = (ev: { institution: string; by?: string }, column: string, value: unknown) => {
      const row = registerRow(rt, ev.institution, `${where}.institution`);
      edit(where, "机构名录", row, columnOf(rt, "机构名录", column, `${where}.column`), value, ev.by);
    };
    let answered = 0;
    try {
      switch (e.do) {
        case "inspect": {
          const a = e.answers;
          const answers: InspectionAnswers = {
            ...a,
            institution:
              typeof a.institution === "string"
                ? institutionId(rt, a.institution, `${where}.answers.institution`)
                : a.institution,
          };
          lastResponse = submitInspection(rt, e.form, answers, e.by).responseId;
          responses.set(i, lastResponse);
          break;
        }
        case "reinspect": {
          const inst = institutionId(rt, e.institution, `${where}.institution`);
          const ids = (codes: string[], field: string) =>
            codes.map((c) => openFinding(rt, inst, c, `${where}.${field}`).id);
          lastResponse = submitReinspection(
            rt,
            {
              institution: inst,
              date: e.date,
              departments: e.departments,
              inspectors: e.inspectors,
              passed: ids(e.passed, "passed"),
              failed: ids(e.failed, "failed"),
            },
            e.by,
          ).responseId;
          responses.set(i, lastResponse);
          break;
        }
        case "reportFixed":
          setFindingCell(e, "状态", "已整改待复查");
          break;
        case "extend":
          setFindingCell(e, "延期理由", e.reason);
          setFindingCell(e, "延期至", e.to);
          break;
        case "edit": {
          if (e.cell) {
            const [row, column] = rt.sheet(e.sheet)._parseA1(e.cell);
            edit(where, e.sheet, row, column, e.value, e.by);
          } else {
            const rows = sheetRows(rt, e.sheet);
            const first = header(rt, e.sheet)[0]!;
            const index = rows.findIndex((r) => String(r[first]) === e.key);
            if (index < 0)
              throw new ScenarioError(`${where}.key: no row of ${e.sheet} has ${first} "${e.key}"`);
            edit(
              where,
              e.sheet,
              index + 2,
              columnOf(rt, e.sheet, e.column!, `${where}.column`),
              e.value,
              e.by,
            );
          }
          break;
        }
        case "editRegister":
          setRegisterCell(e, e.column, e.value);
          break;
        case "setting":
          edit(where, "配置", settingRow(rt, e.label, `${where}.label`), 2, e.value, e.by);
          break;
        case "dispose":
          setRegisterCell(e, "处置方式", e.disposition);
          break;
        case "licence":
          setRegisterCell(e, e.licence, e.value);
          break;
        case "menu": {
          rt.ctx.dialogAnswers.length = 0;
          rt.ctx.dialogAnswers.push(...e.dialogs);
          try {
            rt.clickMenu(e.item, e.by ?? coordinator);
          } finally {
            answered = record(`events[${i}] menu ${e.item}`, e.dialogs);
            rt.ctx.dialogAnswers.length = 0;
          }
          if (answered < e.dialogs.length)
            log(`${where}: ${e.dialogs.length} dialog answers given, ${answered} dialogs shown`);
          break;
        }
        case "redeliver":
          redeliver(rt, e, e.of !== undefined ? responses.get(e.of) : lastResponse, where);
          break;
        case "snapshot":
          snapshot?.(rt.clock.now, e.label);
          break;
        case "wait":
          break;
      }
    } catch (err) {
      if (err instanceof ScenarioError) throw err;
      throw new ScenarioError(`${where}: ${(err as Error).message}`);
    }
    if (e.do !== "menu") record(`events[${i}] ${e.do}`);
  });
  if (lastDay) log(`${lastDay}：${count} 个事件`);
  rt.advanceTo(new Date(s.end));
  record("time-driven triggers to the end");
  return result;
}

/** Fires the form-submit triggers again for a response, or with no response (a blank delivery). */
function redeliver(
  rt: Runtime,
  e: Extract<ScenarioEvent, { do: "redeliver" }>,
  fallback: string | undefined,
  where: string,
): void {
  const forms = [...rt.forms._forms.values()];
  const id = e.responseId ?? fallback;
  let form = id ? forms.find((f) => f._responses.some((r) => r._id === id)) : undefined;
  if (e.form) {
    const raw = rt.properties._stores.document.get(`form:${e.form}`);
    const formId = raw ? (JSON.parse(raw) as { formId: string }).formId : "";
    form = forms.find((f) => f._id === formId);
    if (!form) throw new ScenarioError(`${where}.form: the form ${e.form} has not been set up`);
  }
  if (!form)
    throw new ScenarioError(`${where}: no response ${id ?? "(none submitted yet)"} to deliver again`);
  const response = e.blank ? undefined : form._responses.find((r) => r._id === id);
  if (!e.blank && !response)
    throw new ScenarioError(`${where}.responseId: no response ${id} on form ${form._title}`);
  const triggers = rt.script._triggers.filter((t) => t.event === "ON_FORM_SUBMIT" && t.sourceId === form._id);
  for (const t of triggers)
    rt.run(t.handler, {
      kind: "installable-trigger",
      user: t.owner,
      triggerUid: t.uid,
      event: response
        ? { authMode: "FULL", response: response._api, source: form._api, triggerUid: t.uid }
        : { authMode: "FULL", source: form._api, triggerUid: t.uid },
    });
}

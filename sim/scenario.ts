// A scenario: a township and a timeline of what people do, played against dist/Code.js in the runtime.
// The format is documented in README ("Scenarios") and validated here with zod; a mistake names the
// event and the field.
import * as z from "zod";
import type { Runtime } from "./runtime";
import {
  sheetRows,
  seedRegister,
  seedRoster,
  setSettings,
  submitInspection,
  submitReinspection,
  type InspectionAnswers,
} from "./township";

const when = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "must be a date-time like 2026-03-02T10:00:00+08:00");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-03-02");
const result = z.enum(["ok", "fail", "na"]);
const cls = z.enum(["I-fixed", "I", "II", "III"]);
const institutionRef = z.string().min(1, "name or register id (R0001) of an institution");

const InspectEvent = z.object({
  at: when,
  do: z.literal("inspect"),
  by: z.string().email().optional(),
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
  by: z.string().email().optional(),
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
  by: z.string().email().optional(),
});
const ExtendEvent = z.object({
  at: when,
  do: z.literal("extend"),
  institution: institutionRef,
  item: z.string(),
  to: day,
  reason: z.string().min(1),
  by: z.string().email().optional(),
});
const EditEvent = z.object({
  at: when,
  do: z.literal("edit"),
  sheet: z.string(),
  cell: z.string().regex(/^[A-Z]+\d+$/, "an A1 cell such as B3"),
  value: z.union([z.string(), z.number()]),
  by: z.string().email().optional(),
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
  by: z.string().email().optional(),
});
const WaitEvent = z.object({ at: when, do: z.literal("wait") });

const Event = z.discriminatedUnion("do", [
  InspectEvent,
  ReinspectEvent,
  ReportFixedEvent,
  ExtendEvent,
  EditEvent,
  MenuEvent,
  WaitEvent,
]);

export const ScenarioSchema = z.object({
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
      licences: z
        .partialRecord(
          z.enum(["办学许可证", "营业执照/登记证书", "食品经营许可证", "卫生许可证", "卫健备案"]),
          z.enum(["是", "否"]),
        )
        .optional(),
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

export class ScenarioError extends Error {}

/** Parses and checks a scenario; every problem names where it is (events[3].answers.date: …). */
export function parseScenario(json: unknown): Scenario {
  const r = ScenarioSchema.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.map(
      (i) =>
        `${
          i.path
            .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
            .join("")
            .replace(/^\./, "") || "(scenario)"
        }: ${i.message}`,
    );
    const more = lines.length > 20 ? [`… and ${lines.length - 20} more`] : [];
    throw new ScenarioError(`The scenario is not valid:\n  ${[...lines.slice(0, 20), ...more].join("\n  ")}`);
  }
  const s = r.data;
  s.events.forEach((e, i) => {
    if (Date.parse(e.at) < Date.parse(s.start))
      throw new ScenarioError(`events[${i}].at: ${e.at} is before the scenario's start ${s.start}`);
    if (i > 0 && Date.parse(e.at) < Date.parse(s.events[i - 1]!.at))
      throw new ScenarioError(
        `events[${i}].at: ${e.at} is earlier than the event before it (${s.events[i - 1]!.at}); events must be in time order`,
      );
  });
  if (Date.parse(s.end) < Date.parse(s.events.at(-1)?.at ?? s.start))
    throw new ScenarioError(`end: ${s.end} is before the last event`);
  return s;
}

function institutionId(rt: Runtime, ref: string, where: string): string {
  if (/^R\d{4,}$/.test(ref)) return ref;
  const hit = sheetRows(rt, "机构名录").find((r) => r["机构名称"] === ref);
  if (!hit)
    throw new ScenarioError(
      `${where}: no institution named "${ref}" in 机构名录 at this point of the campaign`,
    );
  return String(hit["机构编号"]);
}

function openFinding(rt: Runtime, inst: string, item: string, where: string): { id: string; row: number } {
  const all = sheetRows(rt, "问题台账");
  const index = all.findIndex(
    (f) => f["机构编号"] === inst && f["检查项编码"] === item && f["状态"] !== "已销号",
  );
  if (index < 0) throw new ScenarioError(`${where}: ${inst} has no open finding for item ${item}`);
  return { id: String(all[index]!["问题编号"]), row: index + 2 };
}

function column(rt: Runtime, sheet: string, header: string): number {
  const s = rt.sheet(sheet);
  return Array.from({ length: s._lastColumn() }, (_, i) => s._get(1, i + 1)).indexOf(header) + 1;
}

export interface PlayLog {
  (line: string): void;
}

/** Plays a scenario: setup, the coordinator's data, then every event at its time, then to the end. */
export function playScenario(rt: Runtime, s: Scenario, log: PlayLog = () => undefined): void {
  const coordinator = s.coordinator;
  rt.openSpreadsheet(coordinator);
  rt.clickMenu("setup", coordinator);
  if (Object.keys(s.settings).length) setSettings(rt, s.settings, coordinator);
  seedRegister(rt, s.register, coordinator);
  seedRoster(rt, s.roster, coordinator);
  rt.clickMenu("setup", coordinator);
  log(`初始化：名录 ${s.register.length} 家机构，检查人员 ${s.roster.length} 人`);
  let lastDay = "";
  let count = 0;
  s.events.forEach((e, i) => {
    const where = `events[${i}] (${e.do} at ${e.at})`;
    rt.advanceTo(new Date(e.at));
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
      header: string,
      value: string,
    ) => {
      const f = openFinding(
        rt,
        institutionId(rt, ev.institution, `${where}.institution`),
        ev.item,
        `${where}.item`,
      );
      rt.editCells("问题台账", f.row, column(rt, "问题台账", header), [[value]], ev.by ?? coordinator);
    };
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
          submitInspection(rt, e.form, answers, e.by ?? coordinator);
          break;
        }
        case "reinspect": {
          const inst = institutionId(rt, e.institution, `${where}.institution`);
          const ids = (codes: string[], field: string) =>
            codes.map((c) => openFinding(rt, inst, c, `${where}.${field}`).id);
          submitReinspection(
            rt,
            {
              institution: inst,
              date: e.date,
              departments: e.departments,
              inspectors: e.inspectors,
              passed: ids(e.passed, "passed"),
              failed: ids(e.failed, "failed"),
            },
            e.by ?? coordinator,
          );
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
          const result = rt.editCell(e.sheet, e.cell, e.value, e.by ?? coordinator);
          if (!result.accepted) log(`${where}: the sheet refused the edit: ${result.message}`);
          break;
        }
        case "menu":
          rt.ctx.dialogAnswers.push(...e.dialogs);
          rt.clickMenu(e.item, e.by ?? coordinator);
          break;
        case "wait":
          break;
      }
    } catch (err) {
      if (err instanceof ScenarioError) throw err;
      throw new ScenarioError(`${where}: ${(err as Error).message}`);
    }
  });
  if (lastDay) log(`${lastDay}：${count} 个事件`);
  rt.advanceTo(new Date(s.end));
}

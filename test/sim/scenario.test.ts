// The scenario player: every mistake named by its place (never a stack trace), and the events a realistic
// scenario needs — edits by header, settings by label, 处置方式 and licences, dialog answers and the
// messages shown, snapshots, a trigger delivered twice or blank.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Runtime } from "../../sim/runtime";
import { parseScenario, playScenario, ScenarioError, type ScenarioInput } from "../../sim/scenario";
import { sheetRows } from "../../sim/township";
import { ROOT } from "../helpers/build";
import { bundle } from "../helpers/township";

const small = (): ScenarioInput =>
  JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/scenario-small.json"), "utf8")) as ScenarioInput;
type Events = Array<Record<string, unknown>>;

function problems(mutate: (s: ScenarioInput & { events: Events }) => void): string {
  const s = small() as ScenarioInput & { events: Events };
  mutate(s);
  try {
    parseScenario(s);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error("the scenario was accepted");
}

const answers = (s: { events: Events }, i = 0) => s.events[i]!.answers as Record<string, unknown>;

describe("mistakes are named by their place", () => {
  test("a day that does not exist (JavaScript's Date would roll 2026-02-30 over to 2 March)", () => {
    expect(problems((s) => (answers(s).date = "2026-02-30"))).toContain(
      "events[0].answers.date: must be a real date like 2026-03-02",
    );
    expect(problems((s) => (s.events[0]!.at = "2026-02-30T10:00:00+08:00"))).toContain(
      "events[0].at: must be a real date-time like 2026-03-02T10:00:00+08:00",
    );
    expect(problems((s) => (s.events[0]!.at = "March 2 2026"))).toContain(
      "events[0].at: must be a real date-time",
    );
    expect(problems((s) => (s.events[3]!.date = "2026-13-01"))).toContain(
      "events[3].date: must be a real date",
    );
  });

  test("an unknown item code, and an item that is not on that form", () => {
    const message = problems((s) => {
      answers(s).results = { "FIRE-99": "fail", "FOOD-01": "fail" }; // FOOD-01 is on the meal form only
      answers(s).classes = { "FIRE-99": "II" };
      answers(s, 1).defaultNa = ["QUAL-01"]; // a training item, on the meal form
      s.events[2]!.item = "FIRE-100";
      s.events[3]!.passed = ["XYZ"];
    });
    expect(message).toContain("events[0].answers.results.FIRE-99: no such item on form training");
    expect(message).toContain("events[0].answers.results.FOOD-01: item FOOD-01 is not on form training");
    expect(message).toContain("events[0].answers.classes.FIRE-99: no such item on form training");
    expect(message).toContain("events[1].answers.defaultNa[0]: QUAL-01: item QUAL-01 is not on form meal");
    expect(message).toContain("events[2].item: FIRE-100: no such item");
    expect(message).toContain("events[3].passed[0]: XYZ: no such item");
  });

  test("an edit needs a cell, or a row key and a column header; a redelivery an earlier submission", () => {
    expect(
      problems((s) =>
        s.events.push({ at: "2026-03-07T10:00:00+08:00", do: "edit", sheet: "问题台账", value: "x" }),
      ),
    ).toContain('events[5]: give either "cell" (A1) or both "key"');
    expect(
      problems((s) => s.events.push({ at: "2026-03-07T10:00:00+08:00", do: "redeliver", of: 2 })),
    ).toContain("events[5].of: events[2] must be an earlier inspect or reinspect event");
  });

  test("a wrong settings label or register column is an error with the place and the choices", () => {
    const rt = () => {
      const r = new Runtime({
        start: new Date("2026-03-02T08:30:00+08:00"),
        code: bundle(),
        owner: "coord@township.example.cn",
      });
      return r;
    };
    const bad = small();
    bad.settings = { ...bad.settings, 乡镇名: "测试镇" };
    expect(() => playScenario(rt(), parseScenario(bad))).toThrow(
      /^settings\.乡镇名: no setting labelled "乡镇名" in 配置 \(settings: 乡镇名称、活动开始日期、/,
    );
    const column = small() as ScenarioInput & { events: Events };
    column.events.splice(1, 0, {
      at: "2026-03-02T10:30:00+08:00",
      do: "editRegister",
      institution: "阳光培训学校",
      column: "处置",
      value: "关停取缔",
    });
    expect(() => playScenario(rt(), parseScenario(column))).toThrow(
      /^events\[1\] \(editRegister at 2026-03-02T10:30:00\+08:00\)\.column: 机构名录 has no column "处置" \(columns: 机构编号、机构名称、/,
    );
  });
});

describe("what a realistic scenario needs", () => {
  const s = small() as ScenarioInput & { events: Events };
  // After the fixture's events (the last at 2026-03-06 11:00, a draw answered with seed 12345 and NO):
  s.events.push(
    { at: "2026-03-06T12:00:00+08:00", do: "snapshot", label: "复查后" },
    { at: "2026-03-06T13:00:00+08:00", do: "setting", label: "领导邮箱", value: "boss@township.example.cn" },
    {
      at: "2026-03-06T13:05:00+08:00",
      do: "licence",
      institution: "快乐托管班",
      licence: "食品经营许可证",
      value: "否",
    },
    { at: "2026-03-06T13:10:00+08:00", do: "dispose", institution: "R0003", disposition: "关停取缔" },
    {
      at: "2026-03-06T13:15:00+08:00",
      do: "editRegister",
      institution: "阳光培训学校",
      column: "备注",
      value: "负责人已更换",
    },
    {
      at: "2026-03-06T13:20:00+08:00",
      do: "edit",
      sheet: "问题台账",
      key: "JC20260302-001-01",
      column: "备注",
      value: "已电话督促",
    },
    { at: "2026-03-06T14:00:00+08:00", do: "redeliver", of: 0 },
    { at: "2026-03-06T14:01:00+08:00", do: "redeliver" },
    { at: "2026-03-06T14:02:00+08:00", do: "redeliver", blank: true, form: "training" },
  );
  const scenario = parseScenario(s);
  const snapshots: Array<{ at: number; label?: string; findings: number }> = [];
  let rt: Runtime;
  let played: ReturnType<typeof playScenario>;
  beforeAll(() => {
    rt = new Runtime({ start: new Date(scenario.start), code: bundle(), owner: scenario.coordinator });
    played = playScenario(rt, scenario, {
      snapshot: (at, label) => snapshots.push({ at, label, findings: sheetRows(rt, "问题台账").length }),
    });
  });

  test("a snapshot is taken at its moment", () => {
    expect(snapshots).toEqual([
      { at: Date.parse("2026-03-06T12:00:00+08:00"), label: "复查后", findings: 3 },
    ]);
  });

  test("settings by label, the register by institution and header, 处置方式 and licences", () => {
    const settings = Object.fromEntries(sheetRows(rt, "配置").map((r) => [r["项目"], r["值"]]));
    expect(settings["领导邮箱"]).toBe("boss@township.example.cn");
    const register = Object.fromEntries(sheetRows(rt, "机构名录").map((r) => [r["机构名称"], r]));
    expect(register["快乐托管班"]!["食品经营许可证"]).toBe("否");
    expect(register["张阿姨小饭桌"]!["处置方式"]).toBe("关停取缔");
    expect(register["阳光培训学校"]!["备注"]).toBe("负责人已更换");
    const finding = sheetRows(rt, "问题台账").find((f) => f["问题编号"] === "JC20260302-001-01")!;
    expect(finding["备注"]).toBe("已电话督促");
    // Each edit is the coordinator's, stamped in 操作日志 by the edit trigger.
    expect(sheetRows(rt, "操作日志").some((l) => String(l["新值"]) === "关停取缔")).toBe(true);
  });

  test("a trigger delivered again, or blank, runs and writes nothing twice", () => {
    const submits = rt.executions.filter((e) => e.functionName === "handleFormSubmit");
    // 3 submissions in the fixture (two inspections, one re-inspection), then 3 more deliveries.
    expect(submits.length).toBe(6);
    expect(submits.filter((e) => e.error)).toEqual([]);
    expect(sheetRows(rt, "检查记录").map((r) => r["检查编号"])).toEqual([
      "JC20260302-001",
      "JC20260302-002",
      "JC20260306-001",
    ]);
    expect(sheetRows(rt, "问题台账").length).toBe(3);
  });

  test("the dialogs shown, with the answers given, and the toasts", () => {
    const draw = played.ui.filter((u) => u.event === "events[4] menu drawSpotCheck");
    expect(draw.map((u) => [u.kind, u.answer])).toEqual([
      ["prompt", { button: "OK", text: "12345" }],
      ["alert", { button: "NO" }],
      ["alert", { button: "OK", byDefault: true }],
    ]);
    expect(played.ui.filter((u) => u.event === "setup")[0]).toMatchObject({
      kind: "alert",
      answer: { button: "OK", byDefault: true },
    });
    expect(played.ui.every((u) => u.message.length > 0)).toBe(true);
  });
});

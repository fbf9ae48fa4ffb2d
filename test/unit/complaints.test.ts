// Public complaints (举报, src/domain/complaints.ts) as DOMAIN.md and the README describe them: matched to
// the register by name (and village), routed to the department leading on the topic, counted towards the
// institution's 投诉举报次数, and open (待办理) until an inspection on or after the day the complaint
// arrived, or a coordinator's reply, closes it. Every expected value is written out by hand.
import {
  complaintCounts,
  complaintsReceived,
  complaintSummary,
  planComplaints,
  planComplaintsDaily,
  type ComplaintState,
} from "../../src/domain/complaints";
import type { Row } from "../../src/domain/ledger";
import type { RawComplaint } from "../../src/domain/responses";
import { COMPLAINT } from "../../forms/complaint";

const FIRE = "消防安全（通道堵塞、灭火器缺失、电线私拉乱接等）";
const FOOD = "食品安全（无证供餐、食材变质、厨房脏乱等）";

const raw = (over: Partial<RawComplaint>): RawComplaint => ({
  responseId: "resp-1",
  submittedAt: "2026-03-02 10:00:00",
  name: "阳光培训中心",
  village: "东村",
  address: "东村1号",
  type: "校外培训机构",
  topic: FIRE,
  content: "安全出口被杂物堵住",
  phone: "",
  ...over,
});

function state(register: Row[], complaints: Row[] = []): ComplaintState {
  let next = 10;
  return {
    form: COMPLAINT,
    register: { rows: register, firstRow: 2 },
    complaints: { rows: complaints, firstRow: 2 },
    villages: ["东村", "西村"],
    nextInstitutionId: () => `R00${next++}`,
  };
}

const REGISTER: Row[] = [
  { id: "R0001", name: "阳光培训中心", type: "校外培训机构", village: "东村", complaints: "" },
  { id: "R0002", name: "星星托管", type: "校外托管机构", village: "东村", complaints: "" },
  { id: "R0003", name: "星星托管", type: "校外托管机构", village: "西村", complaints: 2 },
];

describe("a complaint from the public form", () => {
  test("is matched to the register by its name however it is spaced or typed, and routed by topic", () => {
    // "阳光 培训中心" with a space and a full-width letter-free name normalises to the register's name.
    const plan = planComplaints([raw({ name: " 阳光 培训中心 " })], state(REGISTER));
    expect(plan.newInstitutionRows).toEqual([]);
    expect(plan.complaintRows).toHaveLength(1);
    expect(plan.complaintRows[0]).toMatchObject({
      id: "JB20260302-001", // JB + the day it arrived + the day's first number
      institutionId: "R0001",
      department: "消防", // forms/complaint.ts: the fire-safety topic is led by 消防
      status: "待办理",
      notes: "",
    });
    // R0001 now has one complaint (its cell was empty); R0003 had 2 typed in but no 举报登记 row names it,
    // so its count becomes the number of rows naming it: 0.
    expect(plan.registerChanges).toEqual([
      { key: "R0001", row: 2, column: "complaints", before: "", after: 1 },
      { key: "R0003", row: 4, column: "complaints", before: 2, after: 0 },
    ]);
  });

  test("two institutions of the same name: the village decides, or the coordinator is asked", () => {
    const inWest = planComplaints([raw({ name: "星星托管", village: "西村", topic: FOOD })], state(REGISTER));
    expect(inWest.complaintRows[0]).toMatchObject({ institutionId: "R0003", department: "市场监管" });

    // "不清楚" is not a village: both 星星托管 match, none is chosen, and the note names both.
    const unsure = planComplaints([raw({ name: "星星托管", village: "不清楚" })], state(REGISTER));
    expect(unsure.complaintRows[0]).toMatchObject({
      institutionId: "",
      village: "不清楚",
      notes: "名录中有多家同名机构（R0002、R0003），请在「机构编号」中指定",
    });
    expect(unsure.newInstitutionRows).toEqual([]);
  });

  test("an institution the register lacks joins it as 待核实, and a re-run finds it again", () => {
    const complaint = raw({ name: "无名托管点", village: "西村", type: "校外托管机构", responseId: "r-77" });
    const plan = planComplaints([complaint], state(REGISTER));
    expect(plan.newInstitutionRows).toEqual([
      expect.objectContaining({
        id: "R0010", // the first id nextInstitutionId hands out
        name: "无名托管点",
        type: "校外托管机构",
        village: "西村",
        registration: "待核实",
        notes: "举报中提及（JB20260302-001；回复 r-77），未经核实",
        complaints: 1,
      }),
    ]);
    expect(plan.complaintRows[0]).toMatchObject({ institutionId: "R0010" });

    // The run died after writing the register row and before the complaint row: the next run must not
    // add the institution a second time, but use the row it wrote (found by the response named in 备注).
    const written = { ...plan.newInstitutionRows[0]!, type: "校外托管机构" };
    const again = planComplaints([complaint], state([...REGISTER, written]));
    expect(again.newInstitutionRows).toEqual([]);
    expect(again.complaintRows[0]).toMatchObject({ institutionId: "R0010" });
  });

  test("complaints of one day are numbered in the order they arrived, after those already registered", () => {
    const plan = planComplaints(
      [
        raw({ responseId: "b", submittedAt: "2026-03-02 15:00:00", topic: "某个已删除的类别" }),
        raw({ responseId: "a", submittedAt: "2026-03-02 09:00:00" }),
      ],
      state(REGISTER, [{ id: "JB20260302-001", institutionId: "R0002" }]),
    );
    // 001 is taken; the 09:00 one gets 002, the 15:00 one 003.
    expect(plan.complaintRows.map((r) => [r.responseId, r.id])).toEqual([
      ["a", "JB20260302-002"],
      ["b", "JB20260302-003"],
    ]);
    // A topic the form no longer has goes to the last topic's department (其他问题 → 教育).
    expect(plan.complaintRows[1]!.department).toBe("教育");
    // R0001 is named twice now; R0002 once (the earlier row).
    expect(plan.registerChanges).toEqual([
      { key: "R0001", row: 2, column: "complaints", before: "", after: 2 },
      { key: "R0002", row: 3, column: "complaints", before: "", after: 1 },
      { key: "R0003", row: 4, column: "complaints", before: 2, after: 0 },
    ]);
  });

  test("a complaint with no name names no institution and adds none", () => {
    const plan = planComplaints([raw({ name: "  " })], state(REGISTER));
    expect(plan.newInstitutionRows).toEqual([]);
    expect(plan.complaintRows[0]).toMatchObject({ institutionId: "", institutionName: "" });
  });
});

test("投诉举报次数 counts rows, so the same complaints counted twice give the same numbers", () => {
  const register = { rows: [{ id: "R0001", complaints: 1 }, { id: "R0002" }, { id: "" }], firstRow: 2 };
  const complaints = [{ institutionId: "R0001" }, { institutionId: " R0001 " }, { institutionId: "" }];
  // R0001 is named by two rows (one with stray spaces); R0002 by none and its cell is empty: unchanged.
  expect(complaintCounts(register, complaints)).toEqual([
    { key: "R0001", row: 2, column: "complaints", before: 1, after: 2 },
  ]);
  expect(complaintCounts({ rows: [{ id: "R0001", complaints: 2 }], firstRow: 2 }, complaints)).toEqual([]);
});

describe("the daily check's pass over 举报登记", () => {
  const TODAY = "2026-03-06";
  const register: Row[] = [
    { id: "R0001", lastInspected: "2026-03-05" },
    { id: "R0002", lastInspected: "2026-03-01" },
  ];
  const complaint = (over: Row): Row => ({
    id: "JB20260302-001",
    receivedAt: "2026-03-02 10:00:00",
    institutionId: "R0001",
    institutionName: "阳光培训中心",
    content: "安全出口堵塞",
    status: "待办理",
    closedBy: "",
    closedOn: "",
    ...over,
  });

  test("an inspection on or after the day it arrived closes it; one before does not", () => {
    const out = planComplaintsDaily(
      {
        rows: [
          complaint({}),
          complaint({ id: "JB20260302-002", institutionId: "R0002", institutionName: "星星托管" }),
        ],
        firstRow: 2,
      },
      register,
      TODAY,
    );
    // R0001 was inspected on 03-05, after the complaint of 03-02: closed today.
    expect(out.changes).toEqual([
      { key: "JB20260302-001", row: 2, column: "status", before: "待办理", after: "已办结" },
      { key: "JB20260302-001", row: 2, column: "closedBy", before: "", after: "检查（2026-03-05）" },
      { key: "JB20260302-001", row: 2, column: "closedOn", before: "", after: TODAY },
    ]);
    // R0002's last inspection (03-01) was before the complaint: still open, 4 days old (03-02 → 03-06).
    expect(out.open).toEqual([
      expect.objectContaining({
        id: "JB20260302-002",
        institution: "星星托管",
        receivedOn: "2026-03-02",
        age: 4,
      }),
    ]);
  });

  test("a coordinator's reply closes it without an inspection; erasing the reply opens it again", () => {
    const replied = complaint({ institutionId: "R0002", reply: "已电话回复举报人" });
    const out = planComplaintsDaily({ rows: [replied], firstRow: 2 }, register, TODAY);
    expect(out.changes.map((c) => [c.column, c.after])).toEqual([
      ["status", "已办结"],
      ["closedBy", "协调员答复"],
      ["closedOn", TODAY],
    ]);
    expect(out.open).toEqual([]);

    const reopened = complaint({
      institutionId: "R0002",
      status: "已办结",
      closedBy: "协调员答复",
      closedOn: "2026-03-03",
    });
    const again = planComplaintsDaily({ rows: [reopened], firstRow: 2 }, register, TODAY);
    expect(again.changes.map((c) => [c.column, c.after])).toEqual([
      ["status", "待办理"],
      ["closedBy", ""],
      ["closedOn", ""],
    ]);
  });

  test("a closed complaint keeps the day it was closed: a quiet day writes nothing", () => {
    const closed = complaint({ status: "已办结", closedBy: "检查（2026-03-05）", closedOn: "2026-03-05" });
    expect(planComplaintsDaily({ rows: [closed], firstRow: 2 }, register, TODAY)).toEqual({
      changes: [],
      open: [],
    });
  });

  test("a row typed in by hand gets the day's next id and today's date; an empty row is left alone", () => {
    const typed: Row = {
      institutionName: "路边托管点",
      content: "无证经营",
      village: "西村",
      topic: "无证办学或超范围经营",
      department: "教育",
    };
    const out = planComplaintsDaily(
      { rows: [complaint({ id: "JB20260306-001", institutionId: "R0009" }), {}, typed], firstRow: 2 },
      register,
      TODAY,
    );
    // JB20260306-001 is taken, so the typed row (no date: today) gets 002; the empty row 3 is skipped.
    expect(out.changes.filter((c) => c.row === 4).map((c) => [c.key, c.column, c.after])).toEqual([
      ["", "id", "JB20260306-002"],
      ["", "receivedAt", "2026-03-06 00:00:00"],
      ["", "status", "待办理"],
    ]);
    expect(out.changes.some((c) => c.row === 3)).toBe(false);
    // Oldest first: the 03-02 complaint (4 days) before the one typed in today (0 days).
    expect(out.open.map((o) => [o.id, o.age])).toEqual([
      ["JB20260306-001", 4],
      ["JB20260306-002", 0],
    ]);
  });
});

describe("rows typed in by hand (the daily check's pass)", () => {
  test("no date: it counts as received today, so an inspection today closes it", () => {
    const out = planComplaintsDaily(
      { rows: [{ institutionId: "R0001", content: "门口堆放杂物" }], firstRow: 2 },
      [{ id: "R0001", lastInspected: "2026-03-06" }],
      "2026-03-06",
    );
    expect(out.changes.map((c) => [c.column, c.after])).toEqual([
      ["id", "JB20260306-001"],
      ["receivedAt", "2026-03-06 00:00:00"],
      ["status", "已办结"],
      ["closedBy", "检查（2026-03-06）"],
      ["closedOn", "2026-03-06"],
    ]);
    expect(out.open).toEqual([]);
    // An inspection before today (1 March) does not close a complaint received today.
    const earlier = planComplaintsDaily(
      { rows: [{ institutionId: "R0002", content: "门口堆放杂物" }], firstRow: 2 },
      [{ id: "R0002", lastInspected: "2026-03-01" }],
      "2026-03-06",
    );
    expect(earlier.open.map((o) => [o.id, o.institution, o.age])).toEqual([["JB20260306-001", "R0002", 0]]);
  });

  test("marked 已办结 by hand with a reply but no date: the date is filled in; an open one names the institution by id", () => {
    const out = planComplaintsDaily(
      {
        rows: [
          {
            id: "JB20260302-001",
            receivedAt: "2026-03-02 09:00:00",
            institutionName: "某托管",
            content: "噪音",
            reply: "已核实答复",
            status: "已办结",
          },
          {
            id: "JB20260302-002",
            receivedAt: "2026-03-02 10:00:00",
            institutionId: "R0007",
            content: "无证",
          },
        ],
        firstRow: 2,
      },
      [],
      "2026-03-06",
    );
    expect(out.changes.filter((c) => c.row === 2).map((c) => [c.column, c.after])).toEqual([
      ["closedBy", "协调员答复"],
      ["closedOn", "2026-03-06"],
    ]);
    // No name typed: the reminder shows R0007; 4 days old (2 → 6 March).
    expect(out.open).toEqual([
      {
        id: "JB20260302-002",
        receivedOn: "2026-03-02",
        age: 4,
        institution: "R0007",
        village: "",
        topic: "",
        department: "",
        content: "无证",
      },
    ]);
  });
});

test("汇总's 举报办理 table: per lead department in pinyin order, then the total", () => {
  const rows: Row[] = [
    { id: "JB1", department: "消防", status: "已办结", reply: "已答复" },
    { id: "JB2", department: "消防", status: "待办理" },
    { id: "JB3", department: "教育", status: "已办结" },
    { id: "", department: "教育", status: "待办理" }, // no id yet: not counted
  ];
  // 教育 (jiào) sorts before 消防 (xiāo). 消防: 2 received, 1 closed by reply, 1 open.
  expect(complaintSummary(rows, "合计")).toEqual([
    { department: "教育", received: 1, closed: 1, byInspection: 1, byReply: 0, open: 0 },
    { department: "消防", received: 2, closed: 1, byInspection: 0, byReply: 1, open: 1 },
    { department: "合计", received: 3, closed: 2, byInspection: 1, byReply: 1, open: 1 },
  ]);
});

test("complaints received in a week count both ends and only rows with an id", () => {
  const rows: Row[] = [
    { id: "JB1", receivedAt: "2026-03-02 00:00:00" },
    { id: "JB2", receivedAt: "2026-03-08 23:59:59" },
    { id: "JB3", receivedAt: "2026-03-09 08:00:00" },
    { id: "", receivedAt: "2026-03-04 08:00:00" },
  ];
  // Monday 03-02 to Sunday 03-08: JB1 and JB2.
  expect(complaintsReceived(rows, "2026-03-02", "2026-03-08")).toBe(2);
});

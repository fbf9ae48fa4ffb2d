// The pure rules behind 确认销号… and the respondent checks (src/domain/identity.ts), case by case. The
// bundle-level attacks are in identity.test.ts; these pin the edge cases a menu run cannot easily reach
// (an address Google withholds, a status pasted without a re-inspection behind it).
import {
  awaitingSignoff,
  inspectionIdentityProblems,
  mayConfirmSignoff,
  respondentOf,
  signoffChanges,
} from "../../src/domain/identity";
import type { Inspector } from "../../src/domain/types";

const OWNER = "owner@township.example.cn";
const COORDINATORS = ["coord@township.example.cn"];

describe("who may confirm a sign-off", () => {
  test("the owner and a listed coordinator may, case and spaces aside", () => {
    expect(mayConfirmSignoff(OWNER, OWNER, COORDINATORS)).toBe(true);
    expect(mayConfirmSignoff(" Coord@Township.example.cn ", OWNER, COORDINATORS)).toBe(true);
  });

  test("an editor not listed may not; nor may anyone when Google withholds the address", () => {
    expect(mayConfirmSignoff("zhangsan@township.example.cn", OWNER, COORDINATORS)).toBe(false);
    expect(mayConfirmSignoff("", OWNER, COORDINATORS)).toBe(false);
    // A shared-drive file has no owner: a blank owner matches no one (not even a blank user).
    expect(mayConfirmSignoff("", "", [])).toBe(false);
    expect(mayConfirmSignoff("zhangsan@township.example.cn", "", [])).toBe(false);
  });
});

describe("which findings are waiting", () => {
  const row = (id: string, status: string, reinspections: string) => ({
    id,
    status,
    reinspections,
    institutionName: "阳光培训学校",
    itemCode: "FIRE-02",
    itemText: "灭火器",
  });
  const passed = "2026-03-04 复查通过（JC20260304-001；王五、赵六）：已整改";
  const rows = [
    row("A-01", "待确认销号", passed), // sheet row 2
    row("A-02", "待整改", ""), // 3
    row("A-03", "待确认销号", ""), // 4: pasted, no re-inspection behind it
    row("A-04", "待确认销号", `2026-03-03 复查未通过（JC20260303-001；王五、赵六）\n${passed}`), // 5
  ];

  test("a 待确认销号 without a passing re-inspection on record is not offered", () => {
    expect(awaitingSignoff(rows, 2).map((c) => c.id)).toEqual(["A-01", "A-04"]);
  });

  test("a selection limits the list to its rows", () => {
    expect(awaitingSignoff(rows, 2, { firstRow: 4, numRows: 2 }).map((c) => c.id)).toEqual(["A-04"]);
    expect(awaitingSignoff(rows, 2, { firstRow: 3, numRows: 1 })).toEqual([]);
  });

  test("confirming dates the sign-off by the last passing re-inspection and records who confirmed", () => {
    const changes = signoffChanges(rows[3]!, 5, "2026-03-06", "coord@township.example.cn");
    expect(Object.fromEntries(changes.map((c) => [c.column, c.after]))).toEqual({
      reinspections: `2026-03-03 复查未通过（JC20260303-001；王五、赵六）\n${passed}\n2026-03-06 协调员确认销号（coord@township.example.cn）`,
      status: "已销号",
      closedOn: "2026-03-04",
    });
    expect(changes.every((c) => c.key === "A-04" && c.row === 5)).toBe(true);
  });
});

describe("respondent checks", () => {
  const roster: Inspector[] = [
    { name: "张三", department: "教育", email: "ZhangSan@township.example.cn", village: "", active: true },
    { name: "李四", department: "消防", email: "lisi@township.example.cn", village: "", active: true },
  ];
  const named = ["张三（教育）", "李四（消防）"];

  test("a verified address matches the roster whatever its letter case", () => {
    const who = respondentOf("zhangsan@township.example.cn", 2000, 1000);
    expect(inspectionIdentityProblems(who, roster, named)).toEqual([]);
  });

  test("a response sent before verification was switched on is not verified", () => {
    expect(respondentOf("lisi@township.example.cn", 999, 1000).verified).toBe(false);
    expect(respondentOf("lisi@township.example.cn", 2000, undefined).verified).toBe(false);
    expect(respondentOf("", 2000, 1000).verified).toBe(false);
  });
});

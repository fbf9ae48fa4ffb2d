// The daily reconciliation of 问题台账 with 状态底账, the 操作日志 chain and the sign-off confirmation, on
// the rows as a partial read gives them (only the columns asked for, blank cells, hand-made rows): the
// cases the township scenarios do not reach. Every expected value is written out by hand.
import { createHash } from "node:crypto";
import { canonicalLogRow, chainRows, verifyChain } from "../../src/domain/chain";
import { reinspectionIdentityProblems, respondentOf, signoffChanges } from "../../src/domain/identity";
import type { Row } from "../../src/domain/ledger";
import { reconcile } from "../../src/domain/reconcile";
import type { ShadowRow } from "../../src/domain/shadow";
import type { Inspector } from "../../src/domain/types";

const sha = (s: string) => [...createHash("sha256").update(s, "utf8").digest()];

describe("reconciling 问题台账 with 状态底账", () => {
  const kept = (row: number, values: Row): ShadowRow => ({ row, values, record: "", valid: true });
  // The shadow knows three findings of JC20260302-001 (all 待整改, due 9 March) and one of -002.
  const state = (id: string, inspectionId: string): Row => ({
    id,
    inspectionId,
    institutionId: "R0001",
    class: "二类 限期整改",
    foundOn: "2026-03-02",
    deadline: "2026-03-09",
    status: "待整改",
    extendedTo: "",
    closedOn: "",
  });
  const shadow = new Map<string, ShadowRow>([
    ["JC20260302-001-01", kept(2, state("JC20260302-001-01", "JC20260302-001"))],
    ["JC20260302-001-02", kept(3, state("JC20260302-001-02", "JC20260302-001"))],
    ["JC20260302-002-01", kept(4, state("JC20260302-002-01", "JC20260302-002"))],
  ]);

  test("a blank row is skipped; an id on three rows is listed once and counted once", () => {
    const findings = [
      state("JC20260302-001-01", "JC20260302-001"), // sheet row 2
      { id: "  " }, // 3: an empty row between findings
      state("JC20260302-001-02", "JC20260302-001"), // 4
      state("JC20260302-001-02", "JC20260302-001"), // 5: pasted twice more
      state("JC20260302-001-02", "JC20260302-001"), // 6
      state("JC20260302-002-01", "JC20260302-002"), // 7
    ];
    const inspections = [
      { id: "JC20260302-001", form: "training", findingCount: 2 },
      { id: "JC20260302-002", form: "meal", findingCount: 1 },
    ];
    // Nothing differs from the shadow and the counts add up (the repeats of -02 are not counted): only
    // the duplicate is reported.
    expect(reconcile({ findings, findingsFirstRow: 2, shadow, inspections })).toEqual({
      restore: [],
      missing: [],
      unknown: [],
      duplicates: ["JC20260302-001-02"],
      counts: [],
      damaged: [],
      follow: [],
    });
  });

  test("a state cell changed by hand is put back; a row without the column is put back to the shadow's value", () => {
    const findings = [
      { ...state("JC20260302-001-01", "JC20260302-001"), status: "已销号" }, // row 2: typed over
      // Row 3: the columns the shadow keeps are absent from this read except id and inspection: each one
      // the shadow holds a value for is put back, the blank ones (延期至, 销号日期) are left alone.
      { id: "JC20260302-001-02", inspectionId: "JC20260302-001" },
      state("JC20260302-002-01", "JC20260302-002"), // row 4
    ];
    const out = reconcile({ findings, findingsFirstRow: 2, shadow, inspections: [] });
    const restored = (id: string) =>
      out.restore.filter((c) => c.key === id).map((c) => [c.row, c.column, c.before, c.after]);
    expect(restored("JC20260302-001-01")).toEqual([[2, "status", "已销号", "待整改"]]);
    expect(restored("JC20260302-001-02")).toEqual([
      [3, "institutionId", "", "R0001"],
      [3, "class", "", "二类 限期整改"],
      [3, "foundOn", "", "2026-03-02"],
      [3, "deadline", "", "2026-03-09"],
      [3, "status", "", "待整改"],
    ]);
    expect(restored("JC20260302-002-01")).toEqual([]);
  });

  test("counts: a re-inspection is not compared; a blank 问题数 is 0; a finding row without inspection counts for none", () => {
    const findings = [
      state("JC20260302-001-01", "JC20260302-001"),
      { ...state("JC20260302-001-02", "JC20260302-001"), inspectionId: undefined }, // cell cleared
      state("JC20260302-002-01", "JC20260302-002"),
    ];
    const inspections = [
      { id: "JC20260302-001", form: "training", findingCount: 2 },
      { id: "JC20260302-002", form: "meal" }, // 问题数 blank
      { id: "JC20260305-001", form: "reinspection", findingCount: 3 }, // counts findings re-inspected
      { id: "", form: "training", findingCount: 5 }, // an empty row
    ];
    const out = reconcile({ findings, findingsFirstRow: 2, shadow, inspections });
    // -001: recorded 2; the ledger has one finding under it (the other's inspection cell is blank), the
    // shadow two. -002: recorded blank = 0; one finding in the ledger and one in the shadow.
    expect(out.counts).toEqual([
      { inspectionId: "JC20260302-001", recorded: 2, ledger: 1, shadow: 2 },
      { inspectionId: "JC20260302-002", recorded: 0, ledger: 1, shadow: 1 },
    ]);
    // The cleared inspection cell is a state column: put back from the shadow.
    expect(out.restore).toEqual([
      {
        key: "JC20260302-001-02",
        row: 3,
        column: "inspectionId",
        before: "",
        after: "JC20260302-001",
      },
    ]);
  });

  test("a finding the shadow knows without its inspection counts for none; a row that is not a finding id is not 'unknown'", () => {
    const lone = new Map<string, ShadowRow>([["JC20260302-003-01", kept(2, { id: "JC20260302-003-01" })]]);
    const findings = [{ id: "JC20260302-003-01" }, { id: "合计" }, { id: "JC20260302-004-01" }];
    const out = reconcile({
      findings,
      findingsFirstRow: 2,
      shadow: lone,
      inspections: [{ id: "JC20260302-003", form: "training", findingCount: 1 }],
    });
    // -003: recorded 1; the ledger row has no inspection cell and the shadow none either: 0 and 0.
    expect(out.counts).toEqual([{ inspectionId: "JC20260302-003", recorded: 1, ledger: 0, shadow: 0 }]);
    // 合计 does not look like a finding id (JC + 8 digits - 3 digits - 2 digits); JC20260302-004-01 does.
    expect(out.unknown).toEqual([{ id: "JC20260302-004-01", row: 4 }]);
    expect(out.restore).toEqual([]);
  });
});

describe("操作日志's chain", () => {
  test("a log from before the chain (no row hashed yet) is not checked, and nothing is broken", () => {
    const rows = [{ at: "2026-03-01 09:00:00", action: "编辑" }, { at: "2026-03-01 10:00:00" }];
    expect(verifyChain(sha, rows, 2)).toEqual({ checked: 0, before: 2, startRow: 0, last: "" });
    expect(verifyChain(sha, [], 2)).toEqual({ checked: 0, before: 0, startRow: 0, last: "" });
  });

  test("a cell left blank is an empty string in the canonical form, and the chain hashes match Python's", () => {
    const first: Row = {
      at: "2026-03-02 08:30:00",
      user: "coord@example.cn",
      action: "初始化",
      note: "建表",
    };
    const second: Row = {
      at: "2026-03-02 09:00:00",
      user: "zs@example.cn",
      action: "编辑",
      target: "状态：JC20260302-001-01",
      oldValue: "待整改",
      newValue: "已整改待复查",
    };
    expect(canonicalLogRow("", first)).toBe(
      '["","2026-03-02 08:30:00","coord@example.cn","初始化","","","","建表"]',
    );
    // python3: h = lambda p, r: hashlib.sha256(json.dumps([p] + [r.get(f, "") for f in
    //   ["at","user","action","target","oldValue","newValue","note"]], ensure_ascii=False,
    //   separators=(",", ":")).encode()).hexdigest()
    const [a, b] = chainRows(sha, "", [first, second]);
    expect(a!.hash).toBe("e0674fbd71166728b1a659261dee98f2a97dbab7e94a5716287eb7f285c4c379");
    expect(b!.hash).toBe("6b500ec3757a3570ec80b65e8b20f4a6888895df3f8f04b3f405f8ecf71c2e03");
    // After a row from before the chain whose hash cell is blank, the first hashed row starts from "".
    const legacy = { at: "2026-03-01 09:00:00", hash: undefined };
    expect(verifyChain(sha, [legacy, a!, b!], 2)).toEqual({
      checked: 2,
      before: 1,
      startRow: 3,
      last: "6b500ec3757a3570ec80b65e8b20f4a6888895df3f8f04b3f405f8ecf71c2e03",
    });
    // A hash cell that is not 64 hex digits is a changed row, even if someone typed the right prefix.
    const short = { ...b!, hash: "6b500ec3757a3570" };
    expect(verifyChain(sha, [a!, short], 2).broken).toEqual({ row: 3, kind: "changed" });
  });
});

describe("sign-off confirmation and re-inspectors", () => {
  const passed = "2026-03-04 复查通过（JC20260304-001；王五、赵六）：已整改";

  test("confirming twice (a run retried) adds the line once", () => {
    const confirmed = `${passed}\n2026-03-06 协调员确认销号（coord@example.cn）`;
    const row = { id: "JC20260302-001-01", status: "待确认销号", reinspections: confirmed };
    const changes = signoffChanges(row, 7, "2026-03-06", "coord@example.cn");
    // Only the status and the date change: 复查记录 already has the line.
    expect(changes.map((c) => [c.column, c.after])).toEqual([
      ["status", "已销号"],
      ["closedOn", "2026-03-04"],
    ]);
  });

  test("with no passing re-inspection on record (a sparse row), the sign-off is dated today", () => {
    const changes = signoffChanges({ id: "JC20260302-001-02" }, 8, "2026-03-06", "owner@example.cn");
    expect(changes.map((c) => [c.column, c.before, c.after])).toEqual([
      ["reinspections", "", "2026-03-06 协调员确认销号（owner@example.cn）"],
      ["status", "", "已销号"],
      ["closedOn", "", "2026-03-06"],
    ]);
  });

  test("with 复查人须不同于原检查人 off, an original inspector may send the re-inspection; an inactive one named still may not", () => {
    const roster: Inspector[] = [
      { name: "张三", department: "教育", email: "zs@example.cn", village: "", active: true },
      { name: "李四", department: "消防", email: "ls@example.cn", village: "", active: false },
    ];
    const who = respondentOf("zs@example.cn", 2000, 1000);
    const findings = [{ id: "JC20260302-001-01", originalInspectors: ["张三", "李四"] }];
    expect(reinspectionIdentityProblems(who, roster, ["张三（教育）"], findings, false)).toEqual([]);
    expect(
      reinspectionIdentityProblems(who, roster, ["张三（教育）", "李四（消防）"], findings, false),
    ).toEqual(["检查人员“李四（消防）”在「检查人员」中标为不在岗。"]);
    // On (the default), the same respondent is refused for the finding they inspected.
    expect(reinspectionIdentityProblems(who, roster, ["张三（教育）"], findings, true)).toEqual([
      "提交人 张三 是问题 JC20260302-001-01 的原检查人员，不能提交该问题的复查：须由未参加原检查的在岗人员复查并提交。",
    ]);
  });
});

// A coordinator's edit of 问题台账 judged cell by cell (src/domain/edits.ts), for the cases the township
// scenarios reach rarely: a paste over 状态 before 状态底账 exists (the row itself must say whether the
// finding was signed off), clearing 延期至, and the old value Sheets gives for a date cell. Messages are
// written out as the coordinator reads them.
import { judgeFindingEdit, type EditedBlock } from "../../src/domain/edits";
import { LEDGER, locateColumns, type Row } from "../../src/domain/ledger";

// 问题台账 in its shipped column order: 状态 is column 17 (Q), 整改期限 14 (N), 延期至 19 (S).
const layout = locateColumns(
  "findings",
  LEDGER.findings.columns.map((c) => c.header),
);
const STATUS = 17;
const DEADLINE = 14;
const EXTENDED_TO = 19;
const finding = (n: number, patch: Row = {}): Row => ({
  id: `JC20260302-001-0${n}`,
  inspectionId: "JC20260302-001",
  institutionId: "R0001",
  class: "二类 限期整改",
  foundOn: "2026-03-02",
  deadline: "2026-03-20",
  status: "待整改",
  extendedTo: "",
  extensionReason: "",
  closedOn: "",
  ...patch,
});
const block = (rows: Row[], firstColumn: number, more: Partial<EditedBlock> = {}): EditedBlock => ({
  layout,
  rows,
  firstRow: 5,
  firstColumn,
  numColumns: 1,
  user: "coord@example.cn",
  maxDeadlineDays: 30,
  ...more,
});

describe("a paste down 状态 (no old values, no 状态底账 yet)", () => {
  const decision = judgeFindingEdit(
    block(
      [
        finding(1, { status: "已销号" }), // row 5: open, pasted 已销号
        finding(2, { status: "待整改", closedOn: "2026-03-05" }), // row 6: signed off on 5 March, pasted back
        finding(3, { status: "已整改待复查" }), // row 7: a change the rules allow
      ],
      STATUS,
    ),
  );

  test("signing off by paste and reopening a signed-off finding are both put back", () => {
    // Row 5 has no 销号日期 and reads 已销号: it was open. Row 6 has one: it was signed off.
    expect(decision.reverts.map((c) => [c.row, c.before, c.after])).toEqual([
      [5, "已销号", "待整改"],
      [6, "待整改", "已销号"],
    ]);
    expect(decision.notes.map((n) => n.note)).toEqual([
      "已撤销修改：“已销号”只能由复查表确认：请填写整改复查表，复查通过后系统自动销号。",
      "已撤销修改：已销号的问题不能改回；如有反弹，请重新检查并登记新问题。",
    ]);
    expect(decision.message).toBe(decision.notes[0]!.note);
  });

  test("each cell is logged: two put back (at their sheet cells), one accepted as a paste", () => {
    expect(decision.log.map((l) => [l.action, l.target, l.oldValue, l.newValue])).toEqual([
      ["修改被撤销", "问题台账!R5C17", "", "已销号"],
      ["修改被撤销", "问题台账!R6C17", "", "待整改"],
      ["粘贴/批量编辑", "状态：JC20260302-001-03", "", "已整改待复查"],
    ]);
    expect(decision.shadowChanges).toEqual([]);
  });
});

describe("延期至, one cell", () => {
  test("clearing an extension is refused: one extension per finding, the date put back", () => {
    // Sheets gives the old value of a date cell as its day number: 46113 days after 1899-12-30 is
    // 2026-04-01 (python3: date(1899, 12, 30) + timedelta(days=46113)).
    const d = judgeFindingEdit(
      block([finding(1, { extendedTo: "", extensionReason: "材料未到" })], EXTENDED_TO, {
        oldValue: "46113",
      }),
    );
    expect(d.reverts).toEqual([
      { key: "JC20260302-001-01", row: 5, column: "extendedTo", before: "", after: "2026-04-01" },
    ]);
    expect(d.message).toBe("已撤销修改：每个问题只能延期一次，已延期至 2026-04-01。");
    expect(d.log[0]).toMatchObject({ oldValue: "2026-04-01", newValue: "" });
  });

  test("clearing a cell that was already blank changes nothing and is only logged", () => {
    const d = judgeFindingEdit(block([finding(1)], EXTENDED_TO, { oldValue: "" }));
    expect(d.reverts).toEqual([]);
    expect(d.log).toEqual([
      {
        user: "coord@example.cn",
        action: "编辑",
        target: "延期至：JC20260302-001-01",
        oldValue: "",
        newValue: "",
      },
    ]);
  });

  test("an extension typed as text is read as a date, within 30 days of 20 March", () => {
    const ok = judgeFindingEdit(
      block([finding(1, { extendedTo: "2026年4月10日", extensionReason: "材料未到" })], EXTENDED_TO),
    );
    expect(ok.reverts).toEqual([]);
    // 20 March + 30 days = 19 April: 20 April is one day too late.
    const late = judgeFindingEdit(
      block([finding(1, { extendedTo: "2026-04-20", extensionReason: "材料未到" })], EXTENDED_TO),
    );
    expect(late.message).toBe("已撤销修改：延期日期 2026-04-20 超过上限 2026-04-19（原期限后 30 天）。");
  });
});

describe("整改期限 and the script's columns", () => {
  test("整改期限 typed over is put back to the old value, pointing to 延期至", () => {
    const d = judgeFindingEdit(
      block([finding(1, { deadline: "2026-05-01" })], DEADLINE, { oldValue: "2026-03-20" }),
    );
    expect(d.reverts.map((c) => [c.column, c.before, c.after])).toEqual([
      ["deadline", "2026-05-01", "2026-03-20"],
    ]);
    expect(d.message).toBe("已撤销修改：整改期限不能直接修改；延期请填写「延期至」和「延期理由」。");
  });

  test("a paste over a column the script computes cannot be put back: it is logged and the coordinator told to undo", () => {
    // 发现日期 (column 13) pasted over two rows: no old values, and 发现日期 is not kept in a shadow here.
    const d = judgeFindingEdit(
      block([finding(1, { foundOn: "2026-01-01" }), finding(2, { foundOn: "2026-01-01" })], 13),
    );
    expect(d.reverts).toEqual([]);
    expect(d.log.map((l) => [l.action, l.target])).toEqual([
      ["粘贴覆盖系统列", "问题台账!R5C13"],
      ["粘贴覆盖系统列", "问题台账!R6C13"],
    ]);
    expect(d.message).toBe("粘贴覆盖了系统列「发现日期」，系统无法恢复原值，请撤销（Ctrl+Z）后重新粘贴。");
  });

  test("a row without a 问题编号 (a blank row in the block) is not judged", () => {
    const d = judgeFindingEdit(block([{ status: "已销号" }], STATUS, { oldValue: "待整改" }));
    expect(d).toEqual({ reverts: [], notes: [], log: [], shadowChanges: [] });
  });
});

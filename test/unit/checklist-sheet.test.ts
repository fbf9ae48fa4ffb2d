// The 检查项目 rules (src/domain/checklist-sheet.ts): per-row messages, codes never reused, versions.
import { CHECKLISTS } from "../../forms/index";
import { validateChecklists, type ChecklistItem } from "../../src/domain/checklist-schema";
import { itemProblemFields } from "../../src/domain/checklist-rules";
import {
  checklistFromSheet,
  checklistSheetRows,
  decideVersion,
  type AppliedChecklist,
} from "../../src/domain/checklist-sheet";

const GOOD: ChecklistItem = {
  code: "LOCAL-01",
  text: "电动自行车不在室内停放、充电",
  types: ["meal"],
  dept: "消防",
  basis: "镇消防通知",
  severity: "II",
  deadlineDays: 30,
  allowNa: false,
};

describe("the sheet is checked with the same rules as forms/", () => {
  // Each case breaks one field; zod (the forms/ schema) and the plain checks must name the same field.
  const cases: Array<[string, Record<string, unknown>]> = [
    ["code", { code: "local-1" }],
    ["text", { text: "太短" }],
    ["text", { text: "长".repeat(121) }],
    ["types", { types: [] }],
    ["types", { types: ["school"] }],
    ["dept", { dept: "" }],
    ["basis", { basis: "法" }],
    ["severity", { severity: "IV" }],
    ["deadlineDays", { deadlineDays: 91 }],
    ["deadlineDays", { deadlineDays: 1.5 }],
    ["deadlineDays", { deadlineDays: -1 }],
    ["allowNa", { allowNa: "是" }],
  ];
  test.each(cases)("%s: %j", (field, patch) => {
    const item = { ...GOOD, ...patch };
    const zod = validateChecklists({ items: [item as ChecklistItem], forms: [] });
    expect(zod.some((m) => m.includes(`: ${field}`))).toBe(true);
    expect(itemProblemFields(item)).toEqual([field]);
  });
  test("a good item passes both", () => {
    expect(validateChecklists({ items: [GOOD], forms: [] })).toEqual([]);
    expect(itemProblemFields(GOOD as unknown as Record<string, unknown>)).toEqual([]);
  });
});

/** The shipped rows, as setup writes them, plus edits; row 2 is the first data row. */
const shippedRows = () => checklistSheetRows(CHECKLISTS);

function apply(rows: Array<Record<string, unknown>>, previous?: AppliedChecklist) {
  return checklistFromSheet(rows, 2, CHECKLISTS, previous);
}

function applied(rows: Array<Record<string, unknown>>, previous?: AppliedChecklist): AppliedChecklist {
  const out = apply(rows, previous);
  if (!out.ok) throw new Error(out.errors.join("\n"));
  return out.applied;
}

describe("rows → checklist", () => {
  test("the shipped rows give the shipped forms and versions back", () => {
    const out = apply(shippedRows());
    expect(out.ok && out.updatedForms).toEqual([]);
    const forms = applied(shippedRows()).checklists.forms;
    expect(forms.map((f) => [f.id, f.version])).toEqual(CHECKLISTS.forms.map((f) => [f.id, f.version]));
    expect(forms).toEqual(CHECKLISTS.forms);
  });

  test("each bad row gets its own message with its sheet row; nothing else is returned", () => {
    const rows = shippedRows();
    // Rows 2.. are the shipped items in forms/items.ts order: QUAL-01 is row 2, QUAL-02 row 3.
    rows[0] = { ...rows[0], forms: "幼儿园", enabled: "也许" };
    rows[1] = { ...rows[1], code: "QUAL-01" };
    rows.push({ ...rows[2], code: "", severity: "四类" });
    const out = apply(rows);
    expect(out).toEqual({
      ok: false,
      errors: [
        "「检查项目」第 2 行（QUAL-01）：所在检查表中的「幼儿园」不是检查表名称",
        "「检查项目」第 2 行（QUAL-01）：启用应填 是 或 否（留空视为 是）",
        "「检查项目」第 3 行（QUAL-01）：编码与第 2 行重复，每个编码只能用一次",
        "「检查项目」第 37 行：编码应为 2–6 个大写英文字母、短横和两位数字，例如 FIRE-01 或 LOCAL-01",
        "「检查项目」第 37 行：默认分类应为 一类 立即整改、二类 限期整改 或 三类 无法整改",
      ],
    });
  });

  test("a deleted row retires its code: kept for old records, reusable only with the same text", () => {
    const first = applied(shippedRows());
    const withoutTran = shippedRows().filter((r) => r.code !== "TRAN-01");
    const second = apply(withoutTran, first);
    expect(second.ok && second.retiredNow).toEqual(["TRAN-01"]);
    const retired = applied(withoutTran, first);
    expect(retired.retired).toEqual(["TRAN-01"]);
    expect(retired.checklists.items.find((i) => i.code === "TRAN-01")?.text).toBe(
      "接送学生车辆安全合规（有资质、不超员、驾驶人合格）",
    );
    // TRAN-01 was on the training, aftercare and meal forms (childcare never had it): those three change.
    expect(second.ok && second.updatedForms).toEqual([
      "校外培训机构安全检查表",
      "校外托管机构安全检查表",
      "小饭桌安全检查表",
    ]);

    // 34 rows are left on rows 2–35, so the reused code is pasted on row 36.
    const reused = [
      ...withoutTran,
      { ...GOOD, code: "TRAN-01", forms: "小饭桌", severity: "二类 限期整改", allowNa: "否" },
    ];
    expect(apply(reused, retired)).toEqual({
      ok: false,
      errors: [
        "「检查项目」第 36 行（TRAN-01）：编码已停用（原为「接送学生车辆安全合规（有资质、不超员、驾驶人合格）」），停用的编码不能用于新的检查内容；请另起一个新编码",
      ],
    });
    const restored = apply(shippedRows(), retired);
    expect(restored.ok && restored.applied.retired).toEqual([]);
  });

  test("versions: unchanged content keeps its version, a change takes the next minor of the newer one", () => {
    const shipped = { version: "1.0.0", fingerprint: "a" };
    expect(decideVersion(shipped, undefined, "a")).toBe("1.0.0");
    expect(decideVersion(shipped, undefined, "b")).toBe("1.1.0");
    expect(decideVersion(shipped, { version: "1.1.0", fingerprint: "b" }, "b")).toBe("1.1.0");
    expect(decideVersion(shipped, { version: "1.1.0", fingerprint: "b" }, "c")).toBe("1.2.0");
    // forms/ shipped 2.0.0 since: the next local change goes past it.
    expect(
      decideVersion({ version: "2.0.0", fingerprint: "z" }, { version: "1.2.0", fingerprint: "c" }, "d"),
    ).toBe("2.1.0");
  });
});

// The 检查项目 rules (src/domain/checklist-sheet.ts): per-row messages, codes never reused, versions.
import { CHECKLISTS } from "../../forms/index";
import { validateChecklists, type ChecklistItem } from "../../src/domain/checklist-schema";
import { itemProblemFields } from "../../src/domain/checklist-rules";
import {
  checklistFromSheet,
  checklistSheetRows,
  decideVersion,
  newShippedItems,
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

describe("rows a coordinator adds or leaves", () => {
  // A local row as a coordinator types it: labels in words, 可选不适用 and 启用 left blank.
  const local = (code: string, patch: Record<string, unknown> = {}) => ({
    code,
    text: "电动自行车不在室内停放、充电",
    help: "",
    forms: "小饭桌",
    dept: "消防",
    basis: "镇消防通知",
    severity: "二类 限期整改",
    deadlineDays: 7,
    allowNa: "",
    enabled: "",
    ...patch,
  });

  test("a local code goes with its prefix's section, else on a last page 本地检查项; only that form changes", () => {
    const out = apply([...shippedRows(), local("FIRE-06"), local("LOCAL-01")]);
    if (!out.ok) throw new Error(out.errors.join("\n"));
    const meal = out.applied.checklists.forms.find((f) => f.id === "meal")!;
    // The meal form's shipped pages (forms/meal.ts): 资质 … 交通与卫生; FIRE-06 joins 三、消防安全.
    expect(meal.kind === "inspection" && meal.sections.map((s) => [s.title, s.items.at(-1)])).toEqual([
      ["一、资质", "QUAL-05"],
      ["二、场地与设施", "PREM-07"],
      ["三、消防安全", "FIRE-06"],
      ["四、食品安全", "FOOD-03"],
      ["五、从业人员", "STAFF-03"],
      ["六、经营行为与收费", "COND-06"],
      ["七、交通与卫生", "HLTH-02"],
      ["本地检查项", "LOCAL-01"],
    ]);
    expect(meal.version).toBe("1.1.0");
    expect(out.updatedForms).toEqual(["小饭桌安全检查表"]);
    // Blank 可选不适用 is 否, blank 启用 is 是.
    expect(out.applied.checklists.items.find((i) => i.code === "LOCAL-01")).toMatchObject({
      allowNa: false,
      severity: "II",
      types: ["meal"],
    });
  });

  test("the short class name and two forms separated by a comma are read; a blank row is skipped but counted", () => {
    const rows = [
      ...shippedRows(), // rows 2–36
      {}, // row 37: left empty
      local("LOCAL-02", { severity: "三类", forms: "小饭桌，托育机构", deadlineDays: 0 }), // row 38
      local("LOCAL-03", { deadlineDays: "", allowNa: "也许" }), // row 39
    ];
    expect(apply(rows)).toEqual({
      ok: false,
      errors: [
        "「检查项目」第 39 行（LOCAL-03）：默认整改天数应为 0–90 的整数",
        "「检查项目」第 39 行（LOCAL-03）：可选不适用应填 是 或 否",
      ],
    });
    const ok = applied(rows.slice(0, -1));
    expect(ok.checklists.items.find((i) => i.code === "LOCAL-02")).toMatchObject({
      severity: "III",
      types: ["meal", "childcare"],
    });
  });

  test("more items than a phone page holds (40 rows a grid) is refused, naming the form", () => {
    // 5 shipped FIRE items on the meal form, plus FIRE-06..FIRE-41: 41 rows on the 消防安全 page.
    const extra = Array.from({ length: 36 }, (_, i) => local(`FIRE-${String(i + 6).padStart(2, "0")}`));
    expect(apply([...shippedRows(), ...extra])).toEqual({
      ok: false,
      errors: ["检查表「小饭桌安全检查表」：一页的检查项或页数超出手机表单的限度，请减少该检查表的检查项"],
    });
    // One fewer (40 rows) fits.
    expect(apply([...shippedRows(), ...extra.slice(0, -1)]).ok).toBe(true);
  });

  test("an item switched off keeps its row: 启用 否, on the forms of its types", () => {
    const off = applied(shippedRows().map((r) => (r.code === "TRAN-01" ? { ...r, enabled: "否" } : r)));
    const row = checklistSheetRows(off.checklists).find((r) => r.code === "TRAN-01");
    // TRAN-01's types in forms/items.ts: training, aftercare and meal.
    expect(row).toMatchObject({ enabled: "否", forms: "校外培训机构、校外托管机构、小饭桌" });
  });

  test("a newer forms/ adds only codes neither the sheet nor the last applied set has had", () => {
    const before = applied(shippedRows());
    const newer = { ...CHECKLISTS, items: [...CHECKLISTS.items, { ...GOOD, code: "FOOD-04" }] };
    const withoutTran = shippedRows().filter((r) => r.code !== "TRAN-01"); // deleted by the coordinator
    expect(newShippedItems(withoutTran, newer, before).map((i) => i.code)).toEqual(["FOOD-04"]);
    // The first setup has applied nothing yet: it fills the sheet from forms/ itself.
    expect(newShippedItems([], newer, undefined)).toEqual([]);
  });
});

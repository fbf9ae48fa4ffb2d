import { CHECKLISTS } from "../../forms/index";
import { validateChecklists } from "../../src/domain/checklist-schema";
import { itemsOf, type ChecklistItem, type InspectionForm } from "../../src/domain/checklist";

describe("the shipped checklists", () => {
  test("are valid: every item well-formed, every form's items exist and apply to its type", () => {
    expect(validateChecklists(CHECKLISTS)).toEqual([]);
  });

  test("one inspection form per institution type, plus the re-inspection form and the public 举报 form", () => {
    const kinds = CHECKLISTS.forms.map((f) => (f.kind === "inspection" ? f.type : f.kind));
    expect(kinds.sort()).toEqual(["aftercare", "childcare", "complaint", "meal", "reinspection", "training"]);
  });

  test("cover every area of the domain brief", () => {
    const areas = new Set(CHECKLISTS.items.map((i) => i.code.split("-")[0]));
    expect([...areas].sort()).toEqual(["COND", "FIRE", "FOOD", "HLTH", "PREM", "QUAL", "STAFF", "TRAN"]);
    for (const form of CHECKLISTS.forms.filter((f): f is InspectionForm => f.kind === "inspection")) {
      const codes = itemsOf(form, CHECKLISTS.items).map((i) => i.code.split("-")[0]);
      for (const area of ["QUAL", "PREM", "FIRE", "STAFF", "COND"])
        expect([form.id, codes.includes(area)]).toEqual([form.id, true]);
    }
  });

  test("every item in the bank is used by some form", () => {
    const used = new Set(
      CHECKLISTS.forms.flatMap((f) => (f.kind === "inspection" ? f.sections.flatMap((s) => s.items) : [])),
    );
    expect(CHECKLISTS.items.filter((i) => !used.has(i.code)).map((i) => i.code)).toEqual([]);
  });
});

describe("validateChecklists names what is wrong", () => {
  const item: ChecklistItem = {
    code: "FIRE-01",
    text: "疏散通道畅通",
    types: ["training"],
    dept: "消防",
    basis: "《消防法》",
    severity: "I",
    deadlineDays: 0,
    allowNa: false,
  };
  const form: InspectionForm = {
    id: "t",
    kind: "inspection",
    version: "1.0.0",
    type: "training",
    title: "检查表",
    help: "",
    sections: [{ id: "s", title: "一", items: ["FIRE-01"] }],
  };

  test.each([
    ["a bad code", { items: [{ ...item, code: "fire1" }], forms: [] }, /code must look like FIRE-01/],
    ["a duplicate code", { items: [item, item], forms: [] }, /code FIRE-01 is used twice/],
    [
      "an unknown item in a form",
      { items: [item], forms: [{ ...form, sections: [{ id: "s", title: "一", items: ["FIRE-02"] }] }] },
      /unknown item FIRE-02/,
    ],
    [
      "an item that does not apply to the form's type",
      { items: [{ ...item, types: ["meal" as const] }], forms: [form] },
      /does not apply to training/,
    ],
    [
      "a version that is not semver",
      { items: [item], forms: [{ ...form, version: "v2" }] },
      /version must be semver/,
    ],
    ["a negative deadline", { items: [{ ...item, deadlineDays: -1 }], forms: [] }, /deadlineDays/],
    ["a missing legal basis", { items: [{ ...item, basis: "" }], forms: [] }, /basis/],
  ])("%s", (_name, set, message) => {
    expect(validateChecklists(set as never).join("\n")).toMatch(message);
  });

  test.each<[string, object, string[]]>([
    ["two forms with one id", { items: [item], forms: [form, form] }, ["forms: id t is used twice"]],
    [
      "a re-inspection form with a bad version",
      { items: [], forms: [{ id: "re", kind: "reinspection", version: "2", title: "复查表", help: "" }] },
      ["form re: version version must be semver, e.g. 1.0.0"],
    ],
    [
      "more sections than a form may have",
      {
        items: [item],
        forms: [
          {
            ...form,
            sections: Array.from({ length: 21 }, (_, i) => ({
              id: `s${i}`,
              title: "节",
              items: ["FIRE-01"],
            })),
          },
        ],
      },
      // 21 sections (the limit is 20), and FIRE-01 listed in each after the first.
      ["form t: 21 sections, at most 20", ...Array(20).fill("form t: item FIRE-01 appears twice")],
    ],
    [
      "a section longer than a phone grid",
      {
        items: Array.from({ length: 41 }, (_, i) => ({
          ...item,
          code: `ITEM-${String(i).padStart(2, "0")}`,
        })),
        forms: [
          {
            ...form,
            sections: [
              {
                id: "s",
                title: "一",
                items: Array.from({ length: 41 }, (_, i) => `ITEM-${String(i).padStart(2, "0")}`),
              },
            ],
          },
        ],
      },
      ["form t section s: more than 40 items"],
    ],
    [
      "an item listed twice",
      {
        items: [item],
        forms: [{ ...form, sections: [{ id: "s", title: "一", items: ["FIRE-01", "FIRE-01"] }] }],
      },
      ["form t: item FIRE-01 appears twice"],
    ],
  ])("%s: exactly these messages", (_name, set, messages) => {
    expect(validateChecklists(set as never)).toEqual(messages);
  });
});

// Form responses read back by item id (src/domain/responses.ts): a response filled in before a rebuild is
// read with the map of its own version, and 待核实 shows the raw answers as the coordinator can read them.
// Expected values are written out by hand.
import {
  answersAsText,
  fitCell,
  mapFor,
  readInspectionResponse,
  type ComplaintItemMap,
  type FormRecord,
  type InspectionItemMap,
  type ResponseData,
} from "../../src/domain/responses";

// Version 1.1.0 of the training form, after a rebuild gave every item a new id (100s); 1.0.0 used 10s.
const map = (base: number, codes: string[]): InspectionItemMap => ({
  kind: "inspection",
  institution: base + 1,
  date: base + 2,
  departments: base + 3,
  inspectors: base + 4,
  newPage: base + 5,
  newName: base + 6,
  newVillage: base + 7,
  newAddress: base + 8,
  newOperator: base + 9,
  newPhone: base + 10,
  firstChecklistPage: base + 11,
  grids: [{ id: base + 12, codes }],
  classGrid: { id: base + 13, codes },
  deadline: base + 14,
  responsible: base + 15,
  interim: base + 16,
  descriptions: base + 17,
});
const v100 = map(10, ["FIRE-01", "FIRE-02"]);
const v110 = map(100, ["FIRE-01", "FIRE-02", "FIRE-06"]);
const record: FormRecord = {
  defId: "training",
  formId: "form-1",
  version: "1.1.0",
  map: v110,
  previous: [
    { version: "0.9.0", map: map(0, ["FIRE-01"]) },
    { version: "1.0.0", map: v100 },
  ],
};
const response = (answers: Array<[number, unknown]>): ResponseData => ({
  id: "resp-1",
  timestamp: 0,
  submittedAt: "2026-03-02 10:00:00",
  respondent: "zs@example.cn",
  editUrl: "https://docs.google.com/forms/d/form-1/edit#response=resp-1",
  answers: new Map(answers),
});

describe("which version a response was filled in with", () => {
  test("the current map when its ids are answered; else the newest earlier map that fits; else none", () => {
    expect(mapFor(record, response([[101, "R0001"]]))).toEqual({ map: v110, version: "1.1.0" });
    // 1.0.0 asks the date as item 12, 0.9.0 as item 2; a response answering both fits both: the newer wins.
    expect(mapFor(record, response([[12, "2026-03-02"]]))).toEqual({ map: v100, version: "1.0.0" });
    expect(
      mapFor(
        record,
        response([
          [2, "2026-03-02"],
          [12, "2026-03-02"],
        ]),
      )?.version,
    ).toBe("1.0.0");
    expect(mapFor(record, response([[1, "R0001"]]))?.version).toBe("0.9.0");
    // Ids no version used: a response to some other form.
    expect(mapFor(record, response([[555, "x"]]))).toBeUndefined();
  });

  test("a complaint is recognised by its name or its content (the only questions every complaint answers)", () => {
    const complaint: ComplaintItemMap = {
      kind: "complaint",
      name: 1,
      village: 2,
      address: 3,
      type: 4,
      topic: 5,
      content: 6,
      phone: 7,
    };
    const form: FormRecord = {
      defId: "complaint",
      formId: "f",
      version: "1.0.0",
      map: complaint,
      previous: [],
    };
    expect(mapFor(form, response([[6, "夜里噪音"]]))?.version).toBe("1.0.0");
    expect(mapFor(form, response([[1, "某培训班"]]))?.version).toBe("1.0.0");
    expect(mapFor(form, response([[7, "13800000000"]]))).toBeUndefined();
  });
});

describe("reading an inspection", () => {
  test("grid rows not answered read blank; a one-choice answer reads as a list of one; no answer, none", () => {
    const raw = readInspectionResponse(
      response([
        [101, "R0001 阳光培训学校（东村）"],
        [103, "教育"], // a checkbox answer Google gave as a bare string
        [112, ["符合", null]], // the grid's third row (FIRE-06) is missing altogether
        [113, ["", "二类 限期整改"]],
      ]),
      v110,
    );
    expect(raw.departments).toEqual(["教育"]);
    expect(raw.inspectors).toEqual([]);
    expect(raw.results).toEqual({ "FIRE-01": "符合", "FIRE-02": "", "FIRE-06": "" });
    expect(raw.classes).toEqual({ "FIRE-01": "", "FIRE-02": "二类 限期整改", "FIRE-06": "" });
    expect(raw.date).toBe("");
  });
});

describe("the raw answers shown in 待核实", () => {
  test("one line per question; grid rows by item code; blanks left out or shown as -", () => {
    const titles = new Map([
      [101, "被检查机构"],
      [104, "检查人员（至少两人）"],
      [112, "三、消防安全"],
      [113, "不符合项分类"],
    ]);
    const text = answersAsText(
      response([
        [101, "R0001 阳光培训学校（东村）"],
        [102, ""], // answered blank: left out
        [104, ["张三（教育）", "", "李四（消防）"]],
        [112, ["符合", "", "不符合"]],
        [113, [null, null, null]], // a grid with no row answered: left out
        [120, "未知题目的回答"], // an item setup did not record a title for
      ]),
      titles,
      v110,
    );
    expect(text.split("\n")).toEqual([
      "被检查机构：R0001 阳光培训学校（东村）",
      "检查人员（至少两人）：张三（教育） | - | 李四（消防）",
      "三、消防安全：FIRE-01 符合；FIRE-06 不符合",
      "问题 120：未知题目的回答",
    ]);
  });

  test("without the form's map a grid reads as a list; rows past the known codes are numbered", () => {
    const short = map(100, ["FIRE-01"]);
    expect(answersAsText(response([[112, ["符合", "不符合"]]]), new Map([[112, "消防"]]), short)).toBe(
      "消防：FIRE-01 符合；2 不符合",
    );
    expect(answersAsText(response([[112, ["符合", null]]]), new Map([[112, "消防"]]))).toBe("消防：符合 | -");
  });

  test("a text longer than a cell is cut to 50,000 characters, saying how long it was", () => {
    const long = "字".repeat(60_000);
    const cut = fitCell(long);
    // The tail, written out: "\n……（原始答案共 60000 字，超出单元格上限，以下从略；完整内容请点“回复链接”查看）".
    const tail = "\n……（原始答案共 60000 字，超出单元格上限，以下从略；完整内容请点“回复链接”查看）";
    expect(cut).toHaveLength(50_000);
    expect(cut.endsWith(tail)).toBe(true);
    expect(cut.slice(0, 50_000 - tail.length)).toBe("字".repeat(50_000 - tail.length));
    const full = "字".repeat(50_000);
    expect(fitCell(full)).toBe(full); // exactly full: kept whole
  });
});

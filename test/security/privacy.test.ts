// Privacy (issue 14): 操作日志 masks phone and ID numbers down to their last four digits, and the raw
// form response tabs are at the end of the workbook, hidden, and protected like the script's sheets.
import { submitInspection } from "../../sim/township";
import { COORDINATOR, rows, township } from "../helpers/township";

describe("操作日志 masks personal numbers", () => {
  test("an ID number typed into 机构名录 is logged with its last four characters only", () => {
    const rt = township();
    const register = rt.sheet("机构名录");
    const notes =
      Array.from({ length: register._lastColumn() }, (_, i) => register._get(1, i + 1)).indexOf("备注") + 1;
    rt.editCells("机构名录", 2, notes, [["法人身份证 32041119800101123X，旧证 320411800101123"]]);
    const line = rows(rt, "操作日志").at(-1)!;
    // 18 characters → 14 asterisks + "123X"; 15 digits → 11 asterisks + "1123" (counted by hand).
    expect(line["新值"]).toBe("法人身份证 **************123X，旧证 ***********1123");
    expect(JSON.stringify(rows(rt, "操作日志"))).not.toContain("32041119800101");
  });

  test("finding ids, dates and short numbers are left alone", () => {
    const rt = township();
    rt.editCell("配置", "B2", "JC20260302-001-01 2026-03-02 12345");
    expect(rows(rt, "操作日志").at(-1)!["新值"]).toBe("JC20260302-001-01 2026-03-02 12345");
  });
});

describe("raw response tabs", () => {
  test("are last, hidden and protected (owner and 协调员邮箱 only), and forms still write to them", () => {
    const rt = township();
    const sheets = rt.spreadsheet._sheets;
    const tabs = sheets.filter((s) => s._name.startsWith("表单回复"));
    expect(tabs).toHaveLength(6);
    expect(sheets.slice(-6)).toEqual(tabs);
    for (const tab of tabs) {
      expect(tab._hidden).toBe(true);
      const p = tab._protections.find((x) => !x._range);
      expect(p?._warningOnly).toBe(false);
      expect([...p!._editors]).toEqual([COORDINATOR]);
    }
    submitInspection(rt, "training", {
      institution: "R0001",
      date: "2026-03-02",
      departments: ["教育", "消防"],
      inspectors: ["张三", "李四"],
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I" },
    });
    expect(rows(rt, "问题台账")).toHaveLength(1);
  });
});

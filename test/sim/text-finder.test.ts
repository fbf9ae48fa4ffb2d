// TextFinder as https://developers.google.com/apps-script/reference/spreadsheet/text-finder documents it:
// matching is case-insensitive and partial unless matchCase / matchEntireCell say otherwise; cells are
// matched by their displayed values (formula text only with matchFormulaText); useRegularExpression reads
// the text as a regular expression; findNext / findPrevious return null when there is no match left. A
// search is one Sheets round trip whose result carries only the cells found (the runtime's cost model,
// sim/host.ts, prices the cells searched at a hundredth of a read).
import { Runtime } from "../../sim/runtime";

const START = new Date("2026-03-02T00:30:00Z");

/**
 * Column A: ids, a mixed-case word, a date shown as 2026-03-05, a blank, a formula (shown as 3), and an
 * id followed by a full-width space (U+3000), as a paste from a Chinese document leaves it.
 */
const SETUP = `
function fill() {
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  s.getRange(1, 1, 8, 1).setValues([["R0001"], ["R0012"], ["Apple pie"], [new Date(2026, 2, 5)], [""], ["=3"], ["r0001"], ["R0099\u3000"]]);
  s.getRange(4, 1).setNumberFormat("yyyy-mm-dd");
}
function rowsOf(found) { return found.map(function (r) { return r.getA1Notation(); }); }
function find(e) {
  var f = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("A1:A").createTextFinder(e.text);
  if (e.caseSensitive) f.matchCase(true);
  if (e.entire) f.matchEntireCell(true);
  if (e.regex) f.useRegularExpression(true);
  if (e.formula) f.matchFormulaText(true);
  return rowsOf(f.findAll());
}
function walk() {
  var f = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("A1:A").createTextFinder("r00");
  var a = f.findNext(), b = f.findNext(), c = f.findNext(), d = f.findNext(), e = f.findNext();
  var back = f.findPrevious();
  return [a && a.getA1Notation(), b && b.getA1Notation(), c && c.getA1Notation(), d && d.getA1Notation(), e, back && back.getA1Notation(), f.getCurrentMatch().getA1Notation()];
}
function searchOnly() {
  SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("A2:A").createTextFinder("^R0012$").useRegularExpression(true).findAll();
}`;

function runtime() {
  const rt = new Runtime({ start: START, code: SETUP });
  rt.run("fill");
  return rt;
}

test.each([
  // By default the case is ignored and a part of the cell is enough: R0001, R0012, r0001 and R0099 hold
  // "r00".
  [{ text: "r00" }, ["A1", "A2", "A7", "A8"]],
  [{ text: "R00", caseSensitive: true }, ["A1", "A2", "A8"]],
  // The whole cell must match: "apple" is only a part of "Apple pie".
  [{ text: "apple" }, ["A3"]],
  [{ text: "apple", entire: true }, []],
  [{ text: "apple pie", entire: true }, ["A3"]],
  // A date is found by the text it shows (its number format), not by its value.
  [{ text: "2026-03-05" }, ["A4"]],
  // A formula cell is matched by what it shows, or by its formula text when asked ("=" is only there).
  [{ text: "3" }, ["A4", "A6"]],
  [{ text: "=3" }, []],
  [{ text: "=3", formula: true }, ["A6"]],
  // Regular expressions; without useRegularExpression the same text is plain (no cell holds "R00(01|12)").
  [{ text: "^R00(01|12)$", regex: true, caseSensitive: true }, ["A1", "A2"]],
  [{ text: "R00(01|12)" }, []],
  // An expression that matches nothing at all still finds only cells with content (A5 is blank). Google
  // does not say so; the runtime assumes a search never returns an empty cell.
  [{ text: ".*", regex: true }, ["A1", "A2", "A3", "A4", "A6", "A7", "A8"]],
  // Expressions are RE2's (as in Sheets' REGEXMATCH): \s is ASCII whitespace, so the full-width space
  // after R0099 is not one; named in a class it is.
  [{ text: "^R0099\\s*$", regex: true }, []],
  [{ text: "^R0099[\\s\u3000]*$", regex: true }, ["A8"]],
])("findAll(%j) finds %j", (event, expected) => {
  expect(runtime().run("find", { event })).toEqual(expected);
});

test("findNext walks the matches row by row and returns null after the last; findPrevious goes back", () => {
  // Matches of "r00": A1, A2, A7, A8. After null the current match stays A8; findPrevious from there is A7.
  expect(runtime().run("walk")).toEqual(["A1", "A2", "A7", "A8", null, "A7", "A7"]);
});

test("a search is one Sheets round trip that reads no cells (the cost model's assumption, sim/host.ts)", () => {
  const rt = runtime();
  rt.run("searchOnly");
  const e = rt.lastExecution("searchOnly")!;
  // getSheets (1) + findAll (1); createTextFinder and the option setters are local builders.
  expect(e.sheetsCalls).toBe(2);
  expect(e.cellsRead).toBe(0);
});

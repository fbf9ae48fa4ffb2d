// Sheets keeps a script's writes and sends them together at the next read, flush or the end of the run
// ("Spreadsheet operations are sometimes bundled together to improve performance, such as when doing
// multiple calls to Range.setValue()": https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()).
// The runtime counts Sheets round trips that way.
import { Runtime } from "../../sim/runtime";

const START = new Date("2026-03-02T00:30:00Z");
const script = `
function writesOnly() {
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  s.getRange(1, 1).setValue(1); s.getRange(2, 1).setValue(2); s.getRange(3, 1).setValue(3);
}
function writesThenRead() {
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  s.getRange(1, 1).setValue(1); s.getRange(2, 1).setValue(2);
  s.getRange(1, 1, 2, 1).getValues();
  s.getRange(3, 1).setValue(3);
}
function appends() {
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  s.appendRow([1]); s.appendRow([2]);
  s.getRange(1, 1, 2, 1).getValues();
}
function flushed() {
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  s.getRange(1, 1).setValue(1); SpreadsheetApp.flush(); s.getRange(2, 1).setValue(2); SpreadsheetApp.flush();
}`;

test.each([
  // getSheets (1) + three writes sent together at the end (1)
  ["writesOnly", 2],
  // getSheets (1) + two writes flushed by the read (1) + the read (1) + the last write at the end (1)
  ["writesThenRead", 4],
  // appendRow is a write like setValue (the runtime's reading of the page above: nothing documents it
  // apart): getSheets (1) + the two appends sent with the read (1) + the read (1)
  ["appends", 3],
  // getSheets (1) + each flush sends the write before it (1 + 1); a flush with nothing pending is free
  ["flushed", 3],
])("%s makes %i Sheets round trips", (fn, expected) => {
  const rt = new Runtime({ start: START, code: script });
  rt.run(fn);
  expect(rt.lastExecution(fn)!.sheetsCalls).toBe(expected);
});

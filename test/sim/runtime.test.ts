// The local runtime's own behaviour suite: each rule below is a real Apps Script behaviour that the
// product depends on, pinned here with the page that documents it.
import { FORBIDDEN_GLOBALS, Runtime } from "../../sim/runtime";
import { MAIL_LIMITS, MAX_TRIGGERS, PROPERTY_LIMITS } from "../../sim/services";
import { LATENCY_MS } from "../../sim/host";

const START = new Date("2026-03-02T00:30:00Z"); // 08:30 in Asia/Shanghai, a Monday

function runtime(code = "", options: Partial<ConstructorParameters<typeof Runtime>[0]> = {}) {
  return new Runtime({ start: START, code, ...options });
}

describe("the script's global scope", () => {
  test("has no Node or browser globals: only what Apps Script provides", () => {
    const rt = runtime();
    for (const name of FORBIDDEN_GLOBALS)
      expect([name, rt.evaluate(`typeof ${name}`)]).toEqual([name, "undefined"]);
    for (const name of [
      "SpreadsheetApp",
      "FormApp",
      "ScriptApp",
      "MailApp",
      "LockService",
      "PropertiesService",
      "Utilities",
      "Session",
      "Logger",
      "console",
    ]) {
      expect([name, rt.evaluate(`typeof ${name}`)]).toEqual([name, "object"]);
    }
  });

  test("a script that calls setTimeout fails with ReferenceError, as in Apps Script", () => {
    const rt = runtime("function later() { setTimeout(function () {}, 10); }");
    expect(() => rt.run("later")).toThrow(/setTimeout is not defined/);
  });

  test("top-level function declarations are what the editor and triggers can call", () => {
    const rt = runtime("function a() { return 1; } var b = function () {}; const c = 3;");
    expect(rt.functionNames()).toContain("a");
    expect(rt.run("a")).toBe(1);
    expect(() => rt.run("missing")).toThrow("Script function not found: missing");
  });

  test("new Date() and Date.now() read the runtime's clock, and local time is the script's time zone", () => {
    const rt = runtime(
      "function now() { return [Date.now(), new Date().getHours(), new Date(0) instanceof Date]; }",
    );
    expect(rt.run("now")).toEqual([START.getTime(), 8, true]);
    rt.advanceBy(3600_000);
    expect((rt.run("now") as number[])[0]).toBe(START.getTime() + 3600_000);
  });
});

describe("SpreadsheetApp ranges", () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
  test("getValues returns a fresh 2D array of the exact shape, '' for empty cells and Date for date cells", () => {
    const rt = runtime(`
      function probe() {
        var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        sh.getRange(1, 1, 1, 2).setValues([[new Date(2026, 0, 2), 5]]);
        var a = sh.getRange(1, 1, 2, 3).getValues();
        var b = sh.getRange(1, 1, 2, 3).getValues();
        a[0][1] = 99;
        return { rows: a.length, cols: a[0].length, empty: b[1][2], isDate: b[0][0] instanceof Date, isArray: Array.isArray(b) && b instanceof Array, fresh: b[0][1] };
      }`);
    expect(rt.run("probe")).toEqual({ rows: 2, cols: 3, empty: "", isDate: true, isArray: true, fresh: 5 });
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
  test("setValues throws Apps Script's message on a shape mismatch", () => {
    const rt = runtime(`
      function rows() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 3, 2).setValues([[1, 2], [3, 4]]); }
      function cols() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 2, 3).setValues([[1, 2, 3], [3, 4]]); }
      function caught() { try { rows(); } catch (e) { return [e instanceof Error, e.name]; } }`);
    expect(() => rt.run("rows")).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.",
    );
    expect(() => rt.run("cols")).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.",
    );
    expect(rt.run("caught")).toEqual([true, "Exception"]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow()
  test("getLastRow is 0 on an empty sheet and getRange outside the sheet throws", () => {
    const rt = runtime(`
      function last() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getLastRow(); }
      function outside() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1001, 1); }
      function zero() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(0, 1); }`);
    expect(rt.run("last")).toBe(0);
    expect(() => rt.run("outside")).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    expect(() => rt.run("zero")).toThrow("The starting row of the range is too small.");
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object) and
  // https://support.google.com/docs/answer/3094135: written strings are parsed as if typed.
  test("strings are parsed as Sheets parses typed input, unless quoted or in a plain-text cell", () => {
    const rt = runtime(`
      function write() {
        var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        sh.getRange("A1:G1").setValues([["=HYPERLINK(\\"http://x\\",\\"x\\")", "0571123", "2026-01-02", "TRUE", "50%", "'0571123", "text"]]);
        sh.getRange("A2").setNumberFormat("@");
        sh.getRange("A2").setValue("=1+1");
        var v = sh.getRange("A1:G2").getValues();
        return { formula: sh.getRange("A1").getFormula(), shown: v[0][0], number: v[0][1], date: v[0][2] instanceof Date, dateText: Utilities.formatDate(v[0][2], "Asia/Shanghai", "yyyy-MM-dd HH:mm"), bool: v[0][3], pct: v[0][4], quoted: v[0][5], text: v[0][6], plain: v[1][0], plainFormula: sh.getRange("A2").getFormula() };
      }`);
    expect(rt.run("write")).toEqual({
      formula: '=HYPERLINK("http://x","x")',
      shown: "x",
      number: 571123,
      date: true,
      dateText: "2026-01-02 00:00",
      bool: true,
      pct: 0.5,
      quoted: "0571123",
      text: "text",
      plain: "=1+1",
      plainFormula: "",
    });
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(String)
  test("A1 notation: a cell, a block, whole columns and a whole row", () => {
    const rt = runtime(`function shapes() {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      return ["B2", "A1:C3", "A:B", "1:1"].map(function (a) { var r = sh.getRange(a); return [r.getNumRows(), r.getNumColumns()]; });
    }`);
    expect(rt.run("shapes")).toEqual([
      [1, 1],
      [3, 3],
      [1000, 2],
      [1, 26],
    ]);
  });

  test("a sheet name that exists already cannot be used again", () => {
    const rt = runtime(
      `function twice() { var ss = SpreadsheetApp.getActiveSpreadsheet(); ss.insertSheet("台账"); ss.insertSheet("台账"); }`,
    );
    expect(() => rt.run("twice")).toThrow(
      'A sheet with the name "台账" already exists. Please enter another name.',
    );
  });

  test("data validation, protections and frozen rows are kept as set", () => {
    const rt = runtime(`
      function setup() {
        var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        sh.setFrozenRows(1);
        sh.getRange("B2:B10").setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(["是", "否"], true).setAllowInvalid(false).build());
        sh.getRange("C2:C10").protect().setDescription("computed").setWarningOnly(true);
        var p = sh.getProtections(SpreadsheetApp.ProtectionType.RANGE);
        return [sh.getFrozenRows(), sh.getRange("B3").getDataValidation().getCriteriaValues()[0].join(), p.length, p[0].isWarningOnly()];
      }`);
    expect(rt.run("setup")).toEqual([1, "是,否", 1, true]);
    // A person typing off the list is refused by the Sheets UI; a warning-only protection only warns.
    expect(rt.editCell("Sheet1", "B3", "也许").accepted).toBe(false);
    expect(rt.editCell("Sheet1", "B3", "是").accepted).toBe(true);
    expect(rt.editCell("Sheet1", "C3", "x", "someone@else.cn").accepted).toBe(true);
  });
});

describe("triggers", () => {
  const code = `
    function onEdit(e) { PropertiesService.getScriptProperties().setProperty("simple", (Number(PropertiesService.getScriptProperties().getProperty("simple")) || 0) + 1 + ""); }
    function installed(e) { var p = PropertiesService.getScriptProperties(); p.setProperty("installed", (Number(p.getProperty("installed")) || 0) + 1 + ""); p.setProperty("last", e.range.getA1Notation() + "=" + e.value + "<" + e.oldValue); }
    function install() { ScriptApp.newTrigger("installed").forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create(); }
    function scriptWrite() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("A1").setValue("by script"); }
    function count() { var p = PropertiesService.getScriptProperties(); return [p.getProperty("simple"), p.getProperty("installed"), p.getProperty("last")]; }`;

  // https://developers.google.com/apps-script/guides/triggers — triggers fire on a person's edit, not on script writes.
  test("a person's edit fires the simple and installable edit triggers once each; a script's write fires none", () => {
    const rt = runtime(code);
    rt.run("install");
    rt.run("scriptWrite");
    expect(rt.run("count")).toEqual([null, null, null]);
    rt.editCell("Sheet1", "B2", "hello");
    rt.editCell("Sheet1", "B2", "world");
    expect(rt.run("count")).toEqual(["2", "2", "B2=world<hello"]);
  });

  // https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers
  test("a daily trigger fires at its hour in the script's time zone as the clock moves, and only then", () => {
    const rt = runtime(`
      function install() { ScriptApp.newTrigger("tick").timeBased().everyDays(1).atHour(7).create(); }
      function tick() { var p = PropertiesService.getScriptProperties(); p.setProperty("ticks", (p.getProperty("ticks") || "") + Utilities.formatDate(new Date(), "Asia/Shanghai", "MM-dd HH:mm") + ";"); }
      function ticks() { return PropertiesService.getScriptProperties().getProperty("ticks"); }`);
    rt.run("install");
    rt.advanceTo(new Date("2026-03-04T12:00:00+08:00"));
    expect(rt.run("ticks")).toBe("03-03 07:00;03-04 07:00;");
  });

  // https://developers.google.com/apps-script/guides/services/quotas — 20 triggers per user per script.
  test(`at most ${MAX_TRIGGERS} triggers`, () => {
    const rt =
      runtime(`function many(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger("x").timeBased().everyHours(1).create(); return ScriptApp.getProjectTriggers().length; }
      function runMany() { return many(21); }`);
    expect(() => rt.run("runMany")).toThrow(
      "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
    );
    expect(rt.script._triggers).toHaveLength(MAX_TRIGGERS);
  });

  test("a form submitted by a person fires the form's submit trigger; FormResponse.submit() from code does not", () => {
    const rt = runtime(`
      function make() {
        var f = FormApp.create("t"); f.addTextItem().setTitle("q");
        ScriptApp.newTrigger("onSubmit").forForm(f).onFormSubmit().create();
        return f.getId();
      }
      function onSubmit(e) { var p = PropertiesService.getScriptProperties(); p.setProperty("got", (p.getProperty("got") || "") + e.response.getItemResponses()[0].getResponse() + ";"); }
      function fromCode(id) { var f = FormApp.openById(id); f.createResponse().withItemResponse(f.getItems()[0].asTextItem().createResponse("code")).submit(); }
      function got() { return PropertiesService.getScriptProperties().getProperty("got"); }`);
    const id = rt.run("make") as string;
    rt.evaluate(`fromCode(${JSON.stringify(id)})`);
    expect(rt.form(id)._responses).toHaveLength(1);
    expect(rt.run("got")).toBeNull();
    rt.submitForm(id, { q: "person" }, "inspector@township.example.cn");
    expect(rt.run("got")).toBe("person;");
  });

  test("a simple trigger cannot use services that need authorisation", () => {
    const rt = runtime(`function onOpen() { MailApp.sendEmail("a@b.cn", "s", "b"); }`);
    rt.openSpreadsheet();
    expect(rt.lastExecution("onOpen")?.error).toBe(
      "You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail",
    );
  });

  test("SpreadsheetApp.getUi() fails in a time-driven run", () => {
    const rt = runtime(
      `function install() { ScriptApp.newTrigger("tick").timeBased().everyHours(1).create(); } function tick() { SpreadsheetApp.getUi(); }`,
    );
    rt.run("install");
    rt.advanceBy(3600_000);
    expect(rt.lastExecution("tick")?.error).toBe("Cannot call SpreadsheetApp.getUi() from this context.");
  });
});

describe("quotas and limits", () => {
  // https://developers.google.com/apps-script/guides/services/quotas
  test("MailApp: daily recipients, recipients per message, body size, with Apps Script's messages", () => {
    const rt = runtime(`
      function send(to, body) { MailApp.sendEmail({ to: to, subject: "s", htmlBody: body }); }
      function quota() { return MailApp.getRemainingDailyQuota(); }`);
    const to = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@township.example.cn`).join(",");
    expect(rt.evaluate(`quota()`)).toBe(MAIL_LIMITS.recipientsPerDay);
    expect(() => rt.evaluate(`send(${JSON.stringify(to(51))}, "x")`)).toThrow(
      "Limit Exceeded: Email Recipients Per Message.",
    );
    expect(() =>
      rt.evaluate(`send("a@b.cn", ${JSON.stringify("x".repeat(MAIL_LIMITS.bodyBytes + 1))})`),
    ).toThrow("Limit Exceeded: Email Body Size.");
    rt.evaluate(`send(${JSON.stringify(to(50))}, "x")`);
    rt.evaluate(`send(${JSON.stringify(to(50))}, "x")`);
    expect(rt.evaluate(`quota()`)).toBe(0);
    expect(() => rt.evaluate(`send("a@b.cn", "x")`)).toThrow(
      "Service invoked too many times for one day: email.",
    );
    expect(rt.mail._sent).toHaveLength(2);
    rt.advanceTo(new Date("2026-03-03T00:00:01+08:00"));
    expect(rt.evaluate(`quota()`)).toBe(MAIL_LIMITS.recipientsPerDay);
  });

  // https://developers.google.com/apps-script/reference/lock/lock#waitLock(Integer)
  test("waitLock throws on timeout when another run holds the lock; tryLock returns false", () => {
    const rt = runtime(`
      function wait() { LockService.getScriptLock().waitLock(5000); return "got"; }
      function attempt() { return LockService.getScriptLock().tryLock(5000); }`);
    rt.holdLockElsewhere(60_000);
    expect(() => rt.run("wait")).toThrow("Lock timeout: another process was holding the lock for too long.");
    expect(rt.run("attempt")).toBe(false);
    rt.advanceBy(60_000);
    expect(rt.run("wait")).toBe("got");
  });

  // https://developers.google.com/apps-script/guides/services/quotas — properties 9 KB a value, 500 KB a store.
  test("properties: value and store size limits", () => {
    const rt = runtime(`
      function big(n) { PropertiesService.getScriptProperties().setProperty("k", new Array(n + 1).join("x")); }
      function fill() { var p = PropertiesService.getScriptProperties(); for (var i = 0; i < 60; i++) p.setProperty("k" + i, new Array(9000).join("x")); }`);
    expect(() => rt.evaluate(`big(${PROPERTY_LIMITS.valueBytes + 1})`)).toThrow("Argument too large: value");
    rt.evaluate(`big(${PROPERTY_LIMITS.valueBytes})`);
    expect(() => rt.run("fill")).toThrow(
      "You have exceeded the property storage quota. Please remove some properties and try again.",
    );
  });

  test("a scope missing from the manifest fails at run time", () => {
    const rt = runtime(`function mail() { MailApp.sendEmail("a@b.cn", "s", "b"); }`, {
      manifest: { timeZone: "Asia/Shanghai", oauthScopes: [] },
    });
    expect(() => rt.run("mail")).toThrow(
      "You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail",
    );
  });
});

describe("Utilities and Session", () => {
  // https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
  test("formatDate takes Java SimpleDateFormat patterns and a time zone", () => {
    const rt = runtime(
      `function f(p, tz) { return Utilities.formatDate(new Date(Date.UTC(2026, 0, 1, 16, 5, 9)), tz, p); }`,
    );
    expect(rt.evaluate(`f("yyyy-MM-dd HH:mm:ss", "Asia/Shanghai")`)).toBe("2026-01-02 00:05:09");
    expect(rt.evaluate(`f("yyyy-MM-dd HH:mm", "UTC")`)).toBe("2026-01-01 16:05");
    expect(rt.evaluate(`f("EEE, d MMM yyyy h:mm a Z", "Asia/Shanghai")`)).toBe(
      "Fri, 2 Jan 2026 12:05 AM +0800",
    );
    expect(rt.evaluate(`f("yyyy'年'M'月'd'日'", "Asia/Shanghai")`)).toBe("2026年1月2日");
    expect(rt.evaluate(`f("XXX", "UTC")`)).toBe("Z");
  });

  // https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String,Charset)
  test("computeDigest returns Java's signed bytes", () => {
    const rt = runtime(
      `function d() { return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, "abc", Utilities.Charset.UTF_8); }`,
    );
    const bytes = rt.run("d") as number[];
    const hex = bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("");
    expect(hex).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(Math.min(...bytes)).toBeLessThan(0);
  });

  test("getUuid has the UUID shape; sleep moves the clock", () => {
    const rt = runtime(
      `function u() { var t = Date.now(); Utilities.sleep(1500); return [Utilities.getUuid(), Date.now() - t]; }`,
    );
    const [uuid, slept] = rt.run("u") as [string, number];
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(slept).toBeGreaterThanOrEqual(1500);
  });

  // https://developers.google.com/apps-script/reference/base/session#getActiveUser()
  test("Session.getActiveUser is the person running, but blank for another consumer account", () => {
    const rt = runtime(`function who() { return Session.getActiveUser().getEmail(); }`, {
      owner: "owner@gmail.com",
    });
    expect(rt.run("who", { user: "owner@gmail.com" })).toBe("owner@gmail.com");
    expect(rt.run("who", { user: "other@gmail.com" })).toBe("");
  });
});

describe("call counting and the latency model", () => {
  test("every service call is counted per method and turned into modelled time", () => {
    const rt = runtime(`
      function batched() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; sh.getRange(1, 1, 100, 10).getValues(); }
      function cellByCell() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; for (var r = 1; r <= 100; r++) for (var c = 1; c <= 10; c++) sh.getRange(r, c).getValue(); }`);
    rt.run("batched");
    const batched = rt.lastExecution()!;
    rt.run("cellByCell");
    const single = rt.lastExecution()!;
    expect(batched.counts.get("Range.getValues")).toBe(1);
    expect(single.counts.get("Range.getValue")).toBe(1000);
    expect(batched.sheetsCalls).toBe(2); // getSheets + getValues
    expect(single.sheetsCalls).toBe(1001);
    expect(batched.modeledMs).toBeCloseTo(
      LATENCY_MS.meta.perCall + LATENCY_MS.read.perCall + 1000 * LATENCY_MS.read.perCell,
      5,
    );
    expect(single.modeledMs / batched.modeledMs).toBeGreaterThan(100);
  });

  test("a run past six modelled minutes stops with Apps Script's message", () => {
    const rt = runtime(
      `function slow() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; for (var i = 0; i < 20000; i++) sh.getRange(1, 1).getValue(); }`,
    );
    expect(() => rt.run("slow")).toThrow("Exceeded maximum execution time");
  });
});

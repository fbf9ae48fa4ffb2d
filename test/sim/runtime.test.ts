// The local runtime's own behaviour suite: each rule below is a real Apps Script behaviour, pinned with
// the page that documents it. Expected numbers are the documented ones, written here as literals (never
// read from the runtime's own constants), so a wrong constant in sim/ makes a test fail.
import { FORBIDDEN_GLOBALS, Runtime } from "../../sim/runtime";

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

  // https://developers.google.com/apps-script/reference/spreadsheet/range-list#setNumberFormat(String)
  // and https://developers.google.com/sheets/api/guides/formats ("%": multiplies by 100, shows a %):
  // the value stays the fraction; the cell shows it as a percentage with the pattern's decimals.
  test("a percent number format shows the fraction times 100; the value is unchanged", () => {
    const rt = runtime(`function percent() {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      sh.getRange("A1:C1").setValues([[7 / 12, 0, 2 / 3]]);
      sh.getRangeList(["A1", "B1"]).setNumberFormat("0.0%");
      sh.getRange("C1").setNumberFormat("0%");
      return { values: sh.getRange("A1:C1").getValues()[0], shown: sh.getRange("A1:C1").getDisplayValues()[0], format: sh.getRange("A1").getNumberFormat() };
    }`);
    // By hand: 7/12 = 58.33…% → 58.3%; 0 → 0.0%; 2/3 = 66.67% → 67% with no decimals.
    expect(rt.run("percent")).toEqual({
      values: [7 / 12, 0, 2 / 3],
      shown: ["58.3%", "0.0%", "67%"],
      format: "0.0%",
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
    expect(rt.editCell("工作表1", "B3", "也许").accepted).toBe(false);
    expect(rt.editCell("工作表1", "B3", "是").accepted).toBe(true);
    rt.shareSpreadsheet("someone@else.cn", "edit");
    expect(rt.editCell("工作表1", "C3", "x", "someone@else.cn").accepted).toBe(true);
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
    rt.editCell("工作表1", "B2", "hello");
    rt.editCell("工作表1", "B2", "world");
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
  test("at most 20 triggers per user per script", () => {
    const rt =
      runtime(`function many(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger("x").timeBased().everyHours(1).create(); return ScriptApp.getProjectTriggers().length; }
      function runMany() { return many(21); }`);
    expect(() => rt.run("runMany")).toThrow(
      "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
    );
    expect(rt.script._triggers).toHaveLength(20);
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
  // https://developers.google.com/apps-script/guides/services/quotas — consumer accounts: 100 email
  // recipients a day, 50 per message, 200 KB of body; "Quotas are per user and reset 24 hours after the
  // first request."
  test("MailApp: daily recipients, recipients per message, body size; the day starts at the first send", () => {
    const rt = runtime(`
      function send(to, body) { MailApp.sendEmail({ to: to, subject: "s", htmlBody: body }); }
      function quota() { return MailApp.getRemainingDailyQuota(); }`);
    const to = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@township.example.cn`).join(",");
    expect(rt.evaluate(`quota()`)).toBe(100);
    expect(() => rt.evaluate(`send(${JSON.stringify(to(51))}, "x")`)).toThrow(
      "Limit Exceeded: Email Recipients Per Message.",
    );
    expect(() => rt.evaluate(`send("a@b.cn", ${JSON.stringify("x".repeat(200 * 1024 + 1))})`)).toThrow(
      "Limit Exceeded: Email Body Size.",
    );
    rt.advanceTo(new Date("2026-03-02T10:00:00+08:00")); // the first request of the window
    rt.evaluate(`send(${JSON.stringify(to(50))}, "x")`);
    rt.evaluate(`send(${JSON.stringify(to(50))}, "x")`);
    expect(rt.evaluate(`quota()`)).toBe(0);
    expect(() => rt.evaluate(`send("a@b.cn", "x")`)).toThrow(
      "Service invoked too many times for one day: email.",
    );
    expect(rt.mail._sent).toHaveLength(2);
    // Local midnight changes nothing: the quota is back 24 hours after the first send (10:00 the next day).
    rt.advanceTo(new Date("2026-03-03T00:00:01+08:00"));
    expect(rt.evaluate(`quota()`)).toBe(0);
    rt.advanceTo(new Date("2026-03-03T09:59:59+08:00"));
    expect(rt.evaluate(`quota()`)).toBe(0);
    rt.advanceTo(new Date("2026-03-03T10:00:00+08:00"));
    expect(rt.evaluate(`quota()`)).toBe(100);
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

  // https://developers.google.com/apps-script/reference/lock/lock-service#getScriptLock() — "Gets a lock
  // that prevents any user from concurrently running a section of code." Two executions that overlap
  // (here the second runs while the first holds the lock, as a test interleaves a trigger) are kept apart;
  // the second's wait counts against its own timeout, and the lock is free once the first ends.
  test("two executions at once: the second cannot take the lock the first holds, and can after it ends", () => {
    const rt = runtime(`
      function first() {
        var lock = LockService.getScriptLock();
        lock.waitLock(1000);
        SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("A1").setValue("first");
        return lock.hasLock();
      }
      function second() { return LockService.getScriptLock().tryLock(5000); }`);
    rt.openSpreadsheet();
    const seen: unknown[] = [];
    let started = false;
    rt.log.interleave = (call, _index, execution) => {
      if (started || execution.functionName !== "first" || call.name !== "Range.setValue") return;
      started = true;
      const before = rt.clock.now;
      seen.push(rt.run("second"), rt.clock.now - before);
    };
    expect(rt.run("first")).toBe(true);
    rt.log.interleave = undefined;
    // The second execution waited its whole 5 s (plus the modelled latency of its two calls) and did
    // not get the lock; the first still had it after.
    expect(seen[0]).toBe(false);
    expect(seen[1]).toBeGreaterThanOrEqual(5000);
    expect(seen[1]).toBeLessThan(5100);
    expect(rt.run("second")).toBe(true);
  });

  // https://developers.google.com/apps-script/guides/services/quotas — properties 9 KB a value, 500 KB a store.
  test("properties: value and store size limits", () => {
    const rt = runtime(`
      function big(n) { PropertiesService.getScriptProperties().setProperty("k", new Array(n + 1).join("x")); }
      function fill() { var p = PropertiesService.getScriptProperties(); for (var i = 0; i < 60; i++) p.setProperty("k" + i, new Array(9000).join("x")); }`);
    expect(() => rt.evaluate(`big(${9 * 1024 + 1})`)).toThrow("Argument too large: value");
    rt.evaluate(`big(${9 * 1024})`);
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
});

describe("executions: fresh global state, time limits, CPU", () => {
  // Each trigger or menu run is a new execution that evaluates the project's files again: what a global
  // variable held in the last run is gone; the Properties service is the documented way to keep data
  // between executions (https://developers.google.com/apps-script/guides/properties).
  test("global variables start fresh on every execution; properties persist", () => {
    const rt = runtime(`
      var count = 0;
      let cache;
      function bump() { count++; cache = cache || "set in run " + count; return [count, cache]; }
      function leak() { leaked = 5; globalThis.other = 6; }
      function read() { return [typeof leaked, typeof other]; }
      function save() { PropertiesService.getScriptProperties().setProperty("k", "v"); }
      function load() { return PropertiesService.getScriptProperties().getProperty("k"); }`);
    expect(rt.run("bump")).toEqual([1, "set in run 1"]);
    expect(rt.run("bump")).toEqual([1, "set in run 1"]);
    rt.run("leak");
    expect(rt.run("read")).toEqual(["undefined", "undefined"]);
    rt.run("save");
    expect(rt.run("load")).toBe("v");
  });

  // https://developers.google.com/apps-script/guides/services/quotas — "Script runtime: 6 min / execution".
  test("a run past six minutes stops with Apps Script's message", () => {
    // Each iteration is one getRange (≈0.5 ms) and one single-cell getValue (≈6.6 ms): 60,000 of them
    // would take about 7 minutes.
    const rt = runtime(
      `function slow() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; for (var i = 0; i < 60000; i++) sh.getRange(1, 1).getValue(); }`,
    );
    expect(() => rt.run("slow")).toThrow("Exceeded maximum execution time");
    const ex = rt.lastExecution("slow")!;
    expect(ex.modeledMs + ex.cpuMs).toBeGreaterThan(360_000);
    expect(ex.modeledMs).toBeLessThan(361_000);
  });

  // https://developers.google.com/apps-script/guides/triggers#restrictions — simple triggers "cannot run
  // for longer than 30 seconds".
  test("a simple trigger stops after 30 seconds; the same work from the editor does not", () => {
    const work = `var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; for (var i = 0; i < 5000; i++) sh.getRange(1, 1).getValue();`;
    const rt = runtime(`function onEdit(e) { ${work} } function manual() { ${work} return "done"; }`);
    // 5,000 × ≈7 ms ≈ 35 s: over 30 s, well under 6 minutes.
    rt.editCell("工作表1", "A1", "x");
    expect(rt.lastExecution("onEdit")!.error).toBe("Exceeded maximum execution time");
    expect(rt.lastExecution("onEdit")!.modeledMs).toBeLessThan(31_000);
    expect(rt.run("manual")).toBe("done");
    expect(rt.lastExecution("manual")!.modeledMs).toBeGreaterThan(30_000);
  });

  // The script's own JavaScript counts toward the limit, not only its service calls (issue 17).
  test("the script's CPU time is measured and counts toward the six minutes", () => {
    const code = `
      function burn(e) { var s = 0; for (var i = 0; i < e.n; i++) s += Math.sqrt(i); return s > 0; }
      function nearLimit(e) {
        Utilities.sleep(300000);
        Utilities.sleep(e.sleep);
        burn(e);
        return Session.getScriptTimeZone();
      }`;
    const N = 3_000_000;
    const rt = runtime(code);
    rt.run("burn", { event: { n: N } });
    const cpu = rt.lastExecution("burn")!.cpuMs;
    expect(cpu).toBeGreaterThan(5);
    expect(rt.lastExecution("burn")!.modeledMs).toBe(0); // no service call at all
    // Three calls of 0.5 ms and 300,000 + sleep ms of sleeping: a quarter of the burn's CPU below the limit.
    const sleep = Math.round(60_000 - 1.5 - cpu / 4);
    expect(rt.run("nearLimit", { event: { n: 0, sleep } })).toBe("Asia/Shanghai");
    expect(() => rt.run("nearLimit", { event: { n: N, sleep } })).toThrow("Exceeded maximum execution time");
    // Not counting CPU (an option for benchmarks that want modelled service time only), it passes.
    const modelOnly = runtime(code, { measureCpu: false });
    expect(modelOnly.run("nearLimit", { event: { n: N, sleep } })).toBe("Asia/Shanghai");
    expect(modelOnly.lastExecution()!.cpuMs).toBe(0);
  });
});

describe("daily quotas: 24 hours from the first request, per user", () => {
  // https://developers.google.com/apps-script/guides/services/quotas — "Triggers total runtime: 90 min /
  // day" (consumer), "6 hr / day" (Google Workspace); the error text from
  // https://developers.google.com/apps-script/guides/support/troubleshooting: "Service using too much
  // computer time for one day."
  const code = `
    function install(e) { ScriptApp.newTrigger("work").timeBased().everyMinutes(e.every).create(); }
    function work() { Utilities.sleep(300000); }`;

  test("consumer accounts: 90 minutes of trigger runtime, then Google's error until 24 hours after the first run", () => {
    const rt = runtime(code);
    rt.run("install", { event: { every: 30 } });
    // A run every 30 minutes, 5 minutes each: 17 runs use 85 minutes; the 18th would pass 90.
    const fired = rt.advanceBy(18 * 30 * 60_000);
    expect(fired).toHaveLength(18);
    expect(fired.slice(0, 17).map((e) => e.error)).toEqual(Array(17).fill(undefined));
    expect(fired[17]!.error).toBe("Service using too much computer time for one day.");
    // Every run until 24 hours after the first one fails at once.
    const first = fired[0]!.startedAt;
    const more = rt.advanceTo(first + 24 * 3600_000 - 1);
    expect(more.every((e) => e.error === "Service using too much computer time for one day.")).toBe(true);
    expect(more.length).toBeGreaterThan(20);
    // 24 hours after the first request the quota is new.
    const fresh = rt.advanceTo(first + 24 * 3600_000 + 30 * 60_000);
    expect(fresh.at(-1)!.error).toBeUndefined();
    // Runs from the editor do not count toward it.
    const used = rt.triggerRuntimeUsed();
    rt.run("work");
    expect(rt.triggerRuntimeUsed()).toBe(used);
  });

  test("Google Workspace accounts: six hours of trigger runtime", () => {
    const rt = runtime(code, { account: "workspace" });
    rt.run("install", { event: { every: 15 } });
    // 71 runs of 5 minutes use 355 minutes; the 72nd would pass 360.
    const fired = rt.advanceBy(72 * 15 * 60_000);
    expect(fired).toHaveLength(72);
    expect(fired.filter((e) => e.error)).toHaveLength(1);
    expect(fired[71]!.error).toBe("Service using too much computer time for one day.");
  });
});

describe("OAuth scopes", () => {
  // https://developers.google.com/apps-script/concepts/scopes — without oauthScopes in the manifest,
  // Apps Script detects the scopes the code needs and asks for them.
  test("without oauthScopes every call is allowed and the scopes used are recorded", () => {
    const rt = runtime(
      `function mail() { MailApp.sendEmail("a@b.cn", "s", "b"); return Session.getActiveUser().getEmail(); }`,
      {
        manifest: { timeZone: "Asia/Shanghai" },
      },
    );
    expect(rt.run("mail")).toBe("coordinator@township.example.cn");
    expect([...rt.log.usedScopes].sort()).toEqual([
      "https://www.googleapis.com/auth/script.send_mail",
      "https://www.googleapis.com/auth/userinfo.email",
    ]);
  });

  // https://developers.google.com/apps-script/reference/base/session#getActiveUser() — "Scripts that use
  // this method require authorization with ... https://www.googleapis.com/auth/userinfo.email".
  test("reading addresses needs userinfo.email: without it in an explicit manifest they read blank", () => {
    const scopes = ["https://www.googleapis.com/auth/spreadsheets"];
    const code = `function who() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }`;
    expect(
      runtime(code, { manifest: { timeZone: "Asia/Shanghai", oauthScopes: scopes } }).run("who"),
    ).toEqual(["", ""]);
    const withScope = [...scopes, "https://www.googleapis.com/auth/userinfo.email"];
    expect(
      runtime(code, { manifest: { timeZone: "Asia/Shanghai", oauthScopes: withScope } }).run("who"),
    ).toEqual(["coordinator@township.example.cn", "coordinator@township.example.cn"]);
  });
});

describe("form-submit events and the response sheet", () => {
  const code = `
    function make() {
      var ss = SpreadsheetApp.getActiveSpreadsheet();
      var f = FormApp.create("报名");
      f.addTextItem().setTitle("Name");
      f.addTextItem().setTitle("Age");
      f.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
      ScriptApp.newTrigger("onSubmit").forSpreadsheet(ss).onFormSubmit().create();
      return f.getId();
    }
    function onSubmit(e) {
      PropertiesService.getScriptProperties().setProperty("event", JSON.stringify({
        values: e.values, namedValues: e.namedValues, range: e.range.getA1Notation(),
        sheet: e.range.getSheet().getName(), isArray: Array.isArray(e.values),
      }));
    }
    function sheetNames() { return SpreadsheetApp.getActiveSpreadsheet().getSheets().map(function (s) { return s.getName(); }); }
    function formOf() { return SpreadsheetApp.getActiveSpreadsheet().getSheets().map(function (s) { var u = s.getFormUrl(); return u && FormApp.openByUrl(u).getId(); }); }`;

  // https://developers.google.com/apps-script/guides/triggers/events#form-submit — values: "Array with
  // values in the same order as they appear in the spreadsheet"; namedValues: "An object containing the
  // question names and values from the form submission", e.g. {'First Name': ['Jane'], 'Timestamp':
  // ['6/7/2015 20:54:13'], 'Last Name': ['Doe']}; range: the row written.
  test("a spreadsheet form-submit event carries values, namedValues and range", () => {
    const rt = runtime(code, { locale: "en_US" });
    const formId = rt.run("make") as string;
    rt.advanceTo(new Date("2026-03-02T09:00:00+08:00"));
    rt.submitForm(formId, { Name: "Jane", Age: "27" });
    expect(JSON.parse(rt.properties._stores.script.get("event")!)).toEqual({
      values: ["3/2/2026 9:00:00", "Jane", "27"],
      namedValues: { Timestamp: ["3/2/2026 9:00:00"], Name: ["Jane"], Age: ["27"] },
      range: "A2:C2",
      sheet: "Form Responses 1",
      isArray: true,
    });
  });

  // https://developers.google.com/apps-script/reference/forms/form#setDestination(DestinationType,String)
  // and https://support.google.com/docs/answer/2917686 (choose where to save form responses): responses
  // go to a new sheet of the destination spreadsheet. Google names it in the spreadsheet's language
  // ("Form Responses 1" in English, フォームの回答 1 in Japanese; a Chinese spreadsheet gets 表单回复 1, as
  // scripts written for Chinese sheets look for); the reference does not give the names, so README lists
  // them under the per-locale details it does not document. Sheet.getFormUrl
  // (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl()) finds the form.
  test("the response sheet's name and headers follow the spreadsheet's locale (zh_CN by default)", () => {
    const rt = runtime(code);
    const formId = rt.run("make") as string;
    rt.run("make");
    expect(rt.run("sheetNames")).toEqual(["表单回复 2", "表单回复 1", "工作表1"]);
    // Sheet.getFormUrl finds the form behind a response sheet, whatever its name.
    expect((rt.run("formOf") as unknown[])[1]).toBe(formId);
    expect((rt.run("formOf") as unknown[])[2]).toBeNull();
    rt.submitForm(formId, { Name: "张三", Age: "41" });
    expect(rt.sheet("表单回复 1")._get(1, 1)).toBe("时间戳记");
    expect(Object.keys(JSON.parse(rt.properties._stores.script.get("event")!).namedValues)).toEqual([
      "时间戳记",
      "Name",
      "Age",
    ]);
  });
});

describe("what Sheets parses (typed or written as text)", () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object) — strings are
  // interpreted as if typed; https://support.google.com/docs/answer/3094135 lists the date, time,
  // currency and number formats Sheets recognises.
  test("month-name dates, times, currencies, parentheses negatives, exponents and percentages", () => {
    const rt = runtime(
      `function write(e) {
        var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
        sh.getRange(1, 1, 1, e.inputs.length).setValues([e.inputs]);
        return sh.getRange(1, 1, 1, e.inputs.length).getValues()[0].map(function (v) {
          return v instanceof Date ? Utilities.formatDate(v, "Asia/Shanghai", "yyyy-MM-dd HH:mm") : v;
        });
      }`,
      { locale: "en_US" },
    );
    const inputs = [
      "Mar 1 2026",
      "March 1, 2026",
      "1 Mar 2026",
      "3/2/2026",
      "12:30 PM",
      "9am",
      "¥100",
      "$1,000",
      "(100)",
      "1e3",
      "50%",
      "-5%",
      "Mar",
      "1st floor",
    ];
    expect(rt.run("write", { event: { inputs } })).toEqual([
      "2026-03-01 00:00",
      "2026-03-01 00:00",
      "2026-03-01 00:00",
      "2026-03-02 00:00",
      "1899-12-30 12:30", // a time of day is a fraction of a day after Sheets' epoch
      "1899-12-30 09:00",
      100,
      1000,
      -100,
      1000,
      0.5,
      -0.05,
      "Mar",
      "1st floor",
    ]);
  });

  // https://support.google.com/drive/answer/37603 — "Up to 50,000 characters" in a cell; Sheets' error
  // text is "Your input contains more than the maximum of 50000 characters in a single cell."
  test("a cell holds at most 50,000 characters", () => {
    const rt = runtime(`function put(e) {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      var s = new Array(e.n + 1).join("x");
      if (e.how === "value") sh.getRange("A1").setValue(s);
      if (e.how === "values") sh.getRange("A1:B1").setValues([["ok", s]]);
      if (e.how === "append") sh.appendRow(["ok", s]);
      return sh.getLastRow();
    }`);
    for (const how of ["value", "values", "append"])
      expect(() => rt.run("put", { event: { n: 50_001, how } })).toThrow(
        "Your input contains more than the maximum of 50000 characters in a single cell.",
      );
    expect(rt.sheet("工作表1")._lastRow()).toBe(0); // nothing written by the refused calls
    expect(rt.run("put", { event: { n: 50_000, how: "value" } })).toBe(1);
    rt.shareSpreadsheet("editor@township.example.cn", "edit");
    expect(rt.editCell("工作表1", "B2", "y".repeat(50_001), "editor@township.example.cn").accepted).toBe(
      false,
    );
  });

  // https://support.google.com/drive/answer/37603 — "Up to 10 million cells" in a spreadsheet.
  test("a spreadsheet holds at most 10 million cells", () => {
    const rt =
      runtime(`function grow(e) { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].insertRowsAfter(1000, e.rows); }
      function add() { SpreadsheetApp.getActiveSpreadsheet().insertSheet("more"); }`);
    // The first sheet is 1,000 × 26 = 26,000 cells. 370,000 more rows: 371,000 × 26 = 9,646,000 cells.
    rt.run("grow", { event: { rows: 370_000 } });
    // 14,000 more rows would make 385,000 × 26 = 10,010,000.
    expect(() => rt.run("grow", { event: { rows: 14_000 } })).toThrow(
      "This action would increase the number of cells in the workbook above the limit of 10000000 cells.",
    );
    // A new sheet of 26,000 cells: 9,672,000 fits.
    rt.run("add");
  });
});

describe("simple triggers: no authorisation", () => {
  // https://developers.google.com/apps-script/guides/triggers#restrictions — simple triggers "can modify
  // the file they are bound to, but cannot access other files because that would require authorization".
  test("a simple trigger cannot open another spreadsheet (openById, openByUrl)", () => {
    const rt = runtime(`
      function onOpen(e) { SpreadsheetApp.openById(e.source.getId()); }
      function onEdit(e) { SpreadsheetApp.openByUrl(e.source.getUrl()); }
      function fromMenu() { return SpreadsheetApp.openByUrl(SpreadsheetApp.getActiveSpreadsheet().getUrl()).getName(); }`);
    rt.openSpreadsheet();
    expect(rt.lastExecution("onOpen")!.error).toBe(
      "You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets",
    );
    rt.editCell("工作表1", "A1", "x");
    expect(rt.lastExecution("onEdit")!.error).toBe(
      "You do not have permission to call SpreadsheetApp.openByUrl. Required permissions: https://www.googleapis.com/auth/spreadsheets",
    );
    expect(rt.run("fromMenu")).toBe("台账");
  });
});

describe("who is running: identity", () => {
  const code = `
    function onEdit(e) { note("simple", e.user.getEmail() + "|" + Session.getActiveUser().getEmail()); }
    function installed(e) { note("installed", e.user.getEmail() + "|" + Session.getActiveUser().getEmail() + "|" + Session.getEffectiveUser().getEmail()); }
    function install() { ScriptApp.newTrigger("installed").forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create(); }
    function fromMenu() { return Session.getActiveUser().getEmail() + "|" + Session.getEffectiveUser().getEmail(); }
    function note(k, v) { PropertiesService.getScriptProperties().setProperty(k, v); }
    function onOpen() { SpreadsheetApp.getUi().createMenu("m").addItem("x", "fromMenu").addToUi(); }`;
  const seen = (rt: Runtime) => [
    rt.properties._stores.script.get("simple"),
    rt.properties._stores.script.get("installed"),
  ];
  // Scopes detected from the code, so userinfo.email is granted (see "OAuth scopes" above).
  const detected = { timeZone: "Asia/Shanghai" };

  // https://developers.google.com/apps-script/reference/base/session#getActiveUser() — the address "is
  // not available in any context that allows a script to run without that user's authorization, like a
  // simple onOpen(e) or onEdit(e) trigger"; "these restrictions generally do not apply if the developer
  // runs the script themselves or belongs to the same Google Workspace domain as the user".
  // getEffectiveUser(): "If the script is running under an installable trigger, this returns the account
  // of the user who created the trigger."
  test("another consumer account's address is withheld from edit events and Session; the owner's is not", () => {
    const rt = runtime(code, { owner: "owner@gmail.com", manifest: detected });
    rt.run("install");
    rt.shareSpreadsheet("friend@gmail.com", "edit");
    rt.editCell("工作表1", "A1", "by owner");
    expect(seen(rt)).toEqual([
      "owner@gmail.com|owner@gmail.com",
      "owner@gmail.com|owner@gmail.com|owner@gmail.com",
    ]);
    rt.editCell("工作表1", "A1", "by friend", "friend@gmail.com");
    expect(seen(rt)).toEqual(["|", "||owner@gmail.com"]);
    // Running the script themselves (a menu), a person has authorised it: their address is visible.
    rt.openSpreadsheet("friend@gmail.com");
    expect(rt.clickMenu("fromMenu", "friend@gmail.com")).toBe("friend@gmail.com|friend@gmail.com");
  });

  test("accounts of the owner's Google Workspace domain are visible; the rule is configurable per account", () => {
    const rt = runtime(code, { owner: "owner@school.example.cn", account: "workspace", manifest: detected });
    rt.run("install");
    rt.shareSpreadsheet("colleague@school.example.cn", "edit");
    rt.shareSpreadsheet("outsider@gmail.com", "edit");
    rt.editCell("工作表1", "A1", "x", "colleague@school.example.cn");
    expect(seen(rt)[0]).toBe("colleague@school.example.cn|colleague@school.example.cn");
    rt.editCell("工作表1", "A1", "y", "outsider@gmail.com");
    expect(seen(rt)[0]).toBe("|");
    const custom = runtime(code, {
      owner: "owner@gmail.com",
      manifest: detected,
      identityVisible: (e) => e === "known@qq.com",
    });
    custom.shareSpreadsheet("known@qq.com", "edit");
    custom.editCell("工作表1", "A1", "z", "known@qq.com");
    expect(custom.properties._stores.script.get("simple")).toBe("known@qq.com|known@qq.com");
  });

  test("only people the spreadsheet is shared with can edit it; viewers open it without triggers", () => {
    const rt = runtime(code);
    expect(rt.editCell("工作表1", "A1", "x", "stranger@township.example.cn")).toEqual({
      accepted: false,
      message: "You need edit access to this spreadsheet to make changes.",
    });
    expect(() => rt.openSpreadsheet("stranger@township.example.cn")).toThrow("not shared");
    rt.shareSpreadsheet("viewer@township.example.cn", "view");
    rt.openSpreadsheet("viewer@township.example.cn");
    expect(rt.lastExecution("onOpen")).toBeUndefined(); // "do not run if a file is opened in read-only mode"
    expect(rt.editCell("工作表1", "A1", "x", "viewer@township.example.cn").accepted).toBe(false);
  });
});

describe("protections (Google's semantics)", () => {
  const code = `
    function careless() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("A1:B10").protect().setDescription("careless"); }
    function addOnly() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("C1:C10").protect().addEditor("deputy@township.example.cn"); }
    // The pattern from https://developers.google.com/apps-script/reference/spreadsheet/protection
    function documented() {
      var protection = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("D1:D10").protect().setDescription("Sample protected range");
      var me = Session.getEffectiveUser();
      protection.addEditor(me);
      protection.removeEditors(protection.getEditors());
      if (protection.canDomainEdit()) protection.setDomainEdit(false);
      return protection.getEditors().map(function (u) { return u.getEmail(); });
    }
    function editorsOf(e) { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getProtections(SpreadsheetApp.ProtectionType.RANGE)[e.i].getEditors().map(function (u) { return u.getEmail(); }); }
    function domain() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("E1").protect().setDomainEdit(false); }
    function sheetTwice() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; return sh.protect().setDescription("a") === null || sh.protect().getDescription(); }
    function write(e) { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(e.a1).setValue("by script"); }`;
  const owner = "coordinator@township.example.cn";
  const editor = "editor@township.example.cn";

  // https://developers.google.com/apps-script/reference/spreadsheet/range#protect() — "Until the script
  // actually changes the list of editors for the range ... the permissions mirror those of the
  // spreadsheet itself, which effectively means that the range remains unprotected."
  test("a new protection mirrors the spreadsheet's editors until the script changes its list", () => {
    const rt = runtime(code);
    rt.shareSpreadsheet(editor, "edit");
    rt.run("careless");
    expect(rt.editCell("工作表1", "A1", "still editable", editor).accepted).toBe(true);
    expect(rt.run("editorsOf", { event: { i: 0 } })).toEqual([owner, editor]);
    // Adding an editor makes the list the script's own, starting from the spreadsheet's editors: the
    // editor it was meant to exclude is still on it.
    rt.run("addOnly");
    expect(rt.run("editorsOf", { event: { i: 1 } })).toEqual([owner, editor, "deputy@township.example.cn"]);
    expect(rt.editCell("工作表1", "C1", "still editable", editor).accepted).toBe(true);
  });

  test("the documented pattern restricts the range to the owner; the owner can always edit", () => {
    const rt = runtime(code);
    rt.shareSpreadsheet(editor, "edit");
    expect(rt.run("documented")).toEqual([owner]);
    expect(rt.editCell("工作表1", "D1", "x", editor)).toEqual({
      accepted: false,
      message:
        "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
    });
    expect(rt.editCell("工作表1", "D1", "x", owner).accepted).toBe(true);
    // A script running as that editor (their menu click) cannot write there either.
    expect(() => rt.run("write", { kind: "menu", user: editor, event: { a1: "D2" } })).toThrow(
      "You are trying to edit a protected cell or object.",
    );
    rt.run("write", { kind: "menu", user: editor, event: { a1: "F2" } });
    expect(rt.sheet("工作表1")._get(2, 6)).toBe("by script");
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/protection#setDomainEdit(Boolean) —
  // "Throws an exception if the spreadsheet does not belong to a Google Workspace domain."
  test("setDomainEdit throws on a consumer spreadsheet; Sheet.protect() returns the existing sheet protection", () => {
    const rt = runtime(code);
    expect(() => rt.run("domain")).toThrow(
      "Domain protection is only supported on documents within a domain.",
    );
    expect(runtime(code, { account: "workspace" }).run("domain")).toBeUndefined();
    // https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect() — "If the sheet is
    // already protected, this method returns an object representing the existing protection settings."
    expect(rt.run("sheetTwice")).toBe("a");
    expect(rt.sheet("工作表1")._protections.filter((p) => p._type === "SHEET")).toHaveLength(1);
  });
});

describe("forms: respondents and answers", () => {
  const code = `
    function make(e) {
      var f = FormApp.create("检查");
      f.addTextItem().setTitle("备注");
      f.addGridItem().setTitle("消防").setRows(["通道", "灭火器", "电线"]).setColumns(["符合", "不符合"]);
      if (e.type) f.setEmailCollectionType(FormApp.EmailCollectionType[e.type]);
      ScriptApp.newTrigger("got").forForm(f).onFormSubmit().create();
      return f.getId();
    }
    function got(e) {
      var r = e.response, items = r.getItemResponses();
      var grid = e.source.getItems(FormApp.ItemType.GRID)[0];
      var text = e.source.getItems(FormApp.ItemType.TEXT)[0];
      PropertiesService.getScriptProperties().setProperty("got", JSON.stringify({
        email: r.getRespondentEmail(),
        titles: items.map(function (i) { return i.getItem().getTitle(); }),
        grid: r.getResponseForItem(grid) ? r.getResponseForItem(grid).getResponse() : null,
        text: r.getResponseForItem(text) ? r.getResponseForItem(text).getResponse() : null,
        type: e.source.getEmailCollectionType(),
      }));
    }`;
  const got = (rt: Runtime) =>
    JSON.parse(rt.properties._stores.script.get("got")!) as Record<string, unknown>;

  // https://developers.google.com/apps-script/reference/forms/item-response#getResponse() — "For GridItem
  // questions, this returns a String[] array in which the answer at index n corresponds to the question at
  // row n + 1 in the grid. If a respondent did not answer a question in the grid, that answer is returned
  // as ''." FormResponse.getResponseForItem: "null if none exists".
  test("a grid row left blank reads ''; a question left blank has no item response at all", () => {
    const rt = runtime(code);
    const id = rt.run("make", { event: {} }) as string;
    rt.submitForm(id, { 备注: "", 消防: ["符合", null, "不符合"] });
    expect(got(rt)).toMatchObject({ titles: ["消防"], grid: ["符合", "", "不符合"], text: null });
    rt.submitForm(id, { 备注: "门口堆物", 消防: [null, null, null] });
    expect(got(rt)).toMatchObject({ titles: ["备注"], grid: null, text: "门口堆物" });
  });

  // FormApp.EmailCollectionType (VERIFIED, RESPONDER_INPUT, DO_NOT_COLLECT) and
  // https://developers.google.com/apps-script/reference/forms/form-response#getRespondentEmail():
  // a verified address is the signed-in account's; a form that does not collect addresses records none.
  test("verified email collection: sign-in required, the account's address recorded", () => {
    const rt = runtime(code);
    const verified = rt.run("make", { event: { type: "VERIFIED" } }) as string;
    expect(() => rt.submitForm(verified, { 备注: "x" }, null)).toThrow("sign in");
    rt.submitForm(verified, { 备注: "x" }, "inspector@township.example.cn");
    expect(got(rt)).toMatchObject({ email: "inspector@township.example.cn", type: "VERIFIED" });
    const typed = rt.run("make", { event: { type: "RESPONDER_INPUT" } }) as string;
    rt.submitForm(typed, { 备注: "x" }, { account: null, email: "anyone@example.cn" });
    expect(got(rt)).toMatchObject({ email: "anyone@example.cn", type: "RESPONDER_INPUT" });
    const none = rt.run("make", { event: {} }) as string;
    rt.submitForm(none, { 备注: "x" }, null);
    expect(got(rt)).toMatchObject({ email: "", type: "DO_NOT_COLLECT" });
    rt.submitForm(none, { 备注: "x" }, "inspector@township.example.cn");
    expect(got(rt)).toMatchObject({ email: "" });
  });
});

describe("prefilled links", () => {
  // https://developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl() — "Generates
  // a URL for the form in which the answers are pre-filled based on the answers in this form response."
  // The URL is the published one with usp=pp_url and one entry.<id>=<answer> per answer, where <id> is the
  // question's id, not the item's: the Forms API lists both, Item.itemId and Question.questionId
  // (https://developers.google.com/forms/api/reference/rest/v1/forms), and scripts that need the entry ids
  // read them from a toPrefilledUrl() result because getId() does not give them. Google documents no
  // encoding; the links its "Get pre-filled link" gives are form-encoded (a space as "+", UTF-8 bytes as
  // %XX), and so are these.
  test("toPrefilledUrl names each answer entry.<question id> (not the item id), form-encoded", () => {
    const rt = runtime(`
      function make() {
        var f = FormApp.create("检查");
        var list = f.addListItem().setTitle("机构");
        list.setChoiceValues(["R0001 东村&A=B", "R0002"]);
        var boxes = f.addCheckboxItem().setTitle("部门");
        boxes.setChoiceValues(["教育", "消防"]);
        var url = f.createResponse()
          .withItemResponse(list.createResponse("R0001 东村&A=B"))
          .withItemResponse(boxes.createResponse(["教育", "消防"]))
          .toPrefilledUrl();
        return [url, f.getPublishedUrl(), list.getId(), boxes.getId()];
      }`);
    const [url, published, listId, boxesId] = rt.run("make") as [string, string, number, number];
    expect(url.startsWith(`${published}?usp=pp_url&entry.`)).toBe(true);
    const params = url.split("?")[1]!.split("&").slice(1);
    const ids = params.map((p) => Number(/^entry\.(\d+)=/.exec(p)?.[1]));
    // One id for the list, the same id twice for the two boxes ticked; neither is an item id.
    expect(ids[2]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(2);
    expect(ids).not.toContain(listId);
    expect(ids).not.toContain(boxesId);
    // By hand: space → "+", "&" → %26, "=" → %3D; 东 U+4E1C → UTF-8 E4 B8 9C, 村 U+6751 → E6 9D 91;
    // 教 U+6559 → E6 95 99, 育 U+80B2 → E8 82 B2; 消 U+6D88 → E6 B6 88, 防 U+9632 → E9 98 B2.
    expect(params.map((p) => p.split("=").slice(1).join("="))).toEqual([
      "R0001+%E4%B8%9C%E6%9D%91%26A%3DB",
      "%E6%95%99%E8%82%B2",
      "%E6%B6%88%E9%98%B2",
    ]);
  });
});

describe("change triggers and one-off time triggers", () => {
  // https://developers.google.com/apps-script/guides/triggers/events#change — an installable change
  // trigger's event carries changeType: "EDIT, INSERT_ROW, INSERT_COLUMN, REMOVE_ROW, REMOVE_COLUMN,
  // INSERT_GRID, REMOVE_GRID, FORMAT, or OTHER".
  test("a person's structural changes fire the change trigger with the documented changeType", () => {
    const rt = runtime(`
      function install() { ScriptApp.newTrigger("changed").forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onChange().create(); }
      function changed(e) { var p = PropertiesService.getScriptProperties(); p.setProperty("seen", (p.getProperty("seen") || "") + e.changeType + ";"); }
      function byScript() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; sh.deleteRows(2, 1); sh.insertRowsAfter(1, 2); SpreadsheetApp.getActiveSpreadsheet().insertSheet("s"); }
      function seen() { return PropertiesService.getScriptProperties().getProperty("seen"); }
      function guardFirstRow() {
        var p = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("1:1").protect();
        p.removeEditors(p.getEditors());
      }`);
    rt.run("install");
    rt.editCell("工作表1", "A1", "x");
    rt.insertRows("工作表1", 1, 2);
    rt.insertColumns("工作表1", 1);
    rt.deleteRows("工作表1", 3, 1);
    rt.deleteColumns("工作表1", 2);
    rt.insertSheet("新表");
    rt.removeSheet("新表");
    rt.formatCells("工作表1", 1, 1, 1, 3, { background: "#ff0000" });
    rt.renameSheet("工作表1", "台账表");
    expect(rt.run("seen")).toBe(
      "EDIT;INSERT_ROW;INSERT_COLUMN;REMOVE_ROW;REMOVE_COLUMN;INSERT_GRID;REMOVE_GRID;FORMAT;OTHER;",
    );
    // A script's own changes fire no trigger (https://developers.google.com/apps-script/guides/triggers).
    rt.run("byScript");
    expect(rt.run("seen")).toMatch(/OTHER;$/);
    // A row the person may not edit cannot be deleted by them either; nothing fires.
    rt.shareSpreadsheet("editor@township.example.cn", "edit");
    rt.run("guardFirstRow");
    expect(rt.deleteRows("台账表", 1, 1, "editor@township.example.cn").accepted).toBe(false);
    expect(rt.deleteRows("台账表", 2, 1, "editor@township.example.cn").accepted).toBe(true);
    expect(rt.run("seen")).toMatch(/OTHER;REMOVE_ROW;$/);
  });

  // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#after(Integer) —
  // "the minimum duration (in milliseconds) after the current time that the trigger runs"; at(date).
  test("after(ms) and at(date) fire once; the spent trigger stays listed until the script deletes it", () => {
    const rt = runtime(`
      function later() { ScriptApp.newTrigger("resume").timeBased().after(10 * 60 * 1000).create(); }
      function onDate() { ScriptApp.newTrigger("resume").timeBased().at(new Date(Date.now() + 3600000)).create(); }
      function resume() { var p = PropertiesService.getScriptProperties(); p.setProperty("n", String(Number(p.getProperty("n") || 0) + 1)); }
      function listed() { return ScriptApp.getProjectTriggers().length; }`);
    rt.run("later");
    expect(rt.advanceBy(9 * 60_000)).toHaveLength(0);
    expect(rt.advanceBy(60_000).map((e) => e.functionName)).toEqual(["resume"]);
    expect(rt.advanceBy(24 * 3600_000)).toHaveLength(0);
    expect(rt.run("listed")).toBe(1);
    rt.run("onDate");
    expect(rt.advanceBy(3600_000).map((e) => e.functionName)).toEqual(["resume"]);
    expect(rt.properties._stores.script.get("n")).toBe("2");
  });
});

describe("the documented APIs ordinary scripts use", () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app — getActiveSheet,
  // setActiveSheet, openByUrl; Spreadsheet.addMenu/removeMenu; Sheet.hideSheet/showSheet/isSheetHidden,
  // Spreadsheet.moveActiveSheet, Sheet.getIndex.
  test("active sheet, openByUrl, hidden and moved sheets, menus added with addMenu", () => {
    const rt = runtime(`
      function setup() {
        var ss = SpreadsheetApp.getActiveSpreadsheet();
        var a = ss.insertSheet("甲"), b = ss.insertSheet("乙");
        ss.setActiveSheet(a);
        ss.moveActiveSheet(ss.getNumSheets());
        b.hideSheet();
        return [SpreadsheetApp.getActiveSheet().getName(), a.getIndex(), b.isSheetHidden(), ss.getSheets().map(function (s) { return s.getName(); }),
          SpreadsheetApp.openByUrl(ss.getUrl()).getId() === ss.getId()];
      }
      function showAll() { var b = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("乙"); b.showSheet(); return b.isSheetHidden(); }
      function hideLast() { SpreadsheetApp.getActiveSpreadsheet().getSheets().forEach(function (s) { s.hideSheet(); }); }
      function onOpen(e) { e.source.addMenu("工具", [{ name: "运行", functionName: "go" }, null]); }
      function go() { SpreadsheetApp.getActiveSpreadsheet().removeMenu("工具"); return "went"; }`);
    expect(rt.run("setup")).toEqual(["甲", 3, true, ["工作表1", "乙", "甲"], true]);
    expect(rt.run("showAll")).toBe(false);
    expect(() => rt.run("hideLast")).toThrow("You can't hide all the sheets in a document.");
    rt.openSpreadsheet();
    expect(rt.ui.find((u) => u.kind === "menu")!.title).toBe("工具");
    expect(rt.clickMenu("go")).toBe("went");
    expect(rt.ui.at(-1)).toMatchObject({ kind: "menu", title: "工具", message: "[]" });
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value-builder and
  // Range.getRichTextValue: "null if the cell value is not text".
  test("rich-text values: a link inside a cell's text", () => {
    const rt = runtime(`function rich() {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      var v = SpreadsheetApp.newRichTextValue().setText("整改通知书 查看").setLinkUrl(6, 8, "https://drive.example/n1").build();
      sh.getRange("A1").setRichTextValue(v);
      sh.getRange("B1").setValue(42);
      var back = sh.getRange("A1").getRichTextValue();
      return [back.getText(), back.getLinkUrl(), back.getLinkUrl(6, 8), back.getRuns().length, sh.getRange("B1").getRichTextValue(), sh.getRange("A1").getValue()];
    }`);
    expect(rt.run("rich")).toEqual([
      "整改通知书 查看",
      null,
      "https://drive.example/n1",
      2,
      null,
      "整改通知书 查看",
    ]);
  });

  // https://developers.google.com/apps-script/reference/cache/cache — keys up to 250 characters, values
  // up to 100 KB, expiration "the maximum is 21600 seconds (6 hours)", default 10 minutes; "The cap for
  // cached items is 1,000. If more than 1,000 items are written, the cache stores the 900 items farthest
  // from expiration."
  test("CacheService: script, document and user caches with the documented limits", () => {
    const rt = runtime(`
      function put(e) { CacheService.getScriptCache().put(e.k, e.v, e.s); }
      function get(e) { return CacheService.getScriptCache().get(e.k); }
      function many() { var o = {}; for (var i = 0; i < 1001; i++) o["k" + i] = "v"; CacheService.getDocumentCache().putAll(o, 600); return Object.keys(CacheService.getDocumentCache().getAll(Object.keys(o))).length; }
      function mine() { CacheService.getUserCache().put("x", "1"); return CacheService.getUserCache().get("x"); }`);
    expect(() => rt.run("put", { event: { k: "k".repeat(251), v: "v" } })).toThrow("Argument too large: key");
    expect(() => rt.run("put", { event: { k: "k", v: "v".repeat(100 * 1024 + 1) } })).toThrow(
      "Argument too large: value",
    );
    rt.run("put", { event: { k: "six", v: "hours", s: 30_000 } });
    rt.run("put", { event: { k: "default", v: "ten minutes" } });
    rt.advanceBy(10 * 60_000 + 1_000);
    expect(rt.run("get", { event: { k: "default" } })).toBeNull();
    expect(rt.run("get", { event: { k: "six" } })).toBe("hours");
    rt.advanceBy(6 * 3600_000);
    expect(rt.run("get", { event: { k: "six" } })).toBeNull();
    expect(rt.run("many")).toBe(900);
    expect(rt.run("mine")).toBe("1");
    expect(rt.run("mine", { user: "other@township.example.cn" })).toBe("1");
    expect(rt.cache._userCaches.size).toBe(2);
  });

  // https://developers.google.com/apps-script/reference/html/html-output and
  // https://developers.google.com/apps-script/reference/base/ui#showModalDialog(Object,String)
  test("HtmlService output shown in a dialog or sidebar is recorded as a UI event", () => {
    const rt = runtime(`function show() {
      var out = HtmlService.createHtmlOutput("<p>抽查结果</p>").setWidth(400).setHeight(300).append("<b>3 家</b>");
      SpreadsheetApp.getUi().showModalDialog(out, "抽查");
      SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput("<i>帮助</i>").setTitle("帮助"));
      return [out.getContent(), out.getWidth(), out.getHeight()];
    }
    function fromTrigger() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput("x")); }`);
    expect(rt.run("show")).toEqual(["<p>抽查结果</p><b>3 家</b>", 400, 300]);
    expect(rt.ui.slice(-2)).toMatchObject([
      {
        kind: "dialog",
        title: "抽查",
        html: "<p>抽查结果</p><b>3 家</b>",
        width: 400,
        height: 300,
        modal: true,
      },
      { kind: "sidebar", title: "帮助", html: "<i>帮助</i>" },
    ]);
    rt.run("fromTrigger", { kind: "time-trigger" });
    expect(rt.lastExecution()!.error).toBe("Cannot call SpreadsheetApp.getUi() from this context.");
    // Showing HTML needs authorisation, which a simple trigger does not have.
    rt.run("fromTrigger", { kind: "simple-trigger" });
    expect(rt.lastExecution()!.error).toBe(
      "You do not have permission to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui",
    );
  });

  // https://developers.google.com/apps-script/reference/forms/form#addEditors(String)
  test("Form.addEditors / getEditors", () => {
    const rt = runtime(
      `function share() { var f = FormApp.create("t"); f.addEditors(["a@township.example.cn", "b@township.example.cn"]); f.removeEditor("b@township.example.cn"); return f.getEditors().map(function (u) { return u.getEmail(); }); }`,
    );
    expect(rt.run("share")).toEqual(["coordinator@township.example.cn", "a@township.example.cn"]);
  });

  // Calling a method an object does not have fails in Apps Script (V8) with "TypeError: x.foo is not a
  // function"; the runtime fails the same way for what it does not model, and hides its own internals.
  test("a method the runtime does not model fails as an unknown method does in Apps Script", () => {
    const rt = runtime(`
      function unknown() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; sh.getFilter(); }
      function internals() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; return [typeof sh._values, typeof sh._write, "_values" in sh, Object.keys(sh).filter(function (k) { return k[0] === "_"; }).length]; }
      function caught() { try { unknown(); } catch (e) { return [e.name, e.message, e instanceof TypeError]; } }`);
    expect(() => rt.run("unknown")).toThrow("sh.getFilter is not a function");
    expect(rt.run("caught")).toEqual(["TypeError", "sh.getFilter is not a function", true]);
    expect(rt.run("internals")).toEqual(["undefined", "undefined", false, 0]);
  });

  // The sweep: commonly used methods of the modelled services exist; the documented ones the runtime does
  // not model are absent (and so fail as above). The README lists both.
  test.each([
    [
      "SpreadsheetApp",
      "getActive getActiveSpreadsheet getActiveSheet setActiveSheet getActiveRange getUi openById openByUrl create flush newDataValidation newRichTextValue newTextStyle newConditionalFormatRule",
    ],
    [
      "SpreadsheetApp.getActive()",
      "getId getName getUrl getSheets getSheetByName getSheetById getActiveSheet setActiveSheet insertSheet deleteSheet moveActiveSheet getNumSheets getRange toast addMenu removeMenu getProtections getEditors addEditor removeEditor getOwner getSpreadsheetTimeZone getSpreadsheetLocale setSpreadsheetLocale",
    ],
    [
      "SpreadsheetApp.getActive().getSheets()[0]",
      "getName setName getIndex getRange getDataRange getLastRow getLastColumn getMaxRows getMaxColumns appendRow insertRowsAfter insertRowBefore deleteRows deleteRow insertColumnsAfter deleteColumns clear clearContents clearFormats setFrozenRows getFrozenRows setColumnWidth autoResizeColumns hideSheet showSheet isSheetHidden activate protect getProtections setConditionalFormatRules getConditionalFormatRules getSheetValues sort hideColumns showColumns hideRows setTabColor getFormUrl createTextFinder",
    ],
    [
      "SpreadsheetApp.getActive().getSheets()[0].getRange('A1:B2')",
      "getValue getValues setValue setValues getDisplayValues getFormula setFormula getA1Notation getRow getColumn getNumRows getNumColumns offset getCell clear clearContent clearFormat setBackground setBackgrounds setFontColor setFontWeight setFontSize setFontStyle setHorizontalAlignment setVerticalAlignment setNumberFormat setNote getNote setWrap setBorder merge setDataValidation protect sort isBlank activate copyTo getRichTextValue setRichTextValue createTextFinder",
    ],
    [
      "FormApp.create('t')",
      "getId getTitle setTitle setDescription addTextItem addParagraphTextItem addMultipleChoiceItem addCheckboxItem addListItem addDateItem addGridItem addCheckboxGridItem addPageBreakItem addSectionHeaderItem getItems getItemById deleteItem moveItem setDestination getDestinationId getResponses getResponse setCollectEmail collectsEmail setEmailCollectionType getEmailCollectionType setAcceptingResponses getPublishedUrl getEditUrl addEditor addEditors getEditors setConfirmationMessage",
    ],
    ["CacheService.getScriptCache()", "get getAll put putAll remove removeAll"],
    [
      "HtmlService.createHtmlOutput('')",
      "append appendUntrusted clear getContent setContent getTitle setTitle setWidth setHeight getAs getBlob",
    ],
  ])("%s has the commonly used methods", (expr, methods) => {
    const rt = runtime(
      `function probe(e) { var o = ${expr}; return e.names.filter(function (m) { return typeof o[m] !== "function"; }); }`,
    );
    expect(rt.run("probe", { event: { names: methods.split(" ") } })).toEqual([]);
  });

  test("documented methods the runtime does not model are absent", () => {
    const absent: Array<[string, string]> = [
      ["SpreadsheetApp", "newFilterCriteria"],
      ["SpreadsheetApp.getActive()", "getNamedRanges"],
      ["SpreadsheetApp.getActive()", "getRangeByName"],
      ["SpreadsheetApp.getActive()", "createTextFinder"],
      ["SpreadsheetApp.getActive().getSheets()[0]", "getFilter"],
      ["SpreadsheetApp.getActive().getSheets()[0].getRange('A1')", "createFilter"],
      ["SpreadsheetApp.getActive().getSheets()[0].getRange('A1')", "moveTo"],
      ["HtmlService", "createTemplateFromFile"],
      ["HtmlService", "createHtmlOutputFromFile"],
      ["FormApp.create('t')", "setIsQuiz"],
    ];
    const rt = runtime(
      `function probe(e) { return e.pairs.map(function (p) { var o = eval(p[0]); return typeof o[p[1]]; }); }`,
    );
    expect(rt.run("probe", { event: { pairs: absent } })).toEqual(absent.map(() => "undefined"));
  });
});

describe("conditional formatting", () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder —
  // rules are kept with the sheet and Sheets recomputes the colours itself.
  test("rules are stored, read back, and colour the rows whose condition holds", () => {
    const rt = runtime(`function rules() {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      sh.getRange("A1:C4").setValues([["编号", "状态", "期限"], ["F1", "逾期", ""], ["F2", "待整改", ""], ["F3", "已销号", ""]]);
      var overdue = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$B2="逾期"').setBackground("#f4c7c3").setRanges([sh.getRange("A2:C100")]).build();
      var done = SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo("已销号").setFontColor("#999999").setRanges([sh.getRange("B2:B100")]).build();
      sh.setConditionalFormatRules([overdue, done]);
      var back = sh.getConditionalFormatRules();
      return [back.length, back[0].getBooleanCondition().getCriteriaType(), back[0].getBooleanCondition().getCriteriaValues()[0],
        back[0].getBooleanCondition().getBackground(), back[0].getRanges()[0].getA1Notation(), back[1].getBooleanCondition().getCriteriaType()];
    }`);
    expect(rt.run("rules")).toEqual([
      2,
      "CUSTOM_FORMULA",
      '=$B2="逾期"',
      "#f4c7c3",
      "A2:C100",
      "TEXT_EQUAL_TO",
    ]);
    const sheet = rt.sheet("工作表1");
    expect([1, 2, 3].map((c) => sheet._displayedFormat(2, c).background)).toEqual([
      "#f4c7c3",
      "#f4c7c3",
      "#f4c7c3",
    ]);
    expect(sheet._displayedFormat(3, 1).background).toBe("#ffffff");
    expect(sheet._displayedFormat(4, 2).fontColor).toBe("#999999");
    // The colour follows the data: no script run repaints it.
    rt.editCell("工作表1", "B3", "逾期");
    expect(sheet._displayedFormat(3, 3).background).toBe("#f4c7c3");
  });

  test("a formula rule with TODAY() turns a row red once its deadline has passed, with no script run", () => {
    const rt = runtime(`function rule() {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      sh.getRange("A2:B2").setValues([["F1", new Date(2026, 2, 5)]]);
      sh.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied("=AND(NOT(ISBLANK($B2)), $B2<TODAY())").setBackground("#f4c7c3")
        .setRanges([sh.getRange("A2:B100")]).build()]);
    }`);
    rt.run("rule"); // 2026-03-02: the deadline (03-05) is ahead
    const sheet = rt.sheet("工作表1");
    expect(sheet._displayedFormat(2, 1).background).toBe("#ffffff");
    rt.advanceTo(new Date("2026-03-05T23:00:00+08:00")); // the deadline's own day: not yet overdue
    expect(sheet._displayedFormat(2, 1).background).toBe("#ffffff");
    rt.advanceTo(new Date("2026-03-06T00:00:01+08:00"));
    expect(sheet._displayedFormat(2, 1).background).toBe("#f4c7c3");
    expect(sheet._displayedFormat(3, 1).background).toBe("#ffffff"); // a blank row stays white
  });
});

describe("the cost model", () => {
  // https://developers.google.com/apps-script/guides/support/best-practices — "Use batch operations": the
  // 100 × 100 background loop (offset + setBackgroundColor per cell, a flush per row) "takes 70 seconds";
  // the same with one setBackgroundColors "runs in 1 second".
  test("calibrated on Google's best-practices example: ≈70 s cell by cell, ≈1 s batched", () => {
    const rt = runtime(`
      function slow() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0], cell = sheet.getRange("a1");
        for (var y = 0; y < 100; y++) { for (var x = 0; x < 100; x++) cell.offset(y, x).setBackgroundColor("#ff0000"); SpreadsheetApp.flush(); }
      }
      function fast() {
        var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0], colors = [];
        for (var y = 0; y < 100; y++) { colors.push([]); for (var x = 0; x < 100; x++) colors[y].push("#ff0000"); }
        sheet.getRange(1, 1, 100, 100).setBackgroundColors(colors);
      }`);
    rt.sheet("工作表1")._insertColumns(26, 74);
    rt.run("slow");
    const slow = rt.lastExecution("slow")!.modeledMs;
    rt.run("fast");
    const fast = rt.lastExecution("fast")!.modeledMs;
    expect(slow).toBeGreaterThan(63_000); // 70 s ± 10 %
    expect(slow).toBeLessThan(77_000);
    expect(fast).toBeGreaterThan(900); // 1 s ± 10 %
    expect(fast).toBeLessThan(1_100);
  });

  // Not an Apps Script behaviour: a test option (RuntimeOptions.slowdown) for a day when Google is slower
  // than its typical figures; the same work takes that many times as long, the same calls are made.
  test("slowdown multiplies every call's modelled time", () => {
    const code = `function work() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 10, 10).getValues(); }`;
    const normal = runtime(code);
    normal.run("work");
    const slow = runtime(code, { slowdown: 3 });
    slow.run("work");
    const [a, b] = [normal.lastExecution("work")!, slow.lastExecution("work")!];
    expect(b.modeledMs).toBeCloseTo(3 * a.modeledMs, 6);
    expect(b.modeledMs).toBeGreaterThan(0);
    expect([...b.counts]).toEqual([...a.counts]);
  });

  test("each execution reports service time, CPU time, Sheets round trips and cells read and written", () => {
    const rt = runtime(`function work() {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      sh.getRange(1, 1, 100, 10).getValues();
      sh.getRange(1, 1, 2, 10).setValues([[1,2,3,4,5,6,7,8,9,10],[1,2,3,4,5,6,7,8,9,10]]);
      sh.getRange(5, 1).getValue();
    }`);
    rt.run("work");
    const ex = rt.lastExecution("work")!;
    // getActiveSpreadsheet (local), getSheets, getValues, setValues, getValue: four round trips.
    expect(ex.sheetsCalls).toBe(4);
    expect(ex.cellsRead).toBe(1000 + 1);
    expect(ex.cellsWritten).toBe(20);
    expect(ex.modeledMs).toBeGreaterThan(0);
    expect(ex.cpuMs).toBeGreaterThanOrEqual(0);
    expect(ex.counts.get("Range.getValues")).toBe(1);
  });

  // Issue 17: calls that used to cost nothing (formatDate, getScriptTimeZone, FormResponse.getId,
  // Form.getItemById, getRange, getName, HTML→PDF, Drive, properties) each cost modelled time.
  test.each([
    ["Utilities.formatDate", `Utilities.formatDate(new Date(), "UTC", "yyyy")`],
    ["Session.getScriptTimeZone", `Session.getScriptTimeZone()`],
    ["Sheet.getRange", `SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1)`],
    ["Sheet.getName", `SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getName()`],
    ["Form.getItemById", `FormApp.create("t").getItemById(1)`],
    ["FormResponse.getId", `FormApp.create("t").createResponse().getId()`],
    ["Blob.getAs", `Utilities.newBlob("<p>x</p>", "text/html", "n.html").getAs("application/pdf")`],
    ["DriveApp.createFile", `DriveApp.createFile(Utilities.newBlob("x", "text/plain", "x.txt"))`],
    ["Properties.getProperty", `PropertiesService.getScriptProperties().getProperty("k")`],
    ["Properties.setProperty", `PropertiesService.getScriptProperties().setProperty("k", "v")`],
    ["Cache.get", `CacheService.getScriptCache().get("k")`],
    ["Lock.tryLock", `LockService.getScriptLock().tryLock(1)`],
  ])("%s costs modelled time", (name, expr) => {
    const rt = runtime(`function one() { ${expr}; }`, { manifest: { timeZone: "Asia/Shanghai" } });
    rt.run("one");
    const ex = rt.lastExecution("one")!;
    expect(ex.counts.get(name)).toBe(1);
    // Everything else in the run is set up before; the call itself must add time of its own.
    const without = runtime(
      `function one() { ${expr.replace(/\.[A-Za-z]+\([^()]*(\([^()]*\))?[^()]*\)$/, "")}; }`,
      {
        manifest: { timeZone: "Asia/Shanghai" },
      },
    );
    without.run("one");
    expect(ex.modeledMs).toBeGreaterThan(without.lastExecution("one")!.modeledMs);
  });
});

// Each way a run can be stopped gives the coordinator a plain Chinese message and keeps every record.
import type { Runtime } from "../../sim/runtime";
import { formRecord, setSettings, submitInspection, type InspectionAnswers } from "../../sim/township";
import { rows, township } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);
const visit: InspectionAnswers = {
  institution: "R0001",
  date: "2026-03-02",
  departments: ["教育"],
  inspectors: ["张三", "李四"],
  results: { "FIRE-01": "fail" },
  classes: { "FIRE-01": "I" },
};
// The digest of responses not accepted (the daily reminder also names 待核实 since issue 15).
const isDigest = (m: { subject: string }) => m.subject.includes("条检查记录待核实");
const logLines = (rt: Runtime) =>
  rows(rt, "操作日志").map((r) => `${String(r["操作"])}|${String(r["说明"])}`);

test("a submission that finds the lock held waits in the form, says so in 操作日志, and is written by the next run", () => {
  const rt = township(at("2026-03-02T09:00:00"));
  rt.holdLockElsewhere(5 * 60_000);
  const { responseId } = submitInspection(rt, "training", visit);
  const waiting = `等待处理|表单回复 ${responseId} 暂未写入台账：另一项处理正在进行。回复已保存在表单中，下一次提交或每日检查时自动写入。`;
  expect(rows(rt, "检查记录")).toHaveLength(0);
  // Without the lock nothing is written to the ledger: whoever has the sheet open is told at once, and
  // the line goes into 操作日志 (with the time it happened) as soon as the next run holds the lock.
  expect(rt.ui.at(-1)).toMatchObject({ kind: "toast", message: waiting.split("|")[1] });
  expect(logLines(rt)).not.toContain(waiting);
  rt.advanceBy(6 * 60_000);
  submitInspection(rt, "aftercare", {
    ...visit,
    institution: "R0002",
    results: {},
    classes: {},
    defaultNa: ["QUAL-03", "FOOD-01", "FOOD-02", "FOOD-03", "TRAN-01"],
  });
  expect(rows(rt, "检查记录").map((r) => r["表单回复ID"])).toContain(responseId);
  expect(rows(rt, "检查记录")).toHaveLength(2);
  expect(logLines(rt)).toContain(waiting);
});

test("the mail quota spent: entries still go to 待核实 and the digest waits for the next day", () => {
  const rt = township(at("2026-03-02T09:00:00"));
  rt.mail._dailyQuota = 0; // today's quota is spent
  submitInspection(rt, "training", { ...visit, inspectors: ["张三"] });
  expect(rows(rt, "待核实")).toHaveLength(1);
  expect(rt.mail._sent.filter(isDigest)).toHaveLength(0);
  rt.advanceTo(at("2026-03-03T00:30:00"));
  rt.mail._dailyQuota = 100; // a new day, a new quota
  rt.advanceTo(at("2026-03-03T07:30:00")); // the daily check sends the digest
  expect(rt.mail._sent.filter(isDigest)).toHaveLength(1);
});

test("a mail service error: the digest stays queued and goes out with the next run", () => {
  const rt = township(at("2026-03-02T09:00:00"));
  rt.log.faults = (call) => (call.name === "MailApp.sendEmail" ? "Service error: Gmail" : undefined);
  submitInspection(rt, "training", { ...visit, inspectors: ["张三"] });
  expect(rows(rt, "待核实")).toHaveLength(1);
  rt.log.faults = undefined;
  rt.advanceTo(at("2026-03-03T07:30:00"));
  const digest = rt.mail._sent.filter(isDigest);
  expect(digest).toHaveLength(1);
  expect(digest[0]!.htmlBody).toContain("检查人员（至少两人）");
});

test.each([
  [
    "deleted",
    (rt: Runtime) => rt.spreadsheet.deleteSheet(rt.sheet("检查记录")._api),
    "找不到工作表「检查记录」。请勿删除或改名；运行“初始化/更新”可重建。",
  ],
  [
    "renamed",
    (rt: Runtime) => rt.renameSheet("检查记录", "检查记录（旧）"),
    "找不到工作表「检查记录」。请勿删除或改名；运行“初始化/更新”可重建。",
  ],
])("a %s sheet: a plain message, the response kept, written after 初始化/更新", (_kind, breakIt, message) => {
  const rt = township(at("2026-03-02T09:00:00"));
  breakIt(rt);
  const { responseId } = submitInspection(rt, "training", visit);
  expect(rt.lastExecution("handleFormSubmit")!.error).toBe(message);
  expect(logLines(rt).at(-1)).toBe(`处理表单提交|${message}`);
  expect(rt.ui.at(-1)).toMatchObject({ kind: "toast", message });
  rt.clickMenu("setup");
  rt.advanceTo(at("2026-03-03T07:30:00"));
  expect(rows(rt, "检查记录").map((r) => r["表单回复ID"])).toEqual([responseId]);
  expect(rows(rt, "问题台账")).toHaveLength(1);
  // A run's message is a notice, not a rejected response: it has its own digest wording (issue 15).
  const digest = rt.mail._sent.filter((m) => m.subject.includes("台账系统提示")).at(-1)!;
  expect(digest.htmlBody).toContain("找不到工作表「检查记录」");
});

test("a trigger deleted by hand is put back by 初始化/更新, and nothing submitted meanwhile is lost", () => {
  const rt = township(at("2026-03-02T09:00:00"));
  const { formId } = formRecord(rt, "training");
  const submitTrigger = (t: { handler: string; sourceId?: string }) =>
    t.handler === "handleFormSubmit" && t.sourceId === formId;
  const i = rt.script._triggers.findIndex(submitTrigger);
  expect(i).toBeGreaterThanOrEqual(0);
  rt.script._triggers.splice(i, 1);
  // With the training form's trigger gone, an inspection submitted now runs nothing: it waits in the form.
  const { responseId } = submitInspection(rt, "training", visit);
  expect(rows(rt, "检查记录")).toHaveLength(0);
  rt.clickMenu("setup");
  // Five checklist forms and the public 举报 form.
  expect(rt.script._triggers.filter((t) => t.handler === "handleFormSubmit")).toHaveLength(6);
  expect(rt.script._triggers.filter(submitTrigger)).toHaveLength(1);
  rt.advanceTo(at("2026-03-03T07:30:00"));
  expect(rows(rt, "检查记录").map((r) => r["表单回复ID"])).toEqual([responseId]);
  expect(rows(rt, "问题台账").map((r) => r["检查项编码"])).toEqual(["FIRE-01"]);
});

test("settings filled with nonsense: the defaults apply, the ledger keeps working, and setup names each problem", () => {
  const rt = township(at("2026-03-02T09:00:00"));
  setSettings(rt, {
    "整改期限上限（天）": "一个月",
    "期限计算方式（自然日/工作日）": "随便",
    活动开始日期: "去年",
    "临期提醒（天）": "-5",
    协调员邮箱: "不是邮箱",
  });
  submitInspection(rt, "training", {
    ...visit,
    results: { "FIRE-02": "fail" },
    classes: { "FIRE-02": "II" },
    responsible: "甲",
    interim: "乙",
  });
  expect(rows(rt, "问题台账")[0]).toMatchObject({ 检查项编码: "FIRE-02" });
  rt.clickMenu("setup");
  const message = rt.ui.at(-1)!.message;
  expect(message).toContain("配置「整改期限上限（天）」的值“一个月”无效");
  expect(message).toContain("配置「期限计算方式（自然日/工作日）」的值“随便”无效");
  expect(message).toContain("配置「活动开始日期」的值“去年”无效");
  expect(message).toContain("配置「协调员邮箱」的值“不是邮箱”无效");
});

describe("security and privacy", () => {
  // Both people can edit the spreadsheet (it is shared with them): what refuses the inspector is the
  // protection, which Google creates mirroring the spreadsheet's editors until the script restricts it.
  test("the script's own sheets are protected: only the owner and the listed coordinators can edit them", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    rt.shareSpreadsheet("deputy@township.example.cn", "edit");
    rt.shareSpreadsheet("inspector@township.example.cn", "edit");
    setSettings(rt, { 协调员邮箱: "coord@township.example.cn, deputy@township.example.cn" });
    rt.clickMenu("setup");
    // Shared with both, the spreadsheet lets the inspector edit an ordinary sheet…
    expect(rt.editCells("机构名录", 10, 2, [["某机构"]], "inspector@township.example.cn").accepted).toBe(
      true,
    );
    const log = rt.sheet("操作日志");
    const row = log._lastRow() + 1;
    expect(rt.editCells("操作日志", row, 1, [["伪造"]], "inspector@township.example.cn").accepted).toBe(
      false,
    );
    expect(rt.editCells("操作日志", row, 1, [["备注"]], "deputy@township.example.cn").accepted).toBe(true);
    // The other sheets only the script writes are protected the same way.
    for (const name of ["检查记录", "抽查记录", "抽查快照", "公示", "邮件记录"]) {
      expect([name, rt.editCells(name, 5, 1, [["x"]], "inspector@township.example.cn").accepted]).toEqual([
        name,
        false,
      ]);
    }
  });

  test("a protection stops mirroring the spreadsheet's editors: someone shared later cannot edit the log", () => {
    // The coordinators listed are exactly the people the spreadsheet is shared with, so a careless setup
    // (adding and removing only the difference) would change nothing and leave the protection mirroring.
    const rt = township(at("2026-03-02T09:00:00"));
    rt.shareSpreadsheet("deputy@township.example.cn", "edit");
    setSettings(rt, { 协调员邮箱: "coord@township.example.cn, deputy@township.example.cn" });
    rt.clickMenu("setup");
    rt.shareSpreadsheet("later@township.example.cn", "edit");
    const row = rt.sheet("操作日志")._lastRow() + 1;
    expect(rt.editCells("操作日志", row, 1, [["伪造"]], "later@township.example.cn").accepted).toBe(false);
    expect(rt.editCells("机构名录", 10, 2, [["某机构"]], "later@township.example.cn").accepted).toBe(true);
  });

  test("nothing personal goes into the script's logs", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    rt.holdLockElsewhere(60_000);
    submitInspection(rt, "training", {
      ...visit,
      institution: {
        new: {
          name: "王小明托管",
          village: "东村",
          address: "东村1号",
          operator: "王小明",
          phone: "13800138000",
        },
      },
    });
    rt.advanceTo(at("2026-03-03T09:00:00"));
    const text = rt.logs.map((l) => l.message).join("\n");
    for (const secret of ["13800138000", "057188886666", "王小明", "zhangsan@township.example.cn", "张三"])
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });
});

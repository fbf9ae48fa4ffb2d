// Who may write the ledger (issue 14: "Identity", "Decisions belong to coordinators", "Who did it"), tried
// as an adversarial user would, through the bundle in the local runtime. Each attack asserts the outcome,
// the Chinese message and the line it leaves in 待核实 or 操作日志. Expected texts are written out by hand
// from the rules (src/text/identity.ts states them), never taken from the code under test.
//
// The forms collect verified addresses (FormApp.EmailCollectionType.VERIFIED:
// https://developers.google.com/apps-script/reference/forms/form#setEmailCollectionType(EmailCollectionType);
// FormResponse.getRespondentEmail: https://developers.google.com/apps-script/reference/forms/form-response#getRespondentEmail()),
// so the respondent below is the Google account signed in when the form was sent.
import type { Runtime } from "../../sim/runtime";
import { SimRange } from "../../sim/spreadsheet";
import { inspectionAnswers, setSettings, submitInspection, submitReinspection } from "../../sim/township";
import { bundle } from "../helpers/build";
import { snapshot } from "../helpers/snapshot";
import { COORDINATOR, rows, township, ymd } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);
const team = { departments: ["教育", "消防"], inspectors: ["张三", "李四"] };
const FINDING = "JC20260302-001-01"; // the first (and only) finding of the first inspection of 2 March
const finding = (rt: Runtime) => rows(rt, "问题台账").find((f) => f["问题编号"] === FINDING)!;
const lastPending = (rt: Runtime) => rows(rt, "待核实").at(-1)!;
const lastLog = (rt: Runtime) => rows(rt, "操作日志").at(-1)!;

/** 张三 and 李四 find FIRE-02 (二类) at R0001; 赵六 joins the roster so two non-original re-inspectors exist. */
const inspected = snapshot(() => {
  const rt = township(at("2026-03-02T09:00:00"));
  submitInspection(rt, "training", {
    institution: "R0001",
    date: "2026-03-02",
    ...team,
    results: { "FIRE-02": "fail" },
    classes: { "FIRE-02": "II" },
    responsible: "王校长",
    interim: "专人值守",
  });
  rt.editCells("检查人员", rt.sheet("检查人员")._lastRow() + 1, 1, [
    ["赵六", "消防", "zhaoliu@township.example.cn", "", "", "是"],
  ]);
  rt.clickMenu("setup"); // 赵六 becomes a choice of the forms
  rt.advanceTo(at("2026-03-04T10:00:00"));
  return rt;
}, bundle);

const reinspection = (rt: Runtime, respondent?: string) =>
  submitReinspection(
    rt,
    {
      institution: "R0001",
      date: "2026-03-04",
      departments: ["消防", "市场监管"],
      inspectors: ["王五", "赵六"],
      passed: [`${FINDING} 已整改`],
    },
    respondent,
  );

describe("identity: only verified, active roster members named on the form write the ledger", () => {
  test("the inspection the fixture made was accepted (the first named inspector signed in)", () => {
    const rt = inspected();
    expect(finding(rt)["状态"]).toBe("待整改");
    expect(rows(rt, "检查记录")[0]!["提交人"]).toBe("zhangsan@township.example.cn");
  });

  test("someone holding the 复查 link but not on the roster cannot sign a finding off", () => {
    const rt = inspected();
    reinspection(rt, "stranger@example.cn");
    expect(finding(rt)["状态"]).toBe("待整改");
    expect(rows(rt, "检查记录")).toHaveLength(1);
    const entry = lastPending(rt);
    expect(entry["提交人"]).toBe("stranger@example.cn");
    expect(String(entry["原因"]).split("\n")[0]).toBe(
      "提交人 stranger@example.cn 不是「检查人员」中的人员（或已被删除），其提交不能写入台账。确为检查人员的，请在「检查人员」表登记其邮箱后“重新处理待核实”。",
    );
  });

  test("an original inspector cannot re-inspect their own finding, even naming two others", () => {
    const rt = inspected();
    reinspection(rt, "zhangsan@township.example.cn");
    expect(finding(rt)["状态"]).toBe("待整改");
    expect(String(lastPending(rt)["原因"]).split("\n")[0]).toBe(
      `提交人 张三 是问题 ${FINDING} 的原检查人员，不能提交该问题的复查：须由未参加原检查的在岗人员复查并提交。`,
    );
  });

  test("a re-inspection by a non-original active member signs off (the control case)", () => {
    const rt = inspected();
    reinspection(rt, "wangwu@township.example.cn");
    expect(finding(rt)["状态"]).toBe("已销号");
    expect(rows(rt, "待核实")).toHaveLength(0);
  });

  test("an inspection filed by a roster member under two colleagues' names goes to 待核实 and does not keep the institution out of the draw", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    // 王五 files a "two-person" inspection of R0001 as 张三 and 李四, alone.
    submitInspection(
      rt,
      "training",
      { institution: "R0001", date: "2026-03-01", ...team },
      "wangwu@township.example.cn",
    );
    // The control: a real inspection of R0002 the same day, sent by 张三, who is named on it.
    submitInspection(rt, "aftercare", { institution: "R0002", date: "2026-03-01", ...team });
    expect(String(lastPending(rt)["原因"]).split("\n")[0]).toBe(
      "提交人 王五 不是本表所填检查人员（张三（教育）、李四（消防））之一：检查记录须由参加检查的人员本人提交。",
    );
    expect(lastPending(rt)["提交人"]).toBe("wangwu@township.example.cn");
    expect(rows(rt, "检查记录").map((r) => r["机构编号"])).toEqual(["R0002"]);
    // A regular draw over the 4 institutions of 4 types draws every eligible one (rules.test.ts, 9.);
    // 近期已检查不抽 (30 days) leaves out R0002 only: the forged visit to R0001 does not count.
    rt.ctx.dialogAnswers.push({ button: "OK", text: "2026-03-02 开奖 07 12 19" }, { button: "NO" });
    rt.clickMenu("drawSpotCheck");
    expect(
      rows(rt, "抽查记录")
        .map((r) => r["机构编号"])
        .sort(),
    ).toEqual(["R0001", "R0003", "R0004"]);
  });

  test("deleting an officer's row from 检查人员 stops them at once (no roster copy survives a row deletion)", () => {
    const rt = inspected();
    // 李四 submits once (a run that, with a cached roster, would have kept a copy of 检查人员) ...
    submitInspection(
      rt,
      "aftercare",
      { institution: "R0002", date: "2026-03-04", ...team },
      "lisi@township.example.cn",
    );
    expect(rows(rt, "检查记录").map((r) => r["提交人"])).toEqual([
      "zhangsan@township.example.cn",
      "lisi@township.example.cn",
    ]);
    // ... then the coordinator deletes 李四's row (row 3; no edit event, only a change event) ...
    expect(rt.sheet("检查人员")._get(3, 1)).toBe("李四");
    expect(rt.deleteRows("检查人员", 3, 1, COORDINATOR).accepted).toBe(true);
    // ... and 李四's next submission is refused.
    submitInspection(
      rt,
      "meal",
      { institution: "R0003", date: "2026-03-04", ...team },
      "lisi@township.example.cn",
    );
    expect(rows(rt, "检查记录")).toHaveLength(2);
    expect(String(lastPending(rt)["原因"]).split("\n")[0]).toBe(
      "提交人 lisi@township.example.cn 不是「检查人员」中的人员（或已被删除），其提交不能写入台账。确为检查人员的，请在「检查人员」表登记其邮箱后“重新处理待核实”。",
    );
  });

  test("a member marked 不在岗 is refused, as respondent and as a named inspector", () => {
    const rt = inspected();
    expect(rt.sheet("检查人员")._get(3, 1)).toBe("李四");
    expect(rt.editCells("检查人员", 3, 6, [["否"]], COORDINATOR).accepted).toBe(true);
    submitInspection(
      rt,
      "aftercare",
      { institution: "R0002", date: "2026-03-04", ...team },
      "lisi@township.example.cn",
    );
    expect(rows(rt, "检查记录")).toHaveLength(1);
    expect(String(lastPending(rt)["原因"]).split("\n").slice(0, 2)).toEqual([
      "提交人 李四（lisi@township.example.cn）在「检查人员」中标为不在岗，其提交不能写入台账。",
      "检查人员“李四（消防）”在「检查人员」中标为不在岗。",
    ]);
  });
});

describe("a form from before verified collection (an old install, before 初始化/更新)", () => {
  /** The training form as an older version left it: typed addresses (or none), no verification recorded. */
  const oldForm = (rt: Runtime, collection: "RESPONDER_INPUT" | "DO_NOT_COLLECT") => {
    const record = JSON.parse(rt.properties._stores.document.get("form:training")!) as Record<
      string,
      unknown
    >;
    delete record.verifiedSince;
    rt.properties._stores.document.set("form:training", JSON.stringify(record));
    const form = rt.form(String(record.formId));
    form.setEmailCollectionType(collection);
    return String(record.formId);
  };
  const visit = { institution: "R0002", date: "2026-03-04", ...team };

  test("an address typed into the form proves nothing: 待核实, asking for 初始化/更新", () => {
    const rt = inspected();
    const formId = oldForm(rt, "RESPONDER_INPUT");
    expect(rt.form(formId).getEmailCollectionType()).toBe("RESPONDER_INPUT");
    rt.submitForm(formId, inspectionAnswers(rt, "training", { ...visit, institution: "R0001" }), {
      account: null,
      email: "zhangsan@township.example.cn",
    });
    expect(rows(rt, "检查记录")).toHaveLength(1);
    expect(String(lastPending(rt)["原因"]).split("\n")[0]).toBe(
      "提交人邮箱 zhangsan@township.example.cn 未经 Google 验证（表单当时未要求登录）。请协调员运行菜单“初始化/更新”，再请检查人员登录本人 Google 账号重新提交。",
    );
    // After 初始化/更新 the form asks respondents to sign in; a signed-in submission is accepted.
    rt.clickMenu("setup");
    expect(rt.form(formId).getEmailCollectionType()).toBe("VERIFIED");
    submitInspection(rt, "training", { ...visit, institution: "R0001" });
    expect(rows(rt, "检查记录")).toHaveLength(2);
  });

  test("verified collection switched off by hand after setup: a typed address is not trusted, the coordinator is told, and switching it back by hand is not enough", () => {
    const rt = inspected();
    const formId = String(JSON.parse(rt.properties._stores.document.get("form:training")!).formId);
    // Someone with edit access to the form changes 设置 → 回复 → 收集电子邮件地址 to 回复者输入.
    rt.form(formId).setEmailCollectionType("RESPONDER_INPUT");
    rt.submitForm(formId, inspectionAnswers(rt, "training", { ...visit, institution: "R0001" }), {
      account: null,
      email: "zhangsan@township.example.cn",
    });
    expect(rows(rt, "检查记录")).toHaveLength(1);
    expect(String(lastPending(rt)["原因"]).split("\n")[0]).toBe(
      "提交人邮箱 zhangsan@township.example.cn 未经 Google 验证（表单当时未要求登录）。请协调员运行菜单“初始化/更新”，再请检查人员登录本人 Google 账号重新提交。",
    );
    const told =
      "表单「校外培训机构安全检查表」已不再收集“已验证”的邮箱地址（有人在 Google 表单的设置中改了）：此后的提交无法确认提交人，一律转入待核实。请运行菜单“初始化/更新”恢复该设置，再请检查人员登录本人 Google 账号重新提交。";
    expect(rows(rt, "操作日志")).toContainEqual(
      expect.objectContaining({ 操作: "表单设置被改", 说明: told }),
    );
    // Switched back by hand: what was typed meanwhile stays untrusted, and so does the form until setup.
    rt.form(formId).setEmailCollectionType("VERIFIED");
    rt.ctx.dialogAnswers.push({ button: "OK" });
    rt.clickMenu("reprocessPending");
    expect(rows(rt, "检查记录")).toHaveLength(1);
    submitInspection(rt, "training", { ...visit, institution: "R0001" });
    expect(rows(rt, "检查记录")).toHaveLength(1);
    rt.clickMenu("setup");
    submitInspection(rt, "training", { ...visit, institution: "R0001" });
    expect(rows(rt, "检查记录")).toHaveLength(2);
  });

  test("the daily check tells the coordinator of a form switched off by hand, with no response sent", () => {
    const rt = inspected();
    const formId = String(JSON.parse(rt.properties._stores.document.get("form:reinspection")!).formId);
    rt.form(formId).setEmailCollectionType("DO_NOT_COLLECT");
    rt.advanceTo(at("2026-03-05T07:30:00"));
    expect(rows(rt, "操作日志")).toContainEqual(
      expect.objectContaining({ 操作: "表单设置被改", 说明: expect.stringContaining("表单「整改复查表」") }),
    );
  });

  test("a response with no address at all: 待核实, asking for 初始化/更新", () => {
    const rt = inspected();
    const formId = oldForm(rt, "DO_NOT_COLLECT");
    rt.submitForm(formId, inspectionAnswers(rt, "training", { ...visit, institution: "R0001" }), null);
    expect(lastPending(rt)["提交人"]).toBe("");
    expect(String(lastPending(rt)["原因"]).split("\n")[0]).toBe(
      "表单没有记录提交人的登录邮箱（旧表单或未开启“收集已验证的邮箱地址”）。请协调员运行菜单“初始化/更新”，再请检查人员登录本人 Google 账号重新提交。",
    );
  });
});

describe("销号需协调员确认: a passed re-inspection waits for a coordinator", () => {
  const waiting = snapshot(() => {
    const rt = inspected();
    setSettings(rt, { "销号需协调员确认（是/否）": "是" });
    reinspection(rt, "wangwu@township.example.cn");
    return rt;
  }, bundle);

  test("the finding is 待确认销号, not 已销号, and is not overdue after its deadline", () => {
    const rt = waiting();
    expect(finding(rt)).toMatchObject({
      状态: "待确认销号",
      销号日期: "",
      复查记录: `2026-03-04 复查通过（JC20260304-001；王五、赵六）：已整改`,
    });
    // FIRE-02's default deadline: 7 calendar days from 2 March = 9 March. On the 20th it would be overdue.
    expect(ymd(finding(rt)["整改期限"])).toBe("2026-03-09");
    rt.advanceTo(at("2026-03-20T09:00:00"));
    expect(finding(rt)["逾期"]).toBe("");
    expect(finding(rt)["状态"]).toBe("待确认销号");
  });

  test("a second re-inspection of it is refused: it only needs confirming", () => {
    const rt = waiting();
    submitReinspection(
      rt,
      {
        institution: "R0001",
        date: "2026-03-04",
        departments: ["消防"],
        inspectors: ["王五", "赵六"],
        passed: [FINDING],
      },
      "zhaoliu@township.example.cn",
    );
    expect(String(lastPending(rt)["原因"])).toContain(
      `问题 ${FINDING} 已复查通过，正等待协调员确认销号，无需再次复查。`,
    );
  });

  test("an editor who is not a coordinator cannot confirm it; the refusal is logged", () => {
    const rt = waiting();
    rt.shareSpreadsheet("zhangsan@township.example.cn", "edit");
    rt.openSpreadsheet("zhangsan@township.example.cn");
    rt.clickMenu("confirmSignoffs", "zhangsan@township.example.cn");
    const refusal =
      "只有表格所有者或「配置」中“协调员邮箱”所列的协调员可以确认销号（当前用户：zhangsan@township.example.cn）。";
    expect(rt.ui.at(-1)!.message).toBe(refusal);
    expect(finding(rt)["状态"]).toBe("待确认销号");
    // 张三 may not write the protected 操作日志: the next run (the daily check) logs the attempt.
    rt.advanceTo(at("2026-03-05T09:00:00"));
    expect(rows(rt, "操作日志").find((r) => r["操作"] === "确认销号")).toMatchObject({
      操作人: "zhangsan@township.example.cn",
      操作: "确认销号",
      对象: "问题台账",
      说明: refusal,
    });
  });

  test("the coordinator confirms after a dialog listing it: 已销号, dated the re-inspection, logged", () => {
    const rt = waiting();
    rt.advanceTo(at("2026-03-06T10:00:00"));
    rt.openSpreadsheet(COORDINATOR);
    rt.ctx.dialogAnswers.push({ button: "NO" });
    rt.clickMenu("confirmSignoffs", COORDINATOR);
    expect(rt.ui.at(-1)!.message).toBe("已取消，没有确认任何问题。");
    expect(finding(rt)["状态"]).toBe("待确认销号");

    rt.ctx.dialogAnswers.push({ button: "YES" });
    rt.clickMenu("confirmSignoffs", COORDINATOR);
    const asked = rt.ui.filter((u) => u.kind === "alert").at(-2)!.message;
    expect(asked).toContain("以下 1 条问题已复查通过，确认销号吗？");
    expect(asked).toContain(`${FINDING}  阳光培训学校  FIRE-02`);
    expect(rt.ui.at(-1)!.message).toBe("已确认销号 1 条问题，已记入「操作日志」。");
    expect(finding(rt)).toMatchObject({
      状态: "已销号",
      复查记录: `2026-03-04 复查通过（JC20260304-001；王五、赵六）：已整改\n2026-03-06 协调员确认销号（${COORDINATOR}）`,
    });
    expect(ymd(finding(rt)["销号日期"])).toBe("2026-03-04");
    expect(lastLog(rt)).toMatchObject({
      操作人: COORDINATOR,
      操作: "确认销号",
      对象: `问题台账!${FINDING}`,
      原值: "待确认销号",
      新值: "已销号",
    });
    rt.clickMenu("confirmSignoffs", COORDINATOR);
    expect(rt.ui.at(-1)!.message).toBe("「问题台账」中没有“待确认销号”的问题。");
  });
});

test("销号需协调员确认: the coordinator confirms only the finding rows selected in 问题台账", () => {
  const rt = inspected();
  setSettings(rt, { "销号需协调员确认（是/否）": "是" });
  // A second finding: 张三 and 李四 find FIRE-02 at R0002 on 4 March (JC20260304-001-01) ...
  submitInspection(rt, "aftercare", {
    institution: "R0002",
    date: "2026-03-04",
    ...team,
    results: { "FIRE-02": "fail" },
    classes: { "FIRE-02": "II" },
    responsible: "刘园长",
    interim: "专人值守",
  });
  const other = "JC20260304-001-01";
  // ... and 王五 re-inspects both the same day (JC20260304-002 and -003): both wait for confirmation.
  reinspection(rt, "wangwu@township.example.cn");
  submitReinspection(
    rt,
    {
      institution: "R0002",
      date: "2026-03-04",
      departments: ["消防"],
      inspectors: ["王五", "赵六"],
      passed: [other],
    },
    "wangwu@township.example.cn",
  );
  const status = (id: string) => rows(rt, "问题台账").find((f) => f["问题编号"] === id)!["状态"];
  expect([status(FINDING), status(other)]).toEqual(["待确认销号", "待确认销号"]);
  // The coordinator selects FINDING's row (sheet row 2: it was written first) and confirms.
  const sheet = rt.sheet("问题台账");
  expect(sheet._get(2, 1)).toBe(FINDING);
  rt.openSpreadsheet(COORDINATOR);
  rt.spreadsheet._activeSheet = sheet;
  rt.spreadsheet._activeRange = new SimRange(rt.ctx, sheet, 2, 1, 1, 3);
  rt.ctx.dialogAnswers.push({ button: "YES" });
  rt.clickMenu("confirmSignoffs", COORDINATOR);
  expect(rt.ui.filter((u) => u.kind === "alert").at(-2)!.message).toContain("确认销号所选的 1 条问题吗？");
  expect([status(FINDING), status(other)]).toEqual(["已销号", "待确认销号"]);
});

describe("who did it", () => {
  test("an edit by a consumer account Google does not name is logged as 未知（见版本记录）", () => {
    const rt = inspected();
    rt.shareSpreadsheet("helper@gmail.com", "edit");
    // 机构名录 row 2 (R0001), column 2 (机构名称).
    expect(rt.editCells("机构名录", 2, 2, [["阳光培训学校（总部）"]], "helper@gmail.com").accepted).toBe(
      true,
    );
    expect(lastLog(rt)).toMatchObject({
      操作人: "未知（见版本记录）",
      操作: "编辑",
      对象: "机构名录!R2C2",
      原值: "阳光培训学校",
      新值: "阳光培训学校（总部）",
    });
  });
});

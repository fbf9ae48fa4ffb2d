// The daily reminder's list of open 待核实 entries (src/domain/pending.ts): oldest first, with how many
// days each has waited and advice that fits its reasons (README, "待核实"). The reasons below are
// written out as the coordinator reads them in the sheet; the advice too.
import { openPendingEntries } from "../../src/domain/pending";
import type { Row } from "../../src/domain/ledger";

const entry = (over: Row): Row => ({
  id: "DH-1",
  receivedAt: "2026-03-02 09:30:00",
  state: "待处理",
  responseId: "resp-1",
  form: "校外培训机构检查表",
  submittedBy: "zhangsan@example.cn",
  reasons: "",
  ...over,
});

const ROSTER_ADVICE = "在「检查人员」表补充该人员（或请检查人员用回复链接改正），再重新处理。";
const SECOND_ADVICE = "执法检查须两人：请检查人员用回复链接补选第二名检查人员，再重新处理。";
const REGISTER_ADVICE = "核对「机构名录」（补登或改正该机构）后，在菜单中选择“重新处理待核实”。";
const DATE_ADVICE = "请检查人员用回复链接改正检查日期，再重新处理。";
const OTHER_ADVICE = "核实后在菜单中选择“重新处理待核实”；确属无效的，将「处理状态」改为“已忽略”。";

test("open entries are listed oldest first with their age, the first reason, and one advice per kind of reason", () => {
  const rows: Row[] = [
    entry({
      id: "DH-new",
      receivedAt: "2026-03-05 08:00:00",
      reasons: "「被检查机构」：名录中找不到“新星培训”。",
    }),
    entry({
      id: "DH-old",
      receivedAt: "2026-03-01 17:00:00",
      // Two unknown inspectors (one advice, not two), then too few inspectors (a second advice).
      reasons: [
        "「检查人员（至少两人）」中的“王小明”不在检查人员名单中。",
        "「检查人员（至少两人）」中的“李小红”不在检查人员名单中。",
        "「检查人员（至少两人）」只选了 1 人，执法检查至少两人。",
      ].join("\n"),
    }),
    entry({ id: "DH-done", state: "已重新处理", reasons: "「检查日期」未填写或格式不对。" }),
    entry({ id: "DH-ignored", state: "已忽略" }),
    entry({ id: "DH-no-response", responseId: "" }),
  ];
  // Today 03-06: DH-old waited 5 days (03-01 → 03-06), DH-new 1 day (03-05 → 03-06).
  expect(openPendingEntries(rows, "2026-03-06")).toEqual([
    {
      id: "DH-old",
      receivedOn: "2026-03-01",
      age: 5,
      form: "校外培训机构检查表",
      by: "zhangsan@example.cn",
      reason: "「检查人员（至少两人）」中的“王小明”不在检查人员名单中。",
      advice: ROSTER_ADVICE + SECOND_ADVICE,
    },
    {
      id: "DH-new",
      receivedOn: "2026-03-05",
      age: 1,
      form: "校外培训机构检查表",
      by: "zhangsan@example.cn",
      reason: "「被检查机构」：名录中找不到“新星培训”。",
      advice: REGISTER_ADVICE,
    },
  ]);
});

test("a date reason gets the date advice; a reason it does not know, or none, gets the general advice", () => {
  const rows: Row[] = [
    entry({ id: "DH-date", reasons: "「检查日期」2026-03-09 晚于今天。" }),
    entry({ id: "DH-odd", reasons: "表单结构与记录不符" }),
    entry({ id: "DH-blank", reasons: "", receivedAt: "" }),
  ];
  const out = openPendingEntries(rows, "2026-03-02");
  expect(out.map((o) => [o.id, o.advice])).toEqual([
    ["DH-date", DATE_ADVICE],
    ["DH-odd", OTHER_ADVICE],
    ["DH-blank", OTHER_ADVICE],
  ]);
  // An entry without a date (typed over by hand) counts as received today: 0 days, never negative.
  expect(out[2]).toMatchObject({ receivedOn: "", age: 0, reason: "" });
});

// 整改通知书 as the township serves them: a 文号 per year, given once per inspection in the order the
// notices go out (an inspection with nothing left to put right takes none), kept when Drive fails and the
// notice is issued later, restarted at 1 in a new year and carried on after a copy of the spreadsheet
// lost its properties; the office, its phone, the institution's phone and the interim measures from
// the ledger. (That a run dying at any call keeps the number is the fault suite's part:
// test/reliability/exactly-once-submissions.test.ts compares 通知书文号 and the count with a clean run.)
import type { Runtime } from "../../sim/runtime";
import { setSettings, submitInspection, type InspectionAnswers } from "../../sim/township";
import { rows, township } from "../helpers/township";

const at = (iso: string) => new Date(`${iso}+08:00`);

const visit = (institution: string, date: string): InspectionAnswers => ({
  institution,
  date,
  departments: ["教育", "消防"],
  inspectors: ["张三", "李四"],
  results: { "FIRE-01": "fail", "PREM-03": "fail" },
  classes: { "FIRE-01": "I", "PREM-03": "II" },
  responsible: "王校长",
  interim: "暂停招生，专人值守",
});

const numbers = (rt: Runtime) => rows(rt, "检查记录").map((r) => [r["检查编号"], r["通知书文号"]]);
/** The notice's text as printed (tags taken out). */
const noticeText = (rt: Runtime, inspectionId: string) =>
  rt.drive._files.find((f) => f.name.startsWith(`${inspectionId} `))!.blob._source!.replace(/<[^>]*>/g, "");

describe("the 文号", () => {
  test("numbered in the order the notices go out; an inspection without a notice takes none", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    submitInspection(rt, "training", visit("R0001", "2026-03-02"));
    // Only a 一类 put right on the spot: no notice, so no number.
    submitInspection(rt, "aftercare", {
      ...visit("R0002", "2026-03-02"),
      results: { "FIRE-01": "fail" },
      classes: { "FIRE-01": "I-fixed" },
    });
    submitInspection(rt, "meal", visit("R0003", "2026-03-02"));
    // 代字 left empty: 乡镇名称 西夏墅镇 + 整改 (配置's help says so).
    expect(numbers(rt)).toEqual([
      ["JC20260302-001", "西夏墅镇整改〔2026〕第 1 号"],
      ["JC20260302-002", ""],
      ["JC20260302-003", "西夏墅镇整改〔2026〕第 2 号"],
    ]);
    expect(noticeText(rt, "JC20260302-001")).toContain("西夏墅镇整改〔2026〕第 1 号");
    expect(noticeText(rt, "JC20260302-003")).toContain("西夏墅镇整改〔2026〕第 2 号");
  });

  test("a notice Drive could not save keeps the number it was given when it is issued later", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    rt.log.faults = (call) => (/createFile/.test(call.name) ? "Service error: Drive" : undefined);
    submitInspection(rt, "training", visit("R0001", "2026-03-02"));
    rt.log.faults = undefined;
    expect(rt.drive._files).toHaveLength(0);
    expect(numbers(rt)).toEqual([["JC20260302-001", "西夏墅镇整改〔2026〕第 1 号"]]);
    // The next submission issues the waiting notice first, then its own.
    submitInspection(rt, "aftercare", visit("R0002", "2026-03-02"));
    expect(noticeText(rt, "JC20260302-001")).toContain("西夏墅镇整改〔2026〕第 1 号");
    expect(noticeText(rt, "JC20260302-002")).toContain("西夏墅镇整改〔2026〕第 2 号");
    expect(numbers(rt)).toEqual([
      ["JC20260302-001", "西夏墅镇整改〔2026〕第 1 号"],
      ["JC20260302-002", "西夏墅镇整改〔2026〕第 2 号"],
    ]);
  });

  test("a copy without the properties goes on from what 检查记录 shows; a new year starts at 1", () => {
    const rt = township(at("2026-03-02T09:00:00"));
    setSettings(rt, { 整改通知书文号代字: "西夏墅整治" });
    submitInspection(rt, "training", visit("R0001", "2026-03-02"));
    submitInspection(rt, "aftercare", visit("R0002", "2026-03-02"));
    // A copied spreadsheet keeps its sheets but not the script's document properties.
    const props = rt.properties._stores.document;
    for (const k of [...props.keys()]) if (k.startsWith("noticeNo:")) props.delete(k);
    rt.clickMenu("setup");
    submitInspection(rt, "meal", visit("R0003", "2026-03-02"));
    rt.advanceTo(at("2027-01-04T09:00:00"));
    submitInspection(rt, "childcare", visit("R0004", "2027-01-04"));
    submitInspection(rt, "training", visit("R0001", "2027-01-04"));
    expect(numbers(rt).map((r) => r[1])).toEqual([
      "西夏墅整治〔2026〕第 1 号",
      "西夏墅整治〔2026〕第 2 号",
      "西夏墅整治〔2026〕第 3 号",
      "西夏墅整治〔2027〕第 1 号",
      "西夏墅整治〔2027〕第 2 号",
    ]);
  });
});

test("the office, its phone, the institution's phone and the interim measures come from the ledger", () => {
  const rt = township(at("2026-03-02T09:00:00"));
  setSettings(rt, {
    整改通知书发文单位: "西夏墅镇校外培训机构专项治理办公室",
    整改通知书联系电话: "0519-85123456",
  });
  submitInspection(rt, "training", visit("R0001", "2026-03-02"));
  const text = noticeText(rt, "JC20260302-001");
  expect(text).toContain("西夏墅镇校外培训机构专项治理办公室");
  expect(text).toContain("联系电话：0519-85123456");
  // 阳光培训学校's 联系电话 in the helper township's register.
  expect(text).toContain("057188886666");
  expect(text).toContain("整改期间落实临时管控措施（暂停招生，专人值守）");
  // Without 配置's office and phone: the default office, and a line to write the phone on.
  const plain = township(at("2026-03-02T09:00:00"));
  submitInspection(plain, "training", visit("R0001", "2026-03-02"));
  const t = noticeText(plain, "JC20260302-001");
  expect(t).toContain("西夏墅镇专项整治工作领导小组办公室");
  expect(t).toContain("联系电话：______________");
});

test("配置 lists the three notice settings with their help", () => {
  const rt = township(at("2026-03-02T09:00:00"));
  const settings = Object.fromEntries(rows(rt, "配置").map((r) => [r["项目"], r]));
  for (const label of ["整改通知书发文单位", "整改通知书联系电话", "整改通知书文号代字"]) {
    expect([label, settings[label]?.["值"]]).toEqual([label, ""]);
    expect([label, settings[label]?.["说明"]]).toEqual([label, expect.stringMatching(/^印在|^文号为/)]);
    expect(String(settings[label]?.["说明"])).toContain("留空");
  }
});

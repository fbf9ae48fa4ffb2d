// What a 整改通知书 says in the cases the eight-finding notice of test/render/notice.test.ts does not meet:
// everything put right on the spot, findings without a code, basis or date, an office with an address, a
// number without the office's prefix. Read as text (tags stripped); expected wording written out by hand.
import { noticeHtml, noticeNumberText, type NoticeFinding, type NoticeInput } from "../../src/domain/notice";

const strip = (html: string) => html.replace(/<[^>]*>/g, "");
const text = (input: NoticeInput) => strip(noticeHtml(input));
/** The 整改期限 column of the findings table: the last cell of each row after the header. */
const deadlines = (html: string) =>
  html
    .split("<tr>")
    .slice(2)
    .map((row) => row.split("</td>"))
    .filter((cells) => cells.length === 4)
    .map((cells) => strip(cells[2]!));
const base = (findings: NoticeFinding[], more: Partial<NoticeInput> = {}): NoticeInput => ({
  township: "西夏墅镇",
  institution: { id: "R0001", name: "阳光培训学校", village: "东村", address: "", operator: "李明" },
  inspection: {
    id: "JC20260302-001",
    date: "2026-03-02",
    inspectors: "张三、李四",
    departments: "教育、消防",
  },
  findings,
  ...more,
});
const f = (patch: Partial<NoticeFinding>): NoticeFinding => ({
  id: "JC20260302-001-01",
  item: "FIRE-01 疏散通道、安全出口畅通，无堵塞、锁闭",
  description: "",
  classLabel: "一类 立即整改",
  deadline: "2026-03-02",
  basis: "《消防法》第二十八条",
  responsible: "",
  fixedOnSpot: false,
  ...patch,
});

test("a number without the office's prefix; the address falls back to the village", () => {
  expect(noticeNumberText({ year: 2026, number: 3 })).toBe("〔2026〕第 3 号");
  const t = text(base([f({})], { number: { year: 2026, number: 3 } }));
  expect(t).toContain("〔2026〕第 3 号");
  expect(t).toContain("地址：东村");
  // Blank values show a dash (整改责任人 not given for a 一类 finding).
  expect(t).toContain("整改责任人：—");
});

test("everything put right on the spot: no demand to stop, no consequences, re-inspection without a date", () => {
  const t = text(base([f({ fixedOnSpot: true }), f({ id: "JC20260302-001-02", fixedOnSpot: true })]));
  expect(t.match(/已当场整改/g)).toHaveLength(2);
  expect(t).not.toContain("标明“立即整改”的问题须立即停止相关活动");
  expect(t).not.toContain("逾期不改的后果：");
  expect(t).toContain("整改完成后请向本办报告，本办将组织复查。");
});

test("a 一类 finding without a date still says 立即整改; a 二类 without a deadline says —; re-inspection the day after the last deadline", () => {
  const html = noticeHtml(
    base([
      f({ deadline: "" }),
      f({ id: "JC20260302-001-02", classLabel: "二类 限期整改", deadline: "" }),
      f({ id: "JC20260302-001-03", classLabel: "二类 限期整改", deadline: "2026-03-16" }),
      f({ id: "JC20260302-001-04", classLabel: "二类 限期整改", deadline: "2026-03-09" }),
    ]),
  );
  // Rows: 1 立即整改, 2 — (期限待定), 3 "2026-03-16 前", 4 "2026-03-09 前"; the last deadline is 16 March
  // (not the last row's), so re-inspection from 17 March.
  expect(deadlines(html)).toEqual(["立即整改", "—", "2026-03-16 前", "2026-03-09 前"]);
  const t = strip(html);
  expect(t).toContain("整改完成后请向本办报告，本办将于 2026-03-17 起组织复查。");
  // Without a class key the label decides: 二类 gets the 限期整改 demand, 一类 the stop demand.
  expect(t).toContain("【限期整改】");
  expect(t).toContain("标明“立即整改”的问题须立即停止相关活动并整改到位；");
  expect(t).toContain("整改期间落实临时管控措施，确保安全；"); // no interim measures given: no brackets
});

test("an item written without its code is printed whole; no basis, no 依据 line; a description adds what was found", () => {
  const t = text(
    base([
      f({ item: "教室窗户无防护栏", basis: "", description: "三楼两扇窗无护栏" }),
      f({ id: "JC20260302-001-02", item: "PREM-03 视频监控联网", basis: "" }),
    ]),
  );
  expect(t).toContain("【立即整改】教室窗户无防护栏。检查发现：三楼两扇窗无护栏。");
  expect(t).toContain("【立即整改】视频监控联网。");
  expect(t).not.toContain("依据：");
  // Small print: the finding id alone when there is no code; code and id otherwise.
  expect(t).toContain("JC20260302-001-01");
  expect(t).toContain("PREM-03 · JC20260302-001-02");
  expect(t).not.toContain(" · JC20260302-001-01");
});

test("a 三类 finding by its class key: closure proposed, named by its number, and no deadline", () => {
  const t = text(
    base([
      f({ classKey: "II", classLabel: "", deadline: "2026-03-20" }),
      f({ id: "JC20260302-001-02", classKey: "III", classLabel: "", deadline: "" }),
    ]),
  );
  expect(t).toContain("提请关停取缔");
  expect(t).toContain("第 2 项问题不具备整改条件，本办将提请有关部门依法予以关停取缔。");
  expect(t).toContain("逾期未整改或复查不合格的，将依法责令停业整顿；");
});

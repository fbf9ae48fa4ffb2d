// The summary mail's rules that a four-week campaign does not reach: the 月通报 of 1 January covers
// December (the month that rolls over into the next year), the overdue list is cut at 100 rows and says how
// many more, and a mail that would pass 150 KB lists fewer rows. Expected values worked out by hand.
import { summaryTables, type SummaryFinding, type SummaryInput } from "../../src/domain/summary";
import { summaryMail, type SummaryMailInput } from "../../src/domain/summary-mail";

const finding = (foundOn: string, closedOn = ""): SummaryFinding => ({
  institutionId: "R0001",
  class: "II",
  status: closedOn ? "已销号" : "待整改",
  department: "消防",
  foundOn,
  closedOn,
  overdue: false,
});
const mail = (input: SummaryInput, more: Partial<SummaryMailInput> = {}): SummaryMailInput => ({
  settings: { township: "西夏墅镇", departments: ["消防"] },
  input,
  tables: summaryTables(input),
  today: "2027-01-01",
  overdueList: [],
  ...more,
});
const text = (html: string) => html.replace(/<[^>]*>/g, "");

test("the bulletin of 1 January covers 1–31 December: its new and signed-off findings and complaints", () => {
  const input: SummaryInput = {
    institutions: [],
    // Found 30 Nov (before), 1 Dec and 31 Dec (in), 1 Jan (after); one of December's signed off 15 Dec,
    // November's signed off 1 January (not in December).
    findings: [
      finding("2026-11-30", "2027-01-01"),
      finding("2026-12-01", "2026-12-15"),
      finding("2026-12-31"),
      finding("2027-01-01"),
    ],
    inspections: [],
  };
  const asked: string[][] = [];
  const complaints = {
    received: 3,
    open: 1,
    inPeriod: (from: string, to: string) => (asked.push([from, to]), 2),
  };
  const m = summaryMail(mail(input, { complaints }), "monthly", "https://sheet", "2026-12");
  expect(m.subject).toBe("【西夏墅镇】专项整治月通报（2026 年 12 月）");
  expect(asked).toEqual([["2026-12-01", "2026-12-31"]]);
  const body = text(m.html);
  expect(body).toContain(
    "本期月通报：2026 年 12 月（2026-12-01 至 2026-12-31）。下列汇总表为截至 2027-01-01 的累计数。",
  );
  expect(body).toContain("2026 年 12 月新发现问题 2 项，销号 1 项，收到举报 2 件。");
  expect(m.text.split("\n").slice(0, 3)).toEqual([
    "【西夏墅镇】专项整治月通报（2026 年 12 月）",
    "本期月通报：2026 年 12 月（2026-12-01 至 2026-12-31）。下列汇总表为截至 2027-01-01 的累计数。",
    "2026 年 12 月新发现问题 2 项，销号 1 项，收到举报 2 件。",
  ]);
});

describe("the overdue list", () => {
  const empty: SummaryInput = { institutions: [], findings: [], inspections: [] };
  const overdue = (n: number, item: string) =>
    Array.from(
      { length: n },
      (_, i) =>
        [
          `JC20261201-${String(i + 1).padStart(3, "0")}-01`,
          "某机构",
          "东村",
          item,
          "2026-12-10",
          "逾期 22 天",
        ] as const,
    );
  const listed = (html: string) => html.match(/JC20261201-\d{3}-01/g)?.length ?? 0;

  test("at most 100 rows; the rest are counted", () => {
    // A row is about 860 characters of markup (ASCII) and 20 of text: 100 rows are about 100 KB, under the
    // 150 KB the mail allows itself, so all 100 are listed.
    const m = summaryMail(
      mail(empty, { overdueList: overdue(150, "FIRE-01 疏散通道") }),
      "weekly",
      "https://s",
    );
    expect(listed(m.html)).toBe(100);
    expect(text(m.html)).toContain("逾期未整改问题（150 项）");
    expect(text(m.html)).toContain("另有 50 项未列出，请打开台账查看。");
  });

  test("a mail that would pass 150 KB halves the list until it fits", () => {
    // Each row's 检查项 is 1,200 Chinese characters: 3,600 bytes in UTF-8, about 4,500 with its markup; the
    // rest of the mail is about 11 KB. The limit is 150 × 1024 = 153,600 bytes: 50 rows (about 225 KB) do
    // not fit, 25 rows (about 112 KB + 11 KB) do.
    const m = summaryMail(
      mail(empty, { overdueList: overdue(100, "字".repeat(1200)) }),
      "weekly",
      "https://s",
    );
    expect(listed(m.html)).toBe(25);
    expect(text(m.html)).toContain("另有 75 项未列出，请打开台账查看。");
    expect(Buffer.byteLength(m.html, "utf8")).toBeLessThanOrEqual(150 * 1024);
  });
});

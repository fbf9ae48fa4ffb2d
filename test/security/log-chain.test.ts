// 操作日志 as a hash chain (issue 14, "Tamper evidence"): every row the script appends carries the
// SHA-256 of the previous row's hash and its own content; 核验台账 and the daily check recompute it and
// name the first row that no longer fits; the summary mails carry the latest hash.
import { createHash } from "node:crypto";
import type { Runtime } from "../../sim/runtime";
import { setSettings } from "../../sim/township";
import { canonicalLogRow, chainRows, verifyChain } from "../../src/domain/chain";
import { rows, township } from "../helpers/township";

/** An independent SHA-256 (Node's), as the code receives Apps Script's through a port. */
const nodeSha = (text: string) => [...createHash("sha256").update(text, "utf8").digest()];
const hexOf = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const LOG = "操作日志";
const FIELDS = ["时间", "操作人", "操作", "对象", "原值", "新值", "说明"];

/** The README's recipe, written out again here: what someone checking the log by hand would do. */
function verifyByHand(rt: Runtime): { ok: boolean; firstBad?: number; last: string } {
  const log = rows(rt, LOG);
  let prev = "";
  let started = false;
  for (let i = 0; i < log.length; i++) {
    const r = log[i]!;
    const stored = String(r["校验值"] ?? "");
    if (!stored && !started) continue;
    started = true;
    const cells = FIELDS.map((f) => {
      const v = r[f];
      if (v instanceof Date)
        return new Intl.DateTimeFormat("sv-SE", {
          timeZone: "Asia/Shanghai",
          dateStyle: "short",
          timeStyle: "medium",
        }).format(v);
      return String(v ?? "");
    });
    if (hexOf(JSON.stringify([prev, ...cells])) !== stored)
      return { ok: false, firstBad: i + 2, last: stored };
    prev = stored;
  }
  return { ok: true, last: prev };
}

const alerts = (rt: Runtime) => rt.ui.filter((u) => u.kind === "alert").map((u) => u.message);
const logLines = (rt: Runtime) => rows(rt, LOG);
const at = (iso: string) => new Date(`${iso}+08:00`);

describe("the chain itself (pure)", () => {
  test("the canonical form and its hash are the documented ones", () => {
    const row = {
      at: "2026-03-02 09:00:00",
      user: "coord@township.example.cn",
      action: "编辑",
      target: "配置!R2C2",
      oldValue: "",
      newValue: "西夏墅镇",
      note: "",
    };
    // Written out by hand from the README's description.
    expect(canonicalLogRow("", row)).toBe(
      '["","2026-03-02 09:00:00","coord@township.example.cn","编辑","配置!R2C2","","西夏墅镇",""]',
    );
    // `printf '%s' '["","2026-03-02 09:00:00","coord@township.example.cn","编辑","配置!R2C2","","西夏墅镇",""]' | sha256sum`
    const [first] = chainRows(nodeSha, "", [row]);
    expect(first!.hash).toBe("275a2aa822263bb59837971dc22721e6ab4a9b3c810a00d116fbf96d75c27eac");
  });

  test("a rewritten, inserted or unhashed row is named; rows before the chain are not covered", () => {
    const base = (n: number) => ({ at: `2026-03-0${n} 09:00:00`, user: "u", action: "a", target: String(n) });
    const legacy = [base(1), base(2)];
    const chained = chainRows(nodeSha, "", [base(3), base(4), base(5)]);
    const all = [...legacy, ...chained];
    expect(verifyChain(nodeSha, all, 2)).toMatchObject({ checked: 3, before: 2, startRow: 4 });
    expect(verifyChain(nodeSha, all, 2).broken).toBeUndefined();
    expect(verifyChain(nodeSha, all, 2).last).toBe(chained[2]!.hash);
    // Sheet rows: legacy 2–3, chained 4–6. Row 5 rewritten.
    const rewritten = all.map((r, i) => (i === 3 ? { ...r, target: "x" } : r));
    expect(verifyChain(nodeSha, rewritten, 2).broken).toEqual({ row: 5, kind: "changed" });
    // A row inserted by hand after row 4, without a hash, is row 5.
    const inserted = [...all.slice(0, 3), { ...base(9) }, ...all.slice(3)];
    expect(verifyChain(nodeSha, inserted, 2).broken).toEqual({ row: 5, kind: "unhashed" });
    // Row 5 deleted: row 6 (now row 5) no longer follows row 4.
    const deleted = [...all.slice(0, 3), ...all.slice(4)];
    expect(verifyChain(nodeSha, deleted, 2).broken).toEqual({ row: 5, kind: "changed" });
  });
});

describe("in the township", () => {
  test("every row the script appends is chained, as anyone can check with a few lines", () => {
    const rt = township();
    rt.editCell("配置", "B2", "西夏墅镇（改）");
    const log = logLines(rt);
    expect(log.length).toBeGreaterThan(2);
    expect(log.every((r) => /^[0-9a-f]{64}$/.test(String(r["校验值"])))).toBe(true);
    expect(verifyByHand(rt)).toMatchObject({ ok: true });
  });

  test("核验台账 on an untouched ledger says so, with the latest hash, and logs it", () => {
    const rt = township();
    const last = String(logLines(rt).at(-1)!["校验值"]);
    const count = logLines(rt).length;
    rt.clickMenu("verifyLedger");
    // The message names every row checked and the first 16 hex digits of the last hash.
    // The township has no finding yet: 状态底账 and 问题台账 agree on none.
    expect(alerts(rt).at(-1)).toBe(
      `操作日志校验通过：共核验 ${count} 行，最新校验值 ${last.slice(0, 16)}。\n问题台账与状态底账一致（0 条问题）。`,
    );
    const line = logLines(rt).at(-1)!;
    expect(line["操作"]).toBe("核验台账");
    expect(line["说明"]).toBe(alerts(rt).at(-1));
    expect(verifyByHand(rt).ok).toBe(true);
  });

  test("rewriting a row of 操作日志 is found by 核验台账 and by the next daily check", () => {
    const rt = township();
    const count = logLines(rt).length;
    expect(count).toBeGreaterThan(3);
    // The owner (who may edit the protected sheet) rewrites what the third row says, pasting two cells:
    // one typed cell would be put back from the edit event (script-sheets.test.ts), a paste cannot be.
    const noteColumn = FIELDS.indexOf("说明") + 1;
    rt.editCells(LOG, 3, noteColumn - 1, [["", "（已改写）"]]);
    expect(verifyByHand(rt)).toMatchObject({ ok: false, firstBad: 3 });

    rt.clickMenu("verifyLedger");
    expect(alerts(rt).at(-1)).toContain("操作日志第 3 行被改动过");
    expect(logLines(rt).at(-1)).toMatchObject({ 操作: "核验台账", 说明: expect.stringContaining("第 3 行") });

    rt.advanceTo(at("2026-03-03T07:30:00"));
    const told = logLines(rt).find((r) => r["操作"] === "每日检查：台账核验");
    expect(told?.["说明"]).toContain("操作日志第 3 行被改动过");
    const digest = rt.mail._sent.filter((m) => m.to.includes("coord@township.example.cn")).at(-1);
    expect(digest?.body ?? "").toContain("操作日志第 3 行被改动过");
  });

  test("a row deleted from the middle of 操作日志 is found", () => {
    const rt = township();
    rt.deleteRows(LOG, 4);
    rt.clickMenu("verifyLedger");
    expect(alerts(rt).at(-1)).toContain("操作日志第 4 行被改动过");
  });

  test("lines left for later (the lock was busy) extend the chain when the next run appends them", () => {
    const rt = township();
    rt.holdLockElsewhere(10 * 60_000);
    rt.editCell("配置", "B2", "西夏墅镇（忙时）");
    rt.advanceBy(11 * 60_000);
    rt.clickMenu("verifyLedger");
    expect(logLines(rt).some((r) => r["操作"] === "等待处理")).toBe(true);
    expect(verifyByHand(rt).ok).toBe(true);
    expect(alerts(rt).at(-1)).toMatch(/^操作日志校验通过/);
  });

  test("a ledger from before the chain: it begins with the first row after 初始化/更新", () => {
    const rt = township();
    const hashColumn = FIELDS.length + 1;
    expect(String(rt.sheet(LOG)._get(1, hashColumn))).toBe("校验值");
    // The ledger as the previous version made it: no 校验值 column.
    rt.sheet(LOG)._deleteColumns(hashColumn, 1);
    rt.editCell("配置", "B2", "西夏墅镇（旧版）");
    const legacy = logLines(rt).length;
    expect(logLines(rt).at(-1)!["操作"]).toBe("编辑");
    rt.clickMenu("setup");
    rt.clickMenu("verifyLedger");
    expect(alerts(rt).at(-1)).toMatch(
      new RegExp(`^操作日志校验通过.*（升级前的 ${legacy} 行不在校验链内。）\n`),
    );
    expect(verifyByHand(rt).ok).toBe(true);
  });

  test("the summary mail carries the latest chain hash, short and full", () => {
    const rt = township();
    setSettings(rt, { 领导邮箱: "leader@township.example.cn" });
    rt.clickMenu("sendSummary");
    const mail = rt.mail._sent.find((m) => m.to.includes("leader@township.example.cn"));
    const hashes = logLines(rt).map((r) => String(r["校验值"]));
    const full = /（完整：([0-9a-f]{64})）/.exec(mail?.body ?? "")?.[1];
    expect(full).toBeDefined();
    // It is the hash of a row of the log, and the short form is its first 16 digits.
    expect(hashes).toContain(full);
    expect(mail!.body).toContain(`台账校验值（操作日志最新一行）：${full!.slice(0, 16)}`);
    expect(mail!.htmlBody).toContain(full);
  });
});

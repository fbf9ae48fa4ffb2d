// 操作日志 as a hash chain. Each row carries the SHA-256 of the previous row's hash and its own content,
// so a row rewritten, inserted or deleted after the fact no longer fits the rows after it, and anyone
// holding a chain hash from an older summary mail can tell whether the log up to it is still the same.
//
// The canonical form of a row (README, "Tamper evidence", shows how to check it by hand): the JSON array
// [previous hash, 时间, 操作人, 操作, 对象, 原值, 新值, 说明], every element a string as the cell reads
// (时间 as "YYYY-MM-DD HH:mm:ss"), written without spaces (JSON.stringify; Python's json.dumps with
// ensure_ascii=False and separators=(",", ":") gives the same text). Its UTF-8 bytes are hashed with
// SHA-256 and written as 64 lowercase hex digits. The first hashed row's previous hash is "".
import { hex } from "./sampling";
import type { Row } from "./ledger";
import { asText } from "./text";

export type Sha256 = (text: string) => number[];

/** The log's columns in the order the canonical form lists them. */
const CHAINED_FIELDS = ["at", "user", "action", "target", "oldValue", "newValue", "note"] as const;

const HEX64 = /^[0-9a-f]{64}$/;

export function canonicalLogRow(previous: string, row: Row): string {
  return JSON.stringify([previous, ...CHAINED_FIELDS.map((f) => asText(row[f]))]);
}

function chainHash(sha256: Sha256, previous: string, row: Row): string {
  return hex(sha256(canonicalLogRow(previous, row)));
}

/** The rows with their `hash`, continuing the chain from `previous` (the last row's hash, "" if none). */
export function chainRows(sha256: Sha256, previous: string, rows: readonly Row[]): Row[] {
  let prev = previous;
  return rows.map((r) => {
    const hash = chainHash(sha256, prev, r);
    prev = hash;
    return { ...r, hash };
  });
}

/** A short form of a chain hash for people to compare by eye (the first 16 hex digits). */
export const shortHash = (hash: string): string => hash.slice(0, 16);

type ChainBreak =
  /** The row's content or hash is not what the chain says (rewritten, or a row before it changed). */
  | { row: number; kind: "changed" }
  /** A row without a hash after the chain began (inserted by hand, or its hash cleared). */
  | { row: number; kind: "unhashed" };

export interface ChainCheck {
  /** Rows whose hash was checked. */
  checked: number;
  /** Rows before the chain began (written before the upgrade that added it): not covered. */
  before: number;
  /** The sheet row where the chain begins (0 when no row carries a hash yet). */
  startRow: number;
  /** The last row's hash ("" when none). */
  last: string;
  broken?: ChainBreak;
}

/**
 * Checks every row from the first one carrying a hash: each must carry the hash of the previous row's
 * hash cell and its own content. Rows before the first hash are the log as it was before the chain
 * began. The first break is reported (the rows after it all depend on it).
 */
export function verifyChain(sha256: Sha256, rows: readonly Row[], firstRow: number): ChainCheck {
  const start = rows.findIndex((r) => asText(r.hash) !== "");
  const out: ChainCheck = {
    checked: 0,
    before: start < 0 ? rows.length : start,
    startRow: start < 0 ? 0 : firstRow + start,
    last: "",
  };
  if (start < 0) return out;
  let prev = start > 0 ? asText(rows[start - 1]!.hash) : "";
  for (let i = start; i < rows.length; i++) {
    const row = rows[i]!;
    const hash = asText(row.hash);
    out.checked++;
    if (!out.broken) {
      if (!hash) out.broken = { row: firstRow + i, kind: "unhashed" };
      else if (!HEX64.test(hash) || chainHash(sha256, prev, row) !== hash)
        out.broken = { row: firstRow + i, kind: "changed" };
    }
    prev = hash;
  }
  out.last = prev;
  return out;
}

// Ronald L. Rivest's SHA-256 pseudo-random sampler (2011), the method used to draw audit samples that
// anyone can re-check: pick i = (SHA-256(seed + "," + i) read as a big-endian integer) mod N, plus 1.
// The seed is a string (a numeric seed is not parsed: "00" differs from "0"). Published test vectors:
// test/fixtures/rivest-sampler-tests.json. SHA-256 is passed in (Utilities.computeDigest in Apps
// Script, node:crypto in tests and tools) so the same code gives the same draw in both.

/** SHA-256 of the UTF-8 bytes of `text`, as bytes (signed Java bytes are accepted too). */
export type Sha256 = (text: string) => number[];

/** The i-th pick (1-based) from 1..total. */
export function rivestPick(sha256: Sha256, seed: string, index: number, total: number): number {
  if (!Number.isInteger(total) || total < 1)
    throw new Error(`total must be a positive integer, got ${total}`);
  let r = 0;
  // Big-endian bytes mod total, one byte at a time: exact with doubles for total < 2^44.
  for (const b of sha256(`${seed},${index}`)) r = (r * 256 + (b & 0xff)) % total;
  return r + 1;
}

/** The first `count` picks, duplicates allowed (the published vectors are of this form). */
export function rivestSequence(sha256: Sha256, seed: string, total: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => rivestPick(sha256, seed, i + 1, total));
}

/** `count` distinct picks from 1..total, in the order they first appear (sampling without replacement). */
export function sampleDistinct(sha256: Sha256, seed: string, total: number, count: number): number[] {
  const want = Math.min(count, total);
  const seen = new Set<number>();
  const out: number[] = [];
  for (let i = 1; out.length < want; i++) {
    const p = rivestPick(sha256, seed, i, total);
    if (!seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
    // Every value appears eventually; this bound only guards against a broken digest function.
    if (i > 1000 * total + 1000) throw new Error("sampler did not converge");
  }
  return out;
}

export function hex(bytes: readonly number[]): string {
  return bytes.map((b) => (b & 0xff).toString(16).padStart(2, "0")).join("");
}

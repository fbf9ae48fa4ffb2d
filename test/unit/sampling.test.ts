import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Runtime } from "../../sim/runtime";
import { rivestSequence, sampleDistinct, type Sha256 } from "../../src/domain/sampling";

export const nodeSha256: Sha256 = (s) => [...createHash("sha256").update(s, "utf8").digest()];

// The published vectors, copied into the repository with their source and licence (test/fixtures/README.md).
const vectors = JSON.parse(
  readFileSync(path.join(__dirname, "../fixtures/rivest-sampler-tests.json"), "utf8"),
) as {
  version: string;
  tests: Array<{ data: { seed: string; total: number; count: number }; expected: number[] }>;
};

// Apps Script's Utilities.computeDigest returns signed Java bytes; the bundle feeds those to the sampler.
const runtime = new Runtime({ start: new Date("2026-03-02T09:00:00+08:00") });
const U = runtime.utilities._api as unknown as GoogleAppsScript.Utilities.Utilities;
const appsScriptSha256: Sha256 = (s) =>
  U.computeDigest(U.DigestAlgorithm.SHA_256, s, U.Charset.UTF_8) as unknown as number[];

const cases = vectors.tests.map((t) => [t.data.seed, t.data.total, t.data.count, t.expected] as const);

test("the fixture is the published file: version 0.2.0-alpha, ten cases", () => {
  expect(vectors.version).toBe("0.2.0-alpha");
  expect(cases).toHaveLength(10);
});

describe.each([
  ["Node's SHA-256", nodeSha256],
  ["the runtime's Utilities.computeDigest (signed bytes)", appsScriptSha256],
])("Rivest's SHA-256 sampler with %s reproduces every published test vector", (_name, sha256) => {
  test.each(cases)("seed %j, N=%i, k=%i", (seed, total, count, expected) => {
    expect(rivestSequence(sha256, seed, total, count)).toEqual(expected);
  });
});

test("sampling without replacement keeps the first distinct picks in order", () => {
  // Published vector: seed "0", N=2 gives 1, 1, 2 — the distinct sample of two is [1, 2].
  expect(sampleDistinct(nodeSha256, "0", 2, 2)).toEqual([1, 2]);
  // Published vector: seed "1", N=1000 gives 97, 89, 163 (no repeat, so the distinct sample is the same).
  expect(sampleDistinct(nodeSha256, "1", 1000, 3)).toEqual([97, 89, 163]);
  const all = sampleDistinct(nodeSha256, "abc", 50, 50);
  expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
});

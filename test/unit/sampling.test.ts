import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { rivestSequence, sampleDistinct } from "../../src/domain/sampling";

export const nodeSha256 = (s: string) => [...createHash("sha256").update(s, "utf8").digest()];

const vectors = JSON.parse(
  readFileSync(path.resolve(__dirname, "../../../shared/testdata/rivest-sampler-tests.json"), "utf8"),
) as {
  tests: Array<{ data: { seed: string; total: number; count: number }; expected: number[] }>;
};

describe("Rivest's SHA-256 sampler reproduces every published test vector", () => {
  test.each(vectors.tests.map((t) => [t.data.seed, t.data.total, t.data.count, t.expected] as const))(
    "seed %j, N=%i, k=%i",
    (seed, total, count, expected) => {
      expect(rivestSequence(nodeSha256, seed, total, count)).toEqual(expected);
    },
  );
});

test("sampling without replacement keeps the first distinct picks in order", () => {
  // seed "0", N=2: the sequence is 1, 1, 2 — the distinct sample of two is [1, 2].
  expect(sampleDistinct(nodeSha256, "0", 2, 2)).toEqual([1, 2]);
  expect(sampleDistinct(nodeSha256, "1", 1000, 3)).toEqual([97, 89, 163]);
  const all = sampleDistinct(nodeSha256, "abc", 50, 50);
  expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
});

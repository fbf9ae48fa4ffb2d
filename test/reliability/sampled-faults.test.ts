// A sample of the exactly-once suites that runs under coverage. test/reliability/exactly-once-*.test.ts
// try every entry point at EVERY call that changes something; they run without V8's coverage counters
// (each faulted run re-evaluates the bundle, and the counters of thousands of runs outgrow the heap), so
// the recovery code they drive (a mail found "started" → marked uncertain and told; a notice retried; a
// form "building" laid out again) would count as never run. Here each scenario of test/helpers/faults.ts
// is tried at a small sample of its changing calls — every call that sends mail or writes a property
// (where the outbox's records live, so the recovery windows are hit), plus every STRIDE-th other
// change — in both modes, with the same comparison: after one more run the world equals the clean
// run's, every mail at most once, a missing mail told to the coordinator as possibly not arrived.
import { changing, checkEveryPoint, SCENARIOS } from "../helpers/faults";

/** Calls around which the outbox and the notices keep their records. */
const EFFECT = /(MailApp|GmailApp)\.|sendEmail|setProperty|setProperties|createFile|makeCopy/;

/** Every `stride`-th changing call, and at most `effects` calls that record or perform an effect. */
const sample =
  (stride: number, effects: number) =>
  (names: string[]): number[] => {
    const points = changing(names);
    const effectPoints = points.filter((k) => EFFECT.test(names[k]!));
    // Spread the effect calls over the run: the first, the last, and evenly between.
    const step = Math.max(1, Math.ceil(effectPoints.length / effects));
    const chosen = new Set(effectPoints.filter((_, i) => i % step === 0 || i === effectPoints.length - 1));
    points.forEach((k, i) => {
      if (i % stride === 0) chosen.add(k);
    });
    return [...chosen].sort((a, b) => a - b);
  };

describe.each(SCENARIOS.filter((s) => !s.name.startsWith("初始化/更新")))("$name", (s) => {
  test("fails at a sample of its changing calls, both ways, and one more run gives the clean world", () => {
    checkEveryPoint(s, sample(15, 4));
  });
});

describe.each(SCENARIOS.filter((s) => s.name.startsWith("初始化/更新")))("$name", (s) => {
  // Setup from scratch makes about a thousand changing calls (form items); a handful is enough here.
  test("fails at a sample of its changing calls, both ways, and one more run gives the clean world", () => {
    checkEveryPoint(s, sample(s.name.endsWith("from scratch") ? 300 : 60, 2));
  });
});

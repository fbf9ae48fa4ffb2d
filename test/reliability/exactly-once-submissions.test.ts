// Exactly once, nothing overwritten: every entry point is made to fail at every call that changes
// something, in two ways — the call fails before taking effect, and the call takes effect and then
// throws (a reply lost on the way back) — and after one more run the whole world must equal that of a
// clean run: every cell of every sheet, every mail sent exactly once, the Drive files, the forms, the
// triggers, the protections and the properties (test/helpers/world.ts names what may differ).
//
// Calls that change nothing (getters) are covered too, by equivalence: a run that fails at a getter has
// made exactly the changes of a run that fails just before the next call that changes something, which
// is tried in the "before" mode. The first test checks that equivalence on the submission's getters.
//
// One window cannot be closed, and the policy for it is AT MOST ONCE: a mail that may have left just
// before the run died (its record says "started") is not sent again; the coordinator is told, in
// 操作日志, which mail may not have arrived. Where a mail is missing from a retried world, the test
// requires exactly that line for it.
import { checkEveryPoint, GETTER, SCENARIOS, trace, faulted, mailPolicy } from "../helpers/faults";
import { differences, world } from "../helpers/world";

describe.each(
  SCENARIOS.filter((s) =>
    [
      "a submission whose notice is mailed to the institution",
      "a submission that finds a new institution",
      "a re-inspection",
      "a new inspection left by a run that died, written with a re-inspection",
      "重新处理待核实",
    ].includes(s.name),
  ),
)("$name", (s) => {
  test("fails at every call that changes something, both ways, and one more run gives the clean world", () => {
    checkEveryPoint(s);
  });
});

test("a failure at a getter leaves the world a failure before the next change leaves (the equivalence above)", () => {
  const s = SCENARIOS[0]!;
  const { names, clean } = trace(s);
  const getters = names.map((n, i) => (n && GETTER.test(n) ? i : -1)).filter((i) => i >= 0);
  const failures: string[] = [];
  for (const k of getters) {
    const { rt } = faulted(s, k, "before");
    const got = world(rt);
    const diff = [
      ...differences({ ...clean, mails: [] }, { ...got, mails: [] }),
      ...mailPolicy(clean, got, rt),
    ];
    if (diff.length) failures.push(`getter ${k} ${names[k]}: ${diff.join("; ")}`);
  }
  expect(getters.length).toBeGreaterThan(20);
  expect(failures.slice(0, 5)).toEqual([]);
});

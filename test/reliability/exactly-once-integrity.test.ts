// 核验台账 and the change trigger made to fail at every call that changes something, both ways (the call
// fails before taking effect; it takes effect and then throws): after one more run the whole world
// equals that of a clean run (see exactly-once-runs.test.ts and test/helpers/faults.ts). Both put back
// state cells from 状态底账 and tell the coordinator what they could not put back.
import { checkEveryPoint, SCENARIOS } from "../helpers/faults";

describe.each(
  SCENARIOS.filter((s) => ["核验台账", "the 06:00 integrity check", "the change trigger"].includes(s.name)),
)("$name", (s) => {
  test("fails at every call that changes something, both ways, and one more run gives the clean world", () => {
    checkEveryPoint(s);
  });
});

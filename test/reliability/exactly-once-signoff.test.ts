// 确认销号… (销号需协调员确认 = 是) made to fail at every call that changes something, both ways (the call
// fails before taking effect; it takes effect and then throws): after the coordinator clicks again, the
// whole world equals that of a clean run (see exactly-once-runs.test.ts and test/helpers/faults.ts).
import { checkEveryPoint, SCENARIOS } from "../helpers/faults";

describe.each(SCENARIOS.filter((s) => s.name === "确认销号"))("$name", (s) => {
  test("fails at every call that changes something, both ways, and one more run gives the clean world", () => {
    checkEveryPoint(s);
  });
});

import type { InspectionForm } from "../src/domain/checklist";
import { fire, food, HOW_TO_FILL, premises, section } from "./shared";

export const CHILDCARE: InspectionForm = {
  id: "childcare",
  kind: "inspection",
  version: "1.0.0",
  type: "childcare",
  title: "托育机构安全检查表",
  help: `0—3岁托育机构（含幼儿园托班）检查用。${HOW_TO_FILL}`,
  sections: [
    section("qual", "一、资质与备案", "QUAL-02 QUAL-03 QUAL-04 QUAL-05 QUAL-06"),
    premises(),
    fire(),
    food(),
    section("staff", "五、从业人员", "STAFF-01 STAFF-02"),
    section("conduct", "六、经营行为与收费", "COND-04 COND-06"),
    section("health", "七、卫生保健", "HLTH-01 HLTH-02"),
  ],
};

import type { InspectionForm } from "../src/domain/checklist";
import { fire, food, HOW_TO_FILL, premises, section } from "./shared";

export const MEAL: InspectionForm = {
  id: "meal",
  kind: "inspection",
  version: "1.0.0",
  type: "meal",
  title: "小饭桌安全检查表",
  help: `午托、小饭桌检查用。${HOW_TO_FILL}`,
  sections: [
    section("qual", "一、资质", "QUAL-02 QUAL-03 QUAL-04 QUAL-05"),
    premises(),
    fire(),
    food(),
    section("staff", "五、从业人员", "STAFF-01 STAFF-03"),
    section("conduct", "六、经营行为与收费", "COND-01 COND-04 COND-06"),
    section("transport-health", "七、交通与卫生", "TRAN-01 HLTH-01 HLTH-02"),
  ],
};

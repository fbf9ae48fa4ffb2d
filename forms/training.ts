import type { InspectionForm } from "../src/domain/checklist";
import { fire, HOW_TO_FILL, premises, section } from "./shared";

export const TRAINING: InspectionForm = {
  id: "training",
  kind: "inspection",
  version: "1.0.0",
  type: "training",
  title: "校外培训机构安全检查表",
  help: `联合执法检查用。${HOW_TO_FILL}`,
  sections: [
    section("qual", "一、资质", "QUAL-01 QUAL-02 QUAL-07"),
    premises("PREM-08"),
    fire(),
    section("staff", "四、从业人员", "STAFF-01 STAFF-02 STAFF-03"),
    section("conduct", "五、培训行为与收费", "COND-02 COND-03 COND-04 COND-05 COND-06"),
    section("transport", "六、交通安全", "TRAN-01"),
  ],
};

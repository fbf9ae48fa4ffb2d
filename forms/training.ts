import type { InspectionForm } from "../src/domain/checklist";

export const TRAINING: InspectionForm = {
  id: "training",
  kind: "inspection",
  version: "1.0.0",
  type: "training",
  title: "校外培训机构安全检查表",
  help: "联合执法检查用。每项勾选 符合 / 不符合 / 不适用；不符合项在最后一页分类并说明。",
  sections: [
    { id: "qual", title: "一、资质", items: ["QUAL-01", "QUAL-02", "QUAL-07"] },
    {
      id: "premises",
      title: "二、场地与设施",
      items: ["PREM-01", "PREM-02", "PREM-03", "PREM-04", "PREM-05", "PREM-06", "PREM-07", "PREM-08"],
    },
    { id: "fire", title: "三、消防安全", items: ["FIRE-01", "FIRE-02", "FIRE-03", "FIRE-04", "FIRE-05"] },
    { id: "staff", title: "四、从业人员", items: ["STAFF-01", "STAFF-02", "STAFF-03"] },
    {
      id: "conduct",
      title: "五、培训行为与收费",
      items: ["COND-02", "COND-03", "COND-04", "COND-05", "COND-06"],
    },
    { id: "transport", title: "六、交通安全", items: ["TRAN-01"] },
  ],
};

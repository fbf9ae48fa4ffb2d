import type { InspectionForm } from "../src/domain/checklist";

export const MEAL: InspectionForm = {
  id: "meal",
  kind: "inspection",
  version: "1.0.0",
  type: "meal",
  title: "小饭桌安全检查表",
  help: "午托、小饭桌检查用。每项勾选 符合 / 不符合 / 不适用；不符合项在最后一页分类并说明。",
  sections: [
    { id: "qual", title: "一、资质", items: ["QUAL-02", "QUAL-03", "QUAL-04", "QUAL-05"] },
    {
      id: "premises",
      title: "二、场地与设施",
      items: ["PREM-01", "PREM-02", "PREM-03", "PREM-04", "PREM-05", "PREM-06", "PREM-07"],
    },
    { id: "fire", title: "三、消防安全", items: ["FIRE-01", "FIRE-02", "FIRE-03", "FIRE-04", "FIRE-05"] },
    { id: "food", title: "四、食品安全", items: ["FOOD-01", "FOOD-02", "FOOD-03"] },
    { id: "staff", title: "五、从业人员", items: ["STAFF-01", "STAFF-03"] },
    { id: "conduct", title: "六、经营行为与收费", items: ["COND-01", "COND-04", "COND-06"] },
    { id: "transport-health", title: "七、交通与卫生", items: ["TRAN-01", "HLTH-01", "HLTH-02"] },
  ],
};

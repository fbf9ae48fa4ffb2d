// What the four inspection forms share: how to fill them in, and their common pages.
import type { InspectionForm } from "../src/domain/checklist";

type Section = InspectionForm["sections"][number];

/** The end of every inspection form's description, after the line saying who it is for. */
export const HOW_TO_FILL = "每项勾选 符合 / 不符合 / 不适用；不符合项在最后一页分类并说明。";

/** A page of the form: its id, title and item codes (separated by spaces, in the order asked). */
export const section = (id: string, title: string, codes: string): Section => ({
  id,
  title,
  items: codes.split(" "),
});

/** Pages every form that has them asks the same way. */
export const fire = () => section("fire", "三、消防安全", "FIRE-01 FIRE-02 FIRE-03 FIRE-04 FIRE-05");
export const food = () => section("food", "四、食品安全", "FOOD-01 FOOD-02 FOOD-03");
/** 二、场地与设施: PREM-01 to PREM-07 on every form, then the codes given. */
export const premises = (...more: string[]) =>
  section(
    "premises",
    "二、场地与设施",
    ["PREM-01 PREM-02 PREM-03 PREM-04 PREM-05 PREM-06 PREM-07", ...more].join(" "),
  );

// The checklist set that setup builds into Google Forms. Validated by `npm run build` and by a test.
import type { Checklists } from "../src/domain/checklist";
import { ITEMS } from "./items";
import { TRAINING } from "./training";
import { AFTERCARE } from "./aftercare";
import { MEAL } from "./meal";
import { CHILDCARE } from "./childcare";
import { REINSPECTION } from "./reinspection";
import { COMPLAINT } from "./complaint";

export const CHECKLISTS: Checklists = {
  items: ITEMS,
  forms: [TRAINING, AFTERCARE, MEAL, CHILDCARE, REINSPECTION, COMPLAINT],
};

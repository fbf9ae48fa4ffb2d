import type { ReinspectionForm } from "../src/domain/checklist";

export const REINSPECTION: ReinspectionForm = {
  id: "reinspection",
  kind: "reinspection",
  version: "1.0.0",
  title: "整改复查表",
  help: "对已整改的问题进行复查。通过的问题销号，未通过的继续整改。",
};

// Checklist definitions (forms/) as the app uses them. The format and its validation are in
// checklist-schema.ts (zod), which only the build and the tests load.
import type { ChecklistItem, Checklists, InspectionForm } from "./checklist-schema";
import type { InstitutionType } from "./types";

export type {
  ChecklistItem,
  Checklists,
  ComplaintForm,
  FormDefinition,
  InspectionForm,
  ReinspectionForm,
} from "./checklist-schema";

export function itemsOf(form: InspectionForm, bank: readonly ChecklistItem[]): ChecklistItem[] {
  const byCode = new Map(bank.map((i) => [i.code, i]));
  return form.sections.flatMap((s) =>
    s.items.map((c) => byCode.get(c)).filter((i): i is ChecklistItem => !!i),
  );
}

export function formForType(set: Checklists, type: InstitutionType): InspectionForm | undefined {
  return set.forms.find((f): f is InspectionForm => f.kind === "inspection" && f.type === type);
}

// The checklist definition format (forms/), as zod schemas. Inspired by XLSForm: every question has a
// stable name (the item code), a label, a hint and a constraint; we add what this domain needs: the
// default class (severity), the default deadline, the lead department, the legal basis and the types it
// applies to. Used by the build (esbuild.config.mjs) and the tests; the Apps Script bundle imports only
// the types and checklist-rules.ts (the same numbers, as plain checks), so zod costs it nothing.
import * as z from "zod/mini";
import { FINDING_CLASSES, INSTITUTION_TYPES } from "./types";
import { FORM_LIMITS, ITEM_CODE, ITEM_RULES } from "./checklist-rules";

const R = ITEM_RULES;

const ChecklistItemSchema = z.object({
  /** Stable code, e.g. FIRE-01. Never reuse a code for a different requirement. */
  code: z.string().check(z.regex(ITEM_CODE, "code must look like FIRE-01")),
  text: z
    .string()
    .check(
      z.minLength(R.textMin, "text is required"),
      z.maxLength(R.textMax, `text must fit a phone screen (≤${R.textMax} characters)`),
    ),
  help: z.optional(z.string()),
  types: z.array(z.enum(INSTITUTION_TYPES)).check(z.minLength(1, "types: at least one institution type")),
  dept: z.string().check(z.minLength(R.deptMin, "dept is required")),
  basis: z.string().check(z.minLength(R.basisMin, "basis (legal/policy basis) is required")),
  severity: z.enum(FINDING_CLASSES),
  deadlineDays: z
    .number()
    .check(
      z.int("deadlineDays: whole days"),
      z.gte(R.daysMin, "deadlineDays: 0 or more"),
      z.lte(R.daysMax, `deadlineDays: at most ${R.daysMax}`),
    ),
  allowNa: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

const SectionSchema = z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, "section id: lower-case letters, digits, dashes")),
  title: z.string().check(z.minLength(1)),
  help: z.optional(z.string()),
  items: z
    .array(z.string().check(z.regex(ITEM_CODE)))
    .check(z.minLength(1, "a section needs at least one item")),
});

const InspectionFormSchema = z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, "id: lower-case letters, digits, dashes")),
  kind: z.literal("inspection"),
  /** Bump on every change; every inspection records the version it was filled in with. */
  version: z.string().check(z.regex(/^\d+\.\d+\.\d+$/, "version must be semver, e.g. 1.0.0")),
  type: z.enum(INSTITUTION_TYPES),
  title: z.string().check(z.minLength(2, "title is required (at least 2 characters)")),
  help: z.string(),
  sections: z.array(SectionSchema).check(z.minLength(1, "a form needs at least one section")),
});
export type InspectionForm = z.infer<typeof InspectionFormSchema>;

const ReinspectionFormSchema = z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, "id: lower-case letters, digits, dashes")),
  kind: z.literal("reinspection"),
  version: z.string().check(z.regex(/^\d+\.\d+\.\d+$/, "version must be semver, e.g. 1.0.0")),
  title: z.string().check(z.minLength(2, "title is required (at least 2 characters)")),
  help: z.string(),
});
export type ReinspectionForm = z.infer<typeof ReinspectionFormSchema>;

/**
 * The public complaints (举报) form: what the public is asked, and the topics they choose from, each
 * routed to the department that leads on it.
 */
const ComplaintFormSchema = z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, "id: lower-case letters, digits, dashes")),
  kind: z.literal("complaint"),
  version: z.string().check(z.regex(/^\d+\.\d+\.\d+$/, "version must be semver, e.g. 1.0.0")),
  title: z.string().check(z.minLength(2, "title is required (at least 2 characters)")),
  help: z.string(),
  topics: z
    .array(
      z.object({
        label: z.string().check(z.minLength(2, "topic label is required")),
        dept: z.string().check(z.minLength(1, "topic dept is required")),
      }),
    )
    .check(z.minLength(1, "a complaint form needs at least one topic")),
});
export type ComplaintForm = z.infer<typeof ComplaintFormSchema>;

export type FormDefinition = InspectionForm | ReinspectionForm | ComplaintForm;

export interface Checklists {
  items: readonly ChecklistItem[];
  forms: readonly FormDefinition[];
}

/**
 * Checks the whole set: each item well-formed and unique; each form's items exist, apply to its type,
 * appear once; sections within limits. Returns plain messages naming the file, form and item.
 */
export function validateChecklists(set: Checklists): string[] {
  const errors: string[] = [];
  const codes = new Map<string, ChecklistItem>();
  set.items.forEach((raw, i) => {
    const r = ChecklistItemSchema.safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues)
        errors.push(
          `items[${i}] (${String((raw as { code?: unknown }).code)}): ${issue.path.join(".")} ${issue.message}`,
        );
      return;
    }
    if (codes.has(raw.code)) errors.push(`items: code ${raw.code} is used twice`);
    codes.set(raw.code, raw);
  });
  const formIds = new Set<string>();
  for (const form of set.forms) {
    if (formIds.has(form.id)) errors.push(`forms: id ${form.id} is used twice`);
    formIds.add(form.id);
    if (form.kind === "reinspection" || form.kind === "complaint") {
      const r = (form.kind === "complaint" ? ComplaintFormSchema : ReinspectionFormSchema).safeParse(form);
      if (!r.success)
        for (const issue of r.error.issues)
          errors.push(`form ${form.id}: ${issue.path.join(".")} ${issue.message}`);
      continue;
    }
    const r = InspectionFormSchema.safeParse(form);
    if (!r.success) {
      for (const issue of r.error.issues)
        errors.push(`form ${form.id}: ${issue.path.join(".")} ${issue.message}`);
      continue;
    }
    if (form.sections.length > FORM_LIMITS.sections)
      errors.push(`form ${form.id}: ${form.sections.length} sections, at most ${FORM_LIMITS.sections}`);
    const seen = new Set<string>();
    for (const section of form.sections) {
      if (section.items.length > FORM_LIMITS.gridRows)
        errors.push(`form ${form.id} section ${section.id}: more than ${FORM_LIMITS.gridRows} items`);
      for (const code of section.items) {
        const item = codes.get(code);
        if (!item) errors.push(`form ${form.id} section ${section.id}: unknown item ${code}`);
        else if (!item.types.includes(form.type))
          errors.push(`form ${form.id}: item ${code} does not apply to ${form.type}`);
        if (seen.has(code)) errors.push(`form ${form.id}: item ${code} appears twice`);
        seen.add(code);
      }
    }
  }
  return errors;
}

// Reading the ledger's Chinese labels back into codes (the sheets show labels; the domain uses codes).
import { CLASS_LABEL, TYPE_LABEL } from "../text/zh";
import { INSTITUTION_TYPES, type FindingClass, type InstitutionType } from "./types";
import { trimmedText } from "./text";

const TYPE_BY_LABEL = new Map<string, InstitutionType>(INSTITUTION_TYPES.map((t) => [TYPE_LABEL[t], t]));

export function typeFromLabel(label: unknown): InstitutionType | "" {
  const s = trimmedText(label);
  return (
    TYPE_BY_LABEL.get(s) ??
    ((INSTITUTION_TYPES as readonly string[]).includes(s) ? (s as InstitutionType) : "")
  );
}

/** A type's label in the sheets ("" for none). */
export const typeLabel = (t: InstitutionType | ""): string => (t ? TYPE_LABEL[t] : "");

const CLASS_BY_LABEL = new Map<string, FindingClass>([
  [CLASS_LABEL.I, "I"],
  [CLASS_LABEL.II, "II"],
  [CLASS_LABEL.III, "III"],
  ["I", "I"],
  ["II", "II"],
  ["III", "III"],
]);

export function classFromLabel(label: unknown): FindingClass | "" {
  return CLASS_BY_LABEL.get(trimmedText(label)) ?? "";
}

// The vocabulary of the domain. Codes are stable English keys; labels live in text/.

export const INSTITUTION_TYPES = ["training", "aftercare", "meal", "childcare"] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const FINDING_CLASSES = ["I", "II", "III"] as const;
/** 一类 立即整改 / 二类 限期整改 / 三类 无法整改 */
export type FindingClass = (typeof FINDING_CLASSES)[number];

export type Answer = "ok" | "fail" | "na";

/** A calendar date in the campaign's time zone, as "YYYY-MM-DD". */
export type LocalDate = string;

export interface Institution {
  id: string;
  name: string;
  type: InstitutionType | "";
  village: string;
  address: string;
  operator: string;
  phone: string;
  registration: "registered" | "unverified";
}

export interface Inspector {
  name: string;
  department: string;
  email: string;
  village: string;
  active: boolean;
}

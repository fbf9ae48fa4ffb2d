// Open 待核实 entries as the coordinator's daily reminder lists them: how long each has waited, and advice
// that fits its reason (an entry with one inspector is not fixed by checking the register).
import { PENDING_STATE, MSG } from "../text/zh";
import { PENDING_ADVICE } from "../text/rules";
import { asLocalDate, daysBetween } from "./dates";
import type { Row } from "./ledger";
import { madeBy, asText, trimmedText } from "./text";
import type { LocalDate } from "./types";

export interface OpenPending {
  id: string;
  receivedOn: LocalDate | "";
  /** Whole days since it was received. */
  age: number;
  form: string;
  by: string;
  reason: string;
  advice: string;
}

const fixed = (text: string) => (reason: string) => reason.includes(text);

const ADVICE: Array<[(reason: string) => boolean, string]> = [
  [madeBy(MSG.newInstitutionDuplicate, 2), PENDING_ADVICE.duplicate],
  [madeBy(MSG.unknownInstitution, 1), PENDING_ADVICE.register],
  [fixed(MSG.noInstitution), PENDING_ADVICE.register],
  [madeBy(MSG.newInstitutionMissing, 1), PENDING_ADVICE.answers],
  [madeBy(MSG.tooFewInspectors, 1), PENDING_ADVICE.secondInspector],
  [madeBy(MSG.unknownInspector, 1), PENDING_ADVICE.roster],
  [madeBy(MSG.reinspectSameInspector, 2), PENDING_ADVICE.otherInspector],
  [fixed(MSG.dateMissing), PENDING_ADVICE.date],
  [madeBy(MSG.dateFuture, 1), PENDING_ADVICE.date],
  [madeBy(MSG.dateBeforeCampaign, 2), PENDING_ADVICE.date],
  [madeBy(MSG.reinspectUnknownId, 1), PENDING_ADVICE.findingId],
  [madeBy(MSG.reinspectOtherInstitution, 2), PENDING_ADVICE.findingId],
  [madeBy(MSG.reinspectAlreadyClosed, 1), PENDING_ADVICE.findingId],
  [madeBy(MSG.reinspectClassIII, 1), PENDING_ADVICE.findingId],
  [madeBy(MSG.reinspectBothLists, 1), PENDING_ADVICE.findingId],
  [fixed(MSG.reinspectNoIds), PENDING_ADVICE.findingId],
  [fixed(MSG.unknownForm), PENDING_ADVICE.setup],
  [madeBy(MSG.missingClass, 1), PENDING_ADVICE.answers],
  [madeBy(MSG.classWithoutFailure, 1), PENDING_ADVICE.answers],
  [madeBy(MSG.missingResponsible, 1), PENDING_ADVICE.answers],
  [madeBy(MSG.missingInterim, 1), PENDING_ADVICE.answers],
  [madeBy(MSG.deadlineTooLate, 3), PENDING_ADVICE.answers],
  [madeBy(MSG.deadlineBeforeInspection, 1), PENDING_ADVICE.answers],
  [madeBy(MSG.naNotAllowed, 1), PENDING_ADVICE.answers],
  [madeBy(MSG.missingAnswer, 1), PENDING_ADVICE.answers],
  [madeBy(MSG.unknownCode, 1), PENDING_ADVICE.answers],
];

/** The advice for each distinct kind of reason, in the order the reasons are listed. */
function pendingAdvice(reasons: string): string {
  const advice: string[] = [];
  for (const line of reasons.split("\n").filter((l) => l.trim())) {
    const a = ADVICE.find(([matches]) => matches(line))?.[1] ?? PENDING_ADVICE.other;
    if (!advice.includes(a)) advice.push(a);
  }
  return advice.length ? advice.join("") : PENDING_ADVICE.other;
}

/** The entries still 待处理, oldest first. */
export function openPendingEntries(rows: readonly Row[], today: LocalDate): OpenPending[] {
  return rows
    .filter((r) => trimmedText(r.state) === PENDING_STATE.open && trimmedText(r.responseId))
    .map((r) => {
      const receivedOn = asLocalDate(asText(r.receivedAt).slice(0, 10));
      const reason = asText(r.reasons);
      return {
        id: asText(r.id),
        receivedOn,
        age: receivedOn ? Math.max(0, daysBetween(receivedOn, today)) : 0,
        form: asText(r.form),
        by: asText(r.submittedBy),
        reason: reason.split("\n")[0] ?? "",
        advice: pendingAdvice(reason),
      };
    })
    .sort((a, b) => b.age - a.age);
}

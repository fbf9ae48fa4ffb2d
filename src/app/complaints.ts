// 举报 → 举报登记: the complaints among a batch of form responses, read → plan (src/domain/complaints.ts)
// → commit, with the complaint rows appended last (each marks its response as done), like inspections.
import { CHECKLISTS } from "../../forms/index";
import type { ComplaintForm } from "../domain/checklist";
import { planComplaints } from "../domain/complaints";
import { institutionIdSource } from "../domain/intake";
import { mapFor, readComplaintResponse } from "../domain/responses";
import type { Settings } from "../domain/settings";
import type { Institution } from "../domain/types";
import { PROP_COMPLAINTS_USED, PROP_SUBMIT_INFLIGHT } from "../gas/keys";
import type { Services } from "../gas/ports";
import { commitAndReport } from "./commit";
import type { Candidate } from "./responses";
import { asText } from "../domain/text";
import { appendRows, updateCells } from "../domain/plan";

export const isComplaint = (c: Candidate) =>
  CHECKLISTS.forms.find((f) => f.id === c.record.defId)?.kind === "complaint";

/** Writes the complaints; returns the register after them when it gained an institution. */
export function processComplaints(
  svc: Services,
  candidates: readonly Candidate[],
  settings: Settings,
): Institution[] | undefined {
  const form = CHECKLISTS.forms.find((f): f is ComplaintForm => f.kind === "complaint");
  if (!form || !candidates.length) return undefined;
  const raws = candidates.flatMap((c) => {
    const found = mapFor(c.record, c.response);
    return found?.map.kind === "complaint" ? [readComplaintResponse(c.response, found.map)] : [];
  });
  const register = svc.ledger.read("register");
  const complaints = svc.ledger.read("complaints");
  const plan = planComplaints(raws, {
    form,
    register,
    complaints,
    villages: settings.villages,
    nextInstitutionId: institutionIdSource(register.rows.map((r) => asText(r.id))),
  });
  svc.props.set({ [PROP_SUBMIT_INFLIGHT]: "1", [PROP_COMPLAINTS_USED]: "1" });
  commitAndReport(svc, [
    updateCells("register", plan.registerChanges),
    appendRows("register", plan.newInstitutionRows),
    appendRows("complaints", plan.complaintRows),
  ]);
  return plan.newInstitutionRows.length ? plan.institutions : undefined;
}

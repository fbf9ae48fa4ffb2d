// The forms' choice lists follow the register, the roster and the settings: setup sets them, and every
// run that changes the register (a new institution found on a visit) or reads it (the daily check)
// brings them up to date, so an inspector can re-inspect an institution found yesterday.
import { CHECKLISTS } from "../../forms/index";
import type { FormDefinition } from "../domain/checklist";
import type { ChoiceLists } from "../domain/responses";
import type { Settings } from "../domain/settings";
import { institutionChoice, inspectorChoice } from "../domain/submission";
import type { Institution, Inspector } from "../domain/types";
import type { Services } from "../gas/ports";
import { PROP_CHOICES_SET } from "../gas/keys";
import { hex } from "../domain/sampling";

export function choiceListsFor(
  def: FormDefinition,
  institutions: readonly Institution[],
  settings: Settings,
  roster: readonly Inspector[] | undefined,
): ChoiceLists {
  return {
    institutions: institutions
      .filter(
        (i) =>
          i.id && i.name && (def.kind === "inspection" ? i.type === def.type : def.kind === "reinspection"),
      )
      .map(institutionChoice),
    villages: settings.villages,
    departments: settings.departments,
    inspectors: roster?.filter((p) => p.active).map(inspectorChoice),
  };
}

/**
 * `roster` undefined: the inspector choices stay as they are. Returns whether every form was updated. A
 * form whose lists are what this function last set is left alone (most days the register is unchanged,
 * and each form costs several Forms calls); 初始化/更新 sets every list again whatever was recorded.
 */
export function syncAllChoices(
  svc: Services,
  institutions: readonly Institution[],
  settings: Settings,
  roster: readonly Inspector[] | undefined,
): boolean {
  let all = true;
  for (const rec of svc.forms.records().values()) {
    const def = CHECKLISTS.forms.find((f) => f.id === rec.defId);
    if (!def || rec.building) continue;
    try {
      const lists = choiceListsFor(def, institutions, settings, roster);
      const key = PROP_CHOICES_SET + rec.defId;
      const set = svc.props.get(key);
      const fingerprint = hex(svc.hash.sha256(`${rec.formId}|${rec.version}|${JSON.stringify(lists)}`));
      if (set === fingerprint) continue;
      svc.forms.syncChoices(rec, lists);
      svc.props.set({ [key]: fingerprint });
    } catch (e) {
      // A form deleted by hand: setup rebuilds it. The ledger work goes on.
      console.warn((e as Error).message);
      all = false;
    }
  }
  return all;
}

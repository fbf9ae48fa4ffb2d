// Installable triggers, installed exactly once: setup compares what exists with what should exist.
import type { TriggerSpec, Triggers } from "./ports";

/** The event each kind of trigger fires on (ScriptApp.EventType); all but a daily one name a source. */
const EVENT = { formSubmit: "ON_FORM_SUBMIT", edit: "ON_EDIT", change: "ON_CHANGE", daily: "CLOCK" } as const;

const same = (t: GoogleAppsScript.Script.Trigger, spec: TriggerSpec): boolean =>
  t.getHandlerFunction() === spec.handler &&
  t.getEventType() === ScriptApp.EventType[EVENT[spec.kind]] &&
  (spec.kind === "daily" || t.getTriggerSourceId() === ("formId" in spec ? spec.formId : spec.spreadsheetId));

export const appsScriptTriggers: Triggers = {
  /**
   * Makes the project's triggers for the handlers in `wanted` exactly `wanted`: missing ones are
   * created, duplicates and stale ones (e.g. for a replaced form) deleted. Triggers of other functions
   * are left alone. Returns how many of ours exist afterwards.
   */
  ensure(wanted: TriggerSpec[], addOnly?: boolean): number {
    const handlers = new Set(wanted.map((w) => w.handler));
    const existing = ScriptApp.getProjectTriggers().filter((t) => handlers.has(t.getHandlerFunction()));
    const kept = new Set<GoogleAppsScript.Script.Trigger>();
    for (const spec of wanted) {
      const match = existing.find((t) => !kept.has(t) && same(t, spec));
      if (match) {
        kept.add(match);
        continue;
      }
      const b = ScriptApp.newTrigger(spec.handler);
      if (spec.kind === "formSubmit") b.forForm(spec.formId).onFormSubmit().create();
      else if (spec.kind === "edit") b.forSpreadsheet(spec.spreadsheetId).onEdit().create();
      else if (spec.kind === "change") b.forSpreadsheet(spec.spreadsheetId).onChange().create();
      else b.timeBased().everyDays(1).atHour(spec.hour).create();
    }
    if (!addOnly) for (const t of existing) if (!kept.has(t)) ScriptApp.deleteTrigger(t);
    return wanted.length;
  },

  retryLater(handler: string, ms: number): void {
    // One pending retry is enough: a second would only run the same work again.
    if (ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === handler)) return;
    ScriptApp.newTrigger(handler).timeBased().after(ms).create();
  },

  forget(triggerUid: string): void {
    for (const t of ScriptApp.getProjectTriggers())
      if (t.getUniqueId() === triggerUid) ScriptApp.deleteTrigger(t);
  },
};

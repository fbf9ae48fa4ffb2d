// 抽查 (双随机一公开): draw institutions and inspectors from the frozen register with a public seed,
// record everything needed to re-check the draw, verify a past draw, and publish notices.
import {
  canonicalRegister,
  drawNotice,
  drawSample,
  parseCanonical,
  resultsNotice,
  riskTier,
  DRAW_METHOD,
  type DrawInspector,
  type DrawInstitution,
  type DrawParams,
  type FollowUp,
} from "../domain/spotcheck";
import type { Sha256 } from "../domain/sampling";
import { daysBetween } from "../domain/dates";
import { urgency } from "../domain/rectification";
import type { Row } from "../domain/ledger";
import type { Settings } from "../domain/settings";
import { DISPOSITION, DRAW_TEXT, FINDING_STATUS, INSTITUTION_STATE, TYPE_LABEL } from "../text/zh";
import { Ledger, type Table } from "../gas/ledger";
import { cellToLocalDate, today } from "../gas/env";
import { findingsOf, institutionsOf, readRoster, readSettings } from "./context";
import { notify } from "./notify";

export const sha256: Sha256 = (text) =>
  Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);

/** Menu 抽查: asks for the public seed and the mode, draws, records and publishes. */
export function drawFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(DRAW_TEXT.seedPrompt, ui.ButtonSet.OK_CANCEL);
  const seed = answer.getSelectedButton() === ui.Button.OK ? answer.getResponseText().trim() : "";
  if (!seed) {
    ui.alert(DRAW_TEXT.seedMissing);
    return;
  }
  const lookback = ui.alert(DRAW_TEXT.lookbackPrompt, ui.ButtonSet.YES_NO) === ui.Button.YES;
  const lock = LockService.getScriptLock();
  lock.waitLock(30_000);
  try {
    notify(runDraw(seed, lookback ? "lookback" : "regular").message);
  } finally {
    lock.releaseLock();
  }
}

interface DrawInputs {
  institutions: DrawInstitution[];
  inspectors: DrawInspector[];
  params: DrawParams;
  settings: Settings;
  links: Map<string, string>;
}

/** The register as the draw sees it: eligible institutions with their risk tier and last inspectors. */
function drawInputs(ledger: Ledger, mode: DrawParams["mode"]): DrawInputs {
  const { settings } = readSettings(ledger, true);
  const register = ledger.read("register");
  const findingsTable = ledger.read("findings");
  const inspections = ledger.rows(ledger.read("inspections"));
  const now = today();
  const findings = findingsOf(ledger, findingsTable);
  const byInstitution = new Map<string, typeof findings>();
  for (const f of findings)
    byInstitution.set(f.institutionId, [...(byInstitution.get(f.institutionId) ?? []), f]);
  const last = new Map<string, { date: string; inspectors: string[] }>();
  for (const i of inspections) {
    const date = cellToLocalDate(i.date);
    const id = String(i.institutionId ?? "");
    if (!id || !date) continue;
    if (!last.has(id) || last.get(id)!.date <= date)
      last.set(id, {
        date,
        inspectors: String(i.inspectors ?? "")
          .split("、")
          .filter(Boolean),
      });
  }
  const rows = ledger.rows(register);
  const links = new Map<string, string>();
  const institutions: DrawInstitution[] = [];
  institutionsOf(ledger, register).forEach((inst, i) => {
    const row = rows[i]!;
    if (!inst.id || !inst.name) return;
    links.set(inst.id, String(row.formLink ?? ""));
    const own = byInstitution.get(inst.id) ?? [];
    const open = own.filter((f) => f.status !== FINDING_STATUS.closed);
    const disposition = String(row.disposition ?? "");
    const lastInspected = cellToLocalDate(row.lastInspected) || last.get(inst.id)?.date || "";
    const eligible =
      mode === "lookback"
        ? disposition === DISPOSITION.close ||
          (own.length > 0 && open.length === 0) ||
          String(row.state) === INSTITUTION_STATE.done
        : disposition !== DISPOSITION.close &&
          !(lastInspected && daysBetween(lastInspected, now) < settings.excludeRecentDays);
    if (!eligible) return;
    institutions.push({
      id: inst.id,
      name: inst.name,
      type: inst.type,
      village: inst.village,
      tier: riskTier({
        inspected: !!lastInspected,
        openFindings: open.length,
        overdueFindings: open.filter((f) => urgency(f, now, 0).kind === "overdue").length,
        classIIIEver: own.some((f) => f.class === "III"),
        complaints: Number(row.complaints) || 0,
      }),
      lastInspectors: last.get(inst.id)?.inspectors ?? [],
    });
  });
  const inspectors = readRoster(ledger, true)
    .filter((p) => p.active)
    .map((p) => ({ name: p.name, department: p.department, village: p.village }));
  const params: DrawParams = {
    mode,
    overallRate: settings.spotRate,
    villageCoverage: settings.villageCoverage,
    tierRates: settings.tierRates,
    inspectorsPerInstitution: settings.inspectorsPerInstitution,
  };
  return { institutions, inspectors, params, settings, links };
}

export function runDraw(seed: string, mode: DrawParams["mode"]): { message: string; drawId?: string } {
  const ledger = new Ledger();
  const input = drawInputs(ledger, mode);
  if (!input.institutions.length) return { message: DRAW_TEXT.noEligible };
  const result = drawSample(seed, input.institutions, input.inspectors, input.params, sha256);
  const draws = ledger.read("draws");
  const date = today();
  const prefix = `CC${date.replace(/-/g, "")}-`;
  const ids = new Set(ledger.rows(draws).map((r) => String(r.drawId)));
  let n = 1;
  while (ids.has(`${prefix}${n}`)) n++;
  const drawId = `${prefix}${n}`;
  const drawnAt = new Date();
  const modeLabel = mode === "lookback" ? DRAW_TEXT.modeLookback : DRAW_TEXT.modeRegular;
  const params = `比例 ${input.params.overallRate * 100}%；村覆盖 ${input.params.villageCoverage * 100}%；层级 ${Object.entries(
    input.params.tierRates,
  )
    .map(([t, r]) => `${t}:${Math.round(r * 100)}%`)
    .join(" ")}；每家 ${input.params.inspectorsPerInstitution} 人`;
  ledger.append(
    draws,
    result.selected.map((s) => ({
      drawId,
      drawnAt,
      mode: modeLabel,
      seed,
      registerHash: result.registerHash,
      params,
      method: DRAW_METHOD,
      institutionId: s.institution.id,
      institutionName: s.institution.name,
      village: s.institution.village,
      type: s.institution.type ? TYPE_LABEL[s.institution.type] : "",
      stratum: s.stratum,
      inspectors: s.inspectors.map((p) => p.name).join("、"),
      relaxed: s.relaxed.join("；"),
      formLink: input.links.get(s.institution.id) ?? "",
    })),
  );
  const snapshot = ledger.readHeader("drawSnapshots");
  ledger.append(
    snapshot,
    canonicalRegister(input.institutions, input.inspectors, input.params)
      .split("\n")
      .map((text, i) => ({ drawId, line: i + 1, text })),
  );
  const notice = drawNotice(result, input.params, {
    township: input.settings.township,
    drawId,
    date,
    seed,
    typeLabel: (t) => (t ? TYPE_LABEL[t] : ""),
  });
  ledger.append(ledger.readHeader("notices"), [{ at: drawnAt, drawId, kind: modeLabel, text: notice }]);
  return {
    message: DRAW_TEXT.done(drawId, result.selected.length, result.eligible, result.registerHash),
    drawId,
  };
}

/** Menu 复核抽查: recomputes a past draw from its snapshot and says whether it matches the record. */
export function verifyFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(DRAW_TEXT.verifyPrompt, ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  notify(verifyDraw(answer.getResponseText().trim()).message);
}

export function verifyDraw(requested: string): { ok: boolean; message: string } {
  const ledger = new Ledger();
  const records = ledger.rows(ledger.read("draws"));
  const drawId = requested || String(records[records.length - 1]?.drawId ?? "");
  const rows = records.filter((r) => String(r.drawId) === drawId);
  const lines = ledger
    .rows(ledger.read("drawSnapshots"))
    .filter((r) => String(r.drawId) === drawId)
    .sort((a, b) => Number(a.line) - Number(b.line))
    .map((r) => String(r.text));
  const parsed = parseCanonical(lines.join("\n"));
  if (!rows.length || !parsed) return { ok: false, message: DRAW_TEXT.verifyNotFound(drawId) };
  const seed = String(rows[0]!.seed);
  const result = drawSample(seed, parsed.institutions, parsed.inspectors, parsed.params, sha256);
  if (result.registerHash !== String(rows[0]!.registerHash))
    return { ok: false, message: DRAW_TEXT.verifyFail(drawId, DRAW_TEXT.hashMismatch) };
  const recorded = rows.map((r) => `${String(r.institutionId)}:${String(r.inspectors)}`);
  const again = result.selected.map(
    (s) => `${s.institution.id}:${s.inspectors.map((p) => p.name).join("、")}`,
  );
  const differ = again
    .filter((x) => !recorded.includes(x))
    .concat(recorded.filter((x) => !again.includes(x)));
  if (differ.length)
    return {
      ok: false,
      message: DRAW_TEXT.verifyFail(drawId, DRAW_TEXT.selectionMismatch(differ.slice(0, 5).join("，"))),
    };
  return { ok: true, message: DRAW_TEXT.verifyOk(drawId) };
}

/** Menu 抽查结果公示: links follow-up inspections back to the latest draw and publishes its results. */
export function resultsFromMenu(): void {
  notify(publishResults());
}

export function publishResults(): string {
  const ledger = new Ledger();
  const { settings } = readSettings(ledger);
  const draws: Table = ledger.read("draws");
  const records = ledger.rows(draws);
  const drawId = String(records[records.length - 1]?.drawId ?? "");
  if (!drawId) return DRAW_TEXT.verifyNotFound("");
  const inspections = ledger.rows(ledger.read("inspections"));
  const followUps = new Map<string, FollowUp>();
  const changes = new Map<number, Row>();
  records.forEach((r, i) => {
    if (String(r.drawId) !== drawId) return;
    const drawDate = cellToLocalDate(r.drawnAt);
    const visit = inspections
      .filter(
        (x) =>
          String(x.institutionId) === String(r.institutionId) &&
          String(x.form) !== "reinspection" &&
          cellToLocalDate(x.date) >= drawDate,
      )
      .sort((a, b) => cellToLocalDate(a.date).localeCompare(cellToLocalDate(b.date)))[0];
    if (!visit) return;
    const f: FollowUp = {
      institutionId: String(r.institutionId),
      inspectionId: String(visit.id),
      findings: Number(visit.findingCount) || 0,
      classI: Number(visit.classI) || 0,
      classII: Number(visit.classII) || 0,
      classIII: Number(visit.classIII) || 0,
    };
    followUps.set(f.institutionId, f);
    const result =
      f.findings === 0
        ? DRAW_TEXT.noProblems
        : DRAW_TEXT.problems(f.findings, f.classI, f.classII, f.classIII);
    if (String(r.inspectionId) !== f.inspectionId || String(r.result) !== result)
      changes.set(i + 1, { inspectionId: f.inspectionId, result });
  });
  ledger.update(draws, changes);
  const selected = records
    .filter((r) => String(r.drawId) === drawId)
    .map((r) => ({
      id: String(r.institutionId),
      name: String(r.institutionName),
      village: String(r.village),
    }));
  const text = resultsNotice(selected, followUps, { township: settings.township, drawId });
  ledger.append(ledger.readHeader("notices"), [{ at: new Date(), drawId, kind: "结果公示", text }]);
  return text;
}

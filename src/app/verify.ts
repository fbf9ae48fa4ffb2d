// 核验台账 and the daily check's integrity step: the 操作日志 hash chain is recomputed row by row; what
// does not fit is told to the coordinator in plain Chinese with the first row that broke it. The weekly
// and monthly summary mails carry the chain's latest hash, so anyone holding an older mail can later
// tell whether the log up to it was rewritten.
import { shortHash, verifyChain, type ChainCheck } from "../domain/chain";
import { columnSpec, LEDGER } from "../domain/ledger";
import { reconcile } from "../domain/reconcile";
import {
  RECONCILED_COLUMNS,
  SHADOW_COLUMNS,
  SHADOW_FOLLOWS,
  packedChanges,
  shadowById,
  shadowRowOf,
} from "../domain/shadow";
import type { MailBody } from "../domain/mails";
import { escapeHtml } from "../domain/html";
import type { Services, Table } from "../gas/ports";
import { INTEGRITY_TEXT, SHADOW_TEXT } from "../text/integrity";
import { LedgerError } from "../gas/sheets";
import { commitAndReport } from "./commit";
import { appendLog, logRows, scriptAccount, type LogEntry } from "./log";
import { exclusive, tellCoordinator, USUAL_WAIT } from "./run";
import { asText, trimmedText } from "../domain/text";
import { appendRows, updateCells } from "../domain/plan";

const sha256 = (svc: Services) => (text: string) => svc.hash.sha256(text);

function checkChain(svc: Services): ChainCheck | undefined {
  if (!svc.ledger.has("log")) return undefined;
  const log = svc.ledger.read("log");
  return verifyChain(sha256(svc), log.rows, log.firstRow);
}

function chainProblem(check: ChainCheck | undefined): string | undefined {
  if (!check?.broken) return undefined;
  return check.broken.kind === "unhashed"
    ? INTEGRITY_TEXT.chainUnhashed(check.broken.row)
    : INTEGRITY_TEXT.chainChanged(check.broken.row);
}

const header = (column: string) => columnSpec("findings", column)?.header ?? column;

const list = (items: readonly string[]) => SHADOW_TEXT.list(items.slice(0, 20), items.length);

/**
 * Compares 问题台账 with 状态底账 and 检查记录: puts back every state cell that differs from the shadow
 * (through the one commit, never over a newer edit) and returns what it did and what it could not do.
 */
interface Reconciled {
  problems: string[];
  /** Findings with an id. */
  findings: number;
}

function reconcileFindings(svc: Services): Reconciled {
  if (!svc.ledger.has("shadow") || !svc.ledger.has("findings")) return { problems: [], findings: 0 };
  let shadowTable, findings: Table, inspections;
  try {
    shadowTable = svc.ledger.readColumns("shadow", ["id", "record"]);
    // Only the columns compared: 问题台账's others are a person's to edit.
    findings = svc.ledger.readColumns("findings", [...RECONCILED_COLUMNS, ...SHADOW_FOLLOWS]);
    inspections = svc.ledger.has("inspections")
      ? svc.ledger.readColumns("inspections", ["id", "form", "findingCount"]).rows
      : [];
  } catch (e) {
    if (e instanceof LedgerError) return { problems: [e.message], findings: 0 };
    throw e;
  }
  const withId = findings.rows.filter((r) => trimmedText(r.id)).length;
  if (!shadowTable.rows.length) return { problems: withId ? [SHADOW_TEXT.empty] : [], findings: withId };
  const shadow = shadowById(shadowTable.rows, shadowTable.firstRow);
  const r = reconcile({ findings: findings.rows, findingsFirstRow: findings.firstRow, shadow, inspections });
  // What the shadow only copies (整改责任人) follows 问题台账 quietly: a person changed it there.
  if (r.follow.length) svc.ledger.commit([updateCells("shadow", packedChanges(r.follow, shadow))]);
  const problems: string[] = [];
  if (r.restore.length) {
    // Each line goes before its restore, in the same commit: a run that dies between them leaves the
    // line, and its retry (finding the cell still to put back) writes it again. Never a silent restore.
    const entries: LogEntry[] = r.restore.map((c) => ({
      user: scriptAccount(svc),
      action: SHADOW_TEXT.restoreAction,
      target: `${LEDGER.findings.name}!${c.key}`,
      oldValue: String(c.before),
      newValue: String(c.after),
      note: SHADOW_TEXT.restoredCell(header(c.column)),
    }));
    const report = commitAndReport(svc, [
      appendRows("log", logRows(svc, entries)),
      updateCells("findings", r.restore),
    ]);
    const left = new Set([
      ...report.skipped.map((s) => `${s.key}|${s.column}`),
      ...report.missing.map((m) => `${m.key}|`),
    ]);
    const done = r.restore.filter((c) => !left.has(`${c.key}|${c.column}`) && !left.has(`${c.key}|`));
    if (done.length)
      problems.push(
        SHADOW_TEXT.restored(
          done.length,
          list(
            done.map((c) =>
              SHADOW_TEXT.restoredItem(c.key, header(c.column), String(c.before), String(c.after)),
            ),
          ),
        ),
      );
  }
  if (r.missing.length) problems.push(SHADOW_TEXT.missing(list(r.missing)));
  if (r.unknown.length)
    problems.push(SHADOW_TEXT.unknown(list(r.unknown.map((u) => SHADOW_TEXT.unknownItem(u.id, u.row)))));
  if (r.duplicates.length) problems.push(SHADOW_TEXT.duplicates(list(r.duplicates)));
  if (r.damaged.length) problems.push(SHADOW_TEXT.damaged(list(r.damaged)));
  if (r.counts.length)
    problems.push(
      SHADOW_TEXT.counts(
        list(r.counts.map((c) => SHADOW_TEXT.countItem(c.inspectionId, c.recorded, c.ledger))),
      ),
    );
  return { problems, findings: withId };
}

/** 初始化/更新 on a ledger made before 状态底账: the shadow starts from the findings as they stand. */
export function seedShadow(svc: Services): string | undefined {
  if (!svc.ledger.has("shadow") || svc.ledger.readTail("shadow", 1).rows.length) return undefined;
  const findings = svc.ledger.readColumns("findings", [...SHADOW_COLUMNS]);
  const rows = findings.rows.filter((r) => trimmedText(r.id));
  if (!rows.length) return undefined;
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(String(r.id)) && !!seen.add(String(r.id)));
  svc.ledger.commit([appendRows("shadow", unique.map(shadowRowOf))]);
  return SHADOW_TEXT.seeded(unique.length);
}

/** What 核验台账 finds wrong, each in plain Chinese (empty when all is in order). */
function integrityProblems(svc: Services): {
  problems: string[];
  chain: ChainCheck | undefined;
  findings: number;
} {
  const chain = checkChain(svc);
  const shadow = reconcileFindings(svc);
  const problems = [chainProblem(chain), ...shadow.problems].filter((p): p is string => !!p);
  return { problems, chain, findings: shadow.findings };
}

/**
 * After a person deleted or inserted rows (installable change trigger): the same comparison as the
 * daily check, told to the coordinator at once.
 */
export function reconcileNow(svc: Services): void {
  for (const problem of reconcileFindings(svc).problems)
    tellCoordinator(svc, problem, SHADOW_TEXT.structureAction);
}

/** Menu 核验台账: checks now, logs the result and shows it. */
export function verifyLedgerFromMenu(svc: Services): void {
  const message = exclusive(svc, INTEGRITY_TEXT.verifyAction, USUAL_WAIT, () => {
    const { problems, chain, findings } = integrityProblems(svc);
    const ok =
      (!chain?.startRow
        ? INTEGRITY_TEXT.chainNotStarted
        : INTEGRITY_TEXT.chainOk(chain.checked, shortHash(chain.last)) +
          (chain.before ? INTEGRITY_TEXT.chainBefore(chain.before) : "")) +
      (svc.ledger.has("shadow") ? `\n${SHADOW_TEXT.findingsOk(findings)}` : "");
    const text = problems.length ? problems.join("\n") : ok;
    appendLog(svc, [
      { user: svc.identity.activeUser(), action: INTEGRITY_TEXT.verifyAction, target: "", note: text },
    ]);
    return text;
  });
  if (message) svc.ui.alert(message);
}

/** The nightly check (src/app/daily.ts): every problem found goes to the coordinator (toast, 操作日志, digest). */
export function dailyIntegrityCheck(svc: Services): void {
  for (const problem of integrityProblems(svc).problems)
    tellCoordinator(svc, problem, INTEGRITY_TEXT.dailyAction);
}

/** The summary mail with the chain's latest hash (short and full) at its end. */
export function withChainHash(svc: Services, body: MailBody): MailBody {
  const last = svc.ledger.has("log") ? asText(svc.ledger.readTail("log", 1).rows[0]?.hash) : "";
  const line = last ? INTEGRITY_TEXT.summaryHashLine(shortHash(last), last) : INTEGRITY_TEXT.summaryNoHash;
  const paragraph = `<p style="font-size:12px;color:#5f6368;overflow-wrap:anywhere">${escapeHtml(line)}</p>`;
  const html = body.html.endsWith("</div>")
    ? `${body.html.slice(0, -6)}${paragraph}</div>`
    : body.html + paragraph;
  return { ...body, html, text: `${body.text}\n\n${line}` };
}

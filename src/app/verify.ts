// 核验台账 and the daily check's integrity step: the 操作日志 hash chain is recomputed row by row; what
// does not fit is told to the coordinator in plain Chinese with the first row that broke it. The weekly
// and monthly summary mails carry the chain's latest hash, so anyone holding an older mail can later
// tell whether the log up to it was rewritten.
import { shortHash, verifyChain, type ChainCheck } from "../domain/chain";
import type { MailBody } from "../domain/mails";
import { escapeHtml } from "../domain/html";
import type { Services } from "../gas/ports";
import { INTEGRITY_TEXT } from "../text/integrity";
import { appendLog } from "./log";
import { exclusive, tellCoordinator } from "./run";

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

/** What 核验台账 finds wrong, each in plain Chinese (empty when all is in order). */
function integrityProblems(svc: Services): { problems: string[]; chain: ChainCheck | undefined } {
  const chain = checkChain(svc);
  const problems = [chainProblem(chain)].filter((p): p is string => !!p);
  return { problems, chain };
}

/** Menu 核验台账: checks now, logs the result and shows it. */
export function verifyLedgerFromMenu(svc: Services): void {
  const message = exclusive(svc, INTEGRITY_TEXT.verifyAction, { waitMs: 30_000 }, () => {
    const { problems, chain } = integrityProblems(svc);
    const ok = !chain?.startRow
      ? INTEGRITY_TEXT.chainNotStarted
      : INTEGRITY_TEXT.chainOk(chain.checked, shortHash(chain.last)) +
        (chain.before ? INTEGRITY_TEXT.chainBefore(chain.before) : "");
    const text = problems.length ? problems.join("\n") : ok;
    appendLog(svc, [
      { user: svc.identity.activeUser(), action: INTEGRITY_TEXT.verifyAction, target: "", note: text },
    ]);
    return text;
  });
  if (message) svc.ui.alert(message);
}

/** The daily check's step: every problem found goes to the coordinator (toast, 操作日志, digest). */
export function dailyIntegrityCheck(svc: Services): void {
  for (const problem of integrityProblems(svc).problems)
    tellCoordinator(svc, problem, INTEGRITY_TEXT.dailyAction);
}

/** The summary mail with the chain's latest hash (short and full) at its end. */
export function withChainHash(svc: Services, body: MailBody): MailBody {
  const last = svc.ledger.has("log") ? String(svc.ledger.readTail("log", 1).rows[0]?.hash ?? "") : "";
  const line = last ? INTEGRITY_TEXT.summaryHashLine(shortHash(last), last) : INTEGRITY_TEXT.summaryNoHash;
  const paragraph = `<p style="font-size:12px;color:#5f6368;overflow-wrap:anywhere">${escapeHtml(line)}</p>`;
  const html = body.html.endsWith("</div>")
    ? `${body.html.slice(0, -6)}${paragraph}</div>`
    : body.html + paragraph;
  return { ...body, html, text: `${body.text}\n\n${line}` };
}

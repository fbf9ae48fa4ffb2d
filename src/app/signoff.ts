// 确认销号… (menu): with 销号需协调员确认 = 是, a passed re-inspection leaves its finding 待确认销号 until
// the owner or a coordinator listed in 配置 confirms it here. The selected rows of 问题台账 are confirmed
// (or every finding waiting, when no finding row is selected), after a dialog listing them; under the
// lock, through the commit (a cell a person changed meanwhile is kept), and logged in 操作日志.
import { awaitingSignoff, mayConfirmSignoff, signoffChanges } from "../domain/identity";
import { LEDGER } from "../domain/ledger";
import type { Services } from "../gas/ports";
import { SIGNOFF_PENDING, SIGNOFF_TEXT, UNKNOWN_USER } from "../text/identity";
import { STATUS_CLOSED } from "../text/zh";
import { readSettings } from "./context";
import { commitAndReport } from "./commit";
import { appendLog } from "./log";
import { exclusive, logLater, USUAL_WAIT } from "./run";
import { PROP_SIGNOFF_INFLIGHT } from "../gas/keys";
import { asText } from "../domain/text";
import { updateCells } from "../domain/plan";

export interface MenuContext {
  /** The spreadsheet's owner ("" when unknown). */
  owner: string;
  selection?: { sheet: string; firstRow: number; numRows: number };
}

/** How many findings the confirmation dialog lists by name. */
const LISTED = 30;

export function confirmSignoffsFromMenu(svc: Services, menu: MenuContext): void {
  const message = exclusive(svc, SIGNOFF_TEXT.action, USUAL_WAIT, () => confirmSignoffs(svc, menu));
  if (message) svc.ui.alert(message);
}

function confirmSignoffs(svc: Services, menu: MenuContext): string {
  // A confirmation that died part-way is finished first (it was confirmed already, by its author).
  const unfinished = svc.props.get(PROP_SIGNOFF_INFLIGHT);
  if (unfinished) return finish(svc, JSON.parse(unfinished) as SignoffJob);
  const user = svc.identity.activeUser();
  const { settings } = readSettings(svc, true);
  // Someone refused here may not write 操作日志 (it is protected): the next run that holds the lock logs
  // the attempt, and the coordinator's digest reports it.
  const refuse = (note: string) => {
    logLater(
      svc,
      { user: user || UNKNOWN_USER, action: SIGNOFF_TEXT.action, target: LEDGER.findings.name, note },
      true,
    );
    return note;
  };
  if (!user) return refuse(SIGNOFF_TEXT.identityUnknown);
  if (!mayConfirmSignoff(user, menu.owner, settings.coordinatorEmails))
    return refuse(SIGNOFF_TEXT.notCoordinator(user));

  const table = svc.ledger.read("findings");
  const sel = menu.selection;
  const onLedger =
    sel && sel.sheet === LEDGER.findings.name && sel.firstRow + sel.numRows - 1 >= table.firstRow;
  const chosen = awaitingSignoff(table.rows, table.firstRow, onLedger ? sel : undefined);
  if (!chosen.length) return onLedger ? SIGNOFF_TEXT.noneInSelection : SIGNOFF_TEXT.noneWaiting;
  const lines = chosen.slice(0, LISTED).map((c) => SIGNOFF_TEXT.line(c.id, c.institutionName, c.itemText));
  if (chosen.length > LISTED) lines.push(SIGNOFF_TEXT.more(chosen.length - LISTED));
  const ask = onLedger ? SIGNOFF_TEXT.askSelected : SIGNOFF_TEXT.ask;
  if (!svc.ui.confirm(ask(chosen.length, lines.join("\n")))) return SIGNOFF_TEXT.cancelled;

  const job: SignoffJob = { ids: chosen.map((c) => c.id), by: user, today: svc.clock.today() };
  svc.props.set({ [PROP_SIGNOFF_INFLIGHT]: JSON.stringify(job) });
  return finish(svc, job);
}

/** A confirmation the coordinator made: which findings, by whom, on which day. */
interface SignoffJob {
  ids: string[];
  by: string;
  today: string;
}

/** How far back 操作日志 is read for the lines a confirmation that died may already have written. */
const LOG_LOOKBACK = 300;

/**
 * Writes a confirmation: the findings (each change recognised if already made), then one 操作日志 line
 * per finding not already logged, then drops the marker. A run that dies anywhere leaves the marker, and
 * the next 确认销号… finishes the job before anything else, so nothing is done twice or left half-done.
 */
function finish(svc: Services, job: SignoffJob): string {
  const table = svc.ledger.read("findings");
  const wanted = new Set(job.ids);
  // Rows still waiting, or signed off by this job before it died; one a person since set back is left.
  const rows = table.rows
    .map((row, i) => ({ row, at: table.firstRow + i }))
    .filter(
      ({ row }) =>
        wanted.has(String(row.id)) &&
        (asText(row.status) === SIGNOFF_PENDING || asText(row.status) === STATUS_CLOSED),
    );
  const changes = rows.flatMap(({ row, at }) => signoffChanges(row, at, job.today, job.by));
  const report = commitAndReport(svc, [updateCells("findings", changes)]);
  const present = new Set(rows.map(({ row }) => String(row.id)));
  const kept = new Set([...report.skipped, ...report.missing].map((s) => s.key));
  const done = job.ids.filter((id) => present.has(id) && !kept.has(id));
  const target = (id: string) => `${LEDGER.findings.name}!${id}`;
  const logged = new Set(
    svc.ledger
      .readTail("log", LOG_LOOKBACK)
      .rows.filter((r) => r.action === SIGNOFF_TEXT.action && r.newValue === STATUS_CLOSED)
      .map((r) => String(r.target)),
  );
  appendLog(
    svc,
    done
      .filter((id) => !logged.has(target(id)))
      .map((id) => ({
        user: job.by,
        action: SIGNOFF_TEXT.action,
        target: target(id),
        oldValue: SIGNOFF_PENDING,
        newValue: STATUS_CLOSED,
      })),
  );
  svc.props.remove([PROP_SIGNOFF_INFLIGHT]);
  const skipped = job.ids.length - done.length;
  return [SIGNOFF_TEXT.done(done.length), skipped ? SIGNOFF_TEXT.skipped(skipped) : ""]
    .filter(Boolean)
    .join("\n");
}

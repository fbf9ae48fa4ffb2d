// 确认销号… (menu): with 销号需协调员确认 = 是, a passed re-inspection leaves its finding 待确认销号 until
// the owner or a coordinator listed in 配置 confirms it here. The selected rows of 问题台账 are confirmed
// (or every finding waiting, when no finding row is selected), after a dialog listing them; under the
// lock, through the commit (a cell a person changed meanwhile is kept), and logged in 操作日志.
import { awaitingSignoff, mayConfirmSignoff, signoffChanges } from "../domain/identity";
import { LEDGER } from "../domain/ledger";
import type { Services } from "../gas/ports";
import { SIGNOFF_PENDING, SIGNOFF_TEXT, UNKNOWN_USER } from "../text/identity";
import { FINDING_STATUS } from "../text/zh";
import { readSettings } from "./context";
import { reportCommit } from "./commit";
import { appendLog } from "./log";
import { exclusive, logLater } from "./run";

export interface MenuContext {
  /** The spreadsheet's owner ("" when unknown). */
  owner: string;
  selection?: { sheet: string; firstRow: number; numRows: number };
}

/** How many findings the confirmation dialog lists by name. */
const LISTED = 30;

export function confirmSignoffsFromMenu(svc: Services, menu: MenuContext): void {
  const message = exclusive(svc, SIGNOFF_TEXT.action, { waitMs: 30_000 }, () => confirmSignoffs(svc, menu));
  if (message) svc.ui.alert(message);
}

function confirmSignoffs(svc: Services, menu: MenuContext): string {
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

  const today = svc.clock.today();
  const changes = chosen.flatMap((c) =>
    signoffChanges(table.rows[c.row - table.firstRow]!, c.row, today, user),
  );
  const report = reportCommit(svc, svc.ledger.commit([{ kind: "update", sheet: "findings", changes }]));
  const kept = new Set([...report.skipped, ...report.missing].map((s) => s.key));
  const done = chosen.filter((c) => !kept.has(c.id));
  appendLog(
    svc,
    done.map((c) => ({
      user,
      action: SIGNOFF_TEXT.action,
      target: `${LEDGER.findings.name}!${c.id}`,
      oldValue: SIGNOFF_PENDING,
      newValue: FINDING_STATUS.closed,
    })),
  );
  return [SIGNOFF_TEXT.done(done.length), kept.size ? SIGNOFF_TEXT.skipped(kept.size) : ""]
    .filter(Boolean)
    .join("\n");
}

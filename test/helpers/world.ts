// Everything a run can change, as plain data, to compare a run that failed and was retried with a clean
// run: every cell of every sheet, every mail (recipient and subject), the Drive files, the forms, the
// triggers, the protections and the document properties. What may differ by design is named here and
// nowhere else: the times a run wrote (it ran later), the lines telling the coordinator of the failure,
// and the outbox's own bookkeeping.
import type { Runtime } from "../../sim/runtime";
import { isDate } from "../../sim/host";

/** Lines of 操作日志 that report a failure or a wait (they exist only in the world where one happened). */
const FAILURE_NOTES = [/^处理未完成/, /可能未送达/, /暂未写入台账/, /未能运行/, /已安排 10 分钟后/];
const FAILURE_ACTIONS = new Set(["邮件可能未送达", "等待处理"]);
/**
 * What an integrity run (the change trigger, the daily check's step) tells the coordinator is what that
 * run found: after a failure the retry finds less (a cell the failed run put back is right now), and a
 * line 操作日志 could not take is still in the digest; what stays wrong is told again every morning. So
 * these lines are left out, and 核验台账's (one per click, naming the chain's latest hash) is compared
 * without its note, once. The evidence of a put-back cell (按底账恢复) goes in before the cell, in the same
 * commit: a retry that finds the cell still to put back writes it again (at least once), so it counts once.
 */
const REPORT_ACTIONS = new Set(["台账结构变动", "每日检查：台账核验"]);
const ONCE = /^(初始化\/更新|核验台账|按底账恢复)\|/;
const NO_NOTE = new Set(["初始化/更新", "核验台账"]);
/** Bookkeeping the retry legitimately leaves different (records of attempts, times of the last run). */
const VOLATILE_PROPS = [/^fx:/, /^digest:/, /^note:/, /^cache:/, /^notice:folder$/];

const dayOf = (v: unknown) =>
  isDate(v) ? new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(v) : v;

export interface World {
  sheets: Record<string, unknown[][]>;
  log: string[];
  mails: string[];
  files: string[];
  forms: unknown[];
  /** Forms neither recorded nor linked: what a run that died right after creating one leaves. */
  orphanForms: string[];
  triggers: string[];
  protections: string[];
  props: Record<string, string>;
}

/** The digest to the coordinator carries failure reports: it is compared separately. */
export const isDigest = (subject: string) =>
  /条检查记录待核实|已写入台账，有事项待跟进|台账系统提示/.test(subject);

/** A form record without its ids (form and item ids are opaque; a rebuilt form has new item ids). */
const withoutIds = (json: string) =>
  JSON.stringify(JSON.parse(json, (k, v) => (k === "formId" ? "form" : typeof v === "number" ? 0 : v)));

export function world(rt: Runtime): World {
  const recorded = new Set(
    [...rt.properties._stores.document]
      .filter(([k]) => k.startsWith("form:"))
      .map(([, v]) => (JSON.parse(v) as { formId: string }).formId),
  );
  // Drive ids are opaque and depend on how many things were made before: a link is its file's name.
  const names = new Map(
    rt.drive._files.map((f) => [`https://drive.google.com/file/d/${f.id}/view`, `file:${f.name}`]),
  );
  // A prefilled link names its form and its question by id (forms/d/e/<id>, entry.<id>), opaque like
  // the form record's ids: a form rebuilt again after a failure has new ones, and the links follow them;
  // a setup split over several runs creates the same forms after other things (a continuation trigger).
  const titles = new Map([...rt.forms._forms.values()].map((f) => [f._id, f._title]));
  const day = (v: unknown) =>
    typeof v === "string" && names.has(v)
      ? names.get(v)
      : typeof v === "string"
        ? v
            .replace(/([?&]entry\.)\d+=/g, "$1ID=")
            .replace(/(\/forms\/d\/e\/)([^/]+)/g, (_m, p: string, id: string) => p + (titles.get(id) ?? id))
        : dayOf(v);
  const sheets: Record<string, unknown[][]> = {};
  let log: string[] = [];
  for (const s of rt.spreadsheet._sheets) {
    const rows = s._values.map((r) => (r ?? []).map(day));
    while (rows.length && rows[rows.length - 1]!.every((v) => v === "" || v === undefined)) rows.pop();
    if (s._name === "操作日志") {
      log = rows
        .slice(1)
        .filter(
          (r) =>
            !FAILURE_ACTIONS.has(String(r[2])) &&
            !REPORT_ACTIONS.has(String(r[2])) &&
            !FAILURE_NOTES.some((re) => re.test(String(r[6]))),
        )
        // 初始化/更新 lists what this run repaired: after a failed run, the retry repairs less.
        .map(
          (r) =>
            `${String(r[2])}|${String(r[3])}|${String(r[4])}|${String(r[5])}|${NO_NOTE.has(String(r[2])) ? "" : String(r[6])}`,
        )
        .filter((line, i, all) => !ONCE.test(line) || all.indexOf(line) === i);
      continue;
    }
    // A mail the policy left uncertain is checked by the mail policy, not by its 邮件记录 wording.
    if (s._name === "邮件记录") for (const r of rows) if (/^可能未送达/.test(String(r[4]))) r[4] = "已发送";
    sheets[s._name] = rows;
  }
  return {
    sheets,
    log,
    mails: rt.mail._sent
      .filter((m) => !isDigest(m.subject))
      .map((m) => `${m.to.join(",")}|${m.subject}`)
      .sort(),
    files: rt.drive._files.map((f) => f.name).sort(),
    forms: [...rt.forms._forms.values()]
      .filter((f) => !f._deleted && (recorded.has(f._id) || f._destinationId))
      .map((f) => ({
        title: f._title,
        destination: f._destinationId ?? "",
        responses: f._responses.length,
        items: f._items.map((i) => [
          i._type,
          i._title,
          i._helpText,
          i._rows,
          i._columns,
          i._choices.map((c) => c.value),
        ]),
      })),
    orphanForms: [...rt.forms._forms.values()]
      .filter((f) => !f._deleted && !recorded.has(f._id) && !f._destinationId)
      .map((f) => f._title),
    // A trigger names its form by id; ids are opaque, so by the form's title.
    triggers: rt.script._triggers
      .map((t) => `${t.handler}|${t.event}|${rt.forms._forms.get(t.sourceId)?._title ?? t.sourceId}`)
      .sort(),
    // Order carries no meaning: a protection adopted after a failure sits elsewhere in the list.
    protections: rt.spreadsheet._sheets
      .flatMap((s) =>
        s._protections.map(
          (p) =>
            `${s._name}|${p._description}|${p._range?.getA1Notation() ?? ""}|${p._warningOnly}|${[...p._editors].sort().join(",")}|${p._domainEdit}`,
        ),
      )
      .sort(),
    props: Object.fromEntries(
      [...rt.properties._stores.document]
        .filter(([k]) => !VOLATILE_PROPS.some((re) => re.test(k)))
        .map(([k, v]) => [k, k.startsWith("form:") ? withoutIds(v) : v]),
    ),
  };
}

/** The differences between two worlds, by part, for a readable failure message. */
export function differences(expected: World, got: World): string[] {
  const out: string[] = [];
  for (const name of new Set([...Object.keys(expected.sheets), ...Object.keys(got.sheets)])) {
    const a = JSON.stringify(expected.sheets[name] ?? null);
    const b = JSON.stringify(got.sheets[name] ?? null);
    if (a !== b) out.push(`sheet ${name}: ${firstDiff(expected.sheets[name] ?? [], got.sheets[name] ?? [])}`);
  }
  for (const k of new Set([...Object.keys(expected.props), ...Object.keys(got.props)]))
    if (expected.props[k] !== got.props[k])
      out.push(
        `property ${k}: expected ${String(expected.props[k]).slice(0, 120)} got ${String(got.props[k]).slice(0, 120)}`,
      );
  for (const part of ["log", "files", "forms", "orphanForms", "triggers", "protections"] as const)
    if (JSON.stringify(expected[part]) !== JSON.stringify(got[part]))
      out.push(
        `${part}: expected ${JSON.stringify(expected[part]).slice(0, 300)} got ${JSON.stringify(got[part]).slice(0, 300)}`,
      );
  return out;
}

function firstDiff(a: unknown[][], b: unknown[][]): string {
  for (let r = 0; r < Math.max(a.length, b.length); r++) {
    const x = a[r] ?? [];
    const y = b[r] ?? [];
    for (let c = 0; c < Math.max(x.length, y.length); c++)
      if (JSON.stringify(x[c] ?? "") !== JSON.stringify(y[c] ?? ""))
        return `row ${r + 1} column ${c + 1} (${String(a[0]?.[c] ?? b[0]?.[c] ?? "")}): expected ${JSON.stringify(x[c] ?? "").slice(0, 120)} got ${JSON.stringify(y[c] ?? "").slice(0, 120)}`;
  }
  return "";
}

// The Apps Script implementation of the services a use case receives (ports.ts). main.ts builds one
// set per execution and hands it to the use case.
import { APP_NAME, NOTICE_TEXT } from "../text/zh";
import { appsScriptClock, appsScriptIdentity } from "./env";
import { AppsScriptForms } from "./forms";
import { PROP_NOTICE_FOLDER } from "./keys";
import { appsScriptMailer } from "./mail";
import type { Hasher, LedgerStore, Lock, NoticeStore, PropertyStore, Services, Ui } from "./ports";
import { withShadow } from "./shadowed-ledger";
import { SheetLedger } from "./sheets";
import { appsScriptTriggers } from "./triggers";
import { AppsScriptReports } from "./reports";
import { AppsScriptWorkbook } from "./workbook";

/**
 * Document properties, read once per execution and kept in step with this run's own writes (every
 * writer holds the script lock, so no other run changes them meanwhile).
 */
class DocumentProperties implements PropertyStore {
  private snapshot: Record<string, string> | undefined;
  constructor(private readonly store: GoogleAppsScript.Properties.Properties) {}

  private load(): Record<string, string> {
    return (this.snapshot ??= { ...this.store.getProperties() });
  }
  get(key: string): string | null {
    return this.load()[key] ?? null;
  }
  all(prefix = ""): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.load())) if (k.startsWith(prefix)) out[k] = v;
    return out;
  }
  set(values: Record<string, string>): void {
    if (!Object.keys(values).length) return;
    this.store.setProperties(values);
    Object.assign(this.load(), values);
  }
  remove(keys: string[]): void {
    const snap = this.load();
    for (const k of keys) {
      if (!(k in snap)) continue;
      this.store.deleteProperty(k);
      delete snap[k];
    }
  }
}

const scriptLock = (): Lock => {
  const lock = LockService.getScriptLock();
  return {
    tryLock: (ms) => lock.tryLock(ms),
    release: () => lock.releaseLock(),
  };
};

const spreadsheetUi = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Ui => {
  let ui: GoogleAppsScript.Base.Ui | null | undefined;
  const get = () => {
    if (ui === undefined) {
      try {
        ui = SpreadsheetApp.getUi();
      } catch (_e) {
        ui = null; // time-driven and form-submit runs have no UI
      }
    }
    return ui;
  };
  return {
    available: () => !!get(),
    alert(message) {
      const u = get();
      if (u) u.alert(APP_NAME, message, u.ButtonSet.OK);
      else ss.toast(message, APP_NAME, 10);
    },
    confirm(message) {
      const u = get();
      return !!u && u.alert(message, u.ButtonSet.YES_NO) === u.Button.YES;
    },
    prompt(message) {
      const u = get();
      if (!u) return null;
      const answer = u.prompt(message, u.ButtonSet.OK_CANCEL);
      return answer.getSelectedButton() === u.Button.OK ? answer.getResponseText() : null;
    },
    toast(message) {
      try {
        ss.toast(message, APP_NAME, 10);
      } catch (_e) {
        // No one has the sheet open.
      }
    },
  };
};

const sha256: Hasher = {
  sha256: (text) => Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8),
};

/** The 整改通知书 folder in the owner's Drive; a file saved by a run that died is found again by its name. */
const driveNotices = (props: PropertyStore): NoticeStore => {
  const folder = (): GoogleAppsScript.Drive.Folder => {
    const id = props.get(PROP_NOTICE_FOLDER);
    if (id) {
      try {
        return DriveApp.getFolderById(id);
      } catch (_e) {
        // Deleted or no longer shared: make a new one.
      }
    }
    // A folder a run made before it died is found by its name rather than made again.
    const found = DriveApp.getFoldersByName(NOTICE_TEXT.folder);
    const folder = found.hasNext() ? found.next() : DriveApp.createFolder(NOTICE_TEXT.folder);
    props.set({ [PROP_NOTICE_FOLDER]: folder.getId() });
    return folder;
  };
  return {
    save(name, html) {
      const dir = folder();
      const found = dir.getFilesByName(`${name}.pdf`);
      if (found.hasNext()) {
        const file = found.next();
        return { url: file.getUrl(), pdf: file.getBlob() };
      }
      const pdf = Utilities.newBlob(html, "text/html", `${name}.html`)
        .getAs("application/pdf")
        .setName(`${name}.pdf`);
      const file = dir.createFile(pdf);
      return { url: file.getUrl(), pdf };
    },
  };
};

export function appsScriptServices(): Services {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = new DocumentProperties(PropertiesService.getDocumentProperties());
  let sheets: SheetLedger | undefined;
  let ledger: LedgerStore | undefined;
  return {
    // The ledger is opened on first use: a run that finds nothing to do reads no sheet.
    get ledger() {
      return (ledger ??= withShadow((sheets ??= new SheetLedger(ss))));
    },
    forms: new AppsScriptForms(props, appsScriptClock.timeZone),
    mail: appsScriptMailer,
    notices: driveNotices(props),
    props,
    lock: scriptLock(),
    clock: appsScriptClock,
    ui: spreadsheetUi(ss),
    identity: appsScriptIdentity,
    hash: sha256,
    triggers: appsScriptTriggers,
    reports: new AppsScriptReports(ss),
    get workbook() {
      return new AppsScriptWorkbook((sheets ??= new SheetLedger(ss)));
    },
  };
}

/** The services for a one-off trigger's run, the trigger (done with once it fires) forgotten. */
export function oneOffServices(e?: { triggerUid?: string }): Services {
  const svc = appsScriptServices();
  if (e?.triggerUid) svc.triggers.forget(e.triggerUid);
  return svc;
}

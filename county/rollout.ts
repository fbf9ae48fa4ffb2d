// npm run county -- rollout <townships.csv> --template <spreadsheetId> [--registry county-registry.json]
// For each township: copy the template ledger (with its bound script) through the Drive API, share it with
// the coordinator, write the township's settings into 配置 through the Sheets API, and record it in the
// registry. Idempotent and resumable: done steps are skipped, missing shares repaired.
import { apiError, withRetry, type Clients } from "./google";
import { saveRegistry, type Registry, type RegistryEntry, type TownshipRow } from "./registry";
import { SETTING_HELP, SETTING_LABEL, SHEET, HEADERS } from "../src/text/zh";

export interface RolloutOptions {
  registryPath: string;
  log: (line: string) => void;
  retry?: Parameters<typeof withRetry>[1];
}

const SETTINGS_RANGE = `${SHEET.settings}!A:C`;

/** Adds the CSV's townships to the registry (matched by name) and runs every pending step. */
export async function rollout(
  c: Clients,
  registry: Registry,
  rows: TownshipRow[],
  options: RolloutOptions,
): Promise<Registry> {
  for (const row of rows) {
    const known = registry.townships.find((t) => t.name === row.name);
    if (known) Object.assign(known, { coordinator: row.coordinator, villages: row.villages });
    else registry.townships.push({ ...row });
  }
  saveRegistry(options.registryPath, registry);
  const todo = registry.townships.filter((t) => rows.some((r) => r.name === t.name));
  for (const [i, t] of todo.entries()) {
    const step = (what: string) => options.log(`[${i + 1}/${todo.length}] ${t.name}：${what}`);
    try {
      await copyStep(c, registry, t, step, options);
      await shareStep(c, t, step, options);
      await configureStep(c, t, step, options);
      delete t.error;
    } catch (e) {
      t.error = apiError(e).message;
      step(`失败：${t.error}`);
    }
    saveRegistry(options.registryPath, registry);
  }
  return registry;
}

async function copyStep(
  c: Clients,
  registry: Registry,
  t: RegistryEntry,
  step: (s: string) => void,
  o: RolloutOptions,
): Promise<void> {
  if (t.spreadsheetId) {
    step("已复制，跳过");
    return;
  }
  step("复制台账模板");
  const res = await withRetry(
    () =>
      c.drive.files.copy({
        fileId: registry.template,
        supportsAllDrives: true,
        fields: "id,webViewLink",
        requestBody: { name: `${t.name}专项整治台账` },
      }),
    o.retry,
  );
  t.spreadsheetId = res.data.id ?? undefined;
  t.url = res.data.webViewLink ?? `https://docs.google.com/spreadsheets/d/${t.spreadsheetId}/edit`;
  saveRegistry(o.registryPath, registry);
}

async function shareStep(
  c: Clients,
  t: RegistryEntry,
  step: (s: string) => void,
  o: RolloutOptions,
): Promise<void> {
  const list = await withRetry(
    () =>
      c.drive.permissions.list({
        fileId: t.spreadsheetId!,
        supportsAllDrives: true,
        fields: "permissions(id,emailAddress,role)",
      }),
    o.retry,
  );
  const has = (list.data.permissions ?? []).some(
    (p) =>
      (p.emailAddress ?? "").toLowerCase() === t.coordinator.toLowerCase() &&
      (p.role === "writer" || p.role === "owner"),
  );
  if (has) {
    t.shared = true;
    step(`已共享给 ${t.coordinator}`);
    return;
  }
  step(`共享给 ${t.coordinator}（编辑者）`);
  await withRetry(
    () =>
      c.drive.permissions.create({
        fileId: t.spreadsheetId!,
        supportsAllDrives: true,
        sendNotificationEmail: true,
        requestBody: { type: "user", role: "writer", emailAddress: t.coordinator },
      }),
    o.retry,
  );
  t.shared = true;
}

async function configureStep(
  c: Clients,
  t: RegistryEntry,
  step: (s: string) => void,
  o: RolloutOptions,
): Promise<void> {
  if (t.configured) {
    step("配置已写入，跳过");
    return;
  }
  step("写入配置（乡镇名称、村/社区、协调员邮箱）");
  const id = t.spreadsheetId!;
  const meta = await withRetry(
    () => c.sheets.spreadsheets.get({ spreadsheetId: id, fields: "sheets.properties.title" }),
    o.retry,
  );
  if (!(meta.data.sheets ?? []).some((s) => s.properties?.title === SHEET.settings)) {
    await withRetry(
      () =>
        c.sheets.spreadsheets.batchUpdate({
          spreadsheetId: id,
          requestBody: { requests: [{ addSheet: { properties: { title: SHEET.settings } } }] },
        }),
      o.retry,
    );
  }
  const current = await withRetry(
    () => c.sheets.spreadsheets.values.get({ spreadsheetId: id, range: SETTINGS_RANGE }),
    o.retry,
  );
  const rows = (current.data.values ?? []).map((r) => r.map(String));
  if (!rows.length) rows.push([HEADERS.settings.key, HEADERS.settings.value, HEADERS.settings.help]);
  const wanted: Array<[keyof typeof SETTING_LABEL, string]> = [
    ["township", t.name],
    ["villages", t.villages.join("、")],
    ["coordinatorEmails", t.coordinator],
  ];
  for (const [key, value] of wanted) {
    const at = rows.findIndex((r) => (r[0] ?? "").trim() === SETTING_LABEL[key]);
    if (at >= 0) rows[at] = [SETTING_LABEL[key], value, rows[at]![2] ?? SETTING_HELP[key]];
    else rows.push([SETTING_LABEL[key], value, SETTING_HELP[key]]);
  }
  await withRetry(
    () =>
      c.sheets.spreadsheets.values.update({
        spreadsheetId: id,
        range: `${SHEET.settings}!A1:C${rows.length}`,
        valueInputOption: "RAW",
        requestBody: { values: rows.map((r) => [r[0] ?? "", r[1] ?? "", r[2] ?? ""]) },
      }),
    o.retry,
  );
  t.configured = true;
}

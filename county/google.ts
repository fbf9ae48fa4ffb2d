// Google clients for the county tools (googleapis), with the two ways to sign in, and retries.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { google, type drive_v3, type sheets_v4 } from "googleapis";

/**
 * What each county tool asks Google for, and no more. rollout copies the template and shares the copies
 * (Drive) and writes each copy's settings (Sheets); rollup only reads the townships' ledgers, and writes
 * one county spreadsheet only when asked to (--sheet).
 */
export const SCOPES = {
  rollout: ["https://www.googleapis.com/auth/drive", "https://www.googleapis.com/auth/spreadsheets"],
  rollup: ["https://www.googleapis.com/auth/spreadsheets.readonly"],
  rollupToSheet: ["https://www.googleapis.com/auth/spreadsheets"],
} as const;

export type Purpose = keyof typeof SCOPES;

export interface Clients {
  drive: drive_v3.Drive;
  sheets: sheets_v4.Sheets;
}

export type Auth = NonNullable<drive_v3.Options["auth"]>;

export function clients(auth: Auth, rootUrl?: string): Clients {
  // Node's own fetch: gaxios would otherwise load node-fetch with a dynamic import at the first request.
  const common = {
    auth,
    ...(rootUrl ? { rootUrl } : {}),
    retry: false,
    fetchImplementation: globalThis.fetch,
  } as const;
  return {
    drive: google.drive({ version: "v3", ...common }),
    sheets: google.sheets({ version: "v4", ...common }),
  };
}

/**
 * Credentials, never committed, from a path in the environment:
 *   COUNTY_SERVICE_ACCOUNT=/path/key.json    a service account (share the template with it), or
 *   COUNTY_OAUTH_CLIENT=/path/client.json    an OAuth desktop client: a browser sign-in on first use
 *                                             (@google-cloud/local-auth); the token is kept in
 *   COUNTY_OAUTH_TOKEN=/path/token.json      (default: county-token.json in the working directory).
 */
export async function signIn(purpose: Purpose): Promise<Auth> {
  const scopes = [...SCOPES[purpose]];
  const sa = process.env.COUNTY_SERVICE_ACCOUNT;
  if (sa) return new google.auth.GoogleAuth({ keyFile: sa, scopes }) as unknown as Auth;
  const client = process.env.COUNTY_OAUTH_CLIENT;
  if (!client)
    throw new Error(
      "No credentials: set COUNTY_SERVICE_ACCOUNT (service account key) or COUNTY_OAUTH_CLIENT (OAuth desktop client) to a file path. See README, “County tools”.",
    );
  // One token per purpose: a token granted for rollout's Drive access is never reused by rollup.
  const tokenPath = process.env.COUNTY_OAUTH_TOKEN ?? `county-token-${purpose}.json`;
  try {
    const saved = JSON.parse(readFileSync(tokenPath, "utf8")) as object;
    return google.auth.fromJSON(saved) as unknown as Auth;
  } catch (_e) {
    const { authenticate } = await import("@google-cloud/local-auth");
    const oauth = await authenticate({ keyfilePath: client, scopes });
    const keys = JSON.parse(readFileSync(client, "utf8")) as {
      installed?: { client_id: string; client_secret: string };
      web?: { client_id: string; client_secret: string };
    };
    const k = keys.installed ?? keys.web!;
    writeSecret(
      tokenPath,
      JSON.stringify({
        type: "authorized_user",
        client_id: k.client_id,
        client_secret: k.client_secret,
        refresh_token: oauth.credentials.refresh_token,
      }),
    );
    return oauth as unknown as Auth;
  }
}

export interface ApiError {
  status?: number;
  message: string;
}

export function apiError(e: unknown): ApiError {
  const err = e as {
    response?: { status?: number; data?: { error?: { message?: string } } };
    code?: number | string;
    message?: string;
  };
  const status = err.response?.status ?? (typeof err.code === "number" ? err.code : undefined);
  return { status, message: err.response?.data?.error?.message ?? err.message ?? String(e) };
}

/** Retries 429 and 5xx (and network errors) with exponential backoff and jitter; other errors at once. */
export async function withRetry<T>(
  call: () => Promise<T>,
  options: { attempts?: number; baseMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (e) {
      const { status } = apiError(e);
      const retryable = status === undefined || status === 429 || status >= 500;
      if (!retryable || i >= attempts) throw e;
      await sleep(base * 2 ** (i - 1) * (0.75 + Math.random() * 0.5));
    }
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  });
  await Promise.all(runners);
  return out;
}

/**
 * Writes a credential readable by its owner only (0600), whatever was there before: `mode` applies only
 * when a file is created, so the text goes to a new file that then replaces the old one.
 */
export function writeSecret(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  writeFileSync(tmp, text, { mode: 0o600, flag: "wx" });
  renameSync(tmp, path);
}

// County tools (issue 14, "Least privilege"): the token file is readable by its owner only whatever was
// there before, and the rollup asks Google only for read access.
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SCOPES, writeSecret } from "../../county/google";

describe("county credentials", () => {
  test("a token is written 0600, also over an existing file that anyone could read", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "county-token-"));
    const fresh = path.join(dir, "fresh.json");
    writeSecret(fresh, "{}");
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    const old = path.join(dir, "old.json");
    writeFileSync(old, "stale");
    chmodSync(old, 0o644);
    writeSecret(old, '{"type":"authorized_user"}');
    expect(statSync(old).mode & 0o777).toBe(0o600);
    expect(readFileSync(old, "utf8")).toBe('{"type":"authorized_user"}');
  });

  test("the rollup asks for read-only access; writing the county sheet adds Sheets only, never Drive", () => {
    expect(SCOPES.rollup).toEqual(["https://www.googleapis.com/auth/spreadsheets.readonly"]);
    expect(SCOPES.rollupToSheet).toEqual(["https://www.googleapis.com/auth/spreadsheets"]);
    expect(SCOPES.rollout).toContain("https://www.googleapis.com/auth/drive");
  });
});

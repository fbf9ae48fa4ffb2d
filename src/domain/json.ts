// What the script keeps as JSON (document properties, 状态底账) is read back through here: a copy cut
// short or changed by hand reads as nothing, and each caller falls back as it would without one.

/** The value `text` holds, or undefined when it is not JSON. */
export function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch (_e) {
    return undefined;
  }
}

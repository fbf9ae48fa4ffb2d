// Text as people type it on phones: full-width digits and letters, zero-width and direction marks,
// stray spaces. Normalised before comparing or storing; the raw answer is kept in 待核实 when invalid.

/** A cell, answer or stored value as text: "" for null and undefined, String() of anything else. */
export const asText = (value: unknown): string => String(value ?? "");

/** asText without the spaces around it: how ids, names and choices typed into the sheet are compared. */
export const trimmedText = (value: unknown): string => asText(value).trim();

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/**
 * Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) to half-width, invisible marks removed.
 * Chinese punctuation (，。：) is left as it is: it is the text's own.
 */
export function normalizeText(s: string): string {
  return s
    .replace(INVISIBLE, "")
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    );
}

/** For matching names and addresses: no spaces or punctuation, lower case. */
export function normalizeName(s: string): string {
  return normalizeText(s)
    .toLowerCase()
    .replace(/[\s·.,，。、()（）【】[\]"'“”‘’\-—_]/g, "");
}

const HOLE = "\u0000";

/**
 * Whether a text was written by a message template (a function of text/): the template is called with
 * placeholders and its fixed parts must appear in order. Lets code recognise its own messages without
 * repeating their wording.
 */
export function madeBy(make: (...args: never[]) => string, arity: number): (text: string) => boolean {
  const parts = make(...(Array(arity).fill(HOLE) as never[]))
    .split(HOLE)
    .filter(Boolean);
  return (text) => {
    let at = 0;
    for (const p of parts) {
      const i = text.indexOf(p, at);
      if (i < 0) return false;
      at = i + p.length;
    }
    return true;
  };
}

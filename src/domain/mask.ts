// Phone and ID numbers in the operations log: a complainant's or an operator's number is personal data, and
// 操作日志 is read by more people than need it. Every digit but the last four is masked. Ids such as
// JC20260302-001 or dates are not phone numbers: a number must stand alone (no digit or letter touching
// it) and look like a Chinese mobile (1[3-9] + 9 digits, +86 allowed) or landline (0 + area code + 7–8
// digits), with spaces or dashes between groups.
const PHONE =
  /(?<![0-9A-Za-z])(?:(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}|0\d{2,3}[\s-]?\d{3,4}[\s-]?\d{4})(?![0-9A-Za-z])/g;

function maskPhones(text: string): string {
  return text.replace(PHONE, (m) => {
    let keep = 4;
    const chars = [...m];
    for (let i = chars.length - 1; i >= 0; i--) {
      if (!/\d/.test(chars[i]!)) continue;
      if (keep > 0) keep--;
      else chars[i] = "*";
    }
    return chars.join("");
  });
}

/**
 * A resident ID number: 18 characters (17 digits and a check digit, which may be X) or the old 15-digit
 * form, standing alone like a phone number.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

const keepLastFour = (m: string) => "*".repeat(m.length - 4) + m.slice(-4);

/** Phone numbers and ID numbers, masked but for their last four characters. */
export function maskPersonal(text: string): string {
  return maskPhones(text).replace(ID_NUMBER, keepLastFour);
}

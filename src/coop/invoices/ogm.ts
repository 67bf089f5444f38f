// Belgian structured communication (OGM/VCS): 10 digits and a mod-97 check of 2 (0 → 97),
// written +++ddd/dddd/dddcc+++. Transfers carry it so that bank statements can be matched.

/** The two check digits of a 10-digit base. */
export function ogmCheck(base: string): string {
  if (!/^\d{10}$/.test(base)) throw new RangeError("an OGM base is 10 digits");
  const rest = Number(BigInt(base) % 97n);
  return String(rest === 0 ? 97 : rest).padStart(2, "0");
}

/** The 12 digits for a base of up to 10 digits (left-padded with zeros). */
export function ogmFromBase(base: number | string): string {
  const digits = String(base).padStart(10, "0");
  return digits + ogmCheck(digits);
}

export function isValidOgm(digits: string): boolean {
  return /^\d{12}$/.test(digits) && ogmCheck(digits.slice(0, 10)) === digits.slice(10);
}

/** +++123/4567/89002+++ */
export function formatOgm(digits: string): string {
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}

/** Reads an OGM written with or without its +++ or *** frame, slashes and spaces; null if none is valid. */
export function parseOgm(text: string): string | null {
  const framed = /(?:\+{3}|\*{3})\s*(\d{3})\s*\/?\s*(\d{4})\s*\/?\s*(\d{5})\s*(?:\+{3}|\*{3})/.exec(text);
  if (framed) {
    const digits = framed.slice(1).join("");
    if (isValidOgm(digits)) return digits;
  }
  // Free text: any run of exactly 12 digits (slashes and spaces allowed between groups) that checks.
  for (const m of text.matchAll(/(?<!\d)(\d{3})[\s/]?(\d{4})[\s/]?(\d{5})(?!\d)/g)) {
    const digits = m.slice(1).join("");
    if (isValidOgm(digits)) return digits;
  }
  return null;
}

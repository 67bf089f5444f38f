// EPC069-12 "SEPA credit transfer" QR code (the one Belgian banking apps scan): the payload text and
// its QR matrix at error-correction level M. Pure: data in, data out; runs in workerd and Node.
import qrcode from "qrcode-generator";

export interface EpcInput {
  /** 8 or 11 characters; may be empty (version 002 makes it optional inside the EEA). */
  bic: string;
  /** Beneficiary name, at most 70 characters. */
  name: string;
  /** Beneficiary IBAN, spaces allowed (they are removed). */
  iban: string;
  /** EUR 0.01 to 999 999 999.99, in cents. */
  amountCents: number;
  /** ISO 20022 purpose code, 4 letters or digits. */
  purpose?: string;
  /** Structured remittance reference (a Belgian OGM's 12 digits, or an RF creditor reference), ≤ 35. */
  reference?: string;
  /** Unstructured remittance text, ≤ 140; never together with `reference`. */
  text?: string;
}

/** The EPC payload's upper bound in bytes (UTF-8), fixed by EPC069-12. */
export const EPC_MAX_BYTES = 331;

const BIC = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
// Line breaks inside a field would shift every following field.
const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/;

/** ISO 13616 check: move the first four characters to the end, letters as 10–35, mod 97 = 1. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  if (!IBAN.test(compact)) return false;
  const digits = (compact.slice(4) + compact.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1;
}

/** "EUR1234.56" from 123456 cents, by integer arithmetic only. */
export function epcAmount(amountCents: number): string {
  if (!Number.isSafeInteger(amountCents) || amountCents < 1 || amountCents > 99_999_999_999) {
    throw new RangeError("the EPC amount is a whole number of cents from 1 to 99999999999");
  }
  const euros = Math.floor(amountCents / 100);
  const cents = amountCents % 100;
  return `EUR${euros}.${String(cents).padStart(2, "0")}`;
}

function checkField(label: string, value: string, max: number): string {
  if (LINE_BREAK.test(value)) throw new RangeError(`the EPC ${label} must be on one line`);
  // Characters, not UTF-16 units: an emoji counts once.
  if ([...value].length > max) throw new RangeError(`the EPC ${label} is at most ${max} characters`);
  return value;
}

/** The EPC069-12 version 002 payload, character set 1 (UTF-8), lines joined by "\n". */
export function epcPayload(input: EpcInput): string {
  const bic = input.bic.replace(/\s+/g, "").toUpperCase();
  if (bic !== "" && !BIC.test(bic)) throw new RangeError("the EPC BIC is 8 or 11 letters and digits");
  const name = checkField("name", input.name.trim(), 70);
  if (name === "") throw new RangeError("the EPC beneficiary name is required");
  const iban = input.iban.replace(/\s+/g, "").toUpperCase();
  if (!isValidIban(iban)) throw new RangeError("the EPC IBAN is not a valid IBAN");
  const amount = epcAmount(input.amountCents);
  const purpose = input.purpose ?? "";
  if (purpose !== "" && !/^[A-Z0-9]{4}$/.test(purpose)) throw new RangeError("the EPC purpose is 4 capital letters or digits");
  const reference = input.reference ?? "";
  const text = input.text ?? "";
  if (reference !== "" && text !== "") throw new RangeError("the EPC payload carries a structured reference or a text, never both");
  checkField("reference", reference, 35);
  if (reference !== "" && !/^[A-Za-z0-9+?/:().,' -]+$/.test(reference)) {
    throw new RangeError("the EPC structured reference uses the SEPA character set");
  }
  checkField("text", text, 140);

  const lines = ["BCD", "002", "1", "SCT", bic, name, iban, amount, purpose, reference, text];
  // The last populated element ends the payload: no trailing empty lines.
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const payload = lines.join("\n");
  if (new TextEncoder().encode(payload).length > EPC_MAX_BYTES) {
    throw new RangeError(`the EPC payload is at most ${EPC_MAX_BYTES} bytes`);
  }
  return payload;
}

/** The QR code of `payload` (encoded as UTF-8 bytes), level M: `matrix[row][col]` is true when dark. */
export function epcQrMatrix(payload: string): boolean[][] {
  const qr = qrcode(0, "M");
  // qrcode-generator's byte mode takes each UTF-16 unit's low byte: hand it the UTF-8 bytes one per unit.
  const bytes = new TextEncoder().encode(payload);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  qr.addData(binary, "Byte");
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)));
}

/** One SVG path (unit squares, one `M x y h1 v1 h-1 z` per dark module) offset by a quiet zone. */
export function qrPathData(matrix: boolean[][], quiet = 4): string {
  const parts: string[] = [];
  matrix.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x + quiet} ${y + quiet}h1v1h-1z`);
    }),
  );
  return parts.join("");
}

/** A standalone SVG of the QR code with a 4-module quiet zone; `title` is its text equivalent. */
export function epcQrSvg(payload: string, title: string): string {
  const matrix = epcQrMatrix(payload);
  const side = matrix.length + 8;
  const esc = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" role="img" shape-rendering="crispEdges">` +
    `<title>${esc}</title><rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path fill="#000" d="${qrPathData(matrix)}"/></svg>`
  );
}

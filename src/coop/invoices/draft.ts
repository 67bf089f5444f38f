// A draft's lines as a caller sends them → priced, VAT resolved, totals computed; or the fields at
// fault (`lines.2.vat_rate`). Also the credit note's lines from the invoice's. Pure.
import type { FieldError } from "../../lib/problem";
import type { Lang } from "../../lib/lang";
import type { Issuer, Party, VatCategory } from "./model";
import type { StoredLine } from "./lines";
import { computeTotals, hasAtMostFourDecimals, MAX_QUANTITY, MAX_UNIT_PRICE_CENTS, type Totals } from "./totals";
import { resolveLineVat, type VatProblem } from "./vat";

export const MAX_LINES = 200;
export const UNIT_CODES = ["C62", "MON", "ANN", "HUR", "DAY", "E34", "E48"] as const;

export interface LineRequest {
  description: string;
  quantity: number;
  unitCode?: string;
  unitPriceCents: number;
  vatCategory?: VatCategory;
  vatRatePercent?: number;
}

const VAT_MESSAGES: Record<VatProblem, string> = {
  rate_not_allowed: "category S takes 21, 12 or 6; every other category 0",
  franchise_only_exempt: "the cooperative is under the franchise scheme: lines are E (or O outside VAT)",
  registered_cannot_exempt: "the cooperative is VAT-registered: E (franchise) does not apply",
  reverse_charge_needs_eu_customer: "AE (reverse charge) needs a customer with a VAT number of another EU member state",
};

export type Priced = { ok: true; lines: StoredLine[]; totals: Totals } | { ok: false; errors: FieldError[] };

/**
 * `credits`: lines may have a negative quantity (a credit inside an invoice, as the subscription
 * billing run writes for the unused part of a period), as long as the invoice's net stays above 0.
 */
export function priceLines(requests: readonly LineRequest[], parties: { issuer: Pick<Issuer, "vatStatus">; customer: Pick<Party, "vatNumber"> }, lang: Lang, options: { credits?: boolean } = {}): Priced {
  const errors: FieldError[] = [];
  if (requests.length === 0) errors.push({ field: "lines", message: "at least one line" });
  if (requests.length > MAX_LINES) errors.push({ field: "lines", message: `at most ${MAX_LINES} lines` });
  const resolved = requests.map((r, i) => {
    if (!r.description.trim()) errors.push({ field: `lines.${i}.description`, message: "a description" });
    const quantityOk = options.credits ? r.quantity !== 0 && Math.abs(r.quantity) <= MAX_QUANTITY : r.quantity > 0 && r.quantity <= MAX_QUANTITY;
    if (!quantityOk || !hasAtMostFourDecimals(r.quantity)) errors.push({ field: `lines.${i}.quantity`, message: `more than 0, at most ${MAX_QUANTITY}, 4 decimals at most` });
    if (!Number.isSafeInteger(r.unitPriceCents) || r.unitPriceCents < 0 || r.unitPriceCents > MAX_UNIT_PRICE_CENTS) errors.push({ field: `lines.${i}.unit_price_cents`, message: "whole cents, 0 or more" });
    if (r.unitCode !== undefined && !(UNIT_CODES as readonly string[]).includes(r.unitCode)) errors.push({ field: `lines.${i}.unit`, message: `one of ${UNIT_CODES.join(", ")}` });
    const vat = resolveLineVat(parties.issuer, parties.customer, { category: r.vatCategory, ratePercent: r.vatRatePercent });
    if (!vat.ok) errors.push({ field: `lines.${i}.${vat.field}`, message: VAT_MESSAGES[vat.problem] });
    return vat.ok ? vat : null;
  });
  if (errors.length > 0) return { ok: false, errors };
  const totals = computeTotals(
    requests.map((r, i) => ({
      description: r.description.trim(),
      quantity: r.quantity,
      unitCode: r.unitCode ?? "C62",
      unitPriceCents: r.unitPriceCents,
      vatCategory: resolved[i]!.category,
      vatRatePercent: resolved[i]!.ratePercent,
    })),
    lang,
  );
  if (options.credits && totals.netCents <= 0) return { ok: false, errors: [{ field: "lines", message: "the credits exceed the charges: an invoice is never 0 or negative" }] };
  return { ok: true, lines: totals.lines.map((l, i) => ({ ...l, position: i + 1 })), totals };
}

/** The lines of an invoice re-priced as stored (their VAT is the invoice's, never re-decided). */
export function totalsOfStored(lines: readonly StoredLine[], lang: Lang): Totals {
  return computeTotals(lines.map(({ description, quantity, unitCode, unitPriceCents, vatCategory, vatRatePercent }) => ({ description, quantity, unitCode, unitPriceCents, vatCategory, vatRatePercent })), lang);
}

export interface CreditRequest {
  /** The invoice line's position (1-based). */
  line: number;
  /** Default: what remains of that line. */
  quantity?: number;
}

/**
 * A credit note's lines: each a copy of the invoice line at its price and VAT, for a quantity no
 * larger than what earlier credit notes left of it. No request = every line's remainder.
 */
export function creditLines(
  invoiceLines: readonly StoredLine[],
  alreadyCredited: readonly StoredLine[],
  requests: readonly CreditRequest[] | undefined,
): { ok: true; lines: StoredLine[] } | { ok: false; errors: FieldError[] } {
  const credited = new Map<number, number>();
  for (const l of alreadyCredited) if (l.correctsLine) credited.set(l.correctsLine, (credited.get(l.correctsLine) ?? 0) + Math.round(l.quantity * 10_000));
  const remaining = (line: StoredLine) => (Math.round(line.quantity * 10_000) - (credited.get(line.position) ?? 0)) / 10_000;
  const errors: FieldError[] = [];
  const wanted: readonly CreditRequest[] = requests ?? invoiceLines.filter((l) => remaining(l) > 0).map((l) => ({ line: l.position }));
  const seen = new Set<number>();
  const out: StoredLine[] = [];
  wanted.forEach((r, i) => {
    const line = invoiceLines.find((l) => l.position === r.line);
    if (!line) return errors.push({ field: `lines.${i}.line`, message: `the invoice has no line ${r.line}` });
    if (seen.has(r.line)) return errors.push({ field: `lines.${i}.line`, message: `line ${r.line} named twice` });
    seen.add(r.line);
    const left = remaining(line);
    const quantity = r.quantity ?? left;
    if (!(quantity > 0) || !hasAtMostFourDecimals(quantity)) return errors.push({ field: `lines.${i}.quantity`, message: "more than 0, 4 decimals at most" });
    if (Math.round(quantity * 10_000) > Math.round(left * 10_000)) return errors.push({ field: `lines.${i}.quantity`, message: `at most ${left} of line ${r.line} remains to credit` });
    out.push({ ...line, quantity, position: out.length + 1, correctsLine: line.position });
  });
  if (errors.length === 0 && out.length === 0) errors.push({ field: "lines", message: "nothing remains to credit on this invoice" });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines: out };
}

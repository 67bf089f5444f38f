// Line nets, the VAT breakdown and the document's totals, as EN 16931 computes them: each line's
// net is quantity × unit price rounded to the cent (BT-131); VAT is computed once per (category,
// rate) on that group's taxable sum (BG-23, BT-117) and rounded; totals are sums of rounded
// amounts. Integer cents throughout; quantities carry up to 4 decimals and are scaled to integers
// so that no float ever touches money. Rounding is half away from zero. Pure.
import type { DocumentLine, VatBreakdown, VatCategory } from "./model";
import type { Lang } from "../../lib/lang";
import { exemptionReason } from "./vat";

export const QUANTITY_SCALE = 10_000;
/** Large enough for any real invoice, small enough that cents stay safe integers after a product. */
export const MAX_QUANTITY = 1_000_000;
export const MAX_UNIT_PRICE_CENTS = 100_000_000_00; // ten million euro

/** a / b rounded half away from zero, on BigInt (b > 0). */
function divRound(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = (abs * 2n + b) / (2n * b);
  return neg ? -q : q;
}

/** The quantity as an integer count of 1/10 000 (refuses more than 4 decimals). */
export function scaledQuantity(quantity: number): bigint {
  const scaled = Math.round(quantity * QUANTITY_SCALE);
  if (!Number.isFinite(quantity) || Math.abs(scaled / QUANTITY_SCALE - quantity) > 1e-9) throw new RangeError("a quantity has at most 4 decimals");
  return BigInt(scaled);
}

export function hasAtMostFourDecimals(quantity: number): boolean {
  try {
    scaledQuantity(quantity);
    return true;
  } catch {
    return false;
  }
}

/** BT-131: quantity × unit price, rounded to the cent. */
export function lineNetCents(quantity: number, unitPriceCents: number): number {
  if (!Number.isSafeInteger(unitPriceCents)) throw new RangeError("a unit price is integer cents");
  return Number(divRound(scaledQuantity(quantity) * BigInt(unitPriceCents), BigInt(QUANTITY_SCALE)));
}

/** VAT on a taxable sum at a percent rate (integer or with decimals up to 2), rounded to the cent. */
export function vatCents(taxableCents: number, ratePercent: number): number {
  const rateHundredths = Math.round(ratePercent * 100);
  return Number(divRound(BigInt(taxableCents) * BigInt(rateHundredths), 10_000n));
}

/** A line before pricing: the document's line without its computed net. */
export type LineInput = Omit<DocumentLine, "netCents">;

export interface Totals {
  lines: DocumentLine[];
  vat: VatBreakdown[];
  netCents: number;
  vatCents: number;
  totalCents: number;
}

const CATEGORY_ORDER: Record<VatCategory, number> = { S: 0, Z: 1, E: 2, AE: 3, O: 4 };

/** Lines with their nets, one breakdown row per (category, rate) in a stable order, and the totals. */
export function computeTotals(inputs: readonly LineInput[], lang: Lang): Totals {
  const lines: DocumentLine[] = inputs.map((l) => ({ ...l, netCents: lineNetCents(l.quantity, l.unitPriceCents) }));
  const groups = new Map<string, { category: VatCategory; ratePercent: number; taxableCents: number }>();
  for (const l of lines) {
    const key = `${l.vatCategory}:${l.vatRatePercent}`;
    const g = groups.get(key) ?? { category: l.vatCategory, ratePercent: l.vatRatePercent, taxableCents: 0 };
    g.taxableCents += l.netCents;
    groups.set(key, g);
  }
  const vat: VatBreakdown[] = [...groups.values()]
    .sort((a, b) => CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] || b.ratePercent - a.ratePercent)
    .map((g) => {
      const reason = exemptionReason(g.category, lang);
      return { ...g, vatCents: vatCents(g.taxableCents, g.ratePercent), ...(reason ? { exemptionReason: reason } : {}) };
    });
  const netCents = lines.reduce((s, l) => s + l.netCents, 0);
  const vatTotal = vat.reduce((s, v) => s + v.vatCents, 0);
  return { lines, vat, netCents, vatCents: vatTotal, totalCents: netCents + vatTotal };
}

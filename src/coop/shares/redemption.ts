// What a resigning holder is paid back for shares it gives up: never more than the nominal value it
// paid in on them (the Code of Companies and Associations, and the cooperative's statutes), and
// never more than their book value when the board sets one lower. Pure.
import type { FieldError } from "../../lib/problem";

export interface RedemptionInput {
  /** Shares given up. */
  shares: number;
  nominalCents: number;
  /** Shares of the class the holder holds now. */
  heldShares: number;
  /** What the holder paid in on the class and was not paid back. */
  paidInCents: number;
  /** The class's minimum per holder: a partial redemption may not leave fewer (all of them may go). */
  minShares: number;
  /** The book value of one share when the board sets it below nominal. */
  bookValueCents?: number | null;
}

export type Redemption = { ok: true; amountCents: number } | { ok: false; errors: FieldError[] };

export function redemptionAmount(input: RedemptionInput): Redemption {
  const { shares, nominalCents, heldShares, paidInCents, minShares } = input;
  if (!Number.isSafeInteger(shares) || shares < 1) return { ok: false, errors: [{ field: "shares", message: "a whole number of shares, 1 or more" }] };
  if (shares > heldShares) return { ok: false, errors: [{ field: "shares", message: `the holder holds ${heldShares} shares of this class` }] };
  const left = heldShares - shares;
  if (left > 0 && left < minShares) return { ok: false, errors: [{ field: "shares", message: `a holder keeps at least ${minShares} shares of this class, or gives them all up` }] };
  // The paid-in part of the shares given up, in proportion (rounded down: never more than paid in).
  const paidShare = heldShares === 0 ? 0 : Math.floor((Math.max(0, paidInCents) * shares) / heldShares);
  const caps = [shares * nominalCents, paidShare];
  if (input.bookValueCents !== undefined && input.bookValueCents !== null) caps.push(Math.max(0, input.bookValueCents) * shares);
  return { ok: true, amountCents: Math.min(...caps) };
}

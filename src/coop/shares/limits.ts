// Share limits for one holder and one class: what a new request may ask, given what the holder
// already holds and has pending. Pure.
import type { FieldError } from "../../lib/problem";
import { DEFAULT_CAP_CENTS } from "./model";

export interface ClassLimits {
  code: string;
  nominalCents: number;
  minShares: number;
  maxShares: number;
}

/** The default maximum: as many shares as €5,000 of nominal value buys (at least one). */
export function defaultMaxShares(nominalCents: number): number {
  return Math.max(1, Math.floor(DEFAULT_CAP_CENTS / nominalCents));
}

/**
 * A request for `requested` shares of `cls` by a holder who holds `held` and has `pending` in
 * requests not yet decided (or approved but not yet paid). Errors name the `shares` field.
 */
export function checkRequestLimits(cls: ClassLimits, input: { requested: number; held: number; pending: number }): FieldError[] {
  const { requested, held, pending } = input;
  if (!Number.isSafeInteger(requested) || requested < 1) return [{ field: "shares", message: "a whole number of shares, 1 or more" }];
  const total = held + pending + requested;
  if (total < cls.minShares) return [{ field: "shares", message: `class ${cls.code} needs at least ${cls.minShares} shares per holder (${held + pending} held or requested)` }];
  if (total > cls.maxShares) {
    const room = Math.max(0, cls.maxShares - held - pending);
    return [{ field: "shares", message: `class ${cls.code} allows at most ${cls.maxShares} shares per holder: ${room} more at most (${held} held, ${pending} requested)` }];
  }
  return [];
}

/** Validates a class's own settings (create and patch). */
export function checkClassSettings(s: { nominalCents: number; minShares: number; maxShares: number }): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isSafeInteger(s.nominalCents) || s.nominalCents < 1) errors.push({ field: "nominal_cents", message: "whole cents, more than 0" });
  if (!Number.isSafeInteger(s.minShares) || s.minShares < 1) errors.push({ field: "min_shares", message: "1 or more" });
  if (!Number.isSafeInteger(s.maxShares) || s.maxShares < s.minShares) errors.push({ field: "max_shares", message: "at least min_shares" });
  return errors;
}

export interface TransferInput {
  /** Shares moved. */
  shares: number;
  /** What the giving holder holds of the class, and has paid in on it (not paid back). */
  giverHeld: number;
  giverPaidInCents: number;
  /** The giver uses the cooperative's services and the class is one users must hold: it keeps one. */
  giverMustKeepOne: boolean;
  /** What the receiving holder holds of the class and has on its way (requests pending or unpaid). */
  receiverHeld: number;
  receiverPending: number;
}

export type TransferPlan = { ok: true; paidInCents: number } | { ok: false; errors: FieldError[] };

/**
 * A transfer of `shares` of `cls` from one holder to another: the giver holds them and keeps the
 * class's minimum (or gives them all), keeps one when it must, and the receiver stays within the
 * class's limits (its maximum — by default €5,000 of nominal value — counting what it holds and has
 * requested). The paid-in part of the shares moves with them, in proportion, rounded down (never
 * more than was paid in), so the receiver's later redemption is capped by what was paid on them.
 * Errors name the `shares` field.
 */
export function transferPlan(cls: ClassLimits, input: TransferInput): TransferPlan {
  const { shares, giverHeld } = input;
  const fail = (message: string): TransferPlan => ({ ok: false, errors: [{ field: "shares", message }] });
  if (!Number.isSafeInteger(shares) || shares < 1) return fail("a whole number of shares, 1 or more");
  if (shares > giverHeld) return fail(`the giving holder holds ${giverHeld} shares of class ${cls.code}`);
  const left = giverHeld - shares;
  if (left > 0 && left < cls.minShares) return fail(`the giving holder keeps at least ${cls.minShares} shares of class ${cls.code}, or gives them all`);
  if (left === 0 && input.giverMustKeepOne) return fail(`the giving holder uses the cooperative's services and must keep at least one share of class ${cls.code}`);
  const receiver = checkRequestLimits(cls, { requested: shares, held: input.receiverHeld, pending: input.receiverPending });
  if (receiver.length) return { ok: false, errors: receiver.map((e) => ({ field: "shares", message: `the receiving holder: ${e.message}` })) };
  const paidInCents = giverHeld === 0 ? 0 : Math.floor((Math.max(0, input.giverPaidInCents) * shares) / giverHeld);
  return { ok: true, paidInCents };
}

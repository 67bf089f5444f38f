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

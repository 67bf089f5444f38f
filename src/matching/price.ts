// What an offer costs for one need. Money stays in integer cents and is counted per year, so that
// monthly and yearly periods add up exactly; monthly figures are derived (rounded) only for display.
//
// Choices, stated once:
// - paid, flat: one subscription includes the offer's count quota (e.g. a pack of 10 mailboxes);
//   a larger need takes ceil(quantity / included) packs. Services without a count quota (web
//   hosting, storage, …) include one unit per subscription. A null count quota does not limit.
// - paid, per unit: amount × quantity; a stated count quota is the most one subscription may order.
// - free and donation cost nothing; their count quota is a hard cap (one cannot buy a second free pack).
//   A donation (pay what you want) offer with a suggested amount is ranked at that amount, per unit
//   or flat as stated, unless the member counts such offers as free (`pwywAsFree`).
// - membership: the fee is paid once per provider, whatever the number of needs and offers used
//   there; it is not part of the need's price (see `membershipYearlyCents`). Its quota is a cap too.
// - the setup fee is paid once per offer used, whatever the number of needs it serves.
// - each need is priced on its own: two needs served by one offer do not share packs.
import { rankedYearlyCents, yearlyCents } from "../catalog/pricing";
import type { Need } from "./needs";
import type { QuotaName } from "./reasons";
import type { MatchOffer } from "./types";

type CountQuota = "mailboxes" | "aliases" | "lists" | "domains";

/** Which count quota measures a need's quantity, by service kind; absent: one unit per subscription. */
const COUNT_QUOTA: Partial<Record<string, CountQuota>> = {
  mailbox: "mailboxes",
  mail_alias: "aliases",
  mailing_list: "lists",
  domain_registration: "domains",
  dns_hosting: "domains",
};

export type NeedPrice =
  | { ok: true; yearly_cents: number; packs: number }
  | { ok: false; quota: QuotaName; needed: number; included: number };

/** The recurring yearly price of `offer` for `need` (setup and membership apart), or the quota that is too small. */
export function priceForNeed(offer: Pick<MatchOffer, "service" | "quotas" | "pricing">, need: Pick<Need, "quantity" | "storage_gb" | "subscribers">, pwywAsFree = true): NeedPrice {
  const q = offer.quotas;
  if (need.storage_gb !== null && q.storage_gb !== null && need.storage_gb > q.storage_gb) {
    return { ok: false, quota: "storage_gb", needed: need.storage_gb, included: q.storage_gb };
  }
  if (need.subscribers !== null && q.subscribers !== null && need.subscribers > q.subscribers) {
    return { ok: false, quota: "subscribers", needed: need.subscribers, included: q.subscribers };
  }
  const field = COUNT_QUOTA[offer.service];
  const stated = field === undefined ? null : q[field];
  const quota: QuotaName = field ?? "units";
  const paid = offer.pricing.model === "paid";
  const unitYearly = paid ? yearlyCents(offer.pricing) : offer.pricing.model === "donation" ? rankedYearlyCents(offer.pricing, pwywAsFree) : 0;
  const qty = need.quantity;

  if (offer.pricing.unit === "per_unit" || !paid) {
    // A per-unit order, or anything not paid, is one subscription capped by its count quota.
    if (stated !== null && qty > stated) return { ok: false, quota, needed: qty, included: stated };
    return { ok: true, yearly_cents: offer.pricing.unit === "per_unit" ? unitYearly * qty : unitYearly, packs: 1 };
  }
  const included = field === undefined ? 1 : stated;
  if (included === null) return { ok: true, yearly_cents: unitYearly, packs: 1 };
  if (included <= 0) return { ok: false, quota, needed: qty, included: 0 };
  const packs = Math.floor((qty + included - 1) / included); // ceil on integers
  return { ok: true, yearly_cents: unitYearly * packs, packs };
}

/** The provider-level yearly fee a membership offer asks for (0 for other models). */
export function membershipYearlyCents(pricing: MatchOffer["pricing"]): number {
  return pricing.model === "membership" ? yearlyCents(pricing) : 0;
}

/** One-time fee for subscribing to the offer. */
export function setupCents(pricing: MatchOffer["pricing"]): number {
  return pricing.setup_fee_cents;
}

/** Yearly cents shown per month, rounded to the cent. */
export function perMonth(yearly: number): number {
  return Math.round(yearly / 12);
}

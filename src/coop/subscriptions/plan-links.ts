// Where a member meets the cooperative's plans outside the plan's page — a match result, its migration
// plan — it is offered the plan's subscribe form with the quantity it already told us. Pure.
import { quantityProblem, type PlanOffer } from "./plans";

/** The plan's page, with the quantity (and the organisation) to prefill when known. */
export function planHref(offerId: string, quantity?: number, orgId?: string): string {
  const query = new URLSearchParams();
  if (quantity !== undefined && Number.isInteger(quantity) && quantity >= 1) query.set("quantity", String(quantity));
  if (orgId) query.set("organisation", orgId);
  const base = `/coop/plans/${encodeURIComponent(offerId)}`;
  return query.size ? `${base}?${query}` : base;
}

/**
 * The quantity the plan's form starts with: a flat plan is taken once; a per-unit plan by the number
 * asked (`?quantity=`, from the needs or the migration plan) when it is a valid one, else 1.
 */
export function prefillQuantity(plan: Pick<PlanOffer, "unit">, asked: string | undefined): string {
  if (plan.unit === "flat") return "1";
  const n = asked && /^\d{1,6}$/.test(asked) ? Number(asked) : NaN;
  return quantityProblem(plan, n) ? "1" : String(n);
}

/** A migration item as far as the plan links care. */
export interface PlannedItem {
  offer_id: string;
  offer_name: string;
  provider_id: string;
  state: string;
}

export interface PlanLink {
  offerId: string;
  offerName: string;
  /** How many of the migration's live items go to this plan. */
  items: number;
  subscribed: boolean;
}

/**
 * The cooperative's plans a migration uses, one per plan in the order first met: how many live items
 * (not cancelled) each takes, and whether the organisation already has a running subscription to it.
 */
export function migrationPlanLinks(items: readonly PlannedItem[], coopProviderId: string | null, subscribedOfferIds: ReadonlySet<string>): PlanLink[] {
  if (!coopProviderId) return [];
  const links = new Map<string, PlanLink>();
  for (const i of items) {
    if (i.provider_id !== coopProviderId || i.state === "cancelled") continue;
    const link = links.get(i.offer_id) ?? { offerId: i.offer_id, offerName: i.offer_name, items: 0, subscribed: subscribedOfferIds.has(i.offer_id) };
    link.items += 1;
    links.set(i.offer_id, link);
  }
  return [...links.values()];
}

/** The quantity a bundle item's needs ask for: the sum of their quantities (unknown needs count nothing). */
export function neededQuantity(needIndexes: readonly number[], needs: readonly { quantity: number }[]): number | undefined {
  const total = needIndexes.reduce((s, i) => s + (needs[i]?.quantity ?? 0), 0);
  return total >= 1 ? Math.round(total) : undefined;
}

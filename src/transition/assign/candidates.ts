// A member's candidate bundles for the collective assignment, by the matching engine itself: its
// live inventory becomes one need per kind (how many, the storage each needs, the largest list),
// its saved constraints and weights are the member's own, and match() returns the feasible bundles
// in the member's order of preference — hard constraints (countries, languages, networks, budget)
// and the couplings (a domain's mail on one host, included aliases, DNS kept with the domain or the
// mail) already applied. Pure.
import { match } from "../../matching/engine";
import { matchRequestSchema, type MatchConstraints, type MatchWeights } from "../../matching/needs";
import type { MatchOffer, MatchOptions } from "../../matching/types";
import type { InventoryKind, InventoryService } from "../inventory";
import { MB_PER_GB, storageMb } from "../plan";
import type { AssignItem, AssignOption } from "./types";

export interface MemberServices {
  services: { id: string; service: InventoryService }[];
  constraints?: Partial<MatchConstraints>;
  weights?: Partial<MatchWeights>;
}

/** Up to `limit` bundles (the matching engine's own cap is 20), best first; empty with the unmet needs' messages when none. */
export function candidateOptions(member: MemberServices, offers: readonly MatchOffer[], opts: MatchOptions, limit = 20): { options: AssignOption[]; unmet: string[] } {
  const kinds = [...new Set(member.services.map((s) => s.service.kind))].sort() as InventoryKind[];
  if (kinds.length === 0) return { options: [], unmet: [] };
  const needs = kinds.map((kind) => {
    const of = member.services.filter((s) => s.service.kind === kind).map((s) => s.service);
    const mb = Math.max(0, ...of.map((s) => storageMb(s).used ?? 0));
    const subscribers = Math.max(0, ...of.map((s) => (s.kind === "mailing_list" ? s.subscribers : 0)));
    return {
      service: kind,
      quantity: of.length,
      storage_gb: mb > 0 ? Math.ceil((mb / MB_PER_GB) * 10) / 10 : null,
      subscribers: kind === "mailing_list" ? subscribers : null,
    };
  });
  const request = matchRequestSchema.parse({ needs, constraints: member.constraints ?? {}, weights: member.weights ?? {}, limit });
  const result = match(request, offers, opts);
  const options = result.bundles.map((b): AssignOption => {
    const items: AssignItem[] = [];
    for (const it of b.items) {
      for (const n of it.needs) {
        const kind = kinds[n]!;
        for (const s of member.services) if (s.service.kind === kind) items.push({ inventory_id: s.id, offer_id: it.offer_id, provider_id: it.provider_id, kind });
      }
    }
    items.sort((a, b) => (a.inventory_id < b.inventory_id ? -1 : 1));
    return { items, monthly_cents: b.monthly_cents };
  });
  return { options, unmet: result.unmet.map((u) => u.message) };
}

// The collective assignment's I/O edge: loads the chosen members' live inventories (services not
// already in a live migration item), their latest saved needs (constraints and weights), the
// published catalogue, the providers' capacities less the units already planned (and, for a host
// with a weekly rate, the member migrations it can still start: rate × weeks left less those under
// way), then runs the pure engine. Reads only: sending proposals is a separate step.
import { and, desc, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { inChunks } from "../../db/chunks";
import { inventoryServices, migrationItems, organisations, savedNeeds, type InventoryServiceRow } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import type { Lang } from "../../lib/lang";
import { AppError } from "../../lib/problem";
import { loadMatchCatalog } from "../../matching/catalog";
import type { InventoryKind } from "../inventory";
import type { CapacityKind } from "../capacity/model";
import { loadCapacities, migrationsUnderWay, plannedUnits } from "../capacity/service";
import { throughput } from "../capacity/throughput";
import { candidateOptions } from "./candidates";
import { assign } from "./engine";
import type { AssignMember, AssignMode, AssignProvider, UnassignedReason } from "./types";

export interface AssignRequest {
  organisation_ids: string[];
  mode: AssignMode;
  groups: string[][];
}

export interface AssignReply {
  mode: AssignMode;
  assignments: { organisation_id: string; items: { inventory_id: string; offer_id: string }[]; monthly_cents: number }[];
  unassigned: { organisation_id: string; reason: UnassignedReason; message: string }[];
  objective_cents: number;
  /** `optimal`: whether the search proved no cheaper assignment exists. */
  proved_optimal: boolean;
  /** `optimal`: no assignment placing as many members costs less (`objective_cents` when proved); null in `stable` mode or with no bound. */
  lower_bound_cents: number | null;
  stable: boolean | null;
  /** Per provider, per limited kind: units planned before plus this assignment's, over the declared limit; `migrations`: member migrations under way plus this assignment's members, over rate × weeks left. */
  capacity_used: Record<string, Partial<Record<CapacityKind, string>>>;
}

/** The penalty per provider per member: one more host to deal with is worth about two euros a month. */
export const PENALTY_CENTS = 200;

const MESSAGES: Record<UnassignedReason, Record<Lang, string>> = {
  no_offer: {
    fr: "Aucune offre ne répond à tous ses besoins et contraintes.",
    nl: "Geen enkel aanbod voldoet aan al zijn behoeften en voorwaarden.",
    en: "No offer meets all its needs and constraints.",
  },
  capacity_full: {
    fr: "Les hébergeurs qui lui conviennent n'ont plus de place avant l'échéance.",
    nl: "De hosts die passen hebben vóór de deadline geen plaats meer.",
    en: "The hosts that suit it have no room left before the deadline.",
  },
  group_conflict: {
    fr: "Aucun hébergeur ne peut accueillir tout son groupe pour les services partagés.",
    nl: "Geen enkele host kan de hele groep ontvangen voor de gedeelde diensten.",
    en: "No host can take its whole group for the shared services.",
  },
};

/** Legal forms that mark an association in a registered name (hosts put associations first). */
const ASSOCIATION = /\b(asbl|vzw|aisbl|ivzw|association|vereniging)\b/i;

export async function runAssignment(ctx: ServiceContext, req: AssignRequest): Promise<AssignReply> {
  const db = ctx.db;
  const lang: Lang = ctx.lang ?? "fr";
  const ids = [...new Set(req.organisation_ids)];
  const orgs = await inChunks(ids, (chunk) => db.select().from(organisations).where(and(inArray(organisations.id, chunk), eq(organisations.kind, "member"))));
  const known = new Set(orgs.map((o) => o.id));
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0) throw new AppError("VALIDATION_FAILED", `organisation_ids: ${ids[missing]} is not a member organisation`, [{ field: `organisation_ids.${missing}`, message: "not a member organisation" }]);

  // Live services not already in a live migration item (those have their host).
  const services = await inChunks(ids, (chunk) => db.select().from(inventoryServices).where(and(inArray(inventoryServices.orgId, chunk), isNull(inventoryServices.goneAt))));
  const taken = new Set(
    (await inChunks(ids, (chunk) => db.select({ id: migrationItems.inventoryId }).from(migrationItems).where(and(inArray(migrationItems.orgId, chunk), notInArray(migrationItems.state, ["cancelled", "done"]))))).map((r) => r.id),
  );
  const byOrg = new Map<string, InventoryServiceRow[]>();
  for (const s of services) if (!taken.has(s.id)) byOrg.set(s.orgId, [...(byOrg.get(s.orgId) ?? []), s]);

  const saved = await inChunks(ids, (chunk) => db.select({ orgId: savedNeeds.orgId, request: savedNeeds.request }).from(savedNeeds).where(inArray(savedNeeds.orgId, chunk)).orderBy(desc(savedNeeds.createdAt)));
  const savedOf = new Map<string, (typeof saved)[number]["request"]>();
  for (const s of saved) if (!savedOf.has(s.orgId)) savedOf.set(s.orgId, s.request);

  const kinds = [...new Set(services.map((s) => s.kind))];
  const { offers } = await loadMatchCatalog(db, kinds);
  const [caps, planned, underWay] = await Promise.all([loadCapacities(db), plannedUnits(db), migrationsUnderWay(db)]);
  const pace = (id: string) => throughput({ perWeek: caps.get(id)?.migrations_per_week, now: ctx.now(), deadline: ctx.settings.TRANSITION_DEADLINE, underWay: underWay.get(id) ?? 0 });
  const providerIds = [...new Set(offers.map((o) => o.provider_id))];
  const managers = providerIds.length ? await inChunks(providerIds, (chunk) => db.select({ providerId: organisations.providerId, city: organisations.city }).from(organisations).where(inArray(organisations.providerId, chunk))) : [];
  const cityOf = new Map(managers.map((m) => [m.providerId!, m.city]));
  const providers: AssignProvider[] = providerIds.sort().map((id) => {
    const capacity: Partial<Record<InventoryKind, number>> = {};
    for (const [kind, n] of Object.entries(caps.get(id)?.units ?? {}) as [InventoryKind, number][]) capacity[kind] = Math.max(0, n - (planned.get(id)?.[kind] ?? 0));
    const t = pace(id);
    return { id, city: cityOf.get(id) ?? null, capacity, ...(t ? { migrations: t.remaining } : {}) };
  });

  const members: AssignMember[] = orgs
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((o) => {
      const request = savedOf.get(o.id);
      const mine = (byOrg.get(o.id) ?? []).map((s) => ({ id: s.id, service: s.service }));
      const { options } = candidateOptions({ services: mine, constraints: request?.constraints, weights: request?.weights }, offers, { lang, memberCountry: o.countryCode ?? "BE" });
      return { id: o.id, options, city: o.city, association: ASSOCIATION.test(`${o.legalName ?? ""} ${o.name}`) };
    });

  // A request's CPU is bounded by the engine's own budget (optimal.ts `defaultPivotLimit`: simplex
  // pivots scaled by the capacity rows, counted, not timed, so a proposal's re-run finds the same
  // result); when it stops early the reply says so (`proved_optimal: false`). A node cap here
  // (2M ÷ options) stopped 1,000-member searches at 250 nodes (100 with 20 options a member): the
  // bench's 1000 × 45 seeds 0–5 prove random s2, s5 and clustered s1, s2, s5 on 321–922 nodes.
  const result = assign({ members, providers, groups: req.groups, penalty_cents: PENALTY_CENTS }, req.mode);

  const capacityUsed: AssignReply["capacity_used"] = {};
  for (const p of providers) {
    const declared = caps.get(p.id)?.units ?? {};
    for (const [kind, limit] of Object.entries(declared) as [InventoryKind, number][]) {
      const used = (planned.get(p.id)?.[kind] ?? 0) + (result.used.get(p.id)?.[kind] ?? 0);
      if (used === 0) continue;
      (capacityUsed[p.id] ??= {})[kind] = `${used}/${limit}`;
    }
    const t = pace(p.id);
    const members = result.used.get(p.id)?.migrations ?? 0;
    if (t && t.used + members > 0) (capacityUsed[p.id] ??= {}).migrations = `${t.used + members}/${t.limit}`;
  }
  return {
    mode: req.mode,
    assignments: result.assignments.map((a) => ({ organisation_id: a.member_id, items: a.items.map((i) => ({ inventory_id: i.inventory_id, offer_id: i.offer_id })), monthly_cents: a.monthly_cents })),
    unassigned: result.unassigned.map((u) => ({ organisation_id: u.member_id, reason: u.reason, message: MESSAGES[u.reason][lang] })),
    objective_cents: result.objective_cents,
    proved_optimal: result.proved_optimal,
    lower_bound_cents: result.lower_bound_cents,
    stable: result.stable,
    capacity_used: capacityUsed,
  };
}

// The assignment as the solvers see it: "units" that move as one (a member alone, or a group that
// must share a host for its binding services), each with a list of unit options, and the limited
// resources (provider × kind with a stated capacity, and provider × "migrations" for a host with a
// weekly rate). Both modes and the HiGHS reference read this.
import type { CapacityKind } from "../capacity/model";
import type { InventoryKind } from "../inventory";
import { BINDING_KINDS, type AssignInput, type AssignMember, type AssignOption } from "./types";

export interface UnitChoice {
  /** Index into the unit's members → index into that member's options. */
  picks: number[];
  /** Monthly cents plus the penalty per provider per member, summed over the unit's members. */
  cost: number;
  /** Limited resources it takes: parallel arrays of resource index and units. */
  res: number[];
  amt: number[];
  /** The single host of a `stable` choice; for a group in `optimal`, its binding host (null: none). */
  host: string | null;
}

export interface Unit {
  /** Indexes into input.members. */
  members: number[];
  choices: UnitChoice[];
  /** Why the unit has no choice at all, when so (before capacities). */
  empty: "no_offer" | "group_conflict" | null;
}

export interface Resource {
  provider: string;
  /** A kind of unit, or `migrations`: one per member sent to the provider. */
  kind: CapacityKind;
  cap: number;
}

export interface UnitProblem {
  units: Unit[];
  resources: Resource[];
  /** The cost of leaving one member unassigned: more than any total of assigned costs, so the most members are placed first. */
  unassignedCost: number;
}

/** Distinct providers of an option. */
export function providersOf(o: AssignOption): string[] {
  return [...new Set(o.items.map((i) => i.provider_id))].sort();
}

/** The one host of the option's binding services, null if it has none, undefined if they are spread over several. */
function bindHost(o: AssignOption): string | null | undefined {
  const hosts = new Set(o.items.filter((i) => BINDING_KINDS.has(i.kind)).map((i) => i.provider_id));
  if (hosts.size === 0) return null;
  return hosts.size === 1 ? [...hosts][0]! : undefined;
}

export function optionCost(o: AssignOption, penalty: number): number {
  return o.monthly_cents + penalty * providersOf(o).length;
}

/**
 * Units and resources for a mode. `optimal`: a lone member keeps all its options; a group gets one
 * choice per possible binding host, each member taking its cheapest option compatible with that
 * host. `stable`: only single-host bundles (a host can then hold or refuse a proposal whole), in
 * the members' order; a group proposes hosts in the order of its members' summed preference ranks.
 */
export function buildUnits(input: AssignInput, mode: "optimal" | "stable"): UnitProblem {
  // Per provider, per kind (or "migrations") its resource: two lookups, no key string built per
  // item (choiceOf built one per item and host: 3 % of a 500 × 30 solve).
  const resIndex = new Map<string, Map<string, number>>();
  const resources: Resource[] = [];
  for (const p of input.providers) {
    const own = resIndex.get(p.id) ?? resIndex.set(p.id, new Map()).get(p.id)!;
    for (const [kind, cap] of Object.entries(p.capacity) as [InventoryKind, number][]) {
      own.set(kind, resources.length);
      resources.push({ provider: p.id, kind, cap: Math.max(0, Math.floor(cap)) });
    }
    if (p.migrations !== undefined) {
      own.set("migrations", resources.length);
      resources.push({ provider: p.id, kind: "migrations", cap: Math.max(0, Math.floor(p.migrations)) });
    }
  }
  const memberIndex = new Map(input.members.map((m, i) => [m.id, i]));
  const usable = (m: AssignMember) => m.options.map((o, i) => ({ o, i })).filter(({ o }) => mode === "optimal" || providersOf(o).length === 1);

  const choiceOf = (members: number[], picks: number[], host: string | null): UnitChoice => {
    const use = new Map<number, number>();
    let cost = 0;
    members.forEach((mi, k) => {
      const o = input.members[mi]!.options[picks[k]!]!;
      const hosts = providersOf(o);
      cost += o.monthly_cents + input.penalty_cents * hosts.length; // optionCost
      for (const it of o.items) {
        const r = resIndex.get(it.provider_id)?.get(it.kind);
        if (r !== undefined) use.set(r, (use.get(r) ?? 0) + 1);
      }
      // One member migration at each host the bundle uses, however many services go there.
      for (const p of hosts) {
        const r = resIndex.get(p)?.get("migrations");
        if (r !== undefined) use.set(r, (use.get(r) ?? 0) + 1);
      }
    });
    const res = [...use.keys()].sort((a, b) => a - b);
    return { picks, cost, res, amt: res.map((r) => use.get(r)!), host };
  };

  const units: Unit[] = [];
  const grouped = new Set<number>();
  for (const g of input.groups) {
    const members = [...new Set(g)].map((id) => memberIndex.get(id)).filter((i): i is number => i !== undefined && !grouped.has(i));
    if (members.length === 0) continue;
    members.forEach((i) => grouped.add(i));
    if (members.length === 1) continue; // a group of one is a lone member (below)
    const lists = members.map((mi) => usable(input.members[mi]!));
    if (lists.some((l) => l.length === 0)) {
      units.push({ members, choices: [], empty: lists.every((l) => l.length === 0) ? "no_offer" : "group_conflict" });
      continue;
    }
    // Candidate binding hosts: any host one member could bind to; "" stands for "no binding service".
    const hosts = new Set<string>();
    for (const l of lists) for (const { o } of l) hosts.add(mode === "stable" ? providersOf(o)[0]! : (bindHost(o) ?? ""));
    const choices: { c: UnitChoice; rank: number }[] = [];
    for (const h of [...hosts].sort()) {
      const picks: number[] = [];
      let rank = 0;
      for (const l of lists) {
        const fits = l.filter(({ o }) => (mode === "stable" ? providersOf(o)[0] === h : bindHost(o) === null || bindHost(o) === h));
        if (fits.length === 0) break;
        const best = mode === "stable" ? fits[0]! : fits.reduce((a, b) => (optionCost(b.o, input.penalty_cents) < optionCost(a.o, input.penalty_cents) ? b : a));
        picks.push(best.i);
        rank += best.i;
      }
      if (picks.length === members.length) choices.push({ c: choiceOf(members, picks, h === "" ? null : h), rank });
    }
    if (mode === "stable") choices.sort((a, b) => a.rank - b.rank || (a.c.host ?? "").localeCompare(b.c.host ?? ""));
    units.push({ members, choices: choices.map((x) => x.c), empty: choices.length === 0 ? "group_conflict" : null });
  }
  input.members.forEach((m, mi) => {
    if (grouped.has(mi)) return;
    const choices = usable(m).map(({ o, i }) => choiceOf([mi], [i], mode === "stable" ? providersOf(o)[0]! : null));
    units.push({ members: [mi], choices, empty: choices.length === 0 ? "no_offer" : null });
  });

  let total = 0;
  for (const u of units) total += Math.max(0, ...u.choices.map((c) => c.cost));
  return { units, resources, unassignedCost: total + 1 };
}

/** Per resource, what a pick (per unit a choice index, −1 = out) takes of it. */
export function capacityUse(p: UnitProblem, pick: readonly number[]): Float64Array {
  const used = new Float64Array(p.resources.length);
  pick.forEach((k, u) => {
    if (k < 0) return;
    const c = p.units[u]!.choices[k]!;
    c.res.forEach((r, i) => (used[r]! += c.amt[i]!));
  });
  return used;
}

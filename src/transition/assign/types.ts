// The collective assignment's input and output, as plain data. Pure: `candidates.ts` builds the
// members' options with the matching engine; `units.ts`, `optimal.ts` and `stable.ts` only read these.
import type { CapacityKind } from "../capacity/model";
import type { InventoryKind } from "../inventory";

/** One inventory service placed on one offer. */
export interface AssignItem {
  inventory_id: string;
  offer_id: string;
  provider_id: string;
  kind: InventoryKind;
}

/** A whole bundle for a member: every one of its services placed, its monthly cost. */
export interface AssignOption {
  items: AssignItem[];
  monthly_cents: number;
}

export interface AssignMember {
  id: string;
  /** Feasible bundles (hard constraints already applied), in the member's order of preference, best first. */
  options: AssignOption[];
  /** What hosts rank members by: same city first, then associations, then id. */
  city: string | null;
  association: boolean;
  /** Set when no offer meets the member's needs, to say which need. */
  no_offer_detail?: string;
}

export interface AssignProvider {
  id: string;
  city: string | null;
  /** Units it can still take per kind (declared minus planned); a kind left out is unlimited. */
  capacity: Partial<Record<InventoryKind, number>>;
  /**
   * Member migrations it can still start before the deadline (its weekly rate × the weeks left,
   * less those under way: capacity/throughput.ts); each member whose bundle uses this host takes
   * one, a group's members one each. Absent: no weekly rate stated, no limit.
   */
  migrations?: number;
}

export type AssignMode = "optimal" | "stable";

export interface AssignInput {
  members: AssignMember[];
  providers: AssignProvider[];
  /** Members that must share one host for the services that bind them (mail, domains, DNS). */
  groups: string[][];
  /** Added once per provider a member uses, in cents per month: fewer hosts per member is simpler. */
  penalty_cents: number;
}

export const UNASSIGNED_REASONS = ["no_offer", "capacity_full", "group_conflict"] as const;
export type UnassignedReason = (typeof UNASSIGNED_REASONS)[number];

export interface Assignment {
  member_id: string;
  items: AssignItem[];
  monthly_cents: number;
  providers: number;
}

export interface Unassigned {
  member_id: string;
  reason: UnassignedReason;
}

export interface AssignResult {
  assignments: Assignment[];
  unassigned: Unassigned[];
  /** Σ monthly cost + penalty × providers per member, over assigned members. */
  objective_cents: number;
  /** `optimal` only: the search proved no better assignment exists (false if it hit its node limit). */
  proved_optimal: boolean;
  /**
   * `optimal` only: no assignment placing as many members costs less than this (cents, Σ as
   * `objective_cents`) — `objective_cents` itself when proved, the search's least open bound when it
   * stopped early; null in `stable` mode or when the search stopped before any bound.
   */
  lower_bound_cents: number | null;
  /**
   * `stable` only: no member and host would both rather be matched together (null in `optimal`).
   * False when no stable assignment exists (sizes make that possible) or the search gave up; the
   * answer is then deferred acceptance's.
   */
  stable: boolean | null;
  /** Units used by this assignment per provider and kind, and `migrations`: members it sends to that provider. */
  used: Map<string, Partial<Record<CapacityKind, number>>>;
}

/** The kinds that bind members of a group to one host: a shared domain's mail, its registration and its zone. */
export const BINDING_KINDS: ReadonlySet<InventoryKind> = new Set(["mailbox", "mail_alias", "domain_registration", "dns_hosting"]);

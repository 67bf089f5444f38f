// The capacity vocabulary shared by the unit counts (service.ts), the weekly pace (throughput.ts),
// the collective assignment (assign/) and the control room's SQL. Pure.
import type { InventoryKind } from "../inventory";

/** Items in these states hold no unit at their host any more. */
export const RELEASED_STATES = ["cancelled", "declined", "failed"] as const;

/** What a capacity limits: units of an inventory kind, or `migrations` (member migrations to the deadline at the host's weekly pace). */
export type CapacityKind = InventoryKind | "migrations";

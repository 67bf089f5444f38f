// What an inventory import changes, per organisation, before anything is stored: services added,
// updated (same natural key, other details), unchanged, and gone (stored, missing from the file).
// Pure, so that "importing the same file twice changes nothing" is a property of this function.
import { naturalKey, type InventoryImport, type InventoryService } from "./inventory";

/** A service as stored: `gone` once a later import left it out (rows are never deleted). */
export interface StoredService {
  service: InventoryService;
  gone: boolean;
}

export interface ServicesDiff {
  added: InventoryService[];
  /** A stored service whose details changed, or that comes back after being gone. */
  updated: { before: StoredService; after: InventoryService }[];
  unchanged: InventoryService[];
  /** Stored, not gone yet, and missing from this import: to be marked gone. */
  gone: StoredService[];
}

export interface OrganisationDiff {
  external_ref: string;
  /** No organisation with this external_ref exists yet: the import creates it. */
  created: boolean;
  services: ServicesDiff;
}

/** JSON with sorted keys: stored rows and parsed input compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function diffServices(existing: readonly StoredService[], incoming: readonly InventoryService[]): ServicesDiff {
  const stored = new Map(existing.map((s) => [naturalKey(s.service), s]));
  const diff: ServicesDiff = { added: [], updated: [], unchanged: [], gone: [] };
  const seen = new Set<string>();
  for (const after of incoming) {
    const key = naturalKey(after);
    seen.add(key);
    const before = stored.get(key);
    if (!before) diff.added.push(after);
    else if (before.gone || canonical(before.service) !== canonical(after)) diff.updated.push({ before, after });
    else diff.unchanged.push(after);
  }
  for (const [key, s] of stored) if (!seen.has(key) && !s.gone) diff.gone.push(s);
  return diff;
}

/**
 * `existing` maps each known external_ref to its stored services (an organisation that exists
 * with no services maps to []); one entry per organisation of the import, in the import's order.
 * Organisations absent from the import are left alone: a partial file does not empty the others.
 */
export function diffInventory(existing: ReadonlyMap<string, readonly StoredService[]>, incoming: InventoryImport): OrganisationDiff[] {
  return incoming.organisations.map((org) => {
    const stored = existing.get(org.external_ref);
    return { external_ref: org.external_ref, created: stored === undefined, services: diffServices(stored ?? [], org.services) };
  });
}

/** The reply's counts. */
export function diffCounts(d: ServicesDiff): { added: number; updated: number; unchanged: number; gone: number } {
  return { added: d.added.length, updated: d.updated.length, unchanged: d.unchanged.length, gone: d.gone.length };
}

// Pure pieces of the proposals: the review token (what the steward saw, so sending refuses a result
// that changed meanwhile), the proposal's expiry, what changed in an inventory since a proposal, and
// the groups a steward types on the page (one group per line, members by id or name).
import type { AssignReply } from "../assign/service";

/** How long a member has to answer a proposal. */
export const PROPOSAL_DAYS = 21;

export function expiresAt(sentAt: Date, deadline: string): string {
  const inDays = new Date(sentAt.getTime() + PROPOSAL_DAYS * 86_400_000);
  const end = new Date(`${deadline}T00:00:00Z`);
  // Never after the transition's deadline, never before the proposal was sent.
  return (Number.isNaN(end.getTime()) || end > inDays || end <= sentAt ? inDays : end).toISOString();
}

/** A sent proposal past its expiry reads as expired (nothing rewrites it: reads derive it). */
export function effectiveStatus<S extends string>(status: S, expires: string, now: Date): S | "expired" {
  return status === "sent" && expires <= now.toISOString() ? "expired" : status;
}

/**
 * Whether the run proved what its mode tells the member (proposal.tsx "why"): `optimal` the least
 * total — not when the search stopped at its budget; `stable` no blocking pair — not when members'
 * sizes leave no stable assignment (`stable: false`, deferred acceptance's answer).
 */
export function replyProved(reply: Pick<AssignReply, "mode" | "proved_optimal" | "stable">): boolean {
  return reply.mode === "optimal" ? reply.proved_optimal : reply.stable === true;
}

/** FNV-1a, 64 bits, as 16 hex digits: a fingerprint, not a secret (sending runs the assignment again anyway). */
function fnv64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, "0");
}

/** The result as reviewed: who goes where, for how much, and who is left out why. */
export function reviewToken(reply: Pick<AssignReply, "mode" | "assignments" | "unassigned">): string {
  const canonical = {
    mode: reply.mode,
    a: [...reply.assignments].sort((x, y) => (x.organisation_id < y.organisation_id ? -1 : 1)).map((a) => [a.organisation_id, a.monthly_cents, [...a.items].sort((x, y) => (x.inventory_id < y.inventory_id ? -1 : 1)).map((i) => `${i.inventory_id}>${i.offer_id}`)]),
    u: [...reply.unassigned].sort((x, y) => (x.organisation_id < y.organisation_id ? -1 : 1)).map((u) => [u.organisation_id, u.reason]),
  };
  return fnv64(JSON.stringify(canonical));
}

export interface ProposedLine {
  inventory_id: string;
  inventory_updated_at: string;
}
export interface LiveService {
  id: string;
  updatedAt: string;
  goneAt: string | null;
  /** Already in a live migration item. */
  planned: boolean;
}

export type InventoryChange = { inventory_id: string; change: "gone" | "updated" | "planned" };

/**
 * What changed in the services a proposal placed: gone, edited or planned meanwhile. A service
 * added since is not the proposal's business: it stays in the inventory for a plan of its own.
 */
export function inventoryChanges(lines: readonly ProposedLine[], services: readonly LiveService[]): InventoryChange[] {
  const byId = new Map(services.map((s) => [s.id, s]));
  const out: InventoryChange[] = [];
  for (const l of lines) {
    const s = byId.get(l.inventory_id);
    if (!s || s.goneAt) out.push({ inventory_id: l.inventory_id, change: "gone" });
    else if (s.planned) out.push({ inventory_id: l.inventory_id, change: "planned" });
    else if (s.updatedAt !== l.inventory_updated_at) out.push({ inventory_id: l.inventory_id, change: "updated" });
  }
  return out;
}

export type GroupError = { line: number; problem: "unknown" | "too_small" | "twice"; name?: string };

/**
 * The page's groups: one group per non-empty line, members separated by commas or semicolons, each
 * an organisation id or its exact name (case ignored) among the chosen members.
 */
export function parseGroups(text: string, chosen: readonly { id: string; name: string }[]): { groups: string[][]; errors: GroupError[] } {
  const byKey = new Map<string, string>();
  for (const o of chosen) {
    byKey.set(o.id.toLowerCase(), o.id);
    byKey.set(o.name.trim().toLowerCase(), o.id);
  }
  const groups: string[][] = [];
  const errors: GroupError[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const names = raw.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) return;
    const line = i + 1;
    const ids: string[] = [];
    for (const name of names) {
      const id = byKey.get(name.toLowerCase());
      if (!id) errors.push({ line, problem: "unknown", name });
      else if (seen.has(id) || ids.includes(id)) errors.push({ line, problem: "twice", name });
      else ids.push(id);
    }
    ids.forEach((id) => seen.add(id));
    if (names.length < 2) errors.push({ line, problem: "too_small" });
    else if (ids.length >= 2) groups.push(ids);
  });
  return { groups, errors };
}

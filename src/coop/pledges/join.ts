// The way in for a pledger once the cooperative is open (/coop/join): what the pledge said turned
// into the share request's first values. Pure: takes the pledge and the share classes, returns data.
import type { PledgedService, PledgeRole } from "./model";

export interface JoinClass {
  code: string;
  nominalCents: number;
  minShares: number;
  maxShares: number;
  requiredForUsers: boolean;
}

export interface ShareSuggestion {
  classCode: string;
  shares: number;
  /** shares × nominal: what the capital call will ask. */
  amountCents: number;
}

/** What a pledge said, as far as the way in needs it. */
export interface JoinPledge {
  name: string;
  organisation: string | null;
  roles: PledgeRole[];
  services: PledgedService[];
  monthlyCents: number;
  capitalCents: number;
}

const at = (c: JoinClass, shares: number): ShareSuggestion => ({ classCode: c.code, shares, amountCents: shares * c.nominalCents });

/** Required-for-users classes first (a client must hold one), then the cheaper share. */
const preferred = (a: JoinClass, b: JoinClass) => Number(b.requiredForUsers) - Number(a.requiredForUsers) || a.nominalCents - b.nominalCents || a.code.localeCompare(b.code);

/**
 * The class and number of shares closest to the capital pledged, never above it nor outside the
 * class's limits: the fewest euros left over wins, ties go to the class users must hold, then to the
 * cheaper share (so €500 with A at €250 and B at €50 required is 10 B). With no capital pledged, or
 * less than any class's minimum, the smallest holding of the class users must hold (else of the
 * cheapest class): a client must hold one anyway. No class open: nothing to suggest.
 */
export function suggestShares(capitalCents: number, classes: readonly JoinClass[]): ShareSuggestion | null {
  const usable = classes.filter((c) => c.nominalCents > 0 && c.minShares >= 1 && c.maxShares >= c.minShares).sort(preferred);
  if (usable.length === 0) return null;
  let best: { s: ShareSuggestion; left: number } | null = null;
  for (const c of usable) {
    const shares = Math.min(Math.floor(capitalCents / c.nominalCents), c.maxShares);
    if (shares < c.minShares) continue;
    const left = capitalCents - shares * c.nominalCents;
    if (!best || left < best.left) best = { s: at(c, shares), left };
  }
  if (best) return best.s;
  const fallback = usable[0]!;
  return at(fallback, fallback.minShares);
}

/**
 * The holder the request should be made for: the one asked for ("person", or an organisation the
 * person manages), else the one named like the pledge's organisation, else the only one they manage,
 * else themselves.
 */
export function suggestHolder(orgs: readonly { id: string; name: string }[], pledgeOrganisation: string | null, asked?: string): string {
  if (asked && (asked === "person" || orgs.some((o) => o.id === asked))) return asked;
  const norm = (s: string) => s.normalize("NFKC").trim().toLocaleLowerCase("fr");
  const named = pledgeOrganisation ? orgs.find((o) => norm(o.name) === norm(pledgeOrganisation)) : undefined;
  if (named) return named.id;
  if (pledgeOrganisation && orgs.length === 1) return orgs[0]!.id;
  return "person";
}

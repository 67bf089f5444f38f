// Mode `stable`: deferred acceptance with capacities. Units (a member, or a group as one) propose
// single-host bundles in their order of preference; each host holds the proposals it prefers by its
// priorities (a member in its own city first, then associations, then by id), taking them in that
// order while they fit its remaining capacity per kind, and refuses the rest, who propose their next
// bundle. Sizes differ (a member may need 12 mailboxes, another 2), so a refusal can later be
// undone by a higher member leaving; a check after each round re-lets every member that could now
// fit where it prefers propose there again, until no member and host would both rather be matched
// together: no blocking pair (`blockingPairs` is the definition the tests use).
import type { AssignInput } from "./types";
import type { UnitProblem } from "./units";

/** A unit's place in a host's order: lower is preferred. */
export function priorityKey(input: AssignInput, p: UnitProblem, u: number, host: string): string {
  const city = input.providers.find((x) => x.id === host)?.city ?? null;
  const keys = p.units[u]!.members.map((mi) => {
    const m = input.members[mi]!;
    const sameCity = city !== null && m.city !== null && m.city.toLowerCase() === city.toLowerCase();
    return `${sameCity ? 0 : 1}${m.association ? 0 : 1}${m.id}`;
  });
  return keys.sort()[0]!;
}

interface Ctx {
  input: AssignInput;
  p: UnitProblem;
  keys: Map<string, string>;
}

function keyOf(ctx: Ctx, u: number, host: string): string {
  const k = `${u}\u0000${host}`;
  let v = ctx.keys.get(k);
  if (v === undefined) {
    v = priorityKey(ctx.input, ctx.p, u, host);
    ctx.keys.set(k, v);
  }
  return v;
}

/** Can `u`'s choice `j` fit at its host, counting only the units held there that the host prefers to `u`? */
function fitsAbove(ctx: Ctx, pick: number[], u: number, j: number): boolean {
  const c = ctx.p.units[u]!.choices[j]!;
  if (c.res.length === 0) return true;
  const host = c.host!;
  const key = keyOf(ctx, u, host);
  const used = new Map<number, number>();
  ctx.p.units.forEach((v, w) => {
    if (w === u || pick[w]! < 0) return;
    const cw = v.choices[pick[w]!]!;
    if (cw.host !== host || keyOf(ctx, w, host) >= key) return;
    cw.res.forEach((r, k) => used.set(r, (used.get(r) ?? 0) + cw.amt[k]!));
  });
  return c.res.every((r, k) => (used.get(r) ?? 0) + c.amt[k]! <= ctx.p.resources[r]!.cap);
}

/** Every (unit, choice) that the unit prefers to what it holds and that its host would take over someone it prefers less or free room. */
export function blockingPairs(input: AssignInput, p: UnitProblem, pick: number[]): { unit: number; choice: number }[] {
  const ctx: Ctx = { input, p, keys: new Map() };
  const out: { unit: number; choice: number }[] = [];
  p.units.forEach((unit, u) => {
    const upto = pick[u]! < 0 ? unit.choices.length : pick[u]!;
    for (let j = 0; j < upto; j++) if (fitsAbove(ctx, pick, u, j)) out.push({ unit: u, choice: j });
  });
  return out;
}

export function solveStable(input: AssignInput, p: UnitProblem, maxRounds = 100): { pick: number[]; stable: boolean; none?: boolean } {
  const ctx: Ctx = { input, p, keys: new Map() };
  const n = p.units.length;
  const next = new Array<number>(n).fill(0);
  const pick = new Array<number>(n).fill(-1);
  const held = new Map<string, Set<number>>();
  const queue: number[] = Array.from({ length: n }, (_, u) => u);

  /** The host takes its proposals in priority order while they fit; returns the refused ones. */
  const settle = (host: string): number[] => {
    const set = held.get(host)!;
    const order = [...set].sort((a, b) => (keyOf(ctx, a, host) < keyOf(ctx, b, host) ? -1 : 1));
    const used = new Map<number, number>();
    const refused: number[] = [];
    for (const u of order) {
      const c = p.units[u]!.choices[next[u]!]!;
      if (c.res.every((r, k) => (used.get(r) ?? 0) + c.amt[k]! <= p.resources[r]!.cap)) c.res.forEach((r, k) => used.set(r, (used.get(r) ?? 0) + c.amt[k]!));
      else refused.push(u);
    }
    for (const u of refused) set.delete(u);
    return refused;
  };

  const run = () => {
    while (queue.length > 0) {
      const u = queue.pop()!;
      const unit = p.units[u]!;
      if (next[u]! >= unit.choices.length) {
        pick[u] = -1;
        continue;
      }
      const host = unit.choices[next[u]!]!.host!;
      if (!held.has(host)) held.set(host, new Set());
      held.get(host)!.add(u);
      pick[u] = next[u]!;
      for (const r of settle(host)) {
        pick[r] = -1;
        next[r]!++;
        queue.push(r);
      }
    }
  };

  run();
  for (let round = 0; round < maxRounds; round++) {
    const blocking = blockingPairs(input, p, pick);
    if (blocking.length === 0) return { pick, stable: true };
    // Each blocked unit proposes again to its most preferred bundle that would now be held.
    const seen = new Set<number>();
    for (const { unit: u, choice: j } of blocking) {
      if (seen.has(u)) continue;
      seen.add(u);
      if (pick[u]! >= 0) {
        const from = p.units[u]!.choices[pick[u]!]!.host!;
        held.get(from)?.delete(u);
        pick[u] = -1;
      }
      next[u] = j;
      queue.push(u);
    }
    run();
  }
  if (blockingPairs(input, p, pick).length === 0) return { pick, stable: true };
  // Sizes make deferred acceptance incomplete: finish with the exact search, then say whether no
  // stable assignment exists at all (`none`) or the search gave up (neither flag).
  const found = searchStable(input, p);
  if (found.pick) return { pick: found.pick, stable: true };
  return { pick, stable: false, none: found.complete };
}

/**
 * Exact: a stable assignment by depth-first search over the units (each takes one of its choices in
 * its order of preference, or none), or proof that none exists. With sizes, one may not exist: a
 * host's room above a member can grow when someone it prefers leaves, so no order of proposals
 * settles (McDermid & Manlove, hospitals/residents with sizes). Pruned by capacity and by certain
 * blocks: a unit wanting a choice that fits among the units its host prefers and that no undecided
 * unit it ranks higher could still fill blocks every completion (room above only shrinks as units
 * are placed). `nodeLimit` bounds the work; `complete` says the whole tree was searched.
 */
export function searchStable(input: AssignInput, p: UnitProblem, nodeLimit = 200_000): { pick: number[] | null; complete: boolean } {
  const ctx: Ctx = { input, p, keys: new Map() };
  const n = p.units.length;
  const UNDECIDED = -2;
  const pick = new Array<number>(n).fill(UNDECIDED);
  const used = new Float64Array(p.resources.length);
  let nodes = 0;

  /** Could some undecided unit the host ranks above `u` still be placed there? */
  const contested = (u: number, host: string, key: string) => {
    for (let w = 0; w < n; w++) {
      if (pick[w] !== UNDECIDED || w === u) continue;
      if (p.units[w]!.choices.some((c) => c.host === host && c.res.length > 0) && keyOf(ctx, w, host) < key) return true;
    }
    return false;
  };
  const certainBlock = () => {
    for (let u = 0; u < n; u++) {
      if (pick[u] === UNDECIDED) continue;
      const upto = pick[u]! < 0 ? p.units[u]!.choices.length : pick[u]!;
      for (let j = 0; j < upto; j++) {
        const c = p.units[u]!.choices[j]!;
        if (!fitsAbove(ctx, pick, u, j)) continue; // only shrinks as more units are placed
        if (c.res.length === 0 || !contested(u, c.host!, keyOf(ctx, u, c.host!))) return true;
      }
    }
    return false;
  };
  const place = (u: number, k: number, sign: 1 | -1) => {
    const c = p.units[u]!.choices[k]!;
    c.res.forEach((r, i) => (used[r] = used[r]! + sign * c.amt[i]!));
  };
  const fits = (u: number, k: number) => p.units[u]!.choices[k]!.res.every((r, i) => used[r]! + p.units[u]!.choices[k]!.amt[i]! <= p.resources[r]!.cap);

  const dfs = (u: number): boolean | null => {
    if (++nodes > nodeLimit) return null;
    if (u === n) return true;
    const options = [...p.units[u]!.choices.keys(), -1];
    for (const k of options) {
      if (k >= 0 && !fits(u, k)) continue;
      if (k >= 0) place(u, k, 1);
      pick[u] = k;
      const ok = certainBlock() ? false : dfs(u + 1);
      if (k >= 0) place(u, k, -1);
      if (ok !== false) {
        if (ok === null) pick[u] = UNDECIDED;
        return ok;
      }
    }
    pick[u] = UNDECIDED;
    return false;
  };
  const result = dfs(0);
  return result ? { pick: [...pick], complete: true } : { pick: null, complete: result === false };
}

// Where two assignments of a unit problem differ (bench:assign-profile BENCH_DIFF): the engine's
// final pick against the oracle's optimum — how many units, on how many hosts and capacity rows,
// how tight those rows are, how many groups — and how much of that difference a neighbourhood's
// free units held (`held`): a neighbourhood solved exactly from `from` reaches `to` when it frees
// every unit they differ on.
import { capacityUse, type UnitProblem } from "../../src/transition/assign/units";

export interface PickDiff {
  units: number;
  groups: number;
  /** Hosts and capacity rows the differing units' two choices touch. */
  hosts: number;
  rows: number;
  /** Of those rows, the ones with no room left under `b` (the optimum), and under `a`. */
  fullB: number;
  fullA: number;
  /** Cost of `a` minus cost of `b` (placed choices only; members out counted by `unassignedCost`). */
  delta: number;
  /** The hosts by differing units, most first: [provider, units]. */
  top: [string, number][];
}

const room = (p: UnitProblem, pick: readonly number[]) => {
  const used = capacityUse(p, pick);
  return p.resources.map((r, i) => r.cap - used[i]!);
};

export function pickDiff(p: UnitProblem, a: readonly number[], b: readonly number[]): PickDiff {
  const ra = room(p, a);
  const rb = room(p, b);
  const rows = new Set<number>();
  const hostUnits = new Map<string, number>();
  let units = 0;
  let groups = 0;
  let delta = 0;
  const cost = (u: number, k: number) => (k < 0 ? p.unassignedCost * p.units[u]!.members.length : p.units[u]!.choices[k]!.cost);
  a.forEach((ka, u) => {
    const kb = b[u]!;
    if (ka === kb) return;
    units++;
    if (p.units[u]!.members.length > 1) groups++;
    delta += cost(u, ka) - cost(u, kb);
    const hosts = new Set<string>();
    for (const k of [ka, kb]) if (k >= 0) for (const r of p.units[u]!.choices[k]!.res) (rows.add(r), hosts.add(p.resources[r]!.provider));
    for (const h of hosts) hostUnits.set(h, (hostUnits.get(h) ?? 0) + 1);
  });
  const rs = [...rows];
  return {
    units,
    groups,
    hosts: hostUnits.size,
    rows: rs.length,
    fullB: rs.filter((r) => rb[r]! <= 0).length,
    fullA: rs.filter((r) => ra[r]! <= 0).length,
    delta,
    top: [...hostUnits].sort((x, y) => y[1] - x[1]).slice(0, 6),
  };
}

/** Of the units `from` and `to` differ on, how many `free` holds, and how many they differ on. */
export function held(free: ArrayLike<number>, from: ArrayLike<number>, to: ArrayLike<number>): { held: number; of: number } {
  let h = 0;
  let of = 0;
  for (let u = 0; u < to.length; u++) {
    if (from[u] === to[u]) continue;
    of++;
    if (free[u]) h++;
  }
  return { held: h, of };
}

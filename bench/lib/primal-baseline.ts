// The neighbourhoods' schedule as it was before the sub-search work (bnb.ts primalSchedule at
// commit e9895b0), frozen so bench:assign-primal runs it beside the current one on the same
// instances: RINS and tight-row neighbourhoods of a quarter of the units at the root, then one
// every 40 nodes, each sub-search on 2,000 pivots and 300 nodes, all within 15 % of the pivot limit.
import { search, type PrimalFactory } from "../../src/transition/assign/bnb";
import { rinsFree, solveNeighbourhood, tightFree, type SubSearch } from "../../src/transition/assign/heuristics";

export const primalScheduleBaseline: PrimalFactory = (m, usable, pivotLimit) => {
  const NODES_BETWEEN = 40;
  const SHARE = 0.15;
  const ROOT_TURNS = 4;
  const SUB_NODES = 300;
  const SUB_PIVOTS = 2_000;
  const n = m.cost.length;
  const size = Math.min(n, Math.max(60, Math.round(n / 4)));
  const sub: SubSearch = (sm, start, banned, limits) => {
    const s = search(sm, start, { ...limits, banned, heuristics: false });
    return { pick: s.pick, value: s.value, pivots: s.pivots };
  };
  let used = 0;
  let lastNode = -Infinity;
  let lastUb = Infinity;
  let turn = 0;
  let rootDone = false;
  return (at) => {
    const picks: Int32Array[] = [];
    let pivots = 0;
    let best = at.best;
    const run = (free: Uint8Array) => {
      const budget = Math.floor(SHARE * pivotLimit) - used;
      if (budget <= 0) return;
      const r = solveNeighbourhood(m, best, free, usable, sub, { nodeLimit: SUB_NODES, pivotLimit: Math.min(budget, SUB_PIVOTS) });
      used += r.pivots;
      pivots += r.pivots;
      if (r.pick) {
        picks.push(r.pick);
        best = r.pick;
      }
    };
    if (!rootDone) {
      rootDone = true;
      run(rinsFree(best, at.first, at.firstVal));
      for (let i = 0, found = 0; i < ROOT_TURNS || (found > 0 && i < 3 * ROOT_TURNS); i++) {
        const had = picks.length;
        run(tightFree(m, best, usable, size, turn++));
        found = picks.length - had;
      }
    } else if (!at.root && at.nodes - lastNode >= NODES_BETWEEN) {
      if (at.ub < lastUb) run(rinsFree(best, at.first, at.firstVal));
      else run(tightFree(m, best, usable, size, turn++));
    } else return { picks, pivots };
    lastNode = at.nodes;
    lastUb = at.ub;
    return { picks, pivots };
  };
};

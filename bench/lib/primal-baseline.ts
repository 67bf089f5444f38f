// The neighbourhoods' schedules as they were before the primal work of issue 15 item 3 (bnb.ts at
// commit 2e9ad27), frozen for bench:assign-primal to run beside the current ones on the same
// instances ("old"): below 600 units the live small schedule (schedule.ts smallSchedule, not frozen: stop
// 23 gave it one tight-row turn at the root and no neighbourhood at a node within 0.3 % of its bound),
// handed the search's own sub-search as the current schedules are; from 600 units the large one copied here verbatim (RINS and tight-row neighbourhoods at the root
// while one of the last two found something, within 45 % of the pivot limit, then one every 40
// nodes within 15 % more).
import { search } from "../../src/transition/assign/bnb";
import { smallSchedule, type PrimalFactory } from "../../src/transition/assign/schedule";
import { rinsFree, solveNeighbourhood, tightFree, type SubSearch } from "../../src/transition/assign/heuristics";

const subSearch: SubSearch = (sm, start, banned, limits) => {
  const s = search(sm, start, { ...limits, banned, heuristics: false });
  return { pick: s.pick, value: s.value, pivots: s.pivots, proved: s.proved };
};

const largeScheduleBaseline: PrimalFactory = (m, usable, pivotLimit) => {
  const NODES_BETWEEN = 40;
  const ROOT_SUB = 0.18;
  const ROOT_SHARE = 0.45;
  const TREE_SUB = 0.04;
  const TREE_SHARE = 0.15;
  const SUB_NODES = 20_000; // the pivots are the budget
  const MIN_SIZE = 30;
  const n = m.cost.length;
  let size = Math.min(n, Math.max(60, Math.round(n / 4)));
  let rootUsed = 0;
  let treeUsed = 0;
  let lastNode = -Infinity;
  let lastUb = Infinity;
  let turn = 0;
  let rootDone = false;
  return (at) => {
    const picks: Int32Array[] = [];
    let pivots = 0;
    let best = at.best;
    /** One neighbourhood within `budget` pivots; true when it found a better assignment. */
    const run = (free: Uint8Array, budget: number, tight: boolean): boolean => {
      if (budget <= 0) return false;
      const r = solveNeighbourhood(m, best, free, usable, subSearch, { nodeLimit: SUB_NODES, pivotLimit: budget });
      pivots += r.pivots;
      if (r.pick) {
        picks.push(r.pick);
        best = r.pick;
        return true;
      }
      if (tight && r.units > 0) size = r.proved ? Math.min(n, Math.round(size * 1.5)) : Math.max(MIN_SIZE, Math.round((size * 2) / 3));
      return false;
    };
    if (!rootDone) {
      rootDone = true;
      const cap = Math.floor(ROOT_SHARE * pivotLimit);
      const each = Math.floor(ROOT_SUB * pivotLimit);
      const left = () => Math.min(each, cap - rootUsed - pivots);
      // RINS, then tight rows, alternating while one of the last two calls found something.
      let miss = 0;
      for (let i = 0; miss < 2 && left() > 0; i++) {
        const found = i % 2 === 0 ? run(rinsFree(best, at.first, at.firstVal), left(), false) : run(tightFree(m, best, usable, size, turn++), left(), true);
        miss = found ? 0 : miss + 1;
      }
      rootUsed += pivots;
    } else if (!at.root && at.nodes - lastNode >= NODES_BETWEEN) {
      const budget = Math.min(Math.floor(TREE_SUB * pivotLimit), Math.floor(TREE_SHARE * pivotLimit) - treeUsed);
      if (at.ub < lastUb) run(rinsFree(best, at.first, at.firstVal), budget, false);
      else run(tightFree(m, best, usable, size, turn++), budget, true);
      treeUsed += pivots;
    } else return { picks, pivots };
    lastNode = at.nodes;
    lastUb = at.ub;
    return { picks, pivots };
  };
};

export const primalScheduleBaseline: PrimalFactory = (m, usable, pivotLimit, hostOf, sub) =>
  m.cost.length < 600 ? smallSchedule(m, usable, pivotLimit, hostOf, sub) : largeScheduleBaseline(m, usable, pivotLimit, hostOf, sub);

// Cuts in the tree from 600 units (opt-in): bnb.ts midSeparator's root rounds (c-MIR and GMI), and
// at node-cut restarts (cutloop.ts nodeCuts) more than the lifted covers: c-MIR on the node LP's
// tight rows, GMI cuts from its tableau, cutoff c-MIR (costmir.ts). Every family is valid for every
// assignment that fits (costmir's for every one no dearer than the incumbent), whatever the node's
// fixings, so the cuts join the pool for every node; `Separator.restarts` says how often.
// Opt-in. 1000 × 45 seeds 0–5, 1.5× cap, against the default in the same build (bench:assign-profile,
// e.g. `BENCH_QUIET=1 BENCH_SEEDS=6 BENCH_VARIANTS=default,treeMir npm run bench:assign-profile`;
// cents, gap = total − final tree bound):
// - treeCuts() (c-MIR at restarts, `treeMir`): random s1's proof lost (open 1 cent short on the
//   cap; the default proves it on 164.1k pivots), s2 proved on 72.1k pivots (80.0k), s5 97.6k
//   (96.5k); open totals random s0 −96 (gap 354 → 261), s3 −2 (55 → 48), s4 −43 (76 → 29);
//   clustered s0 the same run (no restart), s1, s2, s5 proved on 61.2k, 74.9k, 38.4k (58.6k,
//   47.5k, 46.8k), s3 −7, s4 +16.
// - with GMI (`treeMirGmi`): random s0 −60, s3 −11; with the cutoff c-MIR (`treeMirCost`): s0
//   +448, s4 −2, s1 as treeMir; restarts at the tree's least node (`treeMirLeast`, one restart
//   there): s0 +402, s3 −2; more restarts (`treeMirMore`: 50, ×2, up to 8): s0 −126, s4 −30,
//   s1 open 27 short.
// Held out, random s6–s11 (`BENCH_FIRST_SEED=6`), treeMir: every proof kept (s7 on 116.6k pivots
// instead of 105.0k, s11 65.4k / 105.3k), open totals s6 −3, s8 +77, s10 the same.
// The final tree bound (total − gap) moves by −12…+6 cents in every one of them: the cuts of a few
// node points do not lift the tree's least bound, which holds the gap; the totals move with the
// neighbourhoods' path. Nor does the tree lift it with more pivots: random s0 on a 3× cap (333k
// pivots, capFactor 3, scratch script) ends with the same totals and tree bounds +4 (default) and
// +5 (treeMir) cents above the 1.5× cap's, the gap 350 and 256. Cuts kept local below a node
// (undone when the search leaves its subtree) would need a pool per subtree and a rebuild at each
// switch: not tried.
import { costMirCuts } from "./costmir";
import { coverCuts } from "./cuts";
import { withDualRebuild, type Separator } from "./cutloop";
import { gomoryCuts } from "./gomory";
import { mirCuts } from "./mir";

export interface TreeCutOptions {
  /** c-MIR at node-cut restarts (default true). */
  mir?: boolean;
  /** GMI cuts from the node LP's tableau at node-cut restarts. */
  gomory?: boolean;
  /** costmir.ts cutoff c-MIR cuts at node-cut restarts (the incumbent is known there). */
  cost?: boolean;
  /** mir.ts MirOptions.cross at node-cut restarts. */
  cross?: boolean;
  /** Node cuts of each family at most, as a share of the rows (default 1/8, as the root's). */
  share?: number;
  /** Node-cut restarts (cutloop.ts Separator.restarts; default the search's). */
  restarts?: Separator["restarts"];
}

/** The root's rounds as bnb.ts midSeparator (c-MIR, GMI, covers; rebuilt by the dual from round 2); at node-cut restarts the families chosen. */
export function treeCuts(o: TreeCutOptions = {}): Separator {
  const sep: Separator = (m, rows, x, at) => {
    const R = m.cap.length;
    const covers = coverCuts(m, rows, x);
    if (at?.root) {
      const max = Math.max(5, Math.round(R / 8));
      return [...mirCuts(m, rows, x, { max }), ...gomoryCuts(at.model, at.lp, x, { max, density: 0.25, base: R }), ...covers];
    }
    const max = Math.max(5, Math.round(R * (o.share ?? 1 / 8)));
    return [
      ...(o.cost && at ? costMirCuts(m, rows, x, at, { max }) : []),
      ...(o.mir !== false ? mirCuts(m, rows, x, { max, cross: o.cross }) : []),
      ...(o.gomory && at ? gomoryCuts(at.model, at.lp, x, { max, density: 0.25, base: R }) : []),
      ...covers,
    ];
  };
  const s = withDualRebuild(sep, 2);
  if (o.restarts) s.restarts = o.restarts;
  return s;
}

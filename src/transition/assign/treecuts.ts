// Cuts in the tree from 600 units (opt-in): bnb.ts midSeparator's root rounds (c-MIR and GMI), and
// at node-cut restarts (cutloop.ts nodeCuts) more than the lifted covers: c-MIR on the node LP's
// tight rows, GMI cuts from its tableau, cutoff c-MIR (costmir.ts). Every family is valid for every
// assignment that fits (costmir's for every one no dearer than the incumbent), whatever the node's
// fixings, so the cuts join the pool for every node; `Separator.restarts` says how often.
// Figures: the report of the branch `cuts` (bench:assign-profile `tree…` variants).
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

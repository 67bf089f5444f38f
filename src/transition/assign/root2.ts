// The second root's separators (bnb.ts SearchOptions.rootRestart as a Separator): the cut rounds
// that run once the root's neighbourhoods have an incumbent, on the reduced model (presolve.ts)
// or the plain second root's LP. There the incumbent's value is known (costmir.ts's cutoff cuts
// need it) and, reduced, the LP is smaller, so its rounds are cheaper. `stall`: those rounds' own
// stop share (cutloop.ts cutRounds; default the search's cutStall).
import { costMirCuts } from "./costmir";
import { coverCuts } from "./cuts";
import { withDualRebuild, type Separator } from "./cutloop";
import { gomoryCuts } from "./gomory";
import { mirCuts, type MirOptions } from "./mir";

export type RootSeparator = Separator & { stall?: number };

export interface Root2Options {
  /** costmir.ts cutoff c-MIR cuts in the rounds too (R/8 a round). */
  cost?: boolean;
  /** mir.ts MirOptions.cross in the rounds' c-MIR. */
  cross?: boolean;
  /** c-MIR and GMI cuts per round at most, as a share of the rows (default 1/8, as bnb.ts rootMirGomory). */
  share?: number;
  /** The rounds' stop share (default: the search's cutStall). */
  stall?: number;
  /** The rounds from this one on rebuilt by the dual simplex (cutloop.ts withDualRebuild; default 2, as bnb.ts midSeparator). */
  dualFrom?: number;
}

/**
 * bnb.ts midSeparator's families (c-MIR and GMI in the root's rounds, covers at node-cut restarts),
 * with the options above for the second root.
 */
export function secondRoot(o: Root2Options = {}): RootSeparator {
  const share = o.share ?? 1 / 8;
  const sep: Separator = (m, rows, x, at) => {
    const max = Math.max(5, Math.round(m.cap.length * share));
    const covers = coverCuts(m, rows, x);
    if (!at?.root) return covers;
    const mo: MirOptions = { max, cross: o.cross };
    return [
      ...(o.cost ? costMirCuts(m, rows, x, at, { max }) : []),
      ...mirCuts(m, rows, x, mo),
      ...gomoryCuts(at.model, at.lp, x, { max, density: 0.25, base: m.cap.length }),
      ...covers,
    ];
  };
  const s: RootSeparator = withDualRebuild(sep, o.dualFrom ?? 2);
  if (o.stall !== undefined) s.stall = o.stall;
  return s;
}

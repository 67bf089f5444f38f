// The second root's separators (bnb.ts SearchOptions.rootRestart as a Separator): the cut rounds
// that run once the root's neighbourhoods have an incumbent, on the reduced model (presolve.ts)
// or the plain second root's LP. There the incumbent's value is known (costmir.ts's cutoff cuts
// need it) and, reduced, the LP is smaller, so its rounds are cheaper. `stall`: those rounds' own
// stop share (cutloop.ts cutRounds; default the search's cutStall).
// Opt-in; the one default is the plain second root's stop share (bnb.ts MID_ROOT2_STALL). Measured
// at 1000 × 45 seeds 0–5 both shapes, default budget (scratch script: solveOptimal with rootRestart:
// secondRoot(…), printing Searched.rootCut2 and the final tree bound; cents):
// - the bounds, against HiGHS 1.15 on the same MIP (its log, stage 2): root LP the same to 0.1;
//   after the first root's cuts HiGHS's root is above ours by random s0 10.8, s1 17.2, s2 10.5,
//   clustered s0 23.7; our second root is then 9.4 below, 5.2 below, 3.5 above, 23.3 below HiGHS's
//   root (its restarts and first nodes add 0.2, 0, 1.7, 16.4). HiGHS proves only clustered s0 within 75 s.
// - { cost, cross, share: 0.25 } on both paths: the second root's bound Σ +60 over the 12
//   (clustered s0 +37.5 — to 2.2 below HiGHS after its restarts —, random s1 +9.0 — 3.8 above
//   HiGHS's root —, s4 +6.3, s3 +5.3, clustered s5 +4.2, s2 +3.7; clustered s3 −8.6); but random
//   s2, s5 and clustered s2 lose their proofs; clustered s0, s1, s5 proved on 27.6k, 53.2k, 55.1k
//   pivots (36.1k, 58.6k, 59.0k); open totals random s0 −134, s1 +38, s3 +194, s4 +6, clustered
//   s3 −5, s4 −24. With stall 0 too: random s0's second root 775.9 (+11.5, HiGHS's root 773.8),
//   total −232, s3 +326; the same proofs lost.
// - { cost, cross }: random s2's proof lost, s5's kept on 84.7k pivots (107.2k), clustered s1 and
//   s5 on 85.7k and 112.6k (58.6k, 59.0k); open totals random s0 −282, s1 +83, s3 +21, s4 +55.
// - each alone: cost raises the reduced second root (random s1 +4.8, clustered s0 +20.9) but not
//   the plain one (random s0 0, s2 −0.7), random s2's proof lost; cross: random s2 proved on 103.5k
//   pivots (80.0k), clustered s0 on 81.2k (36.1k); share 0.25: random s2's proof lost.
// - the plain second root only (`only: "plain"`) with stall 0: cost or cross with it lost random
//   s2's proof or raised totals (cost: s0 +22, s3 +74; cross: s0 +39, s4 +27); stall 0 alone is
//   bnb.ts MID_ROOT2_STALL.
// Again on the 1.5× cap (optimal.ts CAP_FACTOR), 1000 × 45 seeds 0–5 both shapes
// (`BENCH_QUIET=1 BENCH_SEEDS=6 BENCH_VARIANTS=default,r2ccs,r2cc npm run bench:assign-profile`):
// - { cost, cross, share: 0.25 } (r2ccs): random s1's proof lost (the default's, on 164.1k pivots;
//   open, gap 37, total +26), s2 and s5 proved on 122.2k and 172.4k pivots (80.0k, 96.5k); open totals
//   random s0 −203 (gap 354 → 144), s3 +288, s4 +10, clustered s3 +2, s4 −11; clustered all four
//   proofs kept (s0 27.6k pivots instead of 36.1k, s1 53.2k / 58.6k, s2 106.9k / 47.5k, s5 44.3k / 46.8k).
// - { cost, cross } (r2cc): random s1's proof lost (gap 34, +21), s2, s5 on 122.8k, 75.2k; open
//   totals random s0 −86, s3 +77, s4 +31, clustered s3 +10, s4 −11; clustered proofs kept.
// The final tree bound (total − gap) moves by −6…+9 cents on the open ones: the gaps change with
// the incumbents, not the bound.
// The cuts move the second root's bound, but the budget-bound searches end on other paths: no
// setting but the stall kept every proof. Nor do they shorten one: random s1 on 444,444 pivots
// (4× the budget) is proved by the default on 205.1k, with { cost, cross, share: 0.25, only:
// "reduced" } (reduced root 332.8 → 341.8) on 378.4k (1,228 nodes instead of 774).
import { costMirCuts } from "./costmir";
import { coverCuts } from "./cuts";
import { withDualRebuild, type Separator } from "./cutloop";
import { gomoryCuts } from "./gomory";
import { mirCuts, type MirOptions } from "./mir";

export type RootSeparator = Separator & { stall?: number; only?: "plain" | "reduced" };

export interface Root2Options {
  /** costmir.ts cutoff c-MIR cuts in the rounds too (R/8 a round). */
  cost?: boolean;
  /** mir.ts MirOptions.cross in the rounds' c-MIR. */
  cross?: boolean;
  /** c-MIR and GMI cuts per round at most, as a share of the rows (default 1/8, as bnb.ts rootMirGomory). */
  share?: number;
  /** The rounds' stop share (default: the search's cutStall). */
  stall?: number;
  /** Only at the plain second root or only on the reduced model (presolve.ts); the search's separator at the other. */
  only?: "plain" | "reduced";
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
  if (o.only) s.only = o.only;
  return s;
}

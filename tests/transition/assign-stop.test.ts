// The cost search's adaptive stop (stop.ts, bnb.ts SearchOptions.stop, optimal.ts OptimalOptions.stop):
// at its cap a search whose least open bound closes on the incumbent fast enough goes on in steps up
// to a hard ceiling; one whose bound stalled may stop before the cap. The rule as a pure function on
// synthetic bound traces, then small searches where it extends and where it does not.
import { describe, expect, it } from "vitest";
import { assignInstance } from "../../bench/lib/assign-instances";
import { solveOptimal } from "../../src/transition/assign/optimal";
import { boundAt, extendTo, sample, stalled, stopPivots, type BoundTrace, type StopRule } from "../../src/transition/assign/stop";
import { buildUnits } from "../../src/transition/assign/units";

/** A trace sampled every 1,000 pivots from 0 to `to` of bound(pivots). */
const traceOf = (to: number, bound: (p: number) => number): BoundTrace => {
  const t: BoundTrace = { pivots: [], bound: [] };
  for (let p = 0; p <= to; p += 250) sample(t, p, bound(p), 1_000);
  return t;
};
const RULE: StopRule = { extra: 100_000, window: 20_000, slack: 1.5, step: 10_000 };

describe("the stop rule on bound traces (stop.ts)", () => {
  it("samples at most once per `every` pivots, skipping infinite bounds, and reads the bound at or before a pivot count", () => {
    const t: BoundTrace = { pivots: [], bound: [] };
    sample(t, 0, -Infinity, 1_000);
    sample(t, 10, 5, 1_000);
    sample(t, 500, 6, 1_000);
    sample(t, 1_010, 7, 1_000);
    sample(t, 2_100, 9, 1_000);
    expect(t).toEqual({ pivots: [10, 1_010, 2_100], bound: [5, 7, 9] });
    expect([boundAt(t, 0), boundAt(t, 10), boundAt(t, 1_009), boundAt(t, 2_099), boundAt(t, 1e9)]).toEqual([-Infinity, 5, 5, 7, 9]);
  });

  it("extends by a step a bound that closes its gap within the ceiling, with the slack to spare", () => {
    // Rising 1 cent per 1,000 pivots: 20 cents over the window; a gap of 30 needs 30k pivots, 45k with the slack.
    const t = traceOf(100_000, (p) => Math.floor(p / 1_000));
    expect(extendTo(t, 100_000, 100, 130, 100_000, 200_000, RULE)).toBe(110_000);
    // Near the ceiling the step is cut to it.
    expect(extendTo(t, 100_000, 100, 130, 100_000, 105_000, { ...RULE, slack: 0.1 })).toBe(105_000);
    // Past a limit already raised, the next step is from there.
    expect(extendTo(t, 100_000, 100, 110, 110_000, 200_000, RULE)).toBe(120_000);
  });

  it("stops a bound too slow for the ceiling, a flat one, one above maxGap, a proved one and one at the ceiling", () => {
    const t = traceOf(100_000, (p) => Math.floor(p / 1_000));
    // A gap of 80 needs 80k pivots, 120k with the slack: beyond 100k more.
    expect(extendTo(t, 100_000, 100, 180, 100_000, 200_000, RULE)).toBe(100_000);
    expect(extendTo(t, 100_000, 100, 180, 100_000, 300_000, RULE)).toBe(110_000);
    const flat = traceOf(100_000, (p) => (p < 50_000 ? p / 1_000 : 50));
    expect(extendTo(flat, 100_000, 50, 51, 100_000, 200_000, RULE)).toBe(100_000);
    expect(extendTo(t, 100_000, 100, 130, 100_000, 200_000, { ...RULE, maxGap: 29 })).toBe(100_000);
    expect(extendTo(t, 100_000, 100, 130, 100_000, 200_000, { ...RULE, maxGap: 30 })).toBe(110_000);
    expect(extendTo(t, 100_000, 130, 130, 100_000, 200_000, RULE)).toBe(100_000);
    expect(extendTo(t, 200_000, 100, 101, 200_000, 200_000, RULE)).toBe(200_000);
    // A trace shorter than the window: no rise known, no extension.
    expect(extendTo(traceOf(10_000, (p) => p / 100), 10_000, 100, 101, 10_000, 200_000, { ...RULE, window: 20_000 })).toBe(10_000);
  });

  it("calls a bound stalled only after `after` pivots and over a whole window of at most `rise`", () => {
    const rule: StopRule = { ...RULE, stall: { after: 60_000, window: 30_000 } };
    const flat = traceOf(100_000, (p) => (p < 50_000 ? Math.floor(p / 1_000) : 50));
    expect(stalled(flat, 100_000, 50, rule)).toBe(true);
    expect(stalled(flat, 70_000, 50, rule)).toBe(false); // 40k → 70k rose
    expect(stalled(flat, 55_000, 50, rule)).toBe(false); // before `after`
    expect(stalled(flat, 100_000, 50, { ...RULE })).toBe(false); // no stall rule
    expect(stalled(traceOf(100_000, (p) => Math.floor(p / 10_000)), 100_000, 10, rule)).toBe(false); // rose by 3
    expect(stalled(traceOf(100_000, (p) => Math.floor(p / 10_000)), 100_000, 10, { ...rule, stall: { after: 0, window: 30_000, rise: 3 } })).toBe(true);
    // The window must lie within the trace.
    expect(stalled(traceOf(20_000, () => 5), 20_000, 5, { ...rule, stall: { after: 0, window: 30_000 } })).toBe(false);
  });

  it("scales a rule given in bases to pivots", () => {
    expect(stopPivots({ extra: 1, window: 0.25, slack: 1.5, step: 0.1, maxGap: 40, stall: { after: 1, window: 0.5, rise: 2 } }, 10_000)).toEqual({
      extra: 10_000,
      window: 2_500,
      slack: 1.5,
      step: 1_000,
      maxGap: 40,
      stall: { after: 10_000, window: 5_000, rise: 2 },
    });
  });
});

const instance = (members: number, clustered: boolean, seed: number) =>
  buildUnits(assignInstance({ members, providers: Math.round(members / 20), options: 4, clustered, grouped: 0.3, slack: 0.85, rate: 0.3 }, seed), "optimal");
const BASE = 4_000;
const STOP: StopRule = { extra: 2, window: 0.25, slack: 1, step: 0.25 };

describe("the adaptive stop in a search (optimal.ts OptimalOptions.stop)", () => {
  it("extends a search whose bound closes at its cap, which then proves, within the ceiling", { timeout: 60_000 }, () => {
    const p = instance(200, false, 3);
    const capped = solveOptimal(p, { pivotBase: BASE, capFactor: 1 });
    expect(capped.proved).toBe(false);
    const ext = solveOptimal(p, { pivotBase: BASE, capFactor: 1, stop: STOP });
    expect(ext.proved).toBe(true);
    expect(ext.total).toBeLessThanOrEqual(capped.total);
    expect(ext.search!.extended).toBeGreaterThan(0);
    expect(ext.search!.pivots).toBeLessThanOrEqual(BASE * (1 + STOP.extra));
    // On three bases of cap it proves the same total.
    expect(ext.total).toBe(solveOptimal(p, { pivotBase: BASE, capFactor: 3 }).total);
  });

  it("leaves a search whose bound does not close fast enough (and one proved within its cap) as it was, bit for bit", { timeout: 60_000 }, () => {
    for (const [members, clustered, seed, proved] of [[250, false, 2, false], [250, true, 1, true]] as const) {
      const p = instance(members, clustered, seed);
      const plain = solveOptimal(p, { pivotBase: BASE, capFactor: 1 });
      expect(plain.proved).toBe(proved);
      const ext = solveOptimal(p, { pivotBase: BASE, capFactor: 1, stop: STOP });
      expect(ext.search!.extended).toBe(0);
      expect([ext.total, ext.proved, ext.nodes, ext.pivots, ext.treeBound]).toEqual([plain.total, plain.proved, plain.nodes, plain.pivots, plain.treeBound]);
      expect(ext.pick).toEqual(plain.pick);
    }
  });

  it("stops a stalled search before its cap when the stall rule is on", { timeout: 60_000 }, () => {
    const p = instance(250, false, 2);
    const plain = solveOptimal(p, { pivotBase: BASE, capFactor: 1 });
    const early = solveOptimal(p, { pivotBase: BASE, capFactor: 1, stop: { ...STOP, extra: 0, stall: { after: 0.25, window: 0.05, rise: 1e9 } } });
    expect(early.search!.stalled).toBe(true);
    expect(early.proved).toBe(false);
    expect(early.pivots!).toBeLessThan(plain.pivots!);
    expect(early.total).toBeGreaterThanOrEqual(plain.total);
  });
});

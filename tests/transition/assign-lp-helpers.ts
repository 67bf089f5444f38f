// Models, setups and checks shared by the LP tests (assign-lp*.test.ts, assign-branching.test.ts).
import fc from "fast-check";
import { expect } from "vitest";
import { assignInstance, type AssignShape } from "../../bench/lib/assign-instances";
import { outModel } from "../../bench/lib/assign-model";
import { solveAssignRef } from "../../bench/lib/assign-ref";
import { search } from "../../src/transition/assign/bnb";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { costModel, fewestModel, solveOptimal, type OptimalOptions } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import type { Highs } from "../helpers/highs";

export { outModel };

/** Random small instance shapes (bench/lib/assign-instances.ts assignInstance) for the LP property tests. */
export const lpShape = fc.record({
  members: fc.integer({ min: 1, max: 60 }),
  providers: fc.integer({ min: 1, max: 8 }),
  options: fc.integer({ min: 1, max: 8 }),
  clustered: fc.boolean(),
  grouped: fc.constantFrom(0, 0.3),
  slack: fc.constantFrom(0.5, 0.8, 1, 1.05, 1.5),
  rate: fc.constantFrom(0, 0.3),
});

/** Equal objectives, within the LP's relative tolerance. */
export const near = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(b));

/** The LP's point is a solution of the model: within bounds, one per unit, within every row. */
export function expectFeasible(lp: GubLp, m: Model) {
  const x = lp.values();
  for (let j = 0; j < lp.N; j++) expect(x[j]!).toBeGreaterThanOrEqual(-1e-9);
  const used = new Float64Array(m.cap.length);
  m.cost.forEach((cs, u) => {
    let one = 0;
    cs.forEach((_, k) => {
      const v = x[lp.unitStart[u]! + k]!;
      one += v;
      m.res[u]![k]!.forEach((r, i) => (used[r]! += v * m.amt[u]![k]![i]!));
    });
    expect(Math.abs(one - 1)).toBeLessThanOrEqual(1e-9);
  });
  used.forEach((v, r) => expect(v).toBeLessThanOrEqual(m.cap[r]! + 1e-7 * Math.max(1, m.cap[r]!)));
}

/** An instance's units, their out-model and an LP on it started from everyone out (not solved yet). */
export function startedLp(shape: AssignShape, seed: number) {
  const p = buildUnits(assignInstance(shape, seed), "optimal");
  const m = outModel(p);
  const lp = new GubLp(m);
  lp.start(p.units.map((u) => u.choices.length));
  return { p, m, lp };
}

/** A cold solve: a new LP from everyone out, with `forbidden`'s counts (a prefix of an LP's `forbidden`) and one more on each of `more`. */
export function coldSolve(m: Model, forbidden: ArrayLike<number> = [], more: Iterable<number> = []) {
  const lp = new GubLp(m);
  lp.forbidden.set(forbidden);
  for (const j of more) lp.forbidden[j]!++;
  lp.start(m.cost.map((c) => c.length - 1));
  const status = lp.solve();
  return { status, cost: lp.objective().cost };
}

/**
 * The LP's `status` matches a cold solve (by default, with the LP's forbidden columns): same status; when
 * optimal, the same cost, feasible, no forbidden mass: none at all where `forbidden` is "none" (a primal
 * re-solve), at most a rounding's otherwise (the dual may leave a forbidden column basic at about 0).
 */
export function expectCold(lp: GubLp, status: string, m: Model, ref = coldSolve(m, lp.forbidden.subarray(0, lp.N)), forbidden: "none" | "rounding" = "rounding") {
  expect(status).toBe(ref.status);
  if (status !== "optimal") return;
  expect(near(lp.objective().cost, ref.cost)).toBe(true);
  if (forbidden === "none") expect(lp.objective().forbidden).toBe(0);
  else expect(lp.objective().forbidden).toBeLessThanOrEqual(1e-9);
  expectFeasible(lp, m);
}

/**
 * The cost search as optimal.ts runs it, on the instance cut to 40 members: at the fewest-out root's
 * floor, from its assignment, "out" banned. The single-level "out at M" model has a weak bound, and
 * about 2 % of these instances stopped unproved at the default budget either way (a flaky property).
 */
export function costSearchOf(shape: AssignShape, seed: number) {
  const p = buildUnits(assignInstance({ ...shape, members: Math.min(shape.members, 40) }, seed), "optimal");
  const root = search(fewestModel(p), Int32Array.from(p.units, (u) => u.choices.length), { nodeLimit: 1, cuts: false });
  const banned: [number, number][] = [[p.units.length, 1]];
  return { m: costModel(p, Math.max(0, root.rootBound)), start: Int32Array.from([...root.pick, 1]), banned };
}

/** Per fractional unit of the LP's point: its largest column and that column's value. */
export function fractional(lp: GubLp): { u: number; j: number; v: number }[] {
  const v = lp.values();
  const out: { u: number; j: number; v: number }[] = [];
  for (let u = 0; u < lp.U; u++) {
    let j = lp.unitStart[u]!;
    for (let k = j; k < lp.unitStart[u + 1]!; k++) if (v[k]! > v[j]!) j = k;
    if (v[j]! < 1 - 1e-6) out.push({ u, j, v: v[j]! });
  }
  return out;
}

/**
 * The probe tests' node: a 40-member random instance's root LP (out-model, solved by the primal),
 * its fractional units and what branching.ts's reliabilityChoice reads of it (dual probes).
 */
export function probedRoot() {
  const input = assignInstance({ members: 40, providers: 6, options: 6, clustered: false, grouped: 0, slack: 0.8, rate: 0 }, 7);
  const m = outModel(buildUnits(input, "optimal"));
  const lp = new GubLp(m);
  lp.start(m.cost.map((c) => c.length - 1));
  expect(lp.solve()).toBe("optimal");
  const z = lp.objective().cost;
  const frac = fractional(lp);
  expect(frac.length).toBeGreaterThan(2);
  const first = new Int32Array(lp.U);
  const firstVal = new Float64Array(lp.U).fill(1);
  const fracMark = new Uint8Array(lp.U);
  for (const { u, j, v } of frac) (first[u] = j - lp.unitStart[u]!), (firstVal[u] = v), (fracMark[u] = 1);
  const at = { lp, cost: m.cost, frac: frac.map((f) => f.u), fracMark, first, firstVal, keyVal: lp.keyValues(), dual: true };
  return { m, lp, z, frac, at };
}

/** Shapes of 10 to `maxMembers` members, tight to loose capacities, some grouped, some with a penalty rate. */
export const smallShape = (maxMembers = 30) => fc.record({ members: fc.integer({ min: 10, max: maxMembers }), providers: fc.integer({ min: 2, max: 8 }), options: fc.integer({ min: 2, max: 8 }), clustered: fc.boolean(), grouped: fc.constantFrom(0, 0.3), slack: fc.constantFrom(0.5, 0.8, 1, 1.05), rate: fc.constantFrom(0, 0.3) });
/** Instances of smallShape (the searches' comparisons with HiGHS). */
export const smallInstance = (maxMembers = 30) => fc.tuple(smallShape(maxMembers), fc.integer({ min: 1, max: 1_000_000 })).map(([shape, seed]) => assignInstance(shape, seed));
/** Shapes of 10–30 members whose searches sometimes strong-branch (the probe tests' HiGHS comparisons). */
export const probingShape = smallShape(30);
/** Only ~17 % of probingShape's draws probe at all (the rest prove without branching on a probed candidate): two that do, as examples. */
export const PROBING_EXAMPLES: [AssignShape, number][] = [
  [{ members: 18, providers: 4, options: 3, clustered: true, grouped: 0, slack: 1.05, rate: 0 }, 412672],
  [{ members: 24, providers: 8, options: 4, clustered: true, grouped: 0, slack: 1.05, rate: 0.3 }, 962396],
];

/**
 * The probe tests' HiGHS comparison: on PROBING_EXAMPLES and more probingShape draws (14 in all),
 * the search with each option set proves HiGHS's optimum. The strong-branching probes they made.
 */
export function probingProofs(highs: Highs, optionSets: OptimalOptions[]): number {
  let probes = 0;
  fc.assert(
    fc.property(probingShape, fc.integer({ min: 1, max: 1_000_000 }), (shape, seed) => {
      const problem = buildUnits(assignInstance(shape, seed), "optimal");
      const ref = solveAssignRef(highs, problem);
      expect(ref.status).toBe("Optimal");
      for (const opts of optionSets) {
        const solved = solveOptimal(problem, opts);
        expect(solved.proved).toBe(true);
        expect(solved.total).toBe(ref.total);
        probes += solved.search?.strongProbes ?? 0;
      }
    }),
    // 12 random draws alone probed none about one run in ten: PROBING_EXAMPLES first.
    { numRuns: 14, examples: PROBING_EXAMPLES },
  );
  return probes;
}

/** Columns a branching step forbids: a basic column with a value (down) or a unit's other allowed columns (up). */
export function branchStep(lp: GubLp, rand: () => number): number[] {
  const x = lp.values();
  const allowed = (j: number) => lp.forbidden[j] === 0;
  if (rand() < 0.5) {
    const basic = Array.from({ length: lp.N }, (_, j) => j).filter((j) => lp.isBasic(j) && x[j]! > 1e-9 && allowed(j));
    return basic.length ? [basic[Math.floor(rand() * basic.length)]!] : [];
  }
  const u = Math.floor(rand() * lp.U);
  const cols = Array.from({ length: lp.unitStart[u + 1]! - lp.unitStart[u]! }, (_, k) => lp.unitStart[u]! + k).filter(allowed);
  if (cols.length === 0) return [];
  const keep = cols[Math.floor(rand() * cols.length)]!;
  return cols.filter((j) => j !== keep);
}

/** Instances known to branch (only ~6 % of random small ones re-solve a node): property tests' first examples. */
export const BRANCHING_EXAMPLES: [AssignShape, number][] = [
  [{ members: 58, providers: 6, options: 8, clustered: true, grouped: 0, slack: 1.05, rate: 0 }, 866891],
  [{ members: 41, providers: 8, options: 6, clustered: false, grouped: 0.3, slack: 0.8, rate: 0.3 }, 782249],
  [{ members: 44, providers: 7, options: 8, clustered: false, grouped: 0.3, slack: 1.05, rate: 0 }, 963537],
];

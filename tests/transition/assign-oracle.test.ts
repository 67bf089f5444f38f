// The CBC oracle's code (bench/assign-oracle.ts; CBC itself is not in CI and never runs here): the
// MPS writer (bench/lib/assign-mps.ts), read back by HiGHS, gives the same model and optimum as the
// HiGHS reference's LP text (bench/lib/assign-ref.ts) on small bench instances; CBC's log and
// solution are read as CBC 2.10 writes them; the checks on a pick catch a broken row or a split group.
import { beforeAll, describe, expect, it } from "vitest";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { benchInstance } from "../../bench/lib/assign-instances";
import { fewestOutMip, leastCostMip, pickFromSolution } from "../../bench/lib/assign-mip";
import { toMps } from "../../bench/lib/assign-mps";
import { checkLin, parseCbc, pickValues, splitGroups } from "../../bench/lib/assign-oracle";
import { HIGHS_OPTIONS, solveAssignRef } from "../../bench/lib/assign-ref";
import { toLpText, type Lin } from "../../bench/lib/reference";
import type { AssignInput } from "../../src/transition/assign/types";
import { buildUnits } from "../../src/transition/assign/units";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

/** HiGHS's optimum of a model text, its column values by name, and the model as HiGHS read it. */
function solveText(format: "lp" | "mps", data: string) {
  const model = highs.createModel({ format, data });
  try {
    model.options.set(HIGHS_OPTIONS);
    model.run();
    const cols = model.getSolution().colValue;
    const byName = new Map<string, number>();
    for (let j = 0; j < cols.length; j++) byName.set(model.getColName(j), Math.round(cols[j]!));
    const lp = model.getModel();
    return { status: model.getModelStatus(), objective: model.getObjectiveValue(), value: (n: string) => byName.get(n) ?? 0, dims: model.getDimensions(), lp };
  } finally {
    model.dispose();
  }
}

/** The model as read: sorted so two readers' column orders compare (costs, bounds, integrality, row bounds). */
function shape(m: ReturnType<typeof solveText>) {
  const cols = Array.from(m.lp.colCost, (c, j) => `${c}/${m.lp.colLower[j]}/${m.lp.colUpper[j]}/${m.lp.integrality[j]}`).sort();
  const rows = Array.from(m.lp.rowLower, (l, i) => `${l}/${m.lp.rowUpper[i]}`).sort();
  return { dims: m.dims, cols, rows };
}

describe("toMps", () => {
  const cases: [number, number, boolean, number][] = [
    [30, 5, false, 0],
    [40, 6, true, 1],
    [60, 8, false, 2],
    [60, 8, true, 3],
  ];
  it.each(cases)("%i × %i (clustered %s, s%i): read back by HiGHS, the same model and optimum as the reference's LP text", (members, providers, clustered, s) => {
    const p = buildUnits(benchInstance(members, providers, clustered, s, 0.3).input, "optimal");
    const ref = solveAssignRef(highs, p);
    expect(ref.proved).toBe(true);
    const one = fewestOutMip(p);
    const two = leastCostMip(p, ref.out);
    for (const lin of [one, two]) expect(shape(solveText("mps", toMps(lin)))).toEqual(shape(solveText("lp", toLpText(lin))));
    const out = solveText("mps", toMps(one));
    expect(out.status).toBe(7); // Optimal
    expect(Math.round(out.objective)).toBe(ref.out);
    const cost = solveText("mps", toMps(two));
    expect(Math.round(cost.objective)).toBe(ref.cost);
    // The pick read back from the MPS model's columns keeps every row and costs what HiGHS says.
    const pick = pickFromSolution(p, cost.value);
    const check = checkLin(two, pickValues(p, pick));
    expect(check).toEqual({ broken: [], objective: ref.cost });
  });

  it("writes a column with no entry, a continuous column, ≥ and zero right-hand sides, and rejects names with spaces", () => {
    const lin: Lin = {
      vars: [
        { name: "a", obj: 3, binary: true },
        { name: "b", obj: -2.5, binary: false },
        { name: "c", obj: 0, binary: true },
        { name: "d", obj: 1, binary: true },
      ],
      rows: [
        { name: "r0", terms: [["a", 1], ["b", 1]], sense: ">=", rhs: 1 },
        { name: "r1", terms: [["b", 1], ["d", -1]], sense: "<=", rhs: 0 },
        { name: "r2", terms: [["a", 1], ["d", 1]], sense: "=", rhs: 1 },
      ],
    };
    const text = toMps(lin);
    expect(text).toContain(" c obj 0");
    expect(text).not.toContain("BND       b");
    const m = solveText("mps", text);
    // b ≤ d, a + d = 1, a + b ≥ 1: a = 1 (cost 3) or d = 1, b = 1 (1 − 2.5 = −1.5).
    expect(m.objective).toBeCloseTo(-1.5, 9);
    expect(shape(m)).toEqual(shape(solveText("lp", toLpText(lin))));
    expect(() => toMps({ vars: [{ name: "x y", obj: 1, binary: true }], rows: [] })).toThrow(/spaces/);
  });
});

describe("parseCbc", () => {
  const solution = ["Stopped on time - objective value 1465241.00000000", "      0 x0_3                   1                  6619", "**    7 z4                     1                     0", "      9 x5_0                   1                  3290", ""].join("\n");
  it("reads a run stopped on its time limit: the objective, the lower bound rounded up, the columns", () => {
    const log = ["Result - Stopped on time limit", "", "Objective value:                1465241.00000000", "Lower bound:                    1464900.123", "Gap:                            0.00", "Enumerated nodes:               5123", "Total iterations:               100", "Time (CPU seconds):             812.5", "Time (Wallclock seconds):       1800.0"].join("\n");
    const r = parseCbc(log, solution, 1800);
    expect(r).toMatchObject({ status: "Stopped on time limit", proved: false, objective: 1465241, bound: 1464901, nodes: 5123, cpuS: 812.5 });
    expect([r.value!("x0_3"), r.value!("z4"), r.value!("x5_0"), r.value!("x1_0")]).toEqual([1, 1, 1, 0]);
  });
  it("reads a proved run: its bound is its objective", () => {
    const log = ["Result - Optimal solution found", "", "Objective value:                144463.00000000", "Enumerated nodes:               0", "Time (CPU seconds):             0.23"].join("\n");
    expect(parseCbc(log, "Optimal - objective value 144463.00000000\n", 1)).toMatchObject({ proved: true, objective: 144463, bound: 144463 });
  });
  it("has no values and no bound without a result (a model CBC could not read)", () => {
    const r = parseCbc("** Current model not valid\n", null, 0);
    expect(r).toMatchObject({ status: "no result (see log)", proved: false, objective: null, bound: -Infinity, value: null });
  });
});

describe("checks on a pick", () => {
  const p = buildUnits(benchInstance(30, 5, false, 0, 0).input, "optimal");
  it("checkLin finds a capacity row broken and a unit given two choices", () => {
    const lin = leastCostMip(p, 1_000);
    const r = lin.rows.find((row) => row.name.startsWith("r"))!;
    // Every column on that resource at 1: far over its capacity (and units with two choices).
    const on = new Set(r.terms.map(([n]) => n));
    const broken = checkLin(lin, (n) => (on.has(n) ? 1 : 0)).broken;
    expect(broken).toContain(r.name);
    expect(broken.some((b) => b.startsWith("u"))).toBe(true);
    expect(checkLin(lin, pickValues(p, p.units.map(() => -1))).broken).toEqual([]);
  });
  it("splitGroups finds a group whose members' mail is on two hosts", () => {
    // Two members, each with a mailbox on its own host, as lone units (no group when the units were built).
    const option = (host: string) => ({ items: [{ inventory_id: `i_${host}`, offer_id: `o_${host}`, provider_id: host, kind: "mailbox" as const }], monthly_cents: 100 });
    const input: AssignInput = {
      members: [
        { id: "m0", options: [option("h0"), option("h1")], city: "Namur", association: true },
        { id: "m1", options: [option("h1"), option("h0")], city: "Namur", association: true },
      ],
      providers: [{ id: "h0", city: "Namur", capacity: {} }, { id: "h1", city: "Namur", capacity: {} }],
      groups: [],
      penalty_cents: 0,
    };
    const q = buildUnits(input, "optimal");
    const grouped = { ...input, groups: [["m0", "m1"]] };
    expect(splitGroups(grouped, q, [0, 0])).toEqual([["m0", "m1"]]);
    expect(splitGroups(grouped, q, [0, 1])).toEqual([]);
    expect(splitGroups(grouped, q, [0, -1])).toEqual([]);
  });
});

// A highly degenerate start (lp.ts LEX_AFTER): the 2,000 × 60 random bench instance's cost model
// started from HiGHS's assignment (most capacity rows exactly full) took 100,000 degenerate pivots
// under Bland's rule at its root, no basis twice, and stopped unsolved. Here a slice of it: some of
// its units, the others fixed at their choice (their load taken off the capacities), so the start is
// the same tight point. Bland's rule alone took 8,662 pivots on the first slice and had not
// finished within 20,000 on the second; with the lexicographic ratio test from the 1,000th
// degenerate pivot on, 1,242 and 1,340.
import { beforeAll, describe, expect, it } from "vitest";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { benchInstance } from "../../bench/lib/assign-instances";
import { toLpText, type Lin } from "../../bench/lib/reference";
import { dominated } from "../../src/transition/assign/bnb";
import { GubLp, type Model } from "../../src/transition/assign/lp";
import { costModel } from "../../src/transition/assign/optimal";
import { buildUnits } from "../../src/transition/assign/units";
import { expectFeasible, near } from "./assign-lp-helpers";

/**
 * HiGHS's assignment of that instance (bench:assign-cuts BENCH_FROM_REF=1, its best after 60 s: 310
 * members out, cost 2,498,465), a character per unit: its choice, or x for out.
 */
const PICK = [
  "xxxxxxx0xxxxx12xx00x1xxxxxxxx0x0xx00xx0xx0xxx00xxxxx001xxxx1xx00xxxxx010xx0xxxxx000xx0x0xxx100xx1xxx",
  "x000xxxx0x10xxx0xxxx1xxxxx0xxxxxxxxx1211325254010454264035512010161510624500006714435303120025214321",
  "0120021410360455002620005013032015222021600150024121201303161152162203021033034161151113207320014111",
  "0170454160400230136215726030620212040017610352230120250123502202111211402310300531021601013323200333",
  "1320112516514541252300212304225030021005243313523050420102105316001310442471200001223332202101037004",
  "2601001371313663303120111050410621724524005721306001031333245103210265402510002543010031114530311351",
  "2403310154103010010426122210422263001015332213014462122034100404125131141034113043311200104037502114",
  "0010146010002323313650514155002401244324021101126232042125351224140153500520012101550054021501221314",
  "2022135140222463330110272200306032215550210004601441364412003042005013370030210435410136411230422030",
  "1100520051010031410401235203434512013110036233003201110323223004554205010120450414305325110225303123",
  "2330210024602130002033212003002460104302403230410103001011415511301370240022420010203562641237400300",
  "4052112711012150171122301011016310101127221623014033211300253235732202301012413013320244445520130123",
  "1301430210100201541062014372222126002011454325042102200022152223610030045620342040422505332645114113",
  "0420347011314101610023243611122220330254503220330340000621033110021011030040011433130200430004220370",
  "1200116200105002222324211041010252032701705445472421321432002162150210512061055401016207223001012500",
  "2001004426413220105411430006320210126230310032075602030053110000713101216604220213020311623443351111",
  "1410513024100001213321414101022030030005201000300362724204102544310100201511156032501246341111621251",
  "0402016525121014042131312013022011",
].join("");
const OUT = 310;

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

/** The cost model of units from … to (and the left-out count's unit), the others fixed at PICK; the start; the forbidden columns. */
function slice(from: number, to: number) {
  const p = buildUnits(benchInstance(2000, 60, false, 0, 0.3).input, "optimal");
  const m = costModel(p, OUT);
  const n = m.cost.length;
  expect(PICK.length).toBe(n - 1);
  const pick = [...PICK].map((c, u) => (c === "x" ? p.units[u]!.choices.length : Number(c)));
  pick.push(0);
  const kept = [...Array.from({ length: to - from }, (_, i) => from + i), n - 1];
  const cap = m.cap.slice();
  for (let u = 0; u < n; u++) if (u < from || (u >= to && u < n - 1)) m.res[u]![pick[u]!]!.forEach((r, i) => (cap[r]! -= m.amt[u]![pick[u]!]![i]!));
  const sm: Model = { cost: kept.map((u) => m.cost[u]!), res: kept.map((u) => m.res[u]!), amt: kept.map((u) => m.amt[u]!), cap };
  // As the cost search forbids them: dominated choices, and the left-out count's relief.
  const last = kept.length - 1;
  const dom = dominated(sm, (u, k) => u === last && k === 1);
  const off = (u: number, k: number) => dom[u]![k] === 1 || (u === last && k === 1);
  return { m: sm, start: Int32Array.from(kept, (u) => pick[u]!), off };
}

function highsLp(m: Model, off: (u: number, k: number) => boolean): number {
  const vars: Lin["vars"] = [];
  const rows: Lin["rows"] = [];
  const perRow: [string, number][][] = m.cap.map(() => []);
  m.cost.forEach((cs, u) => {
    const one: [string, number][] = [];
    cs.forEach((c, k) => {
      if (off(u, k)) return;
      const name = `x${u}_${k}`;
      vars.push({ name, obj: c, binary: false });
      one.push([name, 1]);
      m.res[u]![k]!.forEach((r, i) => perRow[r]!.push([name, m.amt[u]![k]![i]!]));
    });
    rows.push({ name: `u${u}`, terms: one, sense: "=", rhs: 1 });
  });
  perRow.forEach((terms, r) => terms.length > 0 && rows.push({ name: `r${r}`, terms, sense: "<=", rhs: m.cap[r]! }));
  const sol = highs.solve(toLpText({ vars, rows }), { output_flag: false } as never);
  expect(sol.Status).toBe("Optimal");
  return sol.ObjectiveValue;
}

describe("the LP from a highly degenerate start (most rows full)", () => {
  for (const [from, to, pivots] of [
    [800, 1000, 2_000],
    [0, 400, 2_000],
  ] as const) {
    it(`units ${from}–${to - 1} of 2,000 × 60 random from HiGHS's assignment: HiGHS's LP optimum within ${pivots} pivots`, () => {
      const { m, start, off } = slice(from, to);
      const lp = new GubLp(m);
      m.cost.forEach((cs, u) => cs.forEach((_, k) => off(u, k) && lp.forbidden[lp.unitStart[u]! + k]!++));
      lp.start(start);
      expect(lp.solve(pivots)).toBe("optimal");
      expect(lp.lexPivots).toBeGreaterThan(0); // the long degenerate run did happen
      expect(lp.objective().forbidden).toBe(0);
      expectFeasible(lp, m);
      expect(near(lp.objective().cost, highsLp(m, off))).toBe(true);
    });
  }
});

// The engine's best bundle against the HiGHS MIP solver on random instances larger than brute force
// can handle. HiGHS runs inside workerd: its .wasm is imported as a compiled module and handed over.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadHighsInWorkerd, type Highs } from "../helpers/highs";
import { buildMip, fromSolution, toLpText } from "../../bench/lib/reference";
import { buildOptions } from "../../src/matching/covers";
import { buildProblem } from "../../src/matching/problem";
import { topBundles } from "../../src/matching/search";
import { catalogueArb, COUPLED, requestArb } from "./helpers";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighsInWorkerd();
});

/** The engine's best against HiGHS's optimum on one instance; true when HiGHS found one. */
function agrees(req: Parameters<typeof buildProblem>[0], offers: Parameters<typeof buildProblem>[1]): boolean {
  const { problem } = buildProblem(req, offers, { lang: "fr", memberCountry: "BE" });
  if (problem.k === 0) return false;
  const engine = topBundles(problem, buildOptions(problem), 1).bundles[0] ?? null;
  const sol = highs.solve(toLpText(buildMip(problem)), { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 } as never);
  if (sol.Status === "Infeasible") {
    expect(engine).toBeNull();
    return false;
  }
  expect(sol.Status).toBe("Optimal");
  const mip = fromSolution(problem, (n) => (sol.Columns[n] as { Primal?: number } | undefined)?.Primal ?? 0)!;
  expect(engine?.units).toBe(mip.units);
  return true;
}

describe("optimality against HiGHS", () => {
  it("finds the optimum with the couplings (mail together, included aliases, DNS kept with the domain or the mail)", () => {
    let solved = 0;
    const focus = { services: COUPLED, couplings: true };
    fc.assert(
      fc.property(requestArb(8, focus), catalogueArb(15, 5, focus), (req, offers) => {
        if (agrees(req, offers)) solved++;
      }),
      { numRuns: 150 },
    );
    expect(solved).toBeGreaterThan(30);
  });

  it("finds the optimum of the integer programme", () => {
    let solved = 0;
    fc.assert(
      fc.property(requestArb(8), catalogueArb(15, 5), (req, offers) => {
        const { problem } = buildProblem(req, offers, { lang: "fr", memberCountry: "BE" });
        if (problem.k === 0) return;
        const engine = topBundles(problem, buildOptions(problem), 1).bundles[0] ?? null;
        const sol = highs.solve(toLpText(buildMip(problem)), { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 } as never);
        if (sol.Status === "Infeasible") {
          expect(engine).toBeNull();
          return;
        }
        expect(sol.Status).toBe("Optimal");
        const mip = fromSolution(problem, (n) => (sol.Columns[n] as { Primal?: number } | undefined)?.Primal ?? 0)!;
        expect(engine?.units).toBe(mip.units);
        solved++;
      }),
      { numRuns: 150 },
    );
    expect(solved).toBeGreaterThan(50);
  });
});

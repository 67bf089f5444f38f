// propagate.ts: a column capacityFixes forbids is in no assignment of the allowed columns (enumerated
// on small models, random fixings as a node's), and searches with SearchOptions.propagate end at the
// enumerated optimum (every node propagating: plain, linked rows, node cuts from node 1).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { search } from "../../src/transition/assign/bnb";
import { capacityFixes } from "../../src/transition/assign/propagate";
import { assignments, contended, lcg, linkedModel, randomModel } from "./assign-cuts-helpers";
import type { Model } from "../../src/transition/assign/lp";

const starts = (m: Model) => {
  const s = [0];
  for (const cs of m.cost) s.push(s[s.length - 1]! + cs.length);
  return s;
};

describe("capacityFixes", () => {
  it("forbids only columns no assignment of the allowed columns takes", () => {
    let fixedSome = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.boolean(), (seed, linked) => {
        const m = linked ? linkedModel(seed) : randomModel(seed);
        const start = starts(m);
        const rnd = lcg(seed);
        // A node's fixings: some units fixed to one choice, some choices forbidden.
        const forbidden = new Int32Array(start[m.cost.length]!);
        m.cost.forEach((cs, u) => {
          if (rnd() < 0.4) {
            const keep = Math.floor(rnd() * cs.length);
            cs.forEach((_, k) => k !== keep && forbidden[start[u]! + k]!++);
          } else cs.forEach((_, k) => rnd() < 0.2 && forbidden[start[u]! + k]!++);
        });
        const before = forbidden.slice();
        const fixes = capacityFixes(m, start, forbidden);
        expect(Array.from(forbidden)).toEqual(Array.from(before));
        expect(new Set(fixes).size).toBe(fixes.length);
        for (const j of fixes) expect(forbidden[j]).toBe(0);
        const used = new Set<number>();
        for (const p of assignments(m)) if (p.every((k, u) => forbidden[start[u]! + k] === 0)) p.forEach((k, u) => used.add(start[u]! + k));
        for (const j of fixes) expect(used.has(j)).toBe(false);
        fixedSome += fixes.length > 0 ? 1 : 0;
      }),
      { numRuns: 300 },
    );
    expect(fixedSome).toBeGreaterThan(10);
  });

  it("fixes a choice the room left by a fixed unit cannot hold", () => {
    // Row cap 5; unit 0 fixed to its choice taking 4; unit 1's choice taking 2 no longer fits.
    const m: Model = { cost: [[1, 9], [1, 2, 9]], res: [[[0], []], [[0], [0], []]], amt: [[[4], []], [[2], [1], []]], cap: [5] };
    expect(capacityFixes(m, [0, 2, 5], [0, 1, 0, 0, 0])).toEqual([2]);
    expect(capacityFixes(m, [0, 2, 5], [0, 0, 0, 0, 0])).toEqual([]);
  });
});

describe("SearchOptions.propagate", () => {
  it("ends at the enumerated optimum, with and without node cuts and the root's restart", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.boolean(), fc.constantFrom(undefined, 1), (seed, linked, firstRestart) => {
        const { mc, best, start } = contended(linked ? linkedModel(seed) : randomModel(seed));
        const r = search(mc, start, { propagate: true, firstRestart, heuristics: false });
        expect(r.proved).toBe(true);
        expect(r.value).toBe(best);
        const d = search(mc, start, { propagate: true, firstRestart, branching: "pseudo", plunge: "up", rootRestart: true });
        expect(d.proved).toBe(true);
        expect(d.value).toBe(best);
      }),
      { numRuns: 200 },
    );
  });
});

// Pure: the share request a pledge suggests (class and shares closest to the capital pledged, within
// each class's limits) and the holder the way in starts with.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suggestHolder, suggestShares, type JoinClass } from "../../../src/coop/pledges/join";

const A: JoinClass = { code: "A", nominalCents: 25_000, minShares: 1, maxShares: 20, requiredForUsers: false };
const B: JoinClass = { code: "B", nominalCents: 5_000, minShares: 1, maxShares: 100, requiredForUsers: true };

describe("suggestShares", () => {
  it("takes the class and number closest to the capital, ties to the class users must hold", () => {
    expect(suggestShares(50_000, [A, B])).toEqual({ classCode: "B", shares: 10, amountCents: 50_000 });
    expect(suggestShares(10_000, [A, B])).toEqual({ classCode: "B", shares: 2, amountCents: 10_000 });
    // €120: A is out of reach; two B shares leave €20.
    expect(suggestShares(12_000, [A, B])).toEqual({ classCode: "B", shares: 2, amountCents: 10_000 });
    // €260 with B at €40: A leaves €10, B (6 × 40 = 240) leaves €20.
    expect(suggestShares(26_000, [A, { ...B, nominalCents: 4_000 }])).toEqual({ classCode: "A", shares: 1, amountCents: 25_000 });
  });

  it("never goes above a class's maximum nor below its minimum", () => {
    expect(suggestShares(1_000_000, [B])).toEqual({ classCode: "B", shares: 100, amountCents: 500_000 });
    expect(suggestShares(10_000, [{ ...B, minShares: 4 }])).toEqual({ classCode: "B", shares: 4, amountCents: 20_000 });
  });

  it("with no capital or too little: the smallest holding of the class users must hold, else the cheapest", () => {
    expect(suggestShares(0, [A, B])).toEqual({ classCode: "B", shares: 1, amountCents: 5_000 });
    expect(suggestShares(1_000, [A, { ...B, requiredForUsers: false }])).toEqual({ classCode: "B", shares: 1, amountCents: 5_000 });
    expect(suggestShares(1_000, [A, { ...B, code: "C", requiredForUsers: false, nominalCents: 30_000 }])).toEqual({ classCode: "A", shares: 1, amountCents: 25_000 });
  });

  it("suggests nothing when no class is open", () => {
    expect(suggestShares(25_000, [])).toBeNull();
  });

  it("stays within the limits and at most the capital whenever the capital reaches a minimum", () => {
    const cls = fc.record({ nominalCents: fc.integer({ min: 1, max: 100_000 }), minShares: fc.integer({ min: 1, max: 5 }), extra: fc.integer({ min: 0, max: 200 }), requiredForUsers: fc.boolean() }).map(({ extra, ...c }) => ({ ...c, maxShares: c.minShares + extra }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(cls, { minLength: 1, maxLength: 4 }), (capital, drawn) => {
        const classes: JoinClass[] = drawn.map((c, i) => ({ ...c, code: "ABCD"[i]! }));
        const s = suggestShares(capital, classes)!;
        const c = classes.find((k) => k.code === s.classCode)!;
        expect(s.shares).toBeGreaterThanOrEqual(c.minShares);
        expect(s.shares).toBeLessThanOrEqual(c.maxShares);
        expect(s.amountCents).toBe(s.shares * c.nominalCents);
        if (classes.some((k) => k.nominalCents * k.minShares <= capital)) expect(s.amountCents).toBeLessThanOrEqual(capital);
      }),
    );
  });
});

describe("suggestHolder", () => {
  const orgs = [{ id: "org_a", name: "Les Amis du Parc" }, { id: "org_b", name: "L'Atelier" }];
  it("keeps an organisation asked for only when the person manages it", () => {
    expect(suggestHolder(orgs, null, "org_b")).toBe("org_b");
    expect(suggestHolder(orgs, "Les Amis du Parc", "person")).toBe("person");
    expect(suggestHolder(orgs, "L'Atelier", "org_elsewhere")).toBe("org_b");
  });
  it("finds the organisation named like the pledge's, whatever the case and spaces", () => {
    expect(suggestHolder(orgs, "  les amis du PARC ")).toBe("org_a");
  });
  it("takes the only organisation of a pledge made for one, else the person", () => {
    expect(suggestHolder([orgs[0]!], "Another name")).toBe("org_a");
    expect(suggestHolder(orgs, "Another name")).toBe("person");
    expect(suggestHolder([orgs[0]!], null)).toBe("person");
    expect(suggestHolder([], "Les Amis du Parc")).toBe("person");
  });
});

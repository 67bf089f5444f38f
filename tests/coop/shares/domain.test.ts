// The pure rules of shares: limits per holder, the register's running totals and positions, the
// redemption amount (never more than paid in), and who may do what (shares.* in the policy).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide, type Principal } from "../../../src/accounts/policy";
import { checkRequestLimits, defaultMaxShares } from "../../../src/coop/shares/limits";
import { redemptionAmount } from "../../../src/coop/shares/redemption";
import { classTotals, positions, runningTotals, type Entry } from "../../../src/coop/shares/register";

const B = { code: "B", nominalCents: 5000, minShares: 1, maxShares: 100 };
const CLASSES = [
  { id: "a", code: "A", nominalCents: 25000 },
  { id: "b", code: "B", nominalCents: 5000 },
];
let n = 0;
const e = (holderId: string, classId: string, kind: Entry["kind"], shares: number, amountCents: number, on: string): Entry => ({ id: `e${++n}`, holderId, classId, kind, shares, amountCents, on, createdAt: `2027-01-01T00:00:0${n % 10}Z` });

describe("limits", () => {
  it("defaults the maximum to €5,000 of nominal value", () => {
    expect(defaultMaxShares(5000)).toBe(100);
    expect(defaultMaxShares(25000)).toBe(20);
    expect(defaultMaxShares(3000)).toBe(166);
    expect(defaultMaxShares(900_000)).toBe(1);
  });
  it("counts held and pending shares against the maximum and the minimum", () => {
    expect(checkRequestLimits(B, { requested: 4, held: 0, pending: 0 })).toEqual([]);
    expect(checkRequestLimits(B, { requested: 100, held: 0, pending: 0 })).toEqual([]);
    expect(checkRequestLimits(B, { requested: 1, held: 60, pending: 40 })[0]).toMatchObject({ field: "shares", message: expect.stringContaining("0 more at most") });
    expect(checkRequestLimits({ ...B, minShares: 5 }, { requested: 2, held: 0, pending: 0 })[0]?.field).toBe("shares");
    expect(checkRequestLimits({ ...B, minShares: 5 }, { requested: 2, held: 3, pending: 0 })).toEqual([]);
    expect(checkRequestLimits(B, { requested: 0, held: 0, pending: 0 })[0]?.field).toBe("shares");
    expect(checkRequestLimits(B, { requested: 1.5, held: 0, pending: 0 })[0]?.field).toBe("shares");
  });
  it("never lets a holder pass the maximum, whatever it holds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 300 }), (held, pending, requested) => {
        const ok = checkRequestLimits(B, { requested, held, pending }).length === 0;
        expect(ok).toBe(held + pending + requested <= 100);
      }),
    );
  });
});

describe("register totals", () => {
  const entries = [
    e("h1", "b", "subscription", 4, 20000, "2027-01-10"),
    e("h1", "b", "payment", 0, 20000, "2027-01-10"),
    e("h2", "a", "subscription", 2, 50000, "2027-01-12"),
    e("h2", "a", "payment", 0, 50000, "2027-01-12"),
    e("h1", "b", "transfer", -1, 0, "2027-02-01"),
    e("h3", "b", "transfer", 1, 0, "2027-02-01"),
    e("h2", "a", "redemption", -1, -25000, "2027-03-01"),
  ];
  it("runs totals per class and of capital in register order", () => {
    const run = runningTotals([...entries].reverse(), CLASSES);
    expect(run.map((r) => [r.entry.kind, r.classShares, r.capitalCents, r.paidInCents])).toEqual([
      ["subscription", 4, 20000, 0],
      ["payment", 4, 20000, 20000],
      ["subscription", 2, 70000, 20000],
      ["payment", 2, 70000, 70000],
      ["transfer", 3, 65000, 70000],
      ["transfer", 4, 70000, 70000],
      ["redemption", 1, 45000, 45000],
    ]);
  });
  it("gives each holder's position and the class totals", () => {
    expect(positions(entries.filter((x) => x.holderId === "h1"), CLASSES)).toEqual([{ classId: "b", shares: 3, nominalCents: 15000, paidInCents: 20000 }]);
    expect(classTotals(entries, CLASSES)).toEqual([
      { classId: "a", code: "A", holders: 1, shares: 1, capitalCents: 25000, paidInCents: 25000 },
      { classId: "b", code: "B", holders: 2, shares: 4, capitalCents: 20000, paidInCents: 20000 },
    ]);
  });
  it("refuses an entry of an unknown class", () => {
    expect(() => runningTotals([e("h", "zz", "subscription", 1, 1, "2027-01-01")], CLASSES)).toThrow(/unknown class/);
  });
});

describe("redemption", () => {
  it("pays back the nominal value paid in, at most", () => {
    expect(redemptionAmount({ shares: 4, nominalCents: 5000, heldShares: 4, paidInCents: 20000, minShares: 1 })).toEqual({ ok: true, amountCents: 20000 });
    // Half paid in: half back.
    expect(redemptionAmount({ shares: 4, nominalCents: 5000, heldShares: 4, paidInCents: 10000, minShares: 1 })).toEqual({ ok: true, amountCents: 10000 });
    // Book value below nominal.
    expect(redemptionAmount({ shares: 2, nominalCents: 5000, heldShares: 4, paidInCents: 20000, minShares: 1, bookValueCents: 3000 })).toEqual({ ok: true, amountCents: 6000 });
    // An overpayment is not capital: never more than the nominal value.
    expect(redemptionAmount({ shares: 1, nominalCents: 5000, heldShares: 1, paidInCents: 9000, minShares: 1 })).toEqual({ ok: true, amountCents: 5000 });
  });
  it("refuses more shares than held, and a partial redemption under the minimum", () => {
    expect(redemptionAmount({ shares: 5, nominalCents: 5000, heldShares: 4, paidInCents: 20000, minShares: 1 }).ok).toBe(false);
    expect(redemptionAmount({ shares: 3, nominalCents: 5000, heldShares: 4, paidInCents: 20000, minShares: 2 }).ok).toBe(false);
    expect(redemptionAmount({ shares: 4, nominalCents: 5000, heldShares: 4, paidInCents: 20000, minShares: 2 }).ok).toBe(true);
    expect(redemptionAmount({ shares: 0, nominalCents: 5000, heldShares: 4, paidInCents: 20000, minShares: 1 }).ok).toBe(false);
  });
  it("never exceeds the nominal value nor what was paid in (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 20_000_000 }), (shares, held, nominal, paidIn) => {
        const r = redemptionAmount({ shares, nominalCents: nominal, heldShares: held, paidInCents: paidIn, minShares: 1 });
        if (shares > held) return !r.ok;
        // With a minimum of one share, any number up to what is held may go.
        if (!r.ok) return false;
        return r.amountCents >= 0 && r.amountCents <= shares * nominal && r.amountCents <= paidIn;
      }),
    );
  });
});

describe("policy: shares.*", () => {
  const user = (roles: ("coop_admin" | "steward")[] = [], orgs: { orgId: string; kind: "member"; role: "owner" | "admin" | "member"; providerId: null }[] = []): Principal => ({ kind: "user", userId: "usr_me", email: "me@x.be", emailVerified: true, roles, orgs });
  it("coop_admins manage; holders read their own", () => {
    expect(decide(user(["coop_admin"]), "shares.manage")).toBe("allow");
    expect(decide(user(["steward"]), "shares.manage")).toBe("forbidden");
    expect(decide(user(), "shares.read", { userId: "usr_me" })).toBe("allow");
    expect(decide(user(), "shares.read", { userId: "usr_other" })).toBe("forbidden");
    expect(decide(user([], [{ orgId: "org_a", kind: "member", role: "admin", providerId: null }]), "shares.read", { orgId: "org_a" })).toBe("allow");
    expect(decide(user([], [{ orgId: "org_a", kind: "member", role: "member", providerId: null }]), "shares.read", { orgId: "org_a" })).toBe("forbidden");
    expect(decide(user(), "shares.read", {})).toBe("forbidden");
    expect(decide({ kind: "anonymous" }, "shares.read", { userId: "usr_me" })).toBe("unauthenticated");
    const key = (roles: ("coop_admin" | "steward")[]): Principal => ({ kind: "key", keyId: "k", userId: "usr_me", org: null, scopes: ["billing:write"], roles });
    expect(decide(key(["coop_admin"]), "shares.manage")).toBe("allow");
    expect(decide(key(["steward"]), "shares.manage")).toBe("forbidden");
  });
});

// The pure rules of a transfer (src/coop/shares/limits.ts transferPlan) and what it does to the
// register's arithmetic: the capital and the class's total never move, the paid-in part moves with
// the shares, so the receiver's redemption is capped by what was paid on them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { transferPlan, type TransferInput } from "../../../src/coop/shares/limits";
import { redemptionAmount } from "../../../src/coop/shares/redemption";
import { positions, runningTotals, type Entry } from "../../../src/coop/shares/register";

const B = { code: "B", nominalCents: 5000, minShares: 1, maxShares: 100 };
const base: TransferInput = { shares: 2, giverHeld: 4, giverPaidInCents: 20000, giverMustKeepOne: false, receiverHeld: 0, receiverPending: 0 };

describe("transferPlan", () => {
  it("moves the paid-in part of the shares with them", () => {
    expect(transferPlan(B, base)).toEqual({ ok: true, paidInCents: 10000 });
    expect(transferPlan(B, { ...base, shares: 4 })).toEqual({ ok: true, paidInCents: 20000 });
    // Half paid in: half of the part moves, rounded down.
    expect(transferPlan(B, { ...base, shares: 1, giverHeld: 3, giverPaidInCents: 10000 })).toEqual({ ok: true, paidInCents: 3333 });
  });
  it("refuses more shares than the giver holds, and a count that is not a whole number", () => {
    expect(transferPlan(B, { ...base, shares: 5 })).toMatchObject({ ok: false, errors: [{ field: "shares", message: "the giving holder holds 4 shares of class B" }] });
    expect(transferPlan(B, { ...base, shares: 0 }).ok).toBe(false);
    expect(transferPlan(B, { ...base, shares: 1.5 }).ok).toBe(false);
  });
  it("keeps the giver at the class's minimum or gives all, and keeps one when it must", () => {
    const min3 = { ...B, minShares: 3 };
    expect(transferPlan(min3, { ...base, shares: 2, receiverHeld: 3 }).ok).toBe(false);
    expect(transferPlan(min3, { ...base, shares: 4, receiverHeld: 3 }).ok).toBe(true);
    expect(transferPlan(B, { ...base, shares: 4, giverMustKeepOne: true })).toMatchObject({ ok: false, errors: [{ field: "shares", message: expect.stringContaining("must keep at least one") }] });
    expect(transferPlan(B, { ...base, shares: 3, giverMustKeepOne: true }).ok).toBe(true);
  });
  it("keeps the receiver within the class's limits, counting what it holds and has requested", () => {
    expect(transferPlan(B, { ...base, receiverHeld: 90, receiverPending: 9 })).toMatchObject({ ok: false, errors: [{ field: "shares", message: expect.stringMatching(/^the receiving holder: class B allows at most 100/) }] });
    expect(transferPlan(B, { ...base, receiverHeld: 90, receiverPending: 8 }).ok).toBe(true);
    expect(transferPlan({ ...B, minShares: 3 }, { ...base, shares: 2, giverHeld: 2 }).ok).toBe(false);
  });
  it("never moves more than was paid in, never lets the receiver pass the maximum (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 100 }), (shares, giverHeld, paidIn, receiverHeld) => {
        const r = transferPlan(B, { shares, giverHeld, giverPaidInCents: paidIn, giverMustKeepOne: false, receiverHeld, receiverPending: 0 });
        if (!r.ok) return shares > giverHeld || receiverHeld + shares > 100;
        return shares <= giverHeld && receiverHeld + shares <= 100 && r.paidInCents >= 0 && r.paidInCents <= paidIn;
      }),
    );
  });
});

describe("a transfer in the register", () => {
  const CLASSES = [{ id: "b", code: "B", nominalCents: 5000 }];
  const e = (id: string, holderId: string, kind: Entry["kind"], shares: number, amountCents: number, createdAt: string): Entry => ({ id, holderId, classId: "b", kind, shares, amountCents, on: "2027-02-01", createdAt });
  const entries = [
    e("1", "a", "subscription", 4, 20000, "2027-02-01T10:00:00.000Z"),
    e("2", "a", "payment", 0, 20000, "2027-02-01T10:00:00.000Z"),
    e("3", "a", "transfer", -3, -15000, "2027-02-01T11:00:00.000Z"),
    e("4", "c", "transfer", 3, 15000, "2027-02-01T11:00:00.001Z"),
  ];
  it("leaves the capital and the class's total unchanged and moves each holder's position", () => {
    const run = runningTotals(entries, CLASSES);
    expect(run.map((r) => [r.entry.id, r.classShares, r.capitalCents, r.paidInCents])).toEqual([
      ["1", 4, 20000, 0],
      ["2", 4, 20000, 20000],
      ["3", 1, 5000, 5000],
      ["4", 4, 20000, 20000],
    ]);
    expect(positions(entries.filter((x) => x.holderId === "a"), CLASSES)).toEqual([{ classId: "b", shares: 1, nominalCents: 5000, paidInCents: 5000 }]);
    expect(positions(entries.filter((x) => x.holderId === "c"), CLASSES)).toEqual([{ classId: "b", shares: 3, nominalCents: 15000, paidInCents: 15000 }]);
  });
  it("caps the receiver's redemption by the paid-in part it received", () => {
    expect(redemptionAmount({ shares: 3, nominalCents: 5000, heldShares: 3, paidInCents: 15000, minShares: 1 })).toEqual({ ok: true, amountCents: 15000 });
  });
});

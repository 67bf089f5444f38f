import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nonShareholderSurcharge, prorate, runSubscription, type BilledTerms, type SubscriptionRun, type SubscriptionTerms } from "../../../src/coop/subscriptions/billing-run";
import { addMonths, cancellationTakesEffect, daysBetween, isPeriodStart, periodContaining } from "../../../src/coop/subscriptions/periods";

const monthly = (over: Partial<SubscriptionTerms> = {}): SubscriptionTerms => ({
  id: "sub_1",
  interval: "month",
  startedOn: "2027-01-01",
  versions: [{ from: "2027-01-01", quantity: 2, unitPriceCents: 1000 }],
  ...over,
});

describe("billing periods", () => {
  it("bills monthly plans per calendar month", () => {
    expect(periodContaining("2027-02-14", "month", "2026-11-20")).toEqual({ start: "2027-02-01", end: "2027-03-01" });
    expect(isPeriodStart("2027-02-01", "month", "2026-11-20")).toBe(true);
    expect(isPeriodStart("2027-02-02", "month", "2026-11-20")).toBe(false);
  });

  it("anchors yearly plans on the first of the month they began in", () => {
    expect(periodContaining("2027-03-15", "year", "2027-03-15")).toEqual({ start: "2027-03-01", end: "2028-03-01" });
    expect(periodContaining("2028-02-29", "year", "2027-03-15")).toEqual({ start: "2027-03-01", end: "2028-03-01" });
    expect(periodContaining("2028-03-01", "year", "2027-03-15")).toEqual({ start: "2028-03-01", end: "2029-03-01" });
    expect(isPeriodStart("2028-03-01", "year", "2027-03-15")).toBe(true);
    expect(isPeriodStart("2027-04-01", "year", "2027-03-15")).toBe(false);
  });

  it("ends a cancelled subscription with the period already paid", () => {
    expect(cancellationTakesEffect("2027-02-14", "month", "2027-01-01")).toBe("2027-03-01");
    expect(cancellationTakesEffect("2027-02-14", "year", "2026-06-03")).toBe("2027-06-01");
  });

  it("counts days across month ends and leap years", () => {
    expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
    expect(daysBetween("2027-02-01", "2027-03-01")).toBe(28);
    expect(addMonths("2027-12-15", 1)).toBe("2028-01-01");
    expect(addMonths("2027-01-31", -2)).toBe("2026-11-01");
  });
});

describe("prorate", () => {
  it("rounds half away from zero, in cents", () => {
    expect(prorate(1000, 15, 30)).toBe(500);
    expect(prorate(1000, 1, 3)).toBe(333);
    expect(prorate(1001, 15, 30)).toBe(501); // 500.5 → 501
    expect(prorate(-1001, 15, 30)).toBe(-501);
    expect(() => prorate(1000, 31, 30)).toThrow(RangeError);
  });
});

describe("a subscription's lines on a run", () => {
  it("bills a subscription in advance on the first of each month", () => {
    const run = runSubscription(monthly(), "2027-01-01");
    expect(run?.lines).toEqual([{ kind: "period", subscriptionId: "sub_1", period: { start: "2027-01-01", end: "2027-02-01" }, quantity: 2, unitPriceCents: 1000, amountCents: 2000 }]);
    expect(run?.billed).toEqual({ periodStart: "2027-01-01", quantity: 2, unitPriceCents: 1000 });
    const next = runSubscription(monthly({ billed: run!.billed, lastRunOn: "2027-01-01" }), "2027-02-01");
    expect(next?.lines.map((l) => [l.kind, l.amountCents])).toEqual([["period", 2000]]);
  });

  it("charges a start in mid-month by day on the next run, then the month ahead", () => {
    const terms = monthly({ startedOn: "2027-11-10", versions: [{ from: "2027-11-10", quantity: 1, unitPriceCents: 3000 }] });
    expect(runSubscription(terms, "2027-11-01")).toBeNull();
    const run = runSubscription(terms, "2027-12-01")!;
    expect(run.lines).toEqual([
      { kind: "charge", subscriptionId: "sub_1", from: "2027-11-10", to: "2027-12-01", days: 21, periodDays: 30, quantity: 1, unitPriceCents: 3000, amountCents: 2100 },
      { kind: "period", subscriptionId: "sub_1", period: { start: "2027-12-01", end: "2028-01-01" }, quantity: 1, unitPriceCents: 3000, amountCents: 3000 },
    ]);
  });

  it("credits the unused part and charges the new quantity after a change in mid-period", () => {
    const billed: BilledTerms = { periodStart: "2027-11-01", quantity: 2, unitPriceCents: 1000 };
    const terms = monthly({
      versions: [
        { from: "2027-01-01", quantity: 2, unitPriceCents: 1000 },
        { from: "2027-11-16", quantity: 3, unitPriceCents: 1000 },
      ],
      billed,
      lastRunOn: "2027-11-01",
    });
    const run = runSubscription(terms, "2027-12-01")!;
    expect(run.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ["credit", -1000],
      ["charge", 1500],
      ["period", 3000],
    ]);
    expect(run.lines[0]).toMatchObject({ from: "2027-11-16", to: "2027-12-01", days: 15, periodDays: 30 });
  });

  it("stops billing once a cancellation takes effect, without a credit for the paid period", () => {
    const terms = monthly({ endsOn: "2027-12-01", billed: { periodStart: "2027-11-01", quantity: 2, unitPriceCents: 1000 }, lastRunOn: "2027-11-01" });
    expect(runSubscription(terms, "2027-12-01")).toEqual({ lines: [], billed: null });
  });

  it("credits the rest of a period when the service is ended early", () => {
    const terms = monthly({ versions: [{ from: "2027-01-01", quantity: 2, unitPriceCents: 1500 }], endsOn: "2027-11-21", billed: { periodStart: "2027-11-01", quantity: 2, unitPriceCents: 1500 }, lastRunOn: "2027-11-01" });
    const run = runSubscription(terms, "2027-12-01")!;
    expect(run.lines).toEqual([{ kind: "credit", subscriptionId: "sub_1", from: "2027-11-21", to: "2027-12-01", days: 10, periodDays: 30, quantity: 2, unitPriceCents: 1500, amountCents: -1000 }]);
    expect(run.billed).toBeNull();
  });

  it("settles a yearly plan's change on the next monthly run, up to the end of its year, once", () => {
    const terms: SubscriptionTerms = {
      id: "sub_y",
      interval: "year",
      startedOn: "2027-03-01",
      versions: [
        { from: "2027-03-01", quantity: 1, unitPriceCents: 36_500 },
        { from: "2027-06-10", quantity: 2, unitPriceCents: 36_500 },
      ],
      billed: { periodStart: "2027-03-01", quantity: 1, unitPriceCents: 36_500 },
      lastRunOn: "2027-06-01",
    };
    const july = runSubscription(terms, "2027-07-01")!;
    const days = daysBetween("2027-06-10", "2028-03-01"); // 265 of 366 (the period holds 29 February 2028)
    expect(july.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ["credit", -prorate(36_500, days, 366)],
      ["charge", prorate(73_000, days, 366)],
    ]);
    const august = runSubscription({ ...terms, billed: july.billed, lastRunOn: "2027-07-01" }, "2027-08-01")!;
    expect(august.lines).toEqual([]);
  });

  it("charges a yearly plan begun in mid-month from its first day to the end of its year", () => {
    const terms: SubscriptionTerms = { id: "sub_y", interval: "year", startedOn: "2027-03-15", versions: [{ from: "2027-03-15", quantity: 1, unitPriceCents: 36_500 }] };
    const april = runSubscription(terms, "2027-04-01")!;
    expect(april.lines).toEqual([
      { kind: "charge", subscriptionId: "sub_y", from: "2027-03-15", to: "2028-03-01", days: 352, periodDays: 366, quantity: 1, unitPriceCents: 36_500, amountCents: prorate(36_500, 352, 366) },
    ]);
    const march = runSubscription({ ...terms, billed: april.billed, lastRunOn: "2028-02-01" }, "2028-03-01")!;
    expect(march.lines.map((l) => l.kind)).toEqual(["period"]);
  });

  it("catches up a missed run: the month nobody billed is charged in full", () => {
    const run = runSubscription(monthly({ billed: { periodStart: "2027-01-01", quantity: 2, unitPriceCents: 1000 }, lastRunOn: "2027-01-01" }), "2027-03-01")!;
    expect(run.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ["charge", 2000],
      ["period", 2000],
    ]);
  });

  it("refuses a run on any day but a first of the month", () => {
    expect(() => runSubscription(monthly(), "2027-01-02")).toThrow(RangeError);
  });
});

describe("the non-shareholder surcharge", () => {
  it("is a percent of what the run bills, rounded to the cent", () => {
    const lines = runSubscription(monthly({ versions: [{ from: "2027-01-01", quantity: 3, unitPriceCents: 999 }] }), "2027-01-01")!.lines;
    expect(nonShareholderSurcharge(lines, 10)).toEqual({ baseCents: 2997, amountCents: 300 });
    expect(nonShareholderSurcharge(lines, 12.5)).toEqual({ baseCents: 2997, amountCents: 375 });
    expect(nonShareholderSurcharge(lines, 0)).toBeNull();
    expect(nonShareholderSurcharge([], 10)).toBeNull();
  });
});

// Whatever the changes, a year of monthly runs bills what was used, day by day, to within a cent
// per line (each line is rounded once).
describe("billing follows use", () => {
  const change = fc.record({ month: fc.integer({ min: 0, max: 11 }), day: fc.integer({ min: 1, max: 28 }), quantity: fc.integer({ min: 0, max: 20 }), price: fc.integer({ min: 0, max: 50_000 }) });

  it("sums, over the runs, to the daily cost of what was used", () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 6 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 100, max: 50_000 }), (changes, q0, p0) => {
        const versions = [{ from: "2027-01-01", quantity: q0, unitPriceCents: p0 }];
        for (const c of changes) {
          const from = `2027-${String(c.month + 1).padStart(2, "0")}-${String(c.day).padStart(2, "0")}`;
          const at = versions.findIndex((v) => v.from >= from);
          const v = { from, quantity: c.quantity, unitPriceCents: c.price };
          if (at === -1) versions.push(v);
          else if (versions[at]!.from === from) versions[at] = v;
          else versions.splice(at, 0, v);
        }
        const terms: SubscriptionTerms = { id: "s", interval: "month", startedOn: "2027-01-01", versions, endsOn: "2028-01-01" };
        let billed: BilledTerms | null = null;
        let lastRunOn: string | null = null;
        let total = 0;
        let lines = 0;
        for (let m = 0; m <= 12; m++) {
          const runDay = addMonths("2027-01-01", m);
          const run: SubscriptionRun = runSubscription({ ...terms, billed, lastRunOn }, runDay)!;
          total += run.lines.reduce((s, l) => s + l.amountCents, 0);
          lines += run.lines.length;
          billed = run.billed;
          lastRunOn = runDay;
        }
        // Exact use, as a fraction summed day by day: each day costs (quantity × price) / days in its month.
        let used = 0;
        for (let d = "2027-01-01"; d < "2028-01-01"; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
          const v = [...versions].reverse().find((x) => x.from <= d)!;
          const p = periodContaining(d, "month", "2027-01-01");
          used += (v.quantity * v.unitPriceCents) / daysBetween(p.start, p.end);
        }
        expect(Math.abs(total - used)).toBeLessThanOrEqual(lines * 0.5 + 1e-6);
      }),
      { numRuns: 200 },
    );
  });
});

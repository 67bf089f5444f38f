// Pure: the monthly recurring revenue (yearly ÷ 12, rounded once, half up), the units subscribed, the
// break-even from the viability model, the gauge's bars; and the plan links (prefilled quantity, the
// migration's plans, the quantity a bundle's needs ask for).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakEvenMonthlyCents } from "../../../src/coop/pledges/viability";
import { migrationPlanLinks, neededQuantity, planHref, prefillQuantity } from "../../../src/coop/subscriptions/plan-links";
import { gaugeWidths, monthlyRecurringCents, revenue, subscribedUnits, type RecurringTerms } from "../../../src/coop/subscriptions/revenue";

const month = (quantity: number, unitPriceCents: number, service = "mailbox"): RecurringTerms => ({ interval: "month", quantity, unitPriceCents, service });
const year = (quantity: number, unitPriceCents: number, service = "web_hosting"): RecurringTerms => ({ interval: "year", quantity, unitPriceCents, service });

describe("monthly recurring revenue", () => {
  it("counts monthly amounts whole and a twelfth of the yearly ones", () => {
    expect(monthlyRecurringCents([])).toBe(0);
    expect(monthlyRecurringCents([month(4, 250)])).toBe(1000);
    expect(monthlyRecurringCents([year(1, 6000)])).toBe(500);
    expect(monthlyRecurringCents([month(4, 250), year(1, 6000), year(2, 1200)])).toBe(1000 + 500 + 200);
  });

  it("adds the yearly amounts before dividing, and rounds once, half up", () => {
    // 100 / 12 = 8.33 each: three rounded separately would be 24; once, 300 / 12 = 25.
    expect(monthlyRecurringCents([year(1, 100), year(1, 100), year(1, 100)])).toBe(25);
    expect(monthlyRecurringCents([year(1, 6)])).toBe(1); // 0.5 → 1
    expect(monthlyRecurringCents([year(1, 5)])).toBe(0); // 0.42 → 0
    expect(monthlyRecurringCents([year(1, 18)])).toBe(2); // 1.5 → 2
  });

  it("is an integer within half a cent of the exact figure", () => {
    const terms = fc.array(fc.record({ interval: fc.constantFrom("month" as const, "year" as const), quantity: fc.integer({ min: 1, max: 10_000 }), unitPriceCents: fc.integer({ min: 0, max: 1_000_000 }), service: fc.constant("mailbox") }), { maxLength: 30 });
    fc.assert(
      fc.property(terms, (ts) => {
        const mrr = monthlyRecurringCents(ts);
        // The exact figure times 12, in whole numbers (a float sum of twelfths drifts by more than
        // 1e-6 at these sizes): |mrr − exact| ≤ ½ ⇔ |12·mrr − 12·exact| ≤ 6.
        const exact12 = ts.reduce((s, t) => s + t.quantity * t.unitPriceCents * (t.interval === "year" ? 1 : 12), 0);
        return Number.isInteger(mrr) && Math.abs(12 * mrr - exact12) <= 6;
      }),
    );
  });
});

describe("break-even of what is subscribed", () => {
  const settings = { fixedMonthlyCents: 50_000, costPerUnitCents: { mailbox: 100, web_hosting: 800 } };

  it("counts units per kind (a flat plan is one unit, the catch-all costs nothing more)", () => {
    expect(subscribedUnits([month(4, 250), month(3, 250), year(1, 6000), month(2, 100, "other")])).toEqual({ mailbox: 7, web_hosting: 1 });
  });

  it("is the viability model's break-even for those units", () => {
    const terms = [month(4, 250), year(1, 6000)];
    const r = revenue(terms, settings);
    expect(r.breakEvenCents).toBe(breakEvenMonthlyCents(settings, { mailbox: 4, web_hosting: 1 }));
    expect(r).toEqual({ mrrCents: 1500, breakEvenCents: 50_000 + 400 + 800, shortfallCents: 51_200 - 1500, percent: 2, subscriptions: 2, units: { mailbox: 4, web_hosting: 1 } });
  });

  it("says nothing is missing once reached, and 0 % without a break-even", () => {
    expect(revenue([month(100, 1000)], { fixedMonthlyCents: 50_000, costPerUnitCents: {} })).toMatchObject({ mrrCents: 100_000, shortfallCents: 0, percent: 200 });
    expect(revenue([month(1, 1000)], { fixedMonthlyCents: 0, costPerUnitCents: {} })).toMatchObject({ breakEvenCents: 0, percent: 0, shortfallCents: 0 });
  });

  it("scales the gauge's bars to the larger figure", () => {
    expect(gaugeWidths({ mrrCents: 500, breakEvenCents: 1000 }, 300)).toEqual({ mrr: 150, breakEven: 300 });
    expect(gaugeWidths({ mrrCents: 3000, breakEvenCents: 1000 }, 300)).toEqual({ mrr: 300, breakEven: 100 });
    expect(gaugeWidths({ mrrCents: 0, breakEvenCents: 0 }, 300)).toEqual({ mrr: 0, breakEven: 0 });
  });
});

describe("plan links", () => {
  it("links the plan's page with the quantity and the organisation when known", () => {
    expect(planHref("off_a")).toBe("/coop/plans/off_a");
    expect(planHref("off_a", 3)).toBe("/coop/plans/off_a?quantity=3");
    expect(planHref("off_a", 0)).toBe("/coop/plans/off_a");
    expect(planHref("off a/b", 2, "org_x")).toBe("/coop/plans/off%20a%2Fb?quantity=2&organisation=org_x");
  });

  it("prefills 1 for a flat plan, the quantity asked when valid, else 1", () => {
    expect(prefillQuantity({ unit: "flat" }, "5")).toBe("1");
    expect(prefillQuantity({ unit: "per_unit" }, "12")).toBe("12");
    for (const bad of [undefined, "", "0", "-2", "1.5", "abc", "20000", "1e3"]) expect(prefillQuantity({ unit: "per_unit" }, bad)).toBe("1");
  });

  it("sums the quantities of a bundle item's needs", () => {
    const needs = [{ quantity: 12 }, { quantity: 3 }];
    expect(neededQuantity([0], needs)).toBe(12);
    expect(neededQuantity([0, 1], needs)).toBe(15);
    expect(neededQuantity([7], needs)).toBeUndefined();
  });

  it("lists the cooperative's plans of a migration, counting live items, and which are subscribed", () => {
    const item = (offer_id: string, provider_id: string, state = "planned") => ({ offer_id, offer_name: `Name ${offer_id}`, provider_id, state });
    const items = [item("off_mail", "prv_coop"), item("off_other", "prv_else"), item("off_mail", "prv_coop", "requested"), item("off_site", "prv_coop"), item("off_mail", "prv_coop", "cancelled")];
    expect(migrationPlanLinks(items, "prv_coop", new Set(["off_site"]))).toEqual([
      { offerId: "off_mail", offerName: "Name off_mail", items: 2, subscribed: false },
      { offerId: "off_site", offerName: "Name off_site", items: 1, subscribed: true },
    ]);
    expect(migrationPlanLinks(items, null, new Set())).toEqual([]);
  });
});

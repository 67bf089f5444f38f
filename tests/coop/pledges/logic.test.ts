// Pure pledge logic: the one schema (roles against fields, maxima, field names), the break-even
// model, the meter's figures, the weekly history and the chart's geometry, and the page form's parsing.
import { describe, expect, it } from "vitest";
import { readPledgeForm, readSettingsForm, settingsFormValues } from "../../../src/coop/pledges/form";
import { MAX_CAPITAL_CENTS, MAX_MONTHLY_CENTS, pledgeInputSchema, type PledgeFacts } from "../../../src/coop/pledges/model";
import { settingsInputSchema } from "../../../src/coop/pledges/settings";
import { breakEvenMonthlyCents, chartGeometry, mondayOf, organisationCount, percentOf, pledgedUnits, standingAt, viability, weeklyHistory, DEFAULT_SETTINGS } from "../../../src/coop/pledges/viability";

const fieldsOf = (input: unknown) => {
  const r = pledgeInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};
const BASE = { name: "Anaïs", email: "Anais@Exämple.BE" };

describe("pledgeInputSchema", () => {
  it("accepts each role with what it needs, and normalises the address", () => {
    const r = pledgeInputSchema.parse({ ...BASE, roles: ["client", "supporter", "volunteer"], services: [{ service: "mailbox", quantity: 12 }], capital_cents: 25_000, skills: "compta", language: "nl" });
    expect(r.email).toBe("anais@xn--exmple-cua.be");
    expect(r.roles).toEqual(["client", "supporter", "volunteer"]);
    expect(pledgeInputSchema.parse({ ...BASE, roles: ["client"], monthly_cents: 2500 }).monthly_cents).toBe(2500);
    expect(pledgeInputSchema.parse({ ...BASE, roles: ["volunteer"] }).organisation).toBeUndefined();
  });

  it("refuses roles that do not match their fields, naming the field", () => {
    expect(fieldsOf({ ...BASE, roles: ["client"] })).toEqual(["monthly_cents"]);
    expect(fieldsOf({ ...BASE, roles: ["supporter"] })).toEqual(["capital_cents"]);
    expect(fieldsOf({ ...BASE, roles: ["volunteer"], capital_cents: 100 })).toEqual(["capital_cents"]);
    expect(fieldsOf({ ...BASE, roles: ["volunteer"], services: [{ service: "mailbox", quantity: 1 }] })).toEqual(["services"]);
    expect(fieldsOf({ ...BASE, roles: ["volunteer"], monthly_cents: 100 })).toEqual(["monthly_cents"]);
    expect(fieldsOf({ ...BASE, roles: [] })).toEqual(["roles"]);
    expect(fieldsOf({ ...BASE, roles: ["boss"] })).toEqual(["roles.0"]);
  });

  it("refuses bad amounts, quantities, services and addresses", () => {
    expect(fieldsOf({ ...BASE, roles: ["client"], monthly_cents: -1 })).toContain("monthly_cents");
    expect(fieldsOf({ ...BASE, roles: ["client"], monthly_cents: 12.5 })).toContain("monthly_cents");
    expect(fieldsOf({ ...BASE, roles: ["client"], monthly_cents: MAX_MONTHLY_CENTS + 1 })).toContain("monthly_cents");
    expect(fieldsOf({ ...BASE, roles: ["supporter"], capital_cents: MAX_CAPITAL_CENTS + 1 })).toContain("capital_cents");
    expect(fieldsOf({ ...BASE, roles: ["client"], services: [{ service: "spaceship", quantity: 1 }] })).toContain("services.0.service");
    expect(fieldsOf({ ...BASE, roles: ["client"], services: [{ service: "mailbox", quantity: 0 }] })).toContain("services.0.quantity");
    expect(fieldsOf({ ...BASE, roles: ["client"], services: [{ service: "mailbox", quantity: 1 }, { service: "mailbox", quantity: 2 }] })).toEqual(["services.1.service"]);
    expect(fieldsOf({ name: "", email: "nope", roles: ["volunteer"] }).sort()).toEqual(["email", "name"]);
    expect(fieldsOf({ ...BASE, roles: ["volunteer"], language: "de" })).toEqual(["language"]);
  });
});

const pledge = (p: Partial<PledgeFacts>): PledgeFacts => ({ organisation: null, email: "x@example.be", monthlyCents: 0, capitalCents: 0, services: [], confirmedAt: "2026-03-02T10:00:00.000Z", replacedAt: null, ...p });

describe("break-even and the meter", () => {
  const settings = { ...DEFAULT_SETTINGS, fixedMonthlyCents: 100_000, costPerUnitCents: { mailbox: 150, web_hosting: 400 }, targetCapitalCents: 2_000_000 };
  const pledges = [
    pledge({ organisation: "Les Amis du Parc", monthlyCents: 4000, services: [{ service: "mailbox", quantity: 10 }, { service: "web_hosting", quantity: 1 }] }),
    pledge({ organisation: " les amis  du parc ", email: "y@example.be", capitalCents: 50_000, services: [{ service: "mailbox", quantity: 2 }, { service: "chat", quantity: 3 }] }),
    pledge({ organisation: "L'Atelier", email: "z@example.be", monthlyCents: 1500 }),
    pledge({ email: "p@example.be", capitalCents: 10_000 }),
  ];

  it("break-even = fixed + Σ cost per unit × units (a kind without a cost adds nothing)", () => {
    expect(pledgedUnits(pledges)).toEqual({ mailbox: 12, web_hosting: 1, chat: 3 });
    expect(breakEvenMonthlyCents(settings, pledgedUnits(pledges))).toBe(100_000 + 12 * 150 + 400);
    expect(breakEvenMonthlyCents(settings, {})).toBe(100_000);
  });

  it("sums the standing pledges and counts organisations once, people not at all", () => {
    expect(organisationCount(pledges)).toBe(2);
    expect(viability(pledges, settings)).toEqual({
      pledgedMonthlyCents: 5500,
      targetMonthlyCents: 102_200,
      pledgedCapitalCents: 60_000,
      targetCapitalCents: 2_000_000,
      pledges: 4,
      organisations: 2,
      units: { mailbox: 12, web_hosting: 1, chat: 3 },
    });
    expect(percentOf(60_000, 2_000_000)).toBe(3);
    expect(percentOf(5, 0)).toBe(0);
  });
});

describe("weekly history", () => {
  it("weeks start on Monday (UTC)", () => {
    expect(new Date(mondayOf(Date.parse("2026-03-08T23:59:00Z"))).toISOString()).toBe("2026-03-02T00:00:00.000Z"); // a Sunday
    expect(new Date(mondayOf(Date.parse("2026-03-09T00:00:00Z"))).toISOString()).toBe("2026-03-09T00:00:00.000Z");
  });

  it("cumulates confirmed pledges by week, and a replaced pledge stops counting when replaced", () => {
    const ps = [
      pledge({ monthlyCents: 1000, confirmedAt: "2026-03-03T09:00:00Z" }),
      pledge({ monthlyCents: 2000, capitalCents: 5000, confirmedAt: "2026-03-04T09:00:00Z", replacedAt: "2026-03-18T09:00:00Z" }),
      pledge({ monthlyCents: 3000, confirmedAt: "2026-03-18T09:00:00Z" }), // the replacement
    ];
    const h = weeklyHistory(ps, new Date("2026-03-20T12:00:00Z"));
    expect(h).toEqual([
      { date: "2026-03-02", monthlyCents: 3000, capitalCents: 5000, pledges: 2 },
      { date: "2026-03-09", monthlyCents: 3000, capitalCents: 5000, pledges: 2 },
      { date: "2026-03-16", monthlyCents: 4000, capitalCents: 0, pledges: 2 },
    ]);
    expect(standingAt(ps, "2026-03-10T00:00:00Z")).toHaveLength(2);
    expect(weeklyHistory([], new Date())).toEqual([]);
  });

  it("keeps at most the latest maxWeeks weeks", () => {
    const h = weeklyHistory([pledge({ monthlyCents: 1, confirmedAt: "2020-01-01T00:00:00Z" })], new Date("2026-03-20T00:00:00Z"), 10);
    expect(h).toHaveLength(10);
    expect(h.at(-1)!.date).toBe("2026-03-16");
    expect(h.every((p) => p.monthlyCents === 1)).toBe(true);
  });
});

describe("chart geometry", () => {
  it("scales to the larger of the target and the values, y downwards", () => {
    const g = chartGeometry([0, 50, 100], 200, 300, 100);
    expect(g).toEqual({ points: "0,100 150,75 300,50", targetY: 0, top: 200 });
    expect(chartGeometry([0, 400], 200, 300, 100)).toEqual({ points: "0,100 300,0", targetY: 50, top: 400 });
  });
  it("a single week is a flat line across; no target, no target line", () => {
    expect(chartGeometry([10], 0, 300, 100)).toEqual({ points: "0,0 300,0", targetY: null, top: 10 });
  });
});

describe("the page forms", () => {
  it("reads quantities and euros, and names the form's fields in its errors", () => {
    const ok = readPledgeForm({ name: "Anaïs", email: "a@example.be", roles: ["client", "supporter"], service_mailbox: "12", service_chat: "", monthly: "25,50", capital: "250", language: "en" });
    expect(ok.ok && ok.input).toMatchObject({ services: [{ service: "mailbox", quantity: 12 }], monthly_cents: 2550, capital_cents: 25_000, language: "en" });
    const bad = readPledgeForm({ name: "", email: "a@", roles: "client", service_mailbox: "1.5", monthly: "abc", capital: "10" });
    expect(bad.ok).toBe(false);
    // The roles/fields rule runs once every field is well formed (zod skips refinements of a failed object).
    expect(!bad.ok && bad.errors.map((e) => `${e.field}:${e.key}`).sort()).toEqual(["email:coop.error.email", "monthly:coop.error.amount", "name:coop.error.name", "service-mailbox:coop.error.quantity"]);
    expect(bad.values.services.mailbox).toBe("1.5"); // kept to show again
    const roles = readPledgeForm({ name: "A", email: "a@example.be", roles: "client", service_mailbox: "2", capital: "10" });
    expect(!roles.ok && roles.errors).toEqual([{ field: "capital", key: "coop.error.not_supporter" }]);
    const needs = readPledgeForm({ name: "A", email: "a@example.be", roles: "client" });
    expect(!needs.ok && needs.errors).toEqual([{ field: "monthly", key: "coop.error.client_needs" }]);
  });

  it("settings: euros to cents, one field per service kind, a real date", () => {
    const ok = readSettingsForm({ fixed_monthly: "1 200,00", cost_mailbox: "1,50", cost_chat: "", target_capital: "20000", opens_on: "2026-09-01" });
    expect(ok.ok && ok.input).toEqual({ fixed_monthly_cents: 120_000, cost_per_unit_cents: { mailbox: 150 }, target_capital_cents: 2_000_000, opens_on: "2026-09-01" });
    const bad = readSettingsForm({ fixed_monthly: "x", cost_mailbox: "-1", target_capital: "", opens_on: "2026-02-30" });
    expect(!bad.ok && bad.errors.map((e) => e.field).sort()).toEqual(["cost-mailbox", "fixed_monthly", "opens_on"]);
    expect(settingsFormValues({ fixedMonthlyCents: 120_050, costPerUnitCents: { mailbox: 150 }, targetCapitalCents: 0, opensOn: null })).toMatchObject({ fixed_monthly: "1200,50", target_capital: "", opens_on: "" });
    expect(settingsInputSchema.safeParse({ fixed_monthly_cents: 1, cost_per_unit_cents: { spaceship: 1 }, target_capital_cents: 0 }).success).toBe(false);
  });
});

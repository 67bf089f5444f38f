// Prices people can compare (issue 10): a pay-what-you-want offer ranks at the provider's suggested
// or minimum amount (its amount_cents) unless the member counts such offers as free.
import { describe, expect, it } from "vitest";
import { rankedYearlyCents, suggestedCents } from "../../src/catalog/pricing";
import { priceForNeed } from "../../src/matching/price";
import { match } from "../../src/matching/engine";
import { offer, pricing, provider, request } from "./helpers";

const OPTS = { lang: "en" as const, memberCountry: "BE" };
const a = provider();
const catalogue = [
  offer({ id: "off_a_pwyw", provider_id: "prv_a", service: "web_hosting", pricing: { model: "donation", amount_cents: 500 }, provider: a }),
  offer({ id: "off_b_paid", provider_id: "prv_b", service: "web_hosting", pricing: { amount_cents: 300 }, provider: a }),
];
const best = (pwyw_as_free?: boolean) =>
  match(request({ needs: [{ service: "web_hosting" }], constraints: pwyw_as_free === undefined ? {} : { pwyw_as_free } }), catalogue, OPTS).bundles[0]!;

describe("pay what you want in the ranking", () => {
  it("ranks at the suggested amount by default: €3 paid beats €5 suggested", () => {
    expect(best().items.map((i) => i.offer_id)).toEqual(["off_b_paid"]);
    expect(best(false).monthly_cents).toBe(300);
  });

  it("counts it free when the member says so, and then it wins on price", () => {
    expect(best(true).items).toEqual([{ offer_id: "off_a_pwyw", provider_id: "prv_a", needs: [0], monthly_cents: 0 }]);
  });

  it("counts a pay-what-you-want offer without a suggested amount as free", () => {
    const free = [offer({ id: "off_a_pwyw", provider_id: "prv_a", service: "web_hosting", pricing: { model: "donation", amount_cents: 0 }, provider: a }), catalogue[1]!];
    const r = match(request({ needs: [{ service: "web_hosting" }] }), free, OPTS);
    expect(r.bundles[0]!.items[0]!.offer_id).toBe("off_a_pwyw");
  });

  it("keeps a budget honest: a suggestion above it excludes the offer unless counted free", () => {
    const body = { needs: [{ service: "web_hosting" as const }], constraints: { budget_monthly_cents: 400 } };
    const r = match(request(body), [catalogue[0]!], OPTS);
    expect(r.excluded).toEqual([expect.objectContaining({ offer_id: "off_a_pwyw", reason: "over_budget" })]);
    expect(r.excluded[0]!.message).toContain("€5.00");
    const free = match(request({ ...body, constraints: { ...body.constraints, pwyw_as_free: true } }), [catalogue[0]!], OPTS);
    expect(free.bundles).toHaveLength(1);
  });

  it("reads the suggestion from donation offers only, and leaves other pricings untouched", () => {
    expect(suggestedCents(pricing({ model: "donation", amount_cents: 700 }))).toBe(700);
    expect(suggestedCents(pricing({ model: "donation", amount_cents: 0 }))).toBeNull();
    expect(suggestedCents(pricing({ model: "paid", amount_cents: 700 }))).toBeNull();
    expect(rankedYearlyCents(pricing({ amount_cents: 100 }), false)).toBe(1200);
    const pwyw = pricing({ model: "donation", amount_cents: 700, period: "year" });
    expect(rankedYearlyCents(pwyw, true)).toBe(0);
    expect(rankedYearlyCents(pwyw, false)).toBe(700);
  });

  it("keeps a pay-what-you-want offer's count quota a cap, per unit or flat as stated", () => {
    const o = offer({ id: "o", provider_id: "p", service: "mailbox", pricing: { model: "donation", amount_cents: 100, unit: "per_unit" }, quotas: { mailboxes: 5 } });
    const need = (quantity: number) => ({ quantity, storage_gb: null, subscribers: null });
    expect(priceForNeed(o, need(5), false)).toEqual({ ok: true, yearly_cents: 6000, packs: 1 });
    expect(priceForNeed(o, need(5), true)).toEqual({ ok: true, yearly_cents: 0, packs: 1 });
    expect(priceForNeed(o, need(6), false)).toEqual({ ok: false, quota: "mailboxes", needed: 6, included: 5 });
  });
});

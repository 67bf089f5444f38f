// Pricing and ranking rules on tiny catalogues: each test pins one rule.
import { describe, expect, it } from "vitest";
import { match } from "../../src/matching/engine";
import type { MatchOffer } from "../../src/matching/types";
import { offer, provider, request } from "./helpers";

const two = request({ needs: [{ service: "mailbox" }, { service: "web_hosting" }] });

describe("matching rules", () => {
  it("charges a membership fee once per provider (the highest of those used)", () => {
    const p = provider();
    const res = match(two, [
      offer({ id: "o1", provider_id: "p", service: "mailbox", pricing: { model: "membership", amount_cents: 3000, period: "year" }, provider: p }),
      offer({ id: "o2", provider_id: "p", service: "web_hosting", pricing: { model: "membership", amount_cents: 2000, period: "year" }, provider: p }),
    ], { lang: "fr" });
    expect(res.bundles[0]).toMatchObject({ yearly_cents: 3000, monthly_cents: 250, providers: 1 });
    expect(res.bundles[0]!.items.map((i) => i.monthly_cents)).toEqual([250, 0]);
  });

  it("charges a setup fee once per offer, apart from the monthly cost, and weighs it as a twelfth a month", () => {
    const need = request({ needs: [{ service: "mailbox" }], weights: { providers: 0, commitments: 0, proximity: 0, language: 0, software: 0 } });
    const res = match(need, [
      // 4 €/month + 60 € setup = 9 €/month in the first year, against 8 €/month without setup.
      offer({ id: "a", provider_id: "pa", service: "mailbox", pricing: { amount_cents: 400, setup_fee_cents: 6000 } }),
      offer({ id: "b", provider_id: "pb", service: "mailbox", pricing: { amount_cents: 800 } }),
    ], { lang: "fr" });
    expect(res.bundles.map((b) => b.items[0]!.offer_id)).toEqual(["b", "a"]);
    expect(res.bundles[1]).toMatchObject({ monthly_cents: 400, yearly_cents: 4800, setup_cents: 6000 });
  });

  it("prefers fewer providers only as much as the weights say", () => {
    const offers = [
      offer({ id: "a1", provider_id: "pa", service: "mailbox", pricing: { amount_cents: 500 } }),
      offer({ id: "a2", provider_id: "pa", service: "web_hosting", pricing: { amount_cents: 500 } }),
      offer({ id: "b1", provider_id: "pb", service: "mailbox", pricing: { amount_cents: 300 } }),
    ];
    const cheap = match(request({ needs: two.needs, weights: { providers: 0 } }), offers, { lang: "fr" });
    expect(cheap.bundles[0]!.providers).toBe(2);
    const together = match(request({ needs: two.needs, weights: { providers: 10 } }), offers, { lang: "fr" });
    expect(together.bundles[0]!.providers).toBe(1);
  });

  it("flags bundles that another returned bundle beats on every criterion", () => {
    const res = match(two, [
      offer({ id: "a1", provider_id: "pa", service: "mailbox", pricing: { amount_cents: 100 } }),
      offer({ id: "a2", provider_id: "pa", service: "web_hosting", pricing: { amount_cents: 100 } }),
      offer({ id: "b1", provider_id: "pb", service: "mailbox", pricing: { amount_cents: 900 } }),
      offer({ id: "b2", provider_id: "pb", service: "web_hosting", pricing: { amount_cents: 900 } }),
    ], { lang: "fr" });
    // One dear provider beats two (the second provider costs more than the saving), yet a1+a2 beats all.
    expect(res.bundles.map((b) => [b.items.map((i) => i.offer_id).join("+"), b.dominated])).toEqual([
      ["a1+a2", false],
      ["b1+b2", true],
      ["a1+b2", true],
      ["b1+a2", true],
    ]);
  });

  it("breaks ties by ids, whatever the input order", () => {
    const same = (id: string): MatchOffer => offer({ id: `off_${id}`, provider_id: `prv_${id}`, service: "mailbox", pricing: { model: "free" } });
    const one = request({ needs: [{ service: "mailbox" }] });
    const a = match(one, [same("c"), same("a"), same("b")], { lang: "fr" });
    const b = match(one, [same("b"), same("c"), same("a")], { lang: "fr" });
    expect(a).toEqual(b);
    expect(a.bundles.map((x) => x.items[0]!.provider_id)).toEqual(["prv_a", "prv_b", "prv_c"]);
  });

  it("counts proximity by distance when the member's location is known", () => {
    const at = (lat: number, lon: number) => provider({ lat, lon, country: "BE" });
    const res = match(request({ needs: [{ service: "mailbox" }] }), [
      offer({ id: "far", provider_id: "p_far", service: "mailbox", pricing: { model: "free" }, provider: at(43.6, 1.44) }), // Toulouse
      offer({ id: "near", provider_id: "p_near", service: "mailbox", pricing: { model: "free" }, provider: at(50.85, 4.35) }), // Brussels
    ], { lang: "fr", memberLocation: { lat: 50.84, lon: 4.36 } });
    expect(res.bundles.map((b) => b.items[0]!.offer_id)).toEqual(["near", "far"]);
    expect(res.bundles[0]!.breakdown.proximity.value).toBe(1);
    expect(res.bundles[1]!.breakdown.proximity.value).toBeLessThan(0.3); // about 850 km
  });

  it("keeps a bundle within the budget, trading the preferred software for price if it must", () => {
    const p = provider();
    const offers = [
      offer({ id: "sogo", provider_id: "p", service: "mailbox", pricing: { amount_cents: 900 }, software: { name: "SOGo", license: "GPL" }, provider: p }),
      offer({ id: "rc", provider_id: "p", service: "mailbox", pricing: { amount_cents: 500 }, software: { name: "Roundcube", license: "GPL" }, provider: p }),
      offer({ id: "web", provider_id: "p", service: "web_hosting", pricing: { amount_cents: 400 }, provider: p }),
    ];
    const needs = [{ service: "mailbox" as const, software: "SOGo" }, { service: "web_hosting" as const }];
    const loose = match(request({ needs, weights: { software: 10 } }), offers, { lang: "fr" });
    expect(loose.bundles[0]!.items.map((i) => i.offer_id)).toEqual(["sogo", "web"]);
    const tight = match(request({ needs, weights: { software: 10 }, constraints: { budget_monthly_cents: 1000 } }), offers, { lang: "fr" });
    expect(tight.bundles.map((b) => b.items.map((i) => i.offer_id))).toEqual([["rc", "web"]]);
    const broke = match(request({ needs, constraints: { budget_monthly_cents: 800 } }), offers, { lang: "nl" });
    expect(broke.bundles).toEqual([]);
    expect(broke.unmet.map((u) => u.reason)).toEqual(["bundle_over_budget", "bundle_over_budget"]);
    expect(broke.unmet[0]!.message).toContain("8,00");
  });

  it("excludes an offer over budget on its own, with its monthly cost in the message", () => {
    const res = match(request({ needs: [{ service: "mailbox" }], constraints: { budget_monthly_cents: 500 } }), [
      offer({ id: "dear", provider_id: "p", service: "mailbox", pricing: { amount_cents: 400, setup_fee_cents: 2400 } }),
    ], { lang: "en" });
    expect(res.excluded).toEqual([{ offer_id: "dear", reason: "over_budget", message: expect.stringContaining("€6.00") }]);
    expect(res.unmet).toEqual([{ need: 0, reason: "over_budget", message: expect.stringContaining("1 excluded") }]);
  });
});

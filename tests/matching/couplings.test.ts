// Mail stays together (issue 10): a request's mailbox and alias needs go to one provider, a mailbox
// offer's included aliases (its `aliases` quota, per mailbox) can serve the alias needs, and the DNS
// follows the domain or the mail when the member says so. The engine against the brute force on
// random instances with these couplings, and each rule on a small hand-made catalogue.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bruteForce } from "../../bench/lib/reference";
import { buildOptions } from "../../src/matching/covers";
import { match } from "../../src/matching/engine";
import type { MatchRequest } from "../../src/matching/needs";
import { buildProblem } from "../../src/matching/problem";
import { topBundles } from "../../src/matching/search";
import type { MatchOffer, MatchResult } from "../../src/matching/types";
import { catalogueArb, COUPLED, offer, provider, request, requestArb } from "./helpers";

const OPTS = { lang: "fr" as const, memberCountry: "BE" };
const focus = { services: COUPLED, couplings: true };

function engineUnits(req: MatchRequest, offers: MatchOffer[]) {
  const { problem } = buildProblem(req, offers, OPTS);
  return { problem, units: topBundles(problem, buildOptions(problem), req.limit).bundles.map((b) => b.units) };
}

/** Check the couplings of every bundle from the raw offers, independently of the engine. */
function assertCoupled(req: MatchRequest, offers: MatchOffer[], res: MatchResult) {
  const byId = new Map(offers.map((o) => [o.offer_id, o]));
  const kind = (n: number) => req.needs[n]!.service;
  const aliasTotal = req.needs.filter((n) => n.service === "mail_alias").reduce((s, n) => s + n.quantity, 0);
  for (const b of res.bundles) {
    const host = new Map<number, string>();
    for (const it of b.items) for (const n of it.needs) host.set(n, it.provider_id);
    const hosts = (pred: (n: number) => boolean) => new Set([...host].filter(([n]) => pred(n)).map(([, p]) => p));
    expect(hosts((n) => kind(n) === "mailbox" || kind(n) === "mail_alias").size).toBeLessThanOrEqual(1);
    const keep = req.constraints.keep_dns_with;
    if (keep !== null) {
      const other = keep === "mail" ? ["mailbox", "mail_alias"] : ["domain_registration"];
      expect(hosts((n) => kind(n) === "dns_hosting" || other.includes(kind(n))).size).toBeLessThanOrEqual(1);
    }
    for (const it of b.items) {
      const o = byId.get(it.offer_id)!;
      const aliases = it.needs.filter((n) => kind(n) === "mail_alias");
      if (o.service !== "mailbox" || aliases.length === 0) continue;
      // Included aliases: the mailboxes of one need on this very offer bring enough for all of them.
      const enough = it.needs.some((n) => kind(n) === "mailbox" && (o.quotas.aliases ?? 0) * req.needs[n]!.quantity >= aliasTotal);
      expect(enough).toBe(true);
    }
  }
}

describe("couplings against the exhaustive search", () => {
  /** The engine against the brute force on `numRuns` random instances; how many had couplings. */
  function sameBestBundles(params: { numRuns: number; seed?: number }) {
    let coupled = 0;
    let riding = 0;
    fc.assert(
      fc.property(requestArb(5, focus), catalogueArb(6, 4, focus), (req, offers) => {
        const { problem, units } = engineUnits(req, offers);
        if (problem.groups.length > 0) coupled++;
        if (problem.providers.some((p) => p.riders.length > 0)) riding++;
        expect(units).toEqual(bruteForce(problem, req.limit).map((b) => b.units));
        assertCoupled(req, offers, match(req, offers, OPTS));
      }),
      params,
    );
    return { coupled, riding };
  }

  it("finds the same best bundles (mail together, included aliases, DNS kept with the domain or the mail)", () => {
    // New random instances every run, to keep exploring.
    sameBestBundles({ numRuns: 300 });
    // The couplings are really exercised (random constraints leave many needs unmet, hence modest
    // counts). Counted on a fixed seed: on a random one the count of instances with riders
    // sometimes fell to 6 of 300, failing a sound run for want of coverage.
    const { coupled, riding } = sameBestBundles({ numRuns: 300, seed: 20261129 });
    expect(coupled).toBeGreaterThan(25);
    expect(riding).toBeGreaterThan(10);
  });

  it("stays exact under a budget with preferred software (Pareto fronts with the couplings)", () => {
    const f = { ...focus, budget: true, software: true };
    fc.assert(
      fc.property(requestArb(5, f), catalogueArb(7, 5, f), (req, offers) => {
        const { problem, units } = engineUnits(req, offers);
        expect(units).toEqual(bruteForce(problem, req.limit).map((b) => b.units));
        assertCoupled(req, offers, match(req, offers, OPTS));
      }),
      { numRuns: 250 },
    );
  });
});

const here = provider({ country: "BE" });
const there = provider({ country: "BE" });
const mailboxes = (aliases: number | null, amount = 100) =>
  offer({ id: "off_a_mail", provider_id: "prv_a", service: "mailbox", pricing: { amount_cents: amount, unit: "per_unit" }, quotas: { aliases }, provider: here });

describe("included aliases", () => {
  const aliasOffer = offer({ id: "off_b_alias", provider_id: "prv_b", service: "mail_alias", pricing: { model: "free" }, provider: there });
  const body = { needs: [{ service: "mailbox" as const, quantity: 12 }, { service: "mail_alias" as const, quantity: 30 }], weights: { providers: 0 } };

  it("serves 30 aliases with 12 mailboxes of 5 included aliases each, without an alias offer", () => {
    const res = match(request(body), [mailboxes(5), aliasOffer], OPTS);
    expect(res.unmet).toEqual([]);
    expect(res.bundles[0]!.items).toEqual([{ offer_id: "off_a_mail", provider_id: "prv_a", needs: [0, 1], monthly_cents: 1200 }]);
    // The free alias offer of another host would split the mail: it is in no bundle.
    expect(res.bundles.every((b) => b.items.every((i) => i.offer_id !== "off_b_alias"))).toBe(true);
  });

  it("does not count 12 × 2 included aliases as 30", () => {
    const res = match(request(body), [mailboxes(2), aliasOffer], OPTS);
    // The aliases would have to live with another host than their mailboxes: no bundle, and why.
    expect(res.bundles).toEqual([]);
    expect(res.unmet.map((u) => [u.need, u.reason])).toEqual([[0, "no_joint_host"], [1, "no_joint_host"]]);
    expect(res.unmet[0]!.message).toContain("alias");
  });

  it("takes the mailbox offer with enough included aliases over a cheaper one without", () => {
    const cheap = offer({ id: "off_a_cheap", provider_id: "prv_a", service: "mailbox", pricing: { amount_cents: 90, unit: "per_unit" }, provider: here });
    const paidAliases = offer({ id: "off_a_alias", provider_id: "prv_a", service: "mail_alias", pricing: { amount_cents: 500 }, provider: here });
    const res = match(request(body), [mailboxes(5), cheap, paidAliases], OPTS);
    // 12 × 1.00 € with the aliases beats 12 × 0.90 € plus 5 € of aliases…
    expect(res.bundles[0]!.items.map((i) => [i.offer_id, i.needs])).toEqual([["off_a_mail", [0, 1]]]);
    expect(res.bundles[0]!.monthly_cents).toBe(1200);
    // …while without included aliases, the cheaper mailboxes and the alias offer win.
    const without = match(request(body), [mailboxes(null), cheap, paidAliases], OPTS);
    expect(without.bundles[0]!.items.map((i) => [i.offer_id, i.needs])).toEqual([["off_a_cheap", [0]], ["off_a_alias", [1]]]);
    expect(without.bundles[0]!.monthly_cents).toBe(1580);
  });
});

describe("keep_dns_with", () => {
  const dom = offer({ id: "off_r_dom", provider_id: "prv_r", service: "domain_registration", pricing: { amount_cents: 1200, period: "year" }, provider: here });
  const dnsR = offer({ id: "off_r_dns", provider_id: "prv_r", service: "dns_hosting", pricing: { amount_cents: 300 }, provider: here });
  const dnsCheap = offer({ id: "off_s_dns", provider_id: "prv_s", service: "dns_hosting", pricing: { model: "free" }, provider: there });
  const mail = offer({ id: "off_m_mail", provider_id: "prv_m", service: "mailbox", pricing: { amount_cents: 100 }, provider: there });
  const dnsM = offer({ id: "off_m_dns", provider_id: "prv_m", service: "dns_hosting", pricing: { amount_cents: 200 }, provider: there });
  const catalogue = [dom, dnsR, dnsCheap, mail, dnsM];
  const needs = [{ service: "domain_registration" as const }, { service: "dns_hosting" as const }, { service: "mailbox" as const }];
  const dnsHost = (keep: "domain" | "mail" | null) =>
    match(request({ needs, constraints: { keep_dns_with: keep }, weights: { providers: 0 } }), catalogue, OPTS).bundles.map((b) => b.items.find((i) => i.needs.includes(1))!.offer_id);

  it("puts the DNS anywhere when the member does not say", () => {
    expect(dnsHost(null)[0]).toBe("off_s_dns");
  });
  it("keeps the DNS where the domain is registered", () => {
    expect(new Set(dnsHost("domain"))).toEqual(new Set(["off_r_dns"]));
  });
  it("keeps the DNS where the mail is", () => {
    expect(new Set(dnsHost("mail"))).toEqual(new Set(["off_m_dns"]));
  });
  it("refuses an unknown choice, naming the field", () => {
    expect(() => request({ needs, constraints: { keep_dns_with: "web" as never } })).toThrow(/keep_dns_with/);
  });
});

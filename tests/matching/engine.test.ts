// The engine against an exhaustive search on small random instances, and its invariants.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bruteForce } from "../../bench/lib/reference";
import { explain } from "../../src/matching/bundles";
import { buildOptions } from "../../src/matching/covers";
import { match } from "../../src/matching/engine";
import { isFreeLicense } from "../../src/matching/licenses";
import type { MatchRequest } from "../../src/matching/needs";
import { priceForNeed } from "../../src/matching/price";
import { buildProblem } from "../../src/matching/problem";
import { topBundles } from "../../src/matching/search";
import type { MatchOffer, MatchOptions, MatchResult } from "../../src/matching/types";
import { catalogueArb, requestArb } from "./helpers";

const OPTS: MatchOptions = { lang: "fr", memberCountry: "BE" };

function engineTop(req: MatchRequest, offers: MatchOffer[], opts: MatchOptions = OPTS) {
  const { problem } = buildProblem(req, offers, opts);
  const options = buildOptions(problem);
  return { problem, options, found: topBundles(problem, options, req.limit) };
}

/** Re-check every hard constraint of every bundle from the raw offers, independently of the filters. */
function assertHard(req: MatchRequest, offers: MatchOffer[], res: MatchResult) {
  const byId = new Map(offers.map((o) => [o.offer_id, o]));
  const c = req.constraints;
  const unmet = new Set(res.unmet.map((u) => u.need));
  for (const b of res.bundles) {
    const covered: number[] = [];
    const providers = new Set<string>();
    for (const item of b.items) {
      const o = byId.get(item.offer_id)!;
      providers.add(o.provider_id);
      expect(o.status).toBe("published");
      if (c.accepting_only) {
        expect(o.provider.accepting).toBe(true);
        expect(o.provider.capacity === null || o.provider.capacity > 0).toBe(true);
        expect(o.load).toBe("OPEN");
      }
      if (c.networks.length) expect(c.networks.some((n) => o.provider.networks.includes(n))).toBe(true);
      if (c.legal_forms.length) expect(c.legal_forms).toContain(o.provider.legal_form);
      if (c.hosting_countries.length) expect(c.hosting_countries).toContain(o.hosting_country);
      if (c.support_languages.length) expect(c.support_languages.some((l) => o.provider.languages.includes(l))).toBe(true);
      if (c.free_software_only) expect(isFreeLicense(o.software.license)).toBe(true);
      for (const n of item.needs) {
        const need = req.needs[n]!;
        expect(o.service).toBe(need.service);
        for (const f of need.features) expect(o.features).toContain(f);
        expect(priceForNeed(o, need).ok).toBe(true);
        covered.push(n);
      }
    }
    // Every need is met exactly once, unless it is unmet.
    expect(covered.sort((x, y) => x - y)).toEqual(req.needs.map((_, i) => i).filter((i) => !unmet.has(i)));
    expect(b.providers).toBe(providers.size);
    if (c.budget_monthly_cents !== null) expect(b.yearly_cents + b.setup_cents).toBeLessThanOrEqual(12 * c.budget_monthly_cents);
  }
}

describe("matching engine", () => {
  it("finds the same best bundles as an exhaustive search (top-K, distinct partitions)", () => {
    fc.assert(
      fc.property(requestArb(5), catalogueArb(6, 4), (req, offers) => {
        const { problem, found } = engineTop(req, offers);
        const brute = bruteForce(problem, req.limit);
        expect(found.bundles.map((b) => b.units)).toEqual(brute.map((b) => b.units));
      }),
      { numRuns: 400 },
    );
  });

  it("stays exact when a budget forces a trade between preferred software and price", () => {
    // Two kinds only, a budget always and a preferred software always: providers then often offer the
    // same kind twice, and the per-provider Pareto fronts (covers.ts) are exercised.
    const focus = { services: ["mailbox", "web_hosting"] as const, budget: true, software: true };
    fc.assert(
      fc.property(requestArb(5, focus), catalogueArb(7, 5, focus), (req, offers) => {
        const { problem, found } = engineTop(req, offers);
        expect(found.bundles.map((b) => b.units)).toEqual(bruteForce(problem, req.limit).map((b) => b.units));
      }),
      { numRuns: 600 },
    );
  });

  it("never breaks a hard constraint", () => {
    fc.assert(
      fc.property(requestArb(5), catalogueArb(6, 5), (req, offers) => {
        assertHard(req, offers, match(req, offers, OPTS));
      }),
      { numRuns: 300 },
    );
  });

  it("returns top-K sorted best first and distinct, with consistent prices and scores", () => {
    fc.assert(
      fc.property(requestArb(6), catalogueArb(8, 5), (req, offers) => {
        const { problem, options, found } = engineTop(req, offers);
        const res = match(req, offers, OPTS);
        expect(res.bundles.length).toBe(found.bundles.length);
        expect(res.bundles.length).toBeLessThanOrEqual(req.limit);
        const keys = new Set<string>();
        found.bundles.forEach((b, i) => {
          if (i > 0) expect(b.units).toBeGreaterThanOrEqual(found.bundles[i - 1]!.units);
          const e = explain(problem, options, b.options, b.units);
          // The criteria's units add up to the objective, and the price to the option costs.
          expect(Object.values(e.units).reduce((s, u) => s + u, 0)).toBe(b.units - problem.offset);
          expect(e.cost).toBe(b.cost);
          const bundle = res.bundles[i]!;
          const points = Object.values(bundle.breakdown).reduce((s, x) => s + x.points, 0);
          expect(Math.abs(points - bundle.score)).toBeLessThan(0.05);
          expect(bundle.score).toBeGreaterThanOrEqual(-1e-9);
          expect(bundle.score).toBeLessThanOrEqual(100);
          if (i > 0) expect(bundle.score).toBeLessThanOrEqual(res.bundles[i - 1]!.score);
          const key = JSON.stringify(bundle.items.map((it) => [it.provider_id, it.needs]).sort());
          expect(keys.has(key)).toBe(false);
          keys.add(key);
        });
        // The best bundle is never dominated.
        if (res.bundles.length) expect(res.bundles[0]!.dominated).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic: the order of the catalogue does not matter", () => {
    fc.assert(
      fc.property(requestArb(5), catalogueArb(6, 4).chain((o) => fc.tuple(fc.constant(o), fc.shuffledSubarray(o, { minLength: o.length, maxLength: o.length }))), (req, [a, b]) => {
        expect(match(req, b, { ...OPTS, allReasons: true })).toEqual(match(req, a, { ...OPTS, allReasons: true }));
      }),
      { numRuns: 150 },
    );
  });

  it("accounts for every offer of a needed kind and every need", () => {
    fc.assert(
      fc.property(requestArb(5), catalogueArb(6, 4), (req, offers) => {
        const res = match(req, offers, { ...OPTS, allReasons: true });
        const kinds = new Set<string>(req.needs.map((n) => n.service));
        const used = new Set(res.bundles.flatMap((b) => b.items.map((i) => i.offer_id)));
        for (const e of res.excluded) {
          expect(used.has(e.offer_id)).toBe(false);
          expect(e.reasons?.[0]).toBe(e.reason);
          expect(e.message.length).toBeGreaterThan(0);
        }
        const excluded = new Set(res.excluded.map((e) => e.offer_id));
        for (const o of offers) if (!kinds.has(o.service)) expect(excluded.has(o.offer_id)).toBe(false);
        for (const u of res.unmet) expect(u.message.length).toBeGreaterThan(0);
        if (res.bundles.length === 0) expect(res.unmet.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it("explains each excluded offer as if it were alone: shared sentences are only a cache", () => {
    fc.assert(
      fc.property(requestArb(5), catalogueArb(6, 4), fc.constantFrom("fr", "nl", "en") as fc.Arbitrary<MatchOptions["lang"]>, (req, offers, lang) => {
        const res = match(req, offers, { ...OPTS, lang });
        for (const e of res.excluded) {
          const alone = match(req, offers.filter((o) => o.offer_id === e.offer_id), { ...OPTS, lang });
          expect(alone.excluded).toEqual([e]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

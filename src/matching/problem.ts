// From a request and a catalogue to the optimisation problem: the screened offers (screen.ts) and
// the integer objective terms of every (offer, need) pair and provider.
//
// The objective is one integer so that the DP, the brute force and the MIP agree to the unit:
//   Σ_criteria weight × normalised badness, scaled by R × 100, where R (cents) is the dearest way
//   of covering every need alone. Weights are taken to two decimals (W = round(100 w)).
//   price      W_price × first-year cents (recurring for a year + setup fees + membership fees),
//              i.e. the monthly cost plus a twelfth of the setup, counted over twelve months;
//   providers  round(R W / (k−1)) per provider used (k the number of needs that can be met);
//   commitments, proximity, language: round(R W badness / k) per need, badness ∈ [0,1] of its provider;
//   software   round(R W / n) per need whose preferred software is not the offer's (n needs with a preference).
// Dividing by R × ΣW gives back the weighted mean of the badnesses, hence the score in 0..100.
import type { MatchRequest } from "./needs";
import { fixedOfferIndexes, type Rider, ridersOf } from "./choice";
import { groupsOf, wholeBlocks } from "./groups";
import { screen } from "./screen";
import { CRITERIA, type Criterion, type Excluded, type MatchOffer, type MatchOptions, type Unmet } from "./types";

export interface PPair {
  /** Need index in the problem (0..k−1), not in the request. */
  need: number;
  /** Recurring yearly cents for this need. */
  yearly: number;
  /** 1 when the need prefers another software. */
  mismatch: 0 | 1;
  /**
   * 0 for an ordinary pair. For aliases included with a mailbox offer: the mailbox needs (bitmask)
   * whose quantity brings enough of them; the pair may be used only when one of those needs takes
   * this same offer. Its yearly cost is 0: the aliases are paid with the mailboxes.
   */
  rides: number;
}

export interface POffer {
  offer: MatchOffer;
  setup: number;
  /** Yearly membership fee asked by this offer (paid once per provider: the highest of those used). */
  memb: number;
  pairs: PPair[];
}

export interface PProvider {
  id: string;
  /** Position in the providers sorted by id: the tie-breaker. */
  rank: number;
  offers: POffer[];
  /** Indexes of its offers with a setup or membership fee (see choice.ts). */
  fixed: number[];
  /** Its included-alias pairs (see PPair.rides). */
  riders: Rider[];
  /** Units for using this provider at all. */
  penProvider: number;
  /** Units per need it serves, by criterion. */
  perNeed: { commitments: number; proximity: number; language: number };
  /** Sum of perNeed. */
  penNeed: number;
  /** Badness 0..1 of the per-need criteria, for display. */
  badness: { commitments: number; proximity: number; language: number };
}

export interface Problem {
  /** Needs that some offer can meet. */
  k: number;
  /** Problem need index → request need index. */
  needs: number[];
  providers: PProvider[];
  /** Integer weights (100 × the request's weights). */
  weights: Record<Criterion, number>;
  /** Σ weights. */
  W: number;
  /** Reference price in cents (≥ 1). */
  R: number;
  /** Units per mismatching need. */
  swPen: number;
  /** Needs with a preferred software. */
  nPref: number;
  /** Constant subtracted from the objective: a bundle always uses at least one provider. */
  offset: number;
  /** Needs one provider must serve together (groups.ts), as bitmasks. */
  groups: number[];
  /** whole[S] = 1 when the block S keeps every group whole. */
  whole: Uint8Array;
  /** Highest first-year cost of a bundle (12 × monthly budget), Infinity without a budget or when it cannot bind. */
  budgetCap: number;
}

export interface Prepared {
  problem: Problem;
  excluded: Excluded[];
  unmet: Unmet[];
}

/** A bitmask over request needs → the same over problem needs. */
function remap(mask: number, problemIndex: readonly number[]): number {
  let out = 0;
  for (let i = 0; i < problemIndex.length; i++) if ((mask >> i) & 1 && problemIndex[i]! >= 0) out |= 1 << problemIndex[i]!;
  return out;
}

function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distance at which proximity counts as worst. */
const FAR_KM = 1000;

function proximityBadness(p: MatchOffer["provider"], opts: MatchOptions): number {
  if (opts.memberLocation && p.lat !== null && p.lon !== null) {
    return Math.min(1, haversineKm(opts.memberLocation, { lat: p.lat, lon: p.lon }) / FAR_KM);
  }
  if (opts.memberCountry) return p.country !== null && p.country === opts.memberCountry.toUpperCase() ? 0 : 1;
  return 0;
}

export function buildProblem(req: MatchRequest, offers: readonly MatchOffer[], opts: MatchOptions): Prepared {
  const { eligible, excluded, unmet, problemIndex, order, maxAlone, prefs } = screen(req, offers, opts);
  const c = req.constraints;
  const k = order.length;
  const weights = Object.fromEntries(CRITERIA.map((cr) => [cr, Math.round(req.weights[cr] * 100)])) as Record<Criterion, number>;
  const W = CRITERIA.reduce((s, cr) => s + weights[cr], 0);
  let cmax = 0;
  for (const e of eligible) {
    cmax = Math.max(cmax, e.offers[0]!.offer.provider.commitments);
    for (const o of e.offers) {
      for (const p of o.pairs) {
        p.need = problemIndex[p.need]!;
        if (p.rides !== 0) p.rides = remap(p.rides, problemIndex);
      }
    }
  }
  const R = Math.max(1, maxAlone.reduce((s, v) => s + v, 0));
  const nPref = order.filter((i) => prefs[i] !== null).length;
  const swPen = nPref > 0 ? Math.round((R * weights.software) / nPref) : 0;
  const penProvider = k > 1 ? Math.round((R * weights.providers) / (k - 1)) : 0;
  const prefLang = c.support_languages[0] ?? opts.lang;
  const perNeedUnits = (w: number, bad: number) => (k > 0 ? Math.round((R * w * bad) / k) : 0);

  const providers: PProvider[] = eligible.map((e, rank) => {
    const prov = e.offers[0]!.offer.provider;
    const badness = {
      commitments: cmax > 0 ? 1 - Math.min(prov.commitments, cmax) / cmax : 0,
      proximity: proximityBadness(prov, opts),
      language: prov.languages.includes(prefLang) ? 0 : 1,
    };
    const perNeed = {
      commitments: perNeedUnits(weights.commitments, badness.commitments),
      proximity: perNeedUnits(weights.proximity, badness.proximity),
      language: perNeedUnits(weights.language, badness.language),
    };
    return {
      id: e.pid,
      rank,
      penProvider,
      perNeed,
      penNeed: perNeed.commitments + perNeed.proximity + perNeed.language,
      badness,
      offers: e.offers,
      fixed: fixedOfferIndexes(e.offers),
      riders: ridersOf(e.offers),
    };
  });

  const groups = groupsOf(req, order);
  // R bounds the first-year cost of every bundle: a budget above it cannot bind, and dropping it
  // spares the search its budget bookkeeping.
  const budgetCap = c.budget_monthly_cents === null || R <= 12 * c.budget_monthly_cents ? Infinity : 12 * c.budget_monthly_cents;
  return {
    problem: { k, needs: order, providers, weights, W, R, swPen, nPref, offset: penProvider, groups, whole: wholeBlocks(k, groups), budgetCap },
    excluded,
    unmet,
  };
}

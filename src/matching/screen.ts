// Screening: every offer of a needed kind against the hard constraints, each (offer, need) pair
// priced, and a reason for every offer left out and every need left unmet.
import { codesOf, firstCode, firstYearAlone, needFailures, offerFailures, reasonParams } from "./filters";
import type { MatchRequest, Need } from "./needs";
import { membershipYearlyCents, type NeedPrice, priceForNeed, setupCents } from "./price";
import type { POffer, PPair } from "./problem";
import { EXCLUSION_CODES, type ExclusionCode, reasonMessage, unmetMessage } from "./reasons";
import type { Excluded, MatchOffer, MatchOptions, Unmet } from "./types";

export interface Screened {
  /** Providers (by id) with their offers that can meet at least one need; pairs use request need indexes. */
  eligible: { pid: string; offers: POffer[] }[];
  excluded: Excluded[];
  unmet: Unmet[];
  /** Request need index → problem need index (−1 when unmet). */
  problemIndex: number[];
  /** Problem need index → request need index: the needs some offer can meet, in request order. */
  order: number[];
  /** Per request need: the dearest first-year cost of meeting it alone. */
  maxAlone: Float64Array;
  /** Per request need: its preferred software, normalised. */
  prefs: (string | null)[];
}

export const normSoftware = (s: string) => s.trim().toLowerCase();

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byIds = (a: MatchOffer, b: MatchOffer) => byId(a.provider_id, b.provider_id) || byId(a.offer_id, b.offer_id);
function isSorted(xs: readonly MatchOffer[]): boolean {
  for (let i = 1; i < xs.length; i++) if (byIds(xs[i - 1]!, xs[i]!) > 0) return false;
  return true;
}

const QUOTAS: readonly string[] = ["storage_gb", "mailboxes", "aliases", "lists", "subscribers", "domains", "units"];

/**
 * What an exclusion's sentence shows besides the request, as a key that costs no allocation:
 * offers sharing it share one sentence (formatting money and numbers costs far more than a lookup).
 * `ni` is the need's index in the request (≤ 12 needs, ≤ 20 features each).
 */
function sentenceKey(code: ExclusionCode, o: MatchOffer, ni: number, need: Need, price: NeedPrice | null): string | number {
  switch (code) {
    case "legal_form_not_allowed":
      return o.provider.legal_form;
    case "country_not_allowed":
      return o.hosting_country ?? "";
    case "not_free_software":
      return o.software.license ?? "\u0000";
    case "missing_feature": {
      let missing = 0;
      const want = need.features;
      for (let i = 0; i < want.length; i++) if (!o.features.includes(want[i]!)) missing |= 1 << i;
      return ni * 2 ** 20 + missing;
    }
    case "quota_too_small":
      // The quota and the need fix how much was needed; only what the offer includes varies.
      // Small integer keys stay unboxed; anything else falls back to a string.
      if (!price || price.ok) return -1;
      return Number.isInteger(price.included) && price.included >= 0 && price.included < 2 ** 24
        ? (ni * QUOTAS.length + QUOTAS.indexOf(price.quota)) * 2 ** 24 + price.included
        : `${ni}:${price.quota}:${price.included}`;
    case "over_budget":
      return price && price.ok ? Math.round(firstYearAlone(o, price) / 12) : -1;
    default:
      return 0;
  }
}

export function screen(req: MatchRequest, offers: readonly MatchOffer[], opts: MatchOptions): Screened {
  const c = req.constraints;
  const all = opts.allReasons === true;
  const needs = req.needs;
  const kinds = new Map<string, number[]>();
  needs.forEach((n, i) => {
    const list = kinds.get(n.service);
    if (list) list.push(i);
    else kinds.set(n.service, [i]);
  });

  // Aliases a mailbox offer includes (its `aliases` quota, per mailbox) cover the request's alias
  // needs when the mailboxes of one need bring enough of them for all: 12 × 5 ≥ 30. They come
  // only with those mailboxes, so such a pair "rides" on the mailbox needs (see PPair.rides).
  const aliasNeeds = kinds.get("mail_alias") ?? [];
  let aliasTotal = 0;
  for (const a of aliasNeeds) aliasTotal += needs[a]!.quantity;
  const withIncludedAliases = (o: MatchOffer, pairs: PPair[], software: string): PPair[] => {
    const per = o.quotas.aliases;
    if (per === null || per <= 0) return pairs;
    let rides = 0;
    for (const p of pairs) if (per * needs[p.need]!.quantity >= aliasTotal) rides |= 1 << p.need;
    if (rides === 0) return pairs;
    const out = pairs.slice();
    for (const a of aliasNeeds) {
      const need = needs[a]!;
      if (!need.features.every((f) => o.features.includes(f))) continue;
      const pref = prefs[a]!;
      out.push({ need: a, yearly: 0, mismatch: pref !== null && !software.includes(pref) ? 1 : 0, rides });
      coverable[a] = 1;
      const alone = setupCents(o.pricing) + membershipYearlyCents(o.pricing);
      if (alone > maxAlone[a]!) maxAlone[a] = alone;
    }
    return out;
  };

  // Visit offers by provider id then offer id: ids decide every order, never the input order.
  // Catalogues usually come in that order already; checking is cheaper than sorting.
  const ordered = isSorted(offers) ? offers : [...offers].sort(byIds);

  const excluded: Excluded[] = [];
  const NC = EXCLUSION_CODES.length;
  /** Per request need and code: how many offers of its kind fail it first, and the first such offer. */
  const seen = new Int32Array(needs.length);
  const tally = new Int32Array(needs.length * NC);
  const tallyOffer: { o: MatchOffer; price: NeedPrice | null }[] = [];
  const eligible: { pid: string; offers: POffer[] }[] = [];
  const coverable = new Uint8Array(needs.length);
  /** Per request need: the dearest first-year cost of meeting it alone (for R). */
  const maxAlone = new Float64Array(needs.length);
  const prefs = needs.map((n) => (n.software === null ? null : normSoftware(n.software)));
  /** Offer software names normalised once per distinct name, not once per offer. */
  const softwareNames = new Map<string, string>();

  // Many excluded offers share one sentence (same network, country, licence, quota or price):
  // build each once, per code.
  const sentences = EXCLUSION_CODES.map(() => new Map<string | number, string>());
  const message = (code: number, o: MatchOffer, ni: number, price: NeedPrice | null): string => {
    const need = needs[ni]!;
    const name = EXCLUSION_CODES[code]!;
    const key = sentenceKey(name, o, ni, need, price);
    const cache = sentences[code]!;
    let m = cache.get(key);
    if (m === undefined) {
      m = reasonMessage(name, opts.lang, reasonParams(name, o, need, price, c));
      cache.set(key, m);
    }
    return m;
  };

  // Arrays here are built at their final length: an empty array's first push reserves 17 slots,
  // and these hold one or two pairs, a handful of offers (most of what screening allocates).
  const kept: POffer[] = [];
  const asFree = c.pwyw_as_free;
  for (let i = 0; i < ordered.length; i++) {
    const o = ordered[i]!;
    const needIdx = kinds.get(o.service);
    if (needIdx !== undefined) {
      const offerMask = offerFailures(o, c, all);
      const offerCode = firstCode(offerMask);
      let pairs: PPair[] | null = null;
      let software: string | null = null;
      // The offer's reason: the earliest constraint (in EXCLUSION_CODES order) any of its needs fails.
      let first = -1;
      let firstNeed = -1;
      let firstPrice: NeedPrice | null = null;
      let allCodes = offerMask;
      for (const ni of needIdx) {
        const need = needs[ni]!;
        seen[ni]! += 1;
        let code = offerCode;
        let price: NeedPrice | null = null;
        if (code >= 0) {
          if (all) allCodes |= needFailures(o, need, priceForNeed(o, need, asFree), c, true);
        } else {
          price = priceForNeed(o, need, asFree);
          const fails = needFailures(o, need, price, c, all);
          if (fails === 0 && price.ok) {
            const pref = prefs[ni]!;
            if (software === null) {
              const raw = o.software.name;
              software = raw === null ? "" : softwareNames.get(raw) ?? null;
              if (software === null) softwareNames.set(raw!, (software = normSoftware(raw!)));
            }
            // `need` is the request's index here; it becomes the problem's index below.
            const pair: PPair = { need: ni, yearly: price.yearly_cents, mismatch: pref !== null && !software.includes(pref) ? 1 : 0, rides: 0 };
            if (pairs === null) pairs = [pair];
            else pairs.push(pair);
            const alone = firstYearAlone(o, price);
            if (alone > maxAlone[ni]!) maxAlone[ni] = alone;
            coverable[ni] = 1;
            continue;
          }
          allCodes |= fails;
          code = firstCode(fails);
        }
        const t = ni * NC + code;
        if (tally[t]!++ === 0) tallyOffer[t] = { o, price };
        if (first < 0 || code < first) (first = code), (firstNeed = ni), (firstPrice = price);
      }
      if (pairs && aliasTotal > 0 && o.service === "mailbox") pairs = withIncludedAliases(o, pairs, software!);
      if (pairs) kept.push({ offer: o, setup: setupCents(o.pricing), memb: membershipYearlyCents(o.pricing), pairs });
      else if (first >= 0) {
        const e: Excluded = { offer_id: o.offer_id, reason: EXCLUSION_CODES[first]!, message: message(first, o, firstNeed, firstPrice) };
        if (all) e.reasons = codesOf(allCodes);
        excluded.push(e);
      }
    }
    // Last offer of its provider: keep the provider if any of its offers is eligible.
    const next = ordered[i + 1];
    if (kept.length > 0 && (next === undefined || next.provider_id !== o.provider_id)) {
      eligible.push({ pid: o.provider_id, offers: kept.slice() });
      kept.length = 0;
    }
  }

  // Needs nothing can meet: the most frequent first failure among the offers of their kind.
  const unmet: Unmet[] = [];
  const problemIndex = needs.map(() => -1);
  const order: number[] = [];
  needs.forEach((need, i) => {
    if (coverable[i]) {
      problemIndex[i] = order.length;
      order.push(i);
      return;
    }
    let best = -1;
    for (let code = 0; code < NC; code++) if (tally[i * NC + code]! > (best < 0 ? 0 : tally[i * NC + best]!)) best = code;
    if (best < 0) {
      unmet.push({ need: i, reason: "no_offer", message: unmetMessage("no_offer", opts.lang, { service: need.service }) });
      return;
    }
    const code = EXCLUSION_CODES[best]!;
    const { o, price } = tallyOffer[i * NC + best]!;
    const params = reasonParams(code, o, need, price, c);
    unmet.push({ need: i, reason: code, message: unmetMessage(code, opts.lang, { ...params, service: need.service, count: seen[i]! }) });
  });

  return { eligible, excluded, unmet, problemIndex, order, maxAlone, prefs };
}

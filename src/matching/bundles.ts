// From the search's option paths back to offers, prices and an explained score.
import { chooseOffers, fixedOffers, includeAliases } from "./choice";
import { providerFronts } from "./frontier";
import type { Options } from "./options";
import { perMonth } from "./price";
import type { Problem } from "./problem";
import { type Bundle, type BundleItem, CRITERIA, type Criterion } from "./types";

/** Which offer (index into the provider's offers) serves each need of block T under option o. */
export function blockAssignment(problem: Problem, opts: Options, o: number): Map<number, number[]> {
  const pi = opts.P[o]!;
  const T = opts.T[o]!;
  let offerOf: ArrayLike<number>;
  if (opts.B[o] === -1) {
    const fixed = fixedOffers(problem, pi);
    const choice = chooseOffers(problem, pi, fixed, opts.V[o]!, -1);
    includeAliases(problem, pi, fixed, opts.V[o]!, choice);
    offerOf = choice.offer;
  } else {
    // Frontier mode: the option is point J of its subset's front, which knows its assignment.
    offerOf = providerFronts(problem, pi).get(T)![opts.J[o]!]!.asg;
  }
  const byOffer = new Map<number, number[]>();
  for (let n = 0; n < problem.k; n++) {
    if (!((T >> n) & 1)) continue;
    const oi = offerOf[n]!;
    const list = byOffer.get(oi);
    if (list) list.push(n);
    else byOffer.set(oi, [n]);
  }
  return byOffer;
}

export interface Explained {
  bundle: Bundle;
  /** Integer units per criterion (objective minus the offset, split), for dominance and tests. */
  units: Record<Criterion, number>;
  /** First-year cents: recurring for a year plus setup fees. */
  cost: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function explain(problem: Problem, opts: Options, options: number[], objective: number): Explained {
  const items: BundleItem[] = [];
  const units: Record<Criterion, number> = { price: 0, providers: 0, commitments: 0, proximity: 0, language: 0, software: 0 };
  const bad = { commitments: 0, proximity: 0, language: 0 };
  let yearly = 0;
  let setup = 0;
  let mismatches = 0;
  for (const o of options) {
    const prov = problem.providers[opts.P[o]!]!;
    const assignment = blockAssignment(problem, opts, o);
    // The membership fee is paid once: it sits on the used offer asking the most (lowest id on ties).
    let membOffer = -1;
    for (const oi of assignment.keys()) {
      const m = prov.offers[oi]!.memb;
      if (m > 0 && (membOffer < 0 || m > prov.offers[membOffer]!.memb || (m === prov.offers[membOffer]!.memb && oi < membOffer))) membOffer = oi;
    }
    for (const [oi, needs] of assignment) {
      const off = prov.offers[oi]!;
      let y = oi === membOffer ? off.memb : 0;
      for (const n of needs) {
        const pr = off.pairs.find((p) => p.need === n)!;
        y += pr.yearly;
        mismatches += pr.mismatch;
      }
      yearly += y;
      setup += off.setup;
      items.push({ offer_id: off.offer.offer_id, provider_id: prov.id, needs: needs.map((n) => problem.needs[n]!).sort((a, b) => a - b), monthly_cents: perMonth(y) });
    }
    const size = [...assignment.values()].reduce((s, l) => s + l.length, 0);
    units.commitments += size * prov.perNeed.commitments;
    units.proximity += size * prov.perNeed.proximity;
    units.language += size * prov.perNeed.language;
    bad.commitments += size * prov.badness.commitments;
    bad.proximity += size * prov.badness.proximity;
    bad.language += size * prov.badness.language;
  }
  items.sort((a, b) => a.needs[0]! - b.needs[0]! || (a.offer_id < b.offer_id ? -1 : 1));
  const cost = yearly + setup;
  const nProv = options.length;
  const { k, R, W, weights } = problem;
  units.price = weights.price * cost;
  units.providers = problem.offset > 0 ? (nProv - 1) * problem.offset : 0;
  units.software = problem.swPen * mismatches;
  const value: Record<Criterion, number> = {
    price: 1 - cost / R,
    providers: k > 1 ? 1 - (nProv - 1) / (k - 1) : 1,
    commitments: 1 - bad.commitments / k,
    proximity: 1 - bad.proximity / k,
    language: 1 - bad.language / k,
    software: problem.nPref > 0 ? 1 - mismatches / problem.nPref : 1,
  };
  const breakdown = Object.fromEntries(
    CRITERIA.map((c) => [c, { weight: weights[c] / 100, value: round2(value[c]), points: round2((100 * (weights[c] - units[c] / R)) / W) }]),
  ) as Bundle["breakdown"];
  return {
    bundle: {
      items,
      monthly_cents: items.reduce((s, i) => s + i.monthly_cents, 0),
      yearly_cents: yearly,
      setup_cents: setup,
      providers: nProv,
      score: round2(100 * (1 - (objective - problem.offset) / (R * W))),
      breakdown,
      dominated: false,
    },
    units,
    cost,
  };
}

/** Flag each bundle that another is at least as good as on every weighted criterion, and better on one. */
export function markDominated(problem: Problem, list: Explained[]): void {
  const active = CRITERIA.filter((c) => problem.weights[c] > 0);
  for (const b of list) {
    b.bundle.dominated = list.some(
      (a) => a !== b && active.every((c) => a.units[c] <= b.units[c]) && active.some((c) => a.units[c] < b.units[c]),
    );
  }
}

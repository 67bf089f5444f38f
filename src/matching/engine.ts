// The matching engine: needs and a catalogue in, ranked and explained bundles out. Pure and
// deterministic (every order and tie is decided by ids, never by the input order); no I/O.
import { explain, markDominated } from "./bundles";
import { buildOptions } from "./covers";
import type { MatchRequest } from "./needs";
import { buildProblem } from "./problem";
import { unmetMessage } from "./reasons";
import { relaxedBounds, topBundles } from "./search";
import type { MatchOffer, MatchOptions, MatchResult } from "./types";

export function match(request: MatchRequest, offers: readonly MatchOffer[], opts: MatchOptions): MatchResult {
  const { problem, excluded, unmet } = buildProblem(request, offers, opts);
  if (problem.k === 0) return { bundles: [], excluded, unmet };
  const options = buildOptions(problem);
  const found = topBundles(problem, options, request.limit);
  if (found.bundles.length === 0) {
    // Every need can be met alone, but no host serves a group whole (then not even the relaxation
    // covers every need), or no combination fits the budget.
    const apart = relaxedBounds(problem.k, options, false).h[(1 << problem.k) - 1] === Infinity;
    const reason = apart ? "no_joint_host" : "bundle_over_budget";
    for (const i of problem.needs) {
      const need = request.needs[i]!;
      unmet.push({
        need: i,
        reason,
        message: unmetMessage(reason, opts.lang, { service: need.service, budget_cents: request.constraints.budget_monthly_cents ?? 0 }),
      });
    }
    unmet.sort((a, b) => a.need - b.need);
    return { bundles: [], excluded, unmet };
  }
  const explained = found.bundles.map((b) => explain(problem, options, b.options, b.units));
  markDominated(problem, explained);
  return { bundles: explained.map((e) => e.bundle), excluded, unmet };
}

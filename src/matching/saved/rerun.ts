// The match exactly as the results page runs it, shared by the page and by "add to shortlist",
// which re-runs it on the posted query rather than trusting any price the browser sends back.
import type { Db } from "../../db/client";
import type { Lang } from "../../lib/lang";
import { loadMatchCatalog } from "../catalog";
import { match } from "../engine";
import type { MatchRequest } from "../needs";

/** Cassiopea's members are in Brussels: the proximity criterion measures from there. */
export const MEMBER = { country: "BE", location: { lat: 50.8466, lon: 4.3528 } };

export async function runMatch(db: Db, request: MatchRequest, lang: Lang) {
  const { offers, labels } = await loadMatchCatalog(db, request.needs.map((n) => n.service));
  const result = match(request, offers, { lang, memberCountry: MEMBER.country, memberLocation: MEMBER.location });
  return { result, labels };
}

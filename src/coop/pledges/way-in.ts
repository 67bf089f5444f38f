// What /coop/join shows above the share request form for a pledger: the pledge (from the
// invitation's link, or the signed-in person's own standing pledge), the share request it suggests,
// and where each of the three steps stands. Reads; the choices are the pure join.ts.
import type { ShareClassRow } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { suggestHolder, suggestShares, type JoinPledge, type ShareSuggestion } from "./join";
import { confirmedPledgeOf, invitedPledge } from "./service";

export interface WayIn {
  pledge: JoinPledge | null;
  /** The link carried a pledge token that no standing pledge answers (used up by a newer pledge, or mistyped). */
  linkUnknown: boolean;
  suggestion: (ShareSuggestion & { nominalCents: number }) | null;
  /** The signed-in person's address, or null for a visitor. */
  email: string | null;
  /** Member organisations the person manages (owner or admin). */
  orgs: { id: string; name: string }[];
  /** The holder the form starts with: an organisation's id or "person". */
  holder: string;
  /** This page again (with its pledge token), where signing in comes back to. */
  here: string;
}

export async function loadWayIn(
  ctx: Pick<ServiceContext, "db">,
  input: { token?: string; email: string | null; orgs: { id: string; name: string }[]; classes: ShareClassRow[]; askedHolder?: string },
): Promise<WayIn> {
  const fromLink = input.token ? await invitedPledge(ctx.db, input.token) : null;
  const row = fromLink ?? (input.email ? await confirmedPledgeOf(ctx.db, input.email) : null);
  const pledge: JoinPledge | null = row ? { name: row.name, organisation: row.organisation, roles: row.roles, services: row.services, monthlyCents: row.monthlyCents, capitalCents: row.capitalCents } : null;
  const suggestion = pledge ? suggestShares(pledge.capitalCents, input.classes) : null;
  const nominal = suggestion ? input.classes.find((c) => c.code === suggestion.classCode)!.nominalCents : 0;
  const here = new URL("/coop/join", "http://x");
  if (input.token) here.searchParams.set("pledge", input.token);
  return {
    pledge,
    linkUnknown: !!input.token && !fromLink,
    suggestion: suggestion ? { ...suggestion, nominalCents: nominal } : null,
    email: input.email,
    orgs: input.orgs,
    holder: suggestHolder(input.orgs, pledge?.organisation ?? null, input.askedHolder),
    here: here.pathname + here.search,
  };
}

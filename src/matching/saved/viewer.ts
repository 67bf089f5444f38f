// Who may save from the results page: owners and admins (org.manage) of member organisations. The
// results are public and must stay fast, so nothing is looked up without a session cookie.
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { orgsOf } from "../../accounts/orgs/repository";
import { decide } from "../../accounts/policy";
import { principal } from "../../accounts/principal";

export interface SaveTarget {
  id: string;
  name: string;
}

/** anonymous: offer to sign in; none: signed in, but no member organisation to save for; orgs: the forms. */
export type SaveAudience = { kind: "anonymous" } | { kind: "none" } | { kind: "orgs"; orgs: SaveTarget[] };

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?chatiere\.session_token=/;

export async function saveAudience(c: Context<AppEnv>): Promise<SaveAudience> {
  // A bearer key never saves from a page, and a bad one must not turn a public page into a 401.
  if (c.req.header("authorization") || !SESSION_COOKIE.test(c.req.header("cookie") ?? "")) return { kind: "anonymous" };
  const who = await principal(c);
  if (who.kind !== "user") return { kind: "anonymous" };
  const mine = who.orgs.filter((m) => m.kind === "member" && decide(who, "org.manage", { orgId: m.orgId }) === "allow");
  if (mine.length === 0) return { kind: "none" };
  const names = await orgsOf(c.var.db, who.userId);
  const ids = new Set(mine.map((m) => m.orgId));
  return { kind: "orgs", orgs: names.filter((o) => ids.has(o.id)).map((o) => ({ id: o.id, name: o.name })) };
}

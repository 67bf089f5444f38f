// The props every page passes to Layout, from the request: language (set by the i18n middleware),
// translator, URL and the transition deadline. Any router rendering a page can spread these.
import type { Context } from "hono";
import type { AppEnv } from "../../src/env";
import type { Principal } from "../../src/accounts/policy";
import { DEFAULT_LANG, translator, type T } from "../i18n";
import type { Crumb } from "./breadcrumb";
import type { PageProps } from "./layout";

export function pageProps(c: Context<AppEnv>, title = ""): PageProps {
  const lang = c.get("lang") ?? DEFAULT_LANG;
  const t = translator(lang);
  const url = new URL(c.req.url);
  return { lang, t, url, deadline: c.env?.TRANSITION_DEADLINE, title, orgRoot: orgRoot(t, url.pathname, c.get("principal")) };
}

/** On /orgs/:orgId pages, where the viewer reaches the organisation from: their own organisations when
 *  they belong to it, the list of all organisations when they look at another one (steward, coop_admin). */
export function orgRoot(t: T, path: string, who: Principal | undefined): Crumb | undefined {
  const orgId = /^\/orgs\/([^/]+)/.exec(path)?.[1];
  if (!orgId || !who || who.kind !== "user") return undefined;
  if (who.orgs.some((o) => o.orgId === decodeURIComponent(orgId))) return { href: "/account/organisations", label: t("orgs.mine.title") };
  if (who.roles.includes("steward") || who.roles.includes("coop_admin")) return { href: "/admin/organisations", label: t("orgs.admin.title") };
  return undefined;
}

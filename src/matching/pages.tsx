// The matching pages. Access: public, read-only (they read the published catalogue, store nothing).
// /match shows the needs wizard; /match/results reads the same flat GET query (src/matching/form.ts),
// runs the engine in the page's language and shows the bundles under the form's values.
import { Hono } from "hono";
import { MatchPage } from "../../web/pages/match";
import { pageProps } from "../../web/components/page-props";
import type { AppEnv } from "../env";
import { loadMatchCatalog } from "./catalog";
import { match } from "./engine";
import { parseMatchForm, readValues } from "./form";

/** Cassiopea's members are in Brussels: the proximity criterion measures from there. */
const MEMBER = { country: "BE", location: { lat: 50.8466, lon: 4.3528 } };

export const matchPages = new Hono<AppEnv>();

matchPages.get("/match", (c) => c.html(<MatchPage {...pageProps(c)} values={readValues(c.req.queries())} />));

matchPages.get("/match/results", async (c) => {
  const form = parseMatchForm(c.req.queries());
  if (!form.ok) {
    return c.html(<MatchPage {...pageProps(c)} values={form.values} problem={{ reason: form.reason, errors: form.errors }} />, 400);
  }
  const { request } = form;
  const { offers, labels } = await loadMatchCatalog(c.var.db, request.needs.map((n) => n.service));
  const result = match(request, offers, { lang: c.var.lang, memberCountry: MEMBER.country, memberLocation: MEMBER.location });
  return c.html(<MatchPage {...pageProps(c)} values={form.values} results={{ request, result, labels }} />);
});

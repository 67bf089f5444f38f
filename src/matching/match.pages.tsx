// The matching pages. Access: public, read-only (they read the published catalogue, store nothing).
// /match shows the needs wizard; /match/results reads the same flat GET query (src/matching/form.ts),
// runs the engine in the page's language and shows the bundles under the form's values. Signed-in
// owners and admins of member organisations also get the forms that save them (saved/routes.tsx).
import { Hono, type Context } from "hono";
import { MatchPage } from "../../web/pages/match";
import type { SaveState } from "../../web/components/match-results";
import { pageProps } from "../../web/components/page-props";
import { coopProviderId } from "../coop/subscriptions/service";
import type { AppEnv } from "../env";
import { loadWizardChoices } from "./choices";
import { parseMatchForm, readValues, type MatchFormResult } from "./form";
import { normaliseQuery } from "./saved/forms";
import { runMatch } from "./saved/rerun";
import { saveAudience } from "./saved/viewer";

export const matchPages = new Hono<AppEnv>();

type Parsed = Extract<MatchFormResult, { ok: true }>;
type Failed = Extract<MatchFormResult, { ok: false }>;

/** The wizard sent back with what is wrong (400). */
export async function invalidSearch(c: Context<AppEnv>, form: Failed) {
  const choices = await loadWizardChoices(c.var.db);
  return c.html(<MatchPage {...pageProps(c)} values={form.values} choices={choices} problem={{ reason: form.reason, errors: form.errors }} />, 400);
}

/**
 * The results of a valid search, with the save forms for those who may use them. `query` is the
 * search as kept (normaliseQuery); `back` is a save or shortlist form sent back with an error.
 */
export async function resultsPage(c: Context<AppEnv>, form: Parsed, query: string, back: Pick<SaveState, "save" | "shortlist"> = {}, status: 200 | 400 = 200) {
  const [{ result, labels }, audience, choices, coopProvider] = await Promise.all([runMatch(c.var.db, form.request, c.var.lang), saveAudience(c), loadWizardChoices(c.var.db), coopProviderId(c.var.db)]);
  const saving: SaveState = { audience, query, here: `/match/results?${query}`, ...back };
  // Signed in, the page names the visitor's organisations: no shared cache may keep it.
  if (audience.kind !== "anonymous") c.header("Cache-Control", "private, no-store");
  return c.html(<MatchPage {...pageProps(c)} values={form.values} choices={choices} results={{ request: form.request, result, labels, coopProviderId: coopProvider }} saving={saving} />, status);
}

matchPages.get("/match", async (c) => c.html(<MatchPage {...pageProps(c)} values={readValues(c.req.queries())} choices={await loadWizardChoices(c.var.db)} />));

matchPages.get("/match/results", async (c) => {
  const form = parseMatchForm(c.req.queries());
  if (!form.ok) return invalidSearch(c, form);
  return resultsPage(c, form, normaliseQuery(new URL(c.req.url).search) ?? "");
});

// A member organisation's saved needs and shortlist: the page that lists them, and the forms the
// results page posts to. Every POST is same-origin only (sameOriginForms) and answers 303 → GET with
// a notice; a wrong field comes back (400) on the results page next to that field.
import { Hono, type Context } from "hono";
import { PageError } from "../../lib/problem";
import { NeedsPage } from "../../../web/pages/orgs/needs";
import { pageProps } from "../../../web/components/page-props";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { formText } from "../../lib/form";
import { sameOriginForms } from "../../accounts/csrf";
import { allow, caller, orgParam } from "../../accounts/guard";
import { findOrg } from "../../accounts/orgs/repository";
import { decide } from "../../accounts/policy";
import { parseMatchForm } from "../form";
import { invalidSearch, resultsPage } from "../match.pages";
import { bundleIndex, checkName, checkNote, normaliseQuery, offerList, queriesOf, sameOffers, shortlistEntry } from "./forms";
import { findSavedNeeds, findShortlistItem, listSavedNeeds, listShortlist, offerVersionsOf, savedNeedsWithQuery } from "./repository";
import { runMatch } from "./rerun";
import { addToShortlist, deleteNeeds, removeFromShortlist, saveNeeds } from "./service";

export const savedPages = new Hono<AppEnv>();

savedPages.use("/orgs/*", sameOriginForms);

type C = Context<AppEnv>;

const flash = flashes("match.saved.notice", ["saved", "deleted", "shortlisted", "removed"]);
const needsPath = (orgId: string, notice: "saved" | "deleted" | "shortlisted" | "removed") => flash.to(`/orgs/${encodeURIComponent(orgId)}/needs`, notice);

/** The route's organisation; only member organisations keep needs (the others have no such space). */
async function memberOrg(c: C) {
  const org = await findOrg(c.var.db, c.req.param("orgId") ?? "");
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${c.req.param("orgId")}`, "orgs.error.not_found");
  if (org.kind !== "member") throw new PageError("NOT_FOUND", "Only member organisations keep needs", "match.saved.error.not_member_org");
  return org;
}

/** The posted search: kept without the page's parameters, and parsed exactly as /match/results does. */
function postedSearch(form: Record<string, unknown>) {
  const query = normaliseQuery(formText(form.query, 10_000));
  if (query === null) throw new PageError("VALIDATION_FAILED", "The query is too long", "match.saved.error.query", {}, [{ field: "query", message: "too long" }]);
  return { query, search: parseMatchForm(queriesOf(query)) };
}

// Access: members of the organisation (any role), stewards and coop_admins (org.read); the delete and
// remove buttons show to owners and admins (org.manage). Not a member organisation: 404.
savedPages.get("/orgs/:orgId/needs", allow("org.read", orgParam), async (c) => {
  const org = await memberOrg(c);
  const [needs, shortlist] = await Promise.all([listSavedNeeds(c.var.db, org.id), listShortlist(c.var.db, org.id)]);
  const canManage = decide(caller(c), "org.manage", { orgId: org.id }) === "allow";
  return c.html(<NeedsPage {...pageProps(c)} org={org} needs={needs} shortlist={shortlist} canManage={canManage} notice={flash.read(c)} />);
});

// Access: owners and admins of a member organisation (org.manage). An empty or invalid search: the
// wizard comes back (400); a wrong name: the results come back with the message next to it (400).
savedPages.post("/orgs/:orgId/needs", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  const form = await c.req.parseBody();
  const { query, search } = postedSearch(form);
  if (!search.ok) return invalidSearch(c, search);
  const rawName = formText(form.name, 1000);
  const name = checkName(rawName);
  if (!name.ok) return resultsPage(c, search, query, { save: { name: rawName, error: name.error } }, 400);
  await saveNeeds(c.var.ctx, org.id, { name: name.name, query, request: search.request });
  return c.redirect(needsPath(org.id, "saved"), 303);
});

// Access: owners and admins (org.manage); saved needs of another organisation are not found (404).
savedPages.post("/orgs/:orgId/needs/:id/delete", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  const needs = await findSavedNeeds(c.var.db, org.id, c.req.param("id"));
  if (!needs) throw new PageError("NOT_FOUND", `No saved needs ${c.req.param("id")}`, "match.saved.error.needs_not_found");
  await deleteNeeds(c.var.ctx, org.id, needs);
  return c.redirect(needsPath(org.id, "deleted"), 303);
});

// Access: owners and admins of a member organisation (org.manage). The server runs the search again
// and keeps its bundle N with its own prices; a bundle out of range is a 400, results that changed
// since the visitor saw them (other offers in bundle N) a 409.
savedPages.post("/orgs/:orgId/shortlist", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  const form = await c.req.parseBody();
  const { query, search } = postedSearch(form);
  if (!search.ok) return invalidSearch(c, search);
  const index = bundleIndex(formText(form.bundle, 10));
  const { result, labels } = await runMatch(c.var.db, search.request, c.var.lang);
  const bundle = index === null ? undefined : result.bundles[index];
  if (index === null || !bundle) {
    throw new PageError("VALIDATION_FAILED", "No such bundle in these results", "match.saved.error.bundle", {}, [{ field: "bundle", message: `0 to ${result.bundles.length - 1}` }]);
  }
  const seen = offerList(formText(form.offers, 2000));
  if (seen.length && !sameOffers(seen, bundle)) throw new PageError("CONFLICT", "The results changed since they were shown", "match.saved.error.changed");
  const rawNote = formText(form.note, 2000);
  const note = checkNote(rawNote);
  if (!note.ok) return resultsPage(c, search, query, { shortlist: { bundle: index, note: rawNote, error: note.error } }, 400);
  const [versions, savedNeedsId] = await Promise.all([offerVersionsOf(c.var.db, bundle.items.map((i) => i.offer_id)), savedNeedsWithQuery(c.var.db, org.id, query)]);
  await addToShortlist(c.var.ctx, org.id, { entry: shortlistEntry(bundle, labels, versions), query, note: note.note, savedNeedsId, bundle: index });
  return c.redirect(needsPath(org.id, "shortlisted"), 303);
});

// Access: owners and admins (org.manage); another organisation's shortlist entry is not found (404).
savedPages.post("/orgs/:orgId/shortlist/:id/delete", allow("org.manage", orgParam), async (c) => {
  const org = await memberOrg(c);
  const item = await findShortlistItem(c.var.db, org.id, c.req.param("id"));
  if (!item) throw new PageError("NOT_FOUND", `No shortlist entry ${c.req.param("id")}`, "match.saved.error.shortlist_not_found");
  await removeFromShortlist(c.var.ctx, org.id, item.id);
  return c.redirect(needsPath(org.id, "removed"), 303);
});

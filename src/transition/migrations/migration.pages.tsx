// The migrations' pages. A member organisation's move at /orgs/:orgId/migration (its people and
// stewards read; its owners/admins and stewards act), its plan at /orgs/:orgId/migration/plan; a
// provider organisation's incoming requests at /orgs/:orgId/migrations; /migrations/:id (the link
// the mails carry) opens the right one. Every POST is same-origin only, calls the service and
// answers 303 → GET with a notice; a wrong field comes back next to that field (400), a move the
// state machine refuses as a translated error page (409).
import { Hono, type Context } from "hono";
import { IncomingPage } from "../../../web/pages/transition/incoming";
import { MigrationPage, PlanPage, type MigrationSummary, type PlanRow } from "../../../web/pages/transition/migration";
import { formatDateTime } from "../../../web/components/format";
import type { ItemFormError, MigrationItemView } from "../../../web/components/migration-item";
import { pageProps } from "../../../web/components/page-props";
import { translator, type MessageKey } from "../../../web/i18n";
import { sameOriginForms } from "../../accounts/csrf";
import { allow, caller, orgParam, type ResourceOf } from "../../accounts/guard";
import { findOrg } from "../../accounts/orgs/repository";
import { decide } from "../../accounts/policy";
import type { OrganisationRow } from "../../db/schema";
import { migrationPlanLinks } from "../../coop/subscriptions/plan-links";
import { runningPlanIds } from "../../coop/subscriptions/revenue.service";
import { coopProviderId } from "../../coop/subscriptions/service";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { formText } from "../../lib/form";
import { AppError, PageError } from "../../lib/problem";
import { loadMatchCatalog, type OfferLabel } from "../../matching/catalog";
import { listShortlist } from "../../matching/saved/repository";
import type { MatchOffer } from "../../matching/types";
import { listInventory } from "../inventory/service";
import { overCapacity, RELEASED_STATES } from "../capacity/service";
import { dnsViews } from "../control/dns.service";
import type { NamedCapacityWarning } from "../../../web/components/capacity-warnings";
import { OFFER_KINDS } from "../plan";
import { planChoices, readMoveForm, readPlanForm, type ChoiceOffer } from "./page-forms";
import { itemsForOrg } from "./repository";
import { assignItem, findItem, findMigration, getMigration, migrationResource, moveItem, MoveRefused, planMigration, requestMigration, seesAll, setChecklistStep, type ItemRecord } from "./service";

export const migrationPages = new Hono<AppEnv>();
migrationPages.use("/orgs/*", sameOriginForms);

type C = Context<AppEnv>;

const memberFlash = flashes("transition.migration.notice", ["planned", "requested", "moved", "moved_late", "ticked", "unticked", "reassigned"]);
const providerFlash = flashes("transition.incoming.notice", ["moved", "moved_late", "ticked", "unticked"]);
const memberPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/migration`;
const providerPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/migrations`;

async function orgOf(c: C, kind: "member" | "provider"): Promise<OrganisationRow> {
  const org = await findOrg(c.var.db, c.req.param("orgId") ?? "");
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${c.req.param("orgId")}`, "orgs.error.not_found");
  if (org.kind !== kind) {
    throw kind === "member"
      ? new PageError("NOT_FOUND", "Only member organisations move services", "transition.migration.error.not_member_org")
      : new PageError("NOT_FOUND", "Only provider organisations receive requests", "transition.incoming.error.not_provider_org");
  }
  return org;
}

/** A provider organisation's routes act on its own profile's items: the policy sees that provider. */
const providerOf: ResourceOf = async (c) => {
  const org = await findOrg(c.var.db, c.req.param("orgId") ?? "");
  return { orgId: org?.kind === "provider" ? undefined : c.req.param("orgId"), providerIds: org?.providerId ? [org.providerId] : [] };
};

/** The route's item, in the route's migration, of this organisation (member side) or provider (provider side); else 404. */
async function itemOf(c: C, org: OrganisationRow): Promise<ItemRecord> {
  const migrationId = c.req.param("migrationId") ?? "";
  const m = await findMigration(c.var.db, migrationId);
  const item = m ? await findItem(c.var.db, migrationId, c.req.param("itemId") ?? "") : undefined;
  const mine = org.kind === "member" ? m?.orgId === org.id : !!org.providerId && item?.providerId === org.providerId && item.state !== "planned";
  if (!m || !item || !mine) throw new PageError("NOT_FOUND", `No item ${c.req.param("itemId")} here`, "transition.migration.error.item_not_found");
  return item;
}

/** The posted form was made from the item as it was then: a move made meanwhile (a double click, the other side) is reported, not applied twice. */
function sameAsShown(body: Record<string, unknown>, item: ItemRecord) {
  const since = formText(body.since, 60);
  if (since && since !== item.lastMoveAt) throw new PageError("CONFLICT", "The item changed since the page was shown", "transition.migration.error.changed");
}

// ── Reads ──────────────────────────────────────────────────────────────────────────────────────
/** Every item of these migrations as the caller sees them, with each item's member. */
async function viewsOf(c: C, migrationIds: readonly string[]) {
  const views = await Promise.all([...new Set(migrationIds)].map((id) => getMigration(c.var.ctx, id, caller(c))));
  // The last DNS check of items at the cut-over or after it, for all of them in one batch.
  const dnsIds = views.flatMap((v) => v.items.filter((i) => DNS_SHOWN.has(i.state)).map((i) => i.id));
  // dnsViews binds each id twice, and D1 binds at most 100 parameters per statement: chunks of 45.
  const chunks = Array.from({ length: Math.ceil(dnsIds.length / 45) }, (_, k) => dnsIds.slice(k * 45, k * 45 + 45));
  const dns = new Map((await Promise.all(chunks.map((ids) => dnsViews(c.var.ctx, ids, 1)))).flatMap((m) => [...m]));
  return views.map((v) => ({ view: v, items: v.items.map((i): MigrationItemView => ({ ...i, member: { id: v.org_id, name: v.org_name }, dns: dns.get(i.id) })) }));
}

/** States whose card shows the DNS check: the cut-over, and once verified (until done). */
const DNS_SHOWN = new Set<string>(["cutover", "verified"]);

/** The published offers that could take these kinds of services (the public catalogue, as matching reads it). */
async function catalogue(c: C): Promise<{ offers: MatchOffer[]; labels: Map<string, OfferLabel> }> {
  return loadMatchCatalog(c.var.db, [...new Set(Object.values(OFFER_KINDS).flat())]);
}

function choiceOffers(cat: { offers: MatchOffer[]; labels: Map<string, OfferLabel> }, keep: (o: MatchOffer) => boolean): ChoiceOffer[] {
  return cat.offers.filter(keep).map((o) => {
    const l = cat.labels.get(o.offer_id)!;
    return { ...o, offer_name: l.offer_name, provider_name: l.provider_name };
  });
}

/** The hosts this member's moves still under way put beyond their declared capacity or weekly pace (one read of capacities, two aggregates). */
async function planCapacityWarnings(c: C, records: readonly ItemRecord[]): Promise<NamedCapacityWarning[]> {
  const open = records.filter((r) => r.state !== "done" && !(RELEASED_STATES as readonly string[]).includes(r.state));
  const names = new Map(open.map((r) => [r.providerId, r.providerName]));
  const over = await overCapacity(c.var.db, open.map((r) => ({ provider_id: r.providerId, kind: r.kind })), true, { now: c.var.ctx.now(), deadline: c.var.ctx.settings.TRANSITION_DEADLINE });
  return over.map((w) => ({ ...w, provider_name: names.get(w.provider_id) ?? w.provider_id }));
}

async function memberPage(c: C, org: OrganisationRow, error?: ItemFormError, status: 200 | 400 = 200) {
  const records = await itemsForOrg(c.var.db, org);
  const groups = await viewsOf(c, records.map((r) => r.migrationId));
  const items = groups.flatMap((g) => g.items.map(({ member: _m, ...i }) => i));
  const migrations: MigrationSummary[] = groups.map((g) => ({ id: g.view.id, createdAt: g.view.created_at, requestedAt: g.view.requested_at, planned: g.view.items.filter((i) => i.state === "planned").length }));
  const who = caller(c);
  const canAct = decide(who, "migrations.move", { orgId: org.id }) === "allow";
  // Declined or failed items the viewer may plan again: the other offers that can take them.
  const reassign: Record<string, { value: string; label: string }[]> = {};
  const replannable = items.filter((i) => i.allowed_moves.some((m) => m.to === "planned" && !m.resume));
  if (canAct && replannable.length) {
    const cat = choiceOffers(await catalogue(c), () => true);
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const i of replannable) reassign[i.id] = planChoices(byId.get(i.id)!.service, cat, c.var.lang, i.offer_id).choices;
  }
  const notice = memberFlash.read(c);
  const capacityWarnings = await planCapacityWarnings(c, records);
  const withReason = canAct && !(who.kind === "user" && who.orgs.some((o) => o.orgId === org.id && (o.role === "owner" || o.role === "admin")));
  const coopPlans = await coopPlansOf(c, org, items);
  return c.html(<MigrationPage {...pageProps(c)} org={org} migrations={migrations} items={items} canAct={canAct} canPlan={decide(who, "migrations.plan", { orgId: org.id }) === "allow"} reassign={reassign} withReason={withReason} notice={notice} error={error} coopPlans={coopPlans} capacityWarnings={capacityWarnings} />, status);
}

/** The cooperative's plans among the items: subscribe to them, or see they are subscribed. */
async function coopPlansOf(c: C, org: OrganisationRow, items: MigrationItemView[]) {
  const [coopId, running] = await Promise.all([coopProviderId(c.var.db), runningPlanIds(c.var.db, org.id, c.var.ctx.now())]);
  return { links: migrationPlanLinks(items, coopId, running), canSubscribe: decide(caller(c), "subscriptions.manage", { orgId: org.id }) === "allow", orgId: org.id };
}

async function providerPage(c: C, org: OrganisationRow, error?: ItemFormError, status: 200 | 400 = 200) {
  const records = await itemsForOrg(c.var.db, org);
  const groups = await viewsOf(c, records.map((r) => r.migrationId));
  // A steward sees every item of a migration: this page keeps this provider's, once requested.
  const items = groups.flatMap((g) => g.items).filter((i) => i.provider_id === org.providerId && i.state !== "planned");
  const canAct = !!org.providerId && decide(caller(c), "migrations.move", { providerIds: [org.providerId] }) === "allow";
  return c.html(<IncomingPage {...pageProps(c)} org={org} items={items} canAct={canAct} notice={providerFlash.read(c)} error={error} />, status);
}

// ── Member side ────────────────────────────────────────────────────────────────────────────────
// Access: the member organisation's people (any role) and stewards (migrations.read); the forms show
// to its owners/admins and stewards (migrations.move). Not a member organisation: 404.
migrationPages.get("/orgs/:orgId/migration", allow("migrations.read", orgParam), async (c) => memberPage(c, await orgOf(c, "member")));

interface PlanSource {
  kind: "shortlist" | "provider" | "catalogue";
  label: string;
  field?: { name: string; value: string };
  keep: (o: MatchOffer) => boolean;
}

/** Where the plan's choices come from: `shortlist` (a shortlisted bundle's offers), `provider` (one host's), else every published offer. */
async function planSource(c: C, org: OrganisationRow, query: { shortlist?: string; provider?: string }, labels: Map<string, OfferLabel>): Promise<PlanSource> {
  if (query.shortlist) {
    const entry = (await listShortlist(c.var.db, org.id)).find((s) => s.id === query.shortlist);
    if (!entry) throw new PageError("NOT_FOUND", `No shortlist entry ${query.shortlist}`, "transition.plan_page.error.shortlist", {}, [{ field: "shortlist", message: "not in this organisation's shortlist" }]);
    const ids = new Set(entry.items.map((i) => i.offer_id));
    return { kind: "shortlist", label: formatDateTime(entry.createdAt, c.var.lang), field: { name: "shortlist", value: entry.id }, keep: (o) => ids.has(o.offer_id) };
  }
  if (query.provider) {
    const name = [...labels.values()].find((l) => l.provider_id === query.provider)?.provider_name;
    if (!name) throw new PageError("NOT_FOUND", `No public provider ${query.provider} with offers`, "transition.plan_page.error.provider", {}, [{ field: "provider", message: "not in the public directory" }]);
    const id = query.provider;
    return { kind: "provider", label: name, field: { name: "provider", value: id }, keep: (o) => o.provider_id === id };
  }
  return { kind: "catalogue", label: "", keep: () => true };
}

/** The plan form: each live inventory service with the chosen source's offers that can take it. */
async function planPage(c: C, org: OrganisationRow, query: { shortlist?: string; provider?: string }, posted?: { values: Record<string, string>; errors: Record<string, string>; formError?: string }, status: 200 | 400 | 409 = 200) {
  const cat = await catalogue(c);
  const source = await planSource(c, org, query, cat.labels);
  const offers = choiceOffers(cat, source.keep);
  const [inventory, records] = await Promise.all([listInventory(c.var.db, org.id), itemsForOrg(c.var.db, org)]);
  const live = new Map(records.filter((r) => r.state !== "cancelled" && r.state !== "done").map((r) => [r.inventoryId, r]));
  const rows: PlanRow[] = inventory
    .filter((s) => s.goneAt === null)
    .map((s) => {
      const { choices, warnings } = planChoices(s.service, offers, c.var.lang);
      const busy = live.get(s.id);
      // A fresh form picks the first offer that fits; a posted one keeps what was chosen.
      const selected = posted ? (posted.values[s.id] ?? "") : (choices[0]?.value ?? "");
      return { inventoryId: s.id, service: s.service, choices, warnings, selected, error: posted?.errors[s.id], busy: busy ? { state: busy.state, host: `${busy.providerName} — ${busy.offerName}` } : undefined };
    });
  const who = caller(c);
  const steward = !(who.kind === "user" && who.orgs.some((o) => o.orgId === org.id && (o.role === "owner" || o.role === "admin")));
  return c.html(<PlanPage {...pageProps(c)} org={org} rows={rows} source={source} formError={posted?.formError} withReason={steward} />, status);
}

// Access: owners and admins of the member organisation, and stewards (migrations.plan). `?shortlist=`
// (a shortlisted bundle of this organisation) or `?provider=` (a public host, "Contact this host")
// limits the choices; an unknown one is a 404 naming the parameter.
migrationPages.get("/orgs/:orgId/migration/plan", allow("migrations.plan", orgParam), async (c) => {
  const org = await orgOf(c, "member");
  return planPage(c, org, { shortlist: c.req.query("shortlist"), provider: c.req.query("provider") });
});

// Access: owners and admins of the member organisation, and stewards (migrations.plan). Stores the
// plan (each chosen service → its offer) and, with `send=1`, sends the requests at once. Nothing
// chosen, or an offer that cannot take its service: the form comes back (400) with the message next
// to the service; a service already moving elsewhere: 409, the same way.
migrationPages.post("/orgs/:orgId/migration/plan", allow("migrations.plan", orgParam), async (c) => {
  const org = await orgOf(c, "member");
  const body = await c.req.parseBody();
  const query = { shortlist: formText(body.shortlist, 100) || undefined, provider: formText(body.provider, 100) || undefined };
  const inventory = (await listInventory(c.var.db, org.id)).filter((s) => s.goneAt === null);
  const input = readPlanForm(body, inventory.map((s) => s.id));
  const values = Object.fromEntries(input.map((i) => [i.inventory_id, i.offer_id]));
  const t = translator(c.var.lang);
  if (input.length === 0) return planPage(c, org, query, { values, errors: {}, formError: t("transition.plan_page.error.empty") }, 400);
  let migrationId: string;
  try {
    migrationId = (await planMigration(c.var.ctx, org.id, input)).migration.id;
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== "VALIDATION_FAILED" && err.code !== "CONFLICT") || !err.errors?.length) throw err;
    // The service names `items.<i>.offer_id` or `items.<i>.inventory_id`; its message after the code is translated (planMessage).
    const errors: Record<string, string> = {};
    for (const e of err.errors) {
      const i = Number(/^items\.(\d+)\./.exec(e.field)?.[1]);
      const id = input[i]?.inventory_id;
      if (id) errors[id] = err.code === "CONFLICT" ? t("transition.migration.error.busy") : (e.message.split(": ").slice(1).join(": ") || t("transition.migration.error.offer"));
    }
    return planPage(c, org, query, { values, errors }, err.code === "CONFLICT" ? 409 : 400);
  }
  if (formText(body.send, 2) === "1") {
    await requestWith(c, migrationId, formText(body.note, 2000).trim() || undefined);
    return c.redirect(memberFlash.to(memberPath(org.id), "requested"), 303);
  }
  return c.redirect(memberFlash.to(memberPath(org.id), "planned"), 303);
});

// Access: owners and admins of the member organisation, and stewards (migrations.move). Sends the
// plan's planned items to their hosts; another organisation's plan is not found (404), a plan with
// nothing left to request is a 409.
migrationPages.post("/orgs/:orgId/migration/:migrationId/request", allow("migrations.move", orgParam), async (c) => {
  const org = await orgOf(c, "member");
  const m = await findMigration(c.var.db, c.req.param("migrationId"));
  if (!m || m.orgId !== org.id) throw new PageError("NOT_FOUND", `No migration ${c.req.param("migrationId")} here`, "transition.migration.error.migration_not_found");
  await requestWith(c, m.id, formText((await c.req.parseBody()).note, 2000).trim() || undefined);
  return c.redirect(memberFlash.to(memberPath(org.id), "requested"), 303);
});

/** Sends a plan's requests; a steward gives a reason (400 naming it when missing). */
async function requestWith(c: C, migrationId: string, note: string | undefined) {
  try {
    await requestMigration(c.var.ctx, migrationId, note);
  } catch (err) {
    if (err instanceof MoveRefused && err.refusal === "note_required") throw new PageError("VALIDATION_FAILED", err.message, "transition.refusal.note_required", {}, [{ field: "note", message: "required" }]);
    if (err instanceof AppError && err.code === "CONFLICT") throw new PageError("CONFLICT", err.message, "transition.migration.error.nothing_to_request");
    throw err;
  }
}

/** A move by the page's side; a wrong field re-renders the page with the message next to it. */
async function postMove(c: C, org: OrganisationRow, render: (error: ItemFormError) => Promise<Response>, done: (late: boolean) => string) {
  const item = await itemOf(c, org);
  const body = await c.req.parseBody();
  sameAsShown(body, item);
  const t = translator(c.var.lang);
  const form = readMoveForm(body);
  if (!form.ok) {
    if (!form.to) throw new PageError("VALIDATION_FAILED", "Unknown state", form.key, {}, [{ field: "to", message: "a state" }]);
    return render({ itemId: item.id, to: form.to, field: form.field, message: t(form.key) });
  }
  try {
    const reply = await moveItem(c.var.ctx, item.migrationId, item.id, form.move);
    return c.redirect(done(reply.warnings.includes("after_deadline")), 303);
  } catch (err) {
    if (!(err instanceof MoveRefused)) throw err;
    const field: Record<string, string> = { note_required: "note", date_required: "scheduled_for", data_copy_required: "method" };
    if (field[err.refusal]) return render({ itemId: item.id, to: form.move.to, field: field[err.refusal]!, message: t(`transition.refusal.${err.refusal}` as MessageKey) });
    if (err.refusal === "stale") throw new PageError("CONFLICT", err.message, "transition.migration.error.changed");
    const allowed = err.allowed.map((m) => t(`transition.state.${m.to}`)).join(", ") || t("transition.refusal.none");
    throw new PageError("CONFLICT", err.message, "transition.refusal.not_allowed", { allowed }, [{ field: "to", message: err.refusal }]);
  }
}

/** A tick or untick by the page's side. */
async function postTick(c: C, org: OrganisationRow) {
  const item = await itemOf(c, org);
  const body = await c.req.parseBody();
  const step = formText(body.step, 60);
  const done = formText(body.done, 2) !== "0";
  try {
    await setChecklistStep(c.var.ctx, item.migrationId, item.id, step, done);
  } catch (err) {
    if (err instanceof AppError && err.code === "VALIDATION_FAILED") throw new PageError("VALIDATION_FAILED", err.message, "transition.migration.error.step", {}, [{ field: "step", message: "unknown step" }]);
    throw err;
  }
  return done ? "ticked" : "unticked";
}

// Access: owners and admins of the member organisation, and stewards (migrations.move); the state
// machine then says which moves the member (cancel, verified, done with the data copy, blocked,
// resume) or a steward (any, with a reason) may make. Another organisation's item: 404; a missing
// reason, date or data copy: 400 next to the field; a move not allowed now: 409 listing the allowed ones.
migrationPages.post("/orgs/:orgId/migration/:migrationId/items/:itemId/move", allow("migrations.move", orgParam), async (c) => {
  const org = await orgOf(c, "member");
  return postMove(c, org, (error) => memberPage(c, org, error, 400), (late) => memberFlash.to(memberPath(org.id), late ? "moved_late" : "moved"));
});

// Access: owners and admins of the member organisation, and stewards (migrations.move); a step that
// is the provider's to tick: 403; an unknown step: 400.
migrationPages.post("/orgs/:orgId/migration/:migrationId/items/:itemId/checklist", allow("migrations.move", orgParam), async (c) => {
  const org = await orgOf(c, "member");
  return c.redirect(memberFlash.to(memberPath(org.id), await postTick(c, org)), 303);
});

// Access: owners and admins of the member organisation, and stewards with a reason (migrations.move).
// Gives a declined or failed item (or a planned one) to another offer; an offer that cannot take the
// service comes back (400) next to the select.
migrationPages.post("/orgs/:orgId/migration/:migrationId/items/:itemId/reassign", allow("migrations.move", orgParam), async (c) => {
  const org = await orgOf(c, "member");
  const item = await itemOf(c, org);
  const body = await c.req.parseBody();
  const t = translator(c.var.lang);
  const offerId = formText(body.offer_id, 100);
  const note = formText(body.note, 2000).trim() || undefined;
  if (!offerId) return memberPage(c, org, { itemId: item.id, to: "reassign", field: "offer_id", message: t("transition.migration.error.offer") }, 400);
  try {
    await assignItem(c.var.ctx, item.migrationId, item.id, offerId, note);
  } catch (err) {
    if (err instanceof AppError && err.code === "VALIDATION_FAILED") {
      const message = err.errors?.[0]?.message.split(": ").slice(1).join(": ") || t("transition.migration.error.offer");
      return memberPage(c, org, { itemId: item.id, to: "reassign", field: "offer_id", message }, 400);
    }
    if (err instanceof MoveRefused && err.refusal === "note_required") return memberPage(c, org, { itemId: item.id, to: "reassign", field: "note", message: t("transition.refusal.note_required") }, 400);
    if (err instanceof MoveRefused) throw new PageError("CONFLICT", err.message, "transition.migration.error.changed");
    throw err;
  }
  return c.redirect(memberFlash.to(memberPath(org.id), "reassigned"), 303);
});

// ── Provider side ──────────────────────────────────────────────────────────────────────────────
// Access: the provider organisation's people (any role) and stewards (migrations.read); the forms
// show to its owners/admins (and stewards). Not a provider organisation: 404.
migrationPages.get("/orgs/:orgId/migrations", allow("migrations.read", orgParam), async (c) => providerPage(c, await orgOf(c, "provider")));

// Access: owners and admins of the provider organisation, and stewards (migrations.move, for the
// organisation's provider profile). Accept, decline (reason), schedule (date), copying, cutover,
// blocked (reason), failed (reason), resume. An item of another provider: 404.
migrationPages.post("/orgs/:orgId/migrations/:migrationId/items/:itemId/move", allow("migrations.move", providerOf), async (c) => {
  const org = await orgOf(c, "provider");
  return postMove(c, org, (error) => providerPage(c, org, error, 400), (late) => providerFlash.to(providerPath(org.id), late ? "moved_late" : "moved"));
});

// Access: owners and admins of the provider organisation, and stewards (migrations.move); a step
// that is the member's to tick: 403.
migrationPages.post("/orgs/:orgId/migrations/:migrationId/items/:itemId/checklist", allow("migrations.move", providerOf), async (c) => {
  const org = await orgOf(c, "provider");
  return c.redirect(providerFlash.to(providerPath(org.id), await postTick(c, org)), 303);
});

// ── The mails' link ────────────────────────────────────────────────────────────────────────────
// Access: whoever may read the migration (migrations.read: the member's people, the assigned
// providers' people, stewards). Opens the member's page for the member's people and stewards, else
// the provider organisation's incoming requests.
migrationPages.get(
  "/migrations/:migrationId",
  allow("migrations.read", (c) => migrationResource(c.var.db, c.req.param("migrationId") ?? "")),
  async (c) => {
    const m = await findMigration(c.var.db, c.req.param("migrationId"));
    if (!m) throw new PageError("NOT_FOUND", `No migration ${c.req.param("migrationId")}`, "transition.migration.error.migration_not_found");
    const who = caller(c);
    if (seesAll(who, m.orgId)) return c.redirect(memberPath(m.orgId), 303);
    const { providerIds = [] } = await migrationResource(c.var.db, m.id);
    const org = who.kind === "user" ? who.orgs.find((o) => o.kind === "provider" && o.providerId && providerIds.includes(o.providerId)) : undefined;
    if (!org) throw new PageError("NOT_FOUND", `No migration ${m.id} for you`, "transition.migration.error.migration_not_found");
    return c.redirect(providerPath(org.orgId), 303);
  },
);

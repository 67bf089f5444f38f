// Provider self-service pages under /orgs/:orgId/provider… and /orgs/:orgId/offers….
// Access: owners and admins of a provider organisation (provider.manage on the organisation);
// anyone else signed in gets 403, anonymous visitors are sent to sign in; an organisation of
// another kind gets a translated 409. Every POST is same-origin only; POST → 303 → GET.
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { ManageOffersPage, OfferFormPage } from "../../../web/pages/manage/offers";
import { ManageProviderPage } from "../../../web/pages/manage/provider";
import { CapacityPage } from "../../../web/pages/manage/capacity";
import { pageProps } from "../../../web/components/page-props";
import { allow, orgParam, type ResourceOf } from "../../accounts/guard";
import { sameOriginForms } from "../../accounts/csrf";
import type { OrganisationRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { type FieldError, PageError } from "../../lib/problem";
import { flashes } from "../../lib/flash";
import { formList, formTexts } from "../../lib/form";
import { offerInputFromRow, providerInputFromRow } from "../dto";
import { offerFormValues, parseOfferForm, parseProviderForm, providerFormValues } from "./forms";
import { archiveOffer, createOffer, editOffer, unarchiveOffer, type OfferProposal } from "./offers.service";
import { claimProfile, createProfile, editProfile } from "./provider.service";
import { asPage, onPage } from "./page-errors";
import { capacityOf, plannedUnits, saveCapacity } from "../../transition/capacity/service";
import { capacityFormValues, parseCapacityForm } from "../../transition/capacity/form";
import { allOffersOf, claimable, claimsOf, orgById, pendingChangesOf, providerById, requireProviderOrg } from "./store";

export const managePages = new Hono<AppEnv>();

for (const path of ["/orgs/:orgId/provider", "/orgs/:orgId/provider/*", "/orgs/:orgId/offers", "/orgs/:orgId/offers/*"]) {
  managePages.use(path, sameOriginForms);
}

/** A provider organisation, or a translated 404 / 409 page. */
const providerOrg = createMiddleware<AppEnv>(async (c, next) => {
  const orgId = c.req.param("orgId") ?? "";
  try {
    requireProviderOrg(await orgById(c.var.db, orgId), orgId);
  } catch (err) {
    throw asPage(err);
  }
  await next();
});

// Members see the organisation (org.read), but only owners and admins of a provider organisation manage it.
const guard = [allow("org.read", orgParam), providerOrg, allow("provider.manage", orgParam)] as const;

async function orgOf(c: Context<AppEnv>): Promise<OrganisationRow> {
  const orgId = c.req.param("orgId") ?? "";
  return requireProviderOrg(await orgById(c.var.db, orgId), orgId);
}

async function profileOf(c: Context<AppEnv>, org: OrganisationRow) {
  const provider = org.providerId ? await providerById(c.var.db, org.providerId) : undefined;
  if (!provider) throw new PageError("CONFLICT", "This organisation has no provider profile yet", "manage.error.no_profile");
  return provider;
}

const flash = flashes("manage.notice", ["created", "claim_approved", "claim_pending", "applied", "pending", "unchanged", "offer_pending", "archived", "unarchive_pending"]);

async function renderProvider(c: Context<AppEnv>, org: OrganisationRow, form?: { values: Record<string, string>; errors: FieldError[] }) {
  const db = c.var.db;
  const provider = org.providerId ? ((await providerById(db, org.providerId)) ?? null) : null;
  const q = (c.req.query("q") ?? "").slice(0, 200);
  const [pending, claims, candidates] = await Promise.all([
    provider ? pendingChangesOf(db, provider.id, []) : Promise.resolve([]),
    provider ? Promise.resolve([]) : claimsOf(db, org.id),
    provider ? Promise.resolve([]) : claimable(db, q),
  ]);
  const values = form?.values ?? (provider ? providerFormValues(providerInputFromRow(provider)) : { accepting_members: "on" });
  return c.html(
    <ManageProviderPage
      {...pageProps(c)}
      org={{ id: org.id, name: org.name }}
      provider={provider}
      values={values}
      errors={form?.errors ?? []}
      pending={pending.filter((p) => p.subjectType === "provider")}
      claims={claims}
      claimable={candidates}
      q={q}
      notice={form ? undefined : flash.read(c)}
    />,
    form?.errors.length ? 400 : 200,
  );
}

// Access: provider organisation owners and admins.
managePages.get("/orgs/:orgId/provider", ...guard, async (c) => renderProvider(c, await orgOf(c)));

// Access: provider organisation owners and admins. Creates a profile that waits for a steward.
managePages.post("/orgs/:orgId/provider", ...guard, async (c) => {
  const org = await orgOf(c);
  const values = formTexts(await c.req.parseBody());
  const parsed = parseProviderForm(values, null);
  if (!parsed.ok) return renderProvider(c, org, { values, errors: parsed.errors });
  await onPage(createProfile(c.var.ctx, org, parsed.value));
  return c.redirect(flash.to(`/orgs/${org.id}/provider`, "created"), 303);
});

// Access: provider organisation owners and admins. Claims an imported profile.
managePages.post("/orgs/:orgId/provider/claim", ...guard, async (c) => {
  const org = await orgOf(c);
  const form = formTexts(await c.req.parseBody());
  if (!form.provider_id) throw new PageError("VALIDATION_FAILED", "provider_id is required", "manage.error.claim_target", {}, [{ field: "provider_id", message: "required" }]);
  const outcome = await onPage(claimProfile(c.var.ctx, org, form.provider_id, form.message ?? ""));
  return c.redirect(flash.to(`/orgs/${org.id}/provider`, `claim_${outcome}`), 303);
});

// Access: provider organisation owners and admins. Material fields wait for a steward.
managePages.post("/orgs/:orgId/provider/edit", ...guard, async (c) => {
  const org = await orgOf(c);
  const provider = await profileOf(c, org);
  const values = formTexts(await c.req.parseBody());
  const parsed = parseProviderForm(values, providerInputFromRow(provider));
  if (!parsed.ok) return renderProvider(c, org, { values, errors: parsed.errors });
  const outcome = await onPage(editProfile(c.var.ctx, org, provider, parsed.value));
  const notice = outcome.pending.length ? "pending" : outcome.applied.length ? "applied" : "unchanged";
  return c.redirect(flash.to(`/orgs/${org.id}/provider`, notice), 303);
});

// Access: provider organisation owners and admins. Every offer, whatever its status.
managePages.get("/orgs/:orgId/offers", ...guard, async (c) => {
  const org = await orgOf(c);
  const provider = await profileOf(c, org);
  const offers = await allOffersOf(c.var.db, provider.id);
  const pending = await pendingChangesOf(c.var.db, provider.id, offers.map((o) => o.id));
  return c.html(<ManageOffersPage {...pageProps(c)} org={{ id: org.id, name: org.name }} provider={provider} offers={offers} pending={pending} notice={flash.read(c)} />);
});

// Access: provider organisation owners and admins.
managePages.get("/orgs/:orgId/offers/new", ...guard, async (c) => {
  const org = await orgOf(c);
  const provider = await profileOf(c, org);
  const values = { service: "mailbox", pricing_model: "free", period: "month", unit: "flat", registration: "Free", load: "OPEN", amount: "0", setup_fee: "0" };
  return c.html(<OfferFormPage {...pageProps(c)} org={{ id: org.id, name: org.name }} provider={provider} offer={null} values={values} errors={[]} />);
});

// Access: provider organisation owners and admins. The new offer waits for a steward.
managePages.post("/orgs/:orgId/offers", ...guard, async (c) => {
  const org = await orgOf(c);
  const provider = await profileOf(c, org);
  const values = offerFormPost(await c.req.parseBody({ all: true }));
  const parsed = parseOfferForm(values, null);
  if (!parsed.ok) return c.html(<OfferFormPage {...pageProps(c)} org={{ id: org.id, name: org.name }} provider={provider} offer={null} values={values} errors={parsed.errors} />, 400);
  await onPage(createOffer(c.var.ctx, org.id, provider, parsed.value));
  return c.redirect(flash.to(`/orgs/${org.id}/offers`, "offer_pending"), 303);
});

/** The offer form as posted: its text fields, and its feature checkboxes joined with commas. */
function offerFormPost(body: Record<string, unknown>): Record<string, string> {
  return { ...formTexts(body), features: formList(body.features, 80, 40).join(",") };
}

/** The offer named by the path, if it belongs to this organisation's provider (else 404). */
async function ownOffer(c: Context<AppEnv>) {
  const org = await orgOf(c);
  const provider = await profileOf(c, org);
  const offerId = c.req.param("offerId") ?? "";
  const offer = (await allOffersOf(c.var.db, provider.id)).find((o) => o.id === offerId);
  if (!offer) throw new PageError("NOT_FOUND", `Offer ${offerId} does not exist`, "error.offer_not_found", { id: offerId });
  return { org, provider, offer };
}

const proposalOf = (o: ReturnType<typeof offerInputFromRow>): OfferProposal => {
  const { key: _k, status: _s, ...rest } = o;
  return rest;
};

// Access: provider organisation owners and admins.
managePages.get("/orgs/:orgId/offers/:offerId/edit", ...guard, async (c) => {
  const { org, provider, offer } = await ownOffer(c);
  return c.html(<OfferFormPage {...pageProps(c)} org={{ id: org.id, name: org.name }} provider={provider} offer={offer} values={offerFormValues(offerInputFromRow(offer))} errors={[]} />);
});

// Access: provider organisation owners and admins. Non-material fields apply at once.
managePages.post("/orgs/:orgId/offers/:offerId", ...guard, async (c) => {
  const { org, provider, offer } = await ownOffer(c);
  const values = offerFormPost(await c.req.parseBody({ all: true }));
  const parsed = parseOfferForm(values, proposalOf(offerInputFromRow(offer)));
  if (!parsed.ok) return c.html(<OfferFormPage {...pageProps(c)} org={{ id: org.id, name: org.name }} provider={provider} offer={offer} values={values} errors={parsed.errors} />, 400);
  const outcome = await onPage(editOffer(c.var.ctx, org.id, provider, offer, parsed.value));
  const notice = outcome.state === "pending" ? "pending" : outcome.applied.length ? "applied" : "unchanged";
  return c.redirect(flash.to(`/orgs/${org.id}/offers`, notice), 303);
});

// Access: provider organisation owners and admins. Archiving is immediate.
managePages.post("/orgs/:orgId/offers/:offerId/archive", ...guard, async (c) => {
  const { org, offer } = await ownOffer(c);
  await onPage(archiveOffer(c.var.ctx, org.id, offer));
  return c.redirect(flash.to(`/orgs/${org.id}/offers`, "archived"), 303);
});

// Access: provider organisation owners and admins. Bringing an offer back waits for a steward.
managePages.post("/orgs/:orgId/offers/:offerId/unarchive", ...guard, async (c) => {
  const { org, offer } = await ownOffer(c);
  await onPage(unarchiveOffer(c.var.ctx, org.id, offer));
  return c.redirect(flash.to(`/orgs/${org.id}/offers`, "unarchive_pending"), 303);
});

// ── Capacity for the transition (issue 15) ─────────────────────────────────────────────────────
// The same people as PUT /api/v1/providers/{id}/capacity (capacity.manage): the provider
// organisation's owners and admins, and stewards. An organisation without a profile yet: 409.
const profileOfOrg: ResourceOf = async (c) => {
  const org = await orgById(c.var.db, c.req.param("orgId") ?? "");
  if (!org?.providerId) throw new PageError("CONFLICT", "This organisation has no provider profile yet", "manage.error.no_profile");
  return { providerId: org.providerId };
};
const capacityGuard = [allow("org.read", orgParam), providerOrg, allow("capacity.manage", profileOfOrg)] as const;
const capacityFlash = flashes("capacity.notice", ["saved"]);

async function renderCapacity(c: Context<AppEnv>, form?: { values: Record<string, string>; errors: FieldError[] }) {
  const org = await orgOf(c);
  const provider = await profileOf(c, org);
  const [capacity, planned] = await Promise.all([capacityOf(c.var.db, provider.id), plannedUnits(c.var.db, provider.id)]);
  return c.html(
    <CapacityPage
      {...pageProps(c)}
      org={{ id: org.id, name: org.name }}
      provider={{ id: provider.id, name: provider.name }}
      values={form?.values ?? capacityFormValues(capacity)}
      errors={form?.errors ?? []}
      planned={planned.get(provider.id) ?? {}}
      notice={form ? undefined : capacityFlash.read(c)}
    />,
    form?.errors.length ? 400 : 200,
  );
}

// Access: provider organisation owners and admins, and stewards (capacity.manage).
managePages.get("/orgs/:orgId/provider/capacity", ...capacityGuard, async (c) => renderCapacity(c));

// Access: provider organisation owners and admins, and stewards (capacity.manage). Replaces the
// declaration whole, as the API's PUT does; a wrong field comes back next to it (400), nothing stored.
managePages.post("/orgs/:orgId/provider/capacity", ...capacityGuard, async (c) => {
  const org = await orgOf(c);
  const provider = await profileOf(c, org);
  const values = formTexts(await c.req.parseBody());
  const parsed = parseCapacityForm(values);
  if (!parsed.ok) return renderCapacity(c, { values, errors: parsed.errors });
  await saveCapacity(c.var.ctx, provider.id, parsed.value);
  return c.redirect(capacityFlash.to(`/orgs/${org.id}/provider/capacity`, "saved"), 303);
});

// API key pages: a provider organisation's keys (/orgs/:orgId/keys) and a steward's personal keys
// (/admin/keys). Create answers 201 with the secret in the page itself (never in a URL or a
// redirect, never cached); revoke is POST → 303. Every POST is same-origin only.
import { Hono, type Context } from "hono";
import { eq } from "drizzle-orm";
import { pageProps } from "../../../web/components/page-props";
import { translator } from "../../../web/i18n";
import { PageError } from "../../lib/problem";
import { KeyCreatedPage, KeysPage, type KeysNotice, type KeysPlace } from "../../../web/pages/keys/keys";
import { today } from "../../lib/days";
import { organisations } from "../../db/schema";
import type { AppEnv } from "../../env";
import { sameOriginForms } from "../csrf";
import { allow, caller, orgParam } from "../guard";
import { keyState, orgKeyScopes, readKeyForm, STEWARD_KEY_SCOPES, type KeyOwner } from "./model";
import { createKey, listKeys, revokeKey } from "./repository";

export const keyPages = new Hono<AppEnv>();

interface KeysContext {
  owner: KeyOwner;
  place: KeysPlace;
}

// Access: owners and admins of a provider or member organisation (org.manage), signed in; a member
// organisation's keys may only manage its webhooks; the cooperative has no keys (409).
keyPages.use("/orgs/:orgId/keys/*", sameOriginForms, allow("org.manage", orgParam));
// Access: stewards, signed in. `catalog.import` is the steward check because these keys exist to
// import the catalogue (and read the audit log); it adds nothing to the policy.
keyPages.use("/admin/keys/*", sameOriginForms, allow("catalog.import"));

async function orgKeys(c: Context<AppEnv>): Promise<KeysContext> {
  const orgId = c.req.param("orgId")!;
  const t = translator(c.get("lang"));
  const org = await c.var.db.query.organisations.findFirst({ columns: { id: true, name: true, kind: true }, where: eq(organisations.id, orgId) });
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${orgId}`, "keys.org_not_found");
  const allowed = orgKeyScopes(org.kind);
  if (!allowed) throw new PageError("CONFLICT", `Organisation ${orgId} is neither a provider nor a member organisation: it has no API keys`, "keys.not_provider");
  return {
    owner: { kind: "org", orgId },
    place: {
      base: `/orgs/${encodeURIComponent(orgId)}/keys`,
      heading: t("keys.org_title", { org: org.name }),
      lead: t(org.kind === "member" ? "keys.member_org_lead" : "keys.org_lead", { org: org.name }),
      breadcrumb: [{ href: `/orgs/${encodeURIComponent(orgId)}`, label: org.name }],
      allowed,
    },
  };
}

function stewardKeys(c: Context<AppEnv>): KeysContext {
  const t = translator(c.get("lang"));
  return {
    owner: { kind: "steward", userId: caller(c).userId },
    place: { base: "/admin/keys", heading: t("keys.steward_title"), lead: t("keys.steward_lead"), breadcrumb: [{ href: "/admin", label: t("admin.title") }], allowed: STEWARD_KEY_SCOPES },
  };
}

async function list(c: Context<AppEnv>, { owner, place }: KeysContext, extra: Partial<Parameters<typeof KeysPage>[0]> = {}, status: 200 | 400 = 200) {
  const now = new Date().toISOString();
  const keys = (await listKeys(c.var.ctx, owner)).map((k) => ({ ...k, state: keyState(k, now) }));
  const q = c.req.query();
  const notice: KeysNotice | undefined = q.revoked === "1" ? "revoked" : q.revoked === "already" ? "already_revoked" : undefined;
  return c.html(<KeysPage {...pageProps(c)} place={place} keys={keys} minDay={today()} notice={notice} {...extra} />, status);
}

async function create(c: Context<AppEnv>, ctx: KeysContext) {
  const form = readKeyForm(await c.req.parseBody({ all: true }), ctx.place.allowed);
  if (!form.ok) return list(c, ctx, { values: form.values, errors: form.errors }, 400);
  const { secret } = await createKey(c.var.ctx, ctx.owner, caller(c).userId, form.value);
  // The secret is in this body only: no store may keep it, and no redirect carries it.
  c.header("Cache-Control", "no-store");
  return c.html(<KeyCreatedPage {...pageProps(c)} place={ctx.place} name={form.value.name} secret={secret} scopes={form.value.scopes} expiresAt={form.value.expiresAt} />, 201);
}

async function revoke(c: Context<AppEnv>, ctx: KeysContext) {
  const keyId = c.req.param("keyId")!;
  const outcome = await revokeKey(c.var.ctx, ctx.owner, keyId);
  if (outcome === "missing") throw new PageError("NOT_FOUND", `No key ${keyId} here`, "keys.not_found");
  return c.redirect(`${ctx.place.base}?revoked=${outcome === "revoked" ? "1" : "already"}`, 303);
}

keyPages.get("/orgs/:orgId/keys", async (c) => list(c, await orgKeys(c)));
keyPages.post("/orgs/:orgId/keys", async (c) => create(c, await orgKeys(c)));
keyPages.post("/orgs/:orgId/keys/:keyId/revoke", async (c) => revoke(c, await orgKeys(c)));

keyPages.get("/admin/keys", (c) => list(c, stewardKeys(c)));
keyPages.post("/admin/keys", (c) => create(c, stewardKeys(c)));
keyPages.post("/admin/keys/:keyId/revoke", (c) => revoke(c, stewardKeys(c)));

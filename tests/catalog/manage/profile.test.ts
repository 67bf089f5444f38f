// Provider profile pages: create (pending until approved), claim (by domain or by a steward), edit
// (material fields moderated), and who may do it.
import { describe, expect, it } from "vitest";
import { signIn } from "../../accounts/helpers";
import { call, postJson, problem } from "../../helpers/http";
import { makeOrg } from "../../helpers/people";
import { CROSS_SITE, expectRedirect, importedProvider, providerOrg, row, rows, steward } from "./helpers";

const PROFILE = { name: "Chats du Canal", description: "Hébergement associatif", legal_form: "ASSOCIATION", website: "https://canal.example", contact_email: "contact@canal.example", country_code: "BE", languages: "fr, nl", accepting_members: "on" };

describe("GET/POST /orgs/:orgId/provider — create a profile (provider owners and admins)", () => {
  it("creates a pending profile, sets the organisation's provider, records the change and the audit", async () => {
    const orgId = await providerOrg("owner@canal.example");
    const browser = await signIn("owner@canal.example");
    const page = await browser.fetch(`/orgs/${orgId}/provider`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`action="/orgs/${orgId}/provider"`);
    expect(html).toContain('<label for="name">');

    await expectRedirect(await browser.post(`/orgs/${orgId}/provider`, PROFILE), `/orgs/${orgId}/provider?notice=created`);
    const org = await row<{ provider_id: string }>("select provider_id from organisations where id = ?", orgId);
    const provider = await row<Record<string, string>>("select * from providers where id = ?", org!.provider_id);
    expect(provider).toMatchObject({ name: "Chats du Canal", visibility: "pending", source_format: "manual", external_key: "canal.example", country_code: "BE" });
    const changes = await rows("select * from pending_changes where subject_id = ?", org!.provider_id);
    expect(changes).toMatchObject([{ subject_type: "provider", kind: "create", status: "pending", org_id: orgId }]);
    expect(await row("select action from audit_log where subject_id = ? and action = 'provider.create'", org!.provider_id)).toBeTruthy();

    // Pending: invisible to the public everywhere.
    await problem(await call(`/api/v1/providers/${org!.provider_id}`), 404);
    expect((await call(`/providers/${org!.provider_id}`)).status).toBe(404);
    expect(await (await call("/api/v1/providers?q=Canal")).text()).not.toContain("Chats du Canal");
    expect(await (await call("/providers?q=Canal")).text()).not.toContain("Chats du Canal");

    // The page now shows the profile waiting for approval, and a second creation is a conflict.
    const after = await (await browser.fetch(`/orgs/${orgId}/provider?notice=created`)).text();
    expect(after).toContain('role="status"');
    expect(after).toContain(`action="/orgs/${orgId}/provider/edit"`);
    expect((await browser.post(`/orgs/${orgId}/provider`, PROFILE)).status).toBe(409);
  });

  it("re-renders the form with the fields at fault (400) and stores nothing", async () => {
    const orgId = await providerOrg("owner@bad-form.example");
    const browser = await signIn("owner@bad-form.example");
    const res = await browser.post(`/orgs/${orgId}/provider`, { ...PROFILE, name: "", contact_email: "nope", website: "https://bad-form.example" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="name-error"');
    expect(html).toContain('id="contact_email-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(await row("select provider_id from organisations where id = ? and provider_id is not null", orgId)).toBeNull();
  });

  it("refuses a key that is already in the catalogue (409) — claim it instead", async () => {
    await importedProvider("Taken", { website: "https://taken.example" });
    const orgId = await providerOrg("owner@taken-clash.example");
    const browser = await signIn("owner@taken-clash.example");
    const res = await browser.post(`/orgs/${orgId}/provider`, { ...PROFILE, website: "https://www.taken.example/" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("taken.example");
  });

  it("answers anonymous visitors with sign-in, members and outsiders with 403, other kinds with 409, cross-site posts with 403", async () => {
    const orgId = await providerOrg("owner@sec-profile.example", undefined, [{ email: "member@sec-profile.example", role: "member" }]);
    const anonymous = await call(`/orgs/${orgId}/provider`, { redirect: "manual" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toContain("/sign-in?next=");

    const member = await signIn("member@sec-profile.example");
    expect((await member.fetch(`/orgs/${orgId}/provider`)).status).toBe(403);
    expect((await member.post(`/orgs/${orgId}/provider`, PROFILE)).status).toBe(403);

    await providerOrg("other@sec-profile-other.example");
    const other = await signIn("other@sec-profile-other.example");
    expect((await other.fetch(`/orgs/${orgId}/provider`)).status).toBe(403);

    const memberOrg = await makeOrg({ kind: "member", members: [{ email: "asbl@sec-member.example", role: "owner" }] });
    const asbl = await signIn("asbl@sec-member.example");
    const wrongKind = await asbl.fetch(`/orgs/${memberOrg}/provider?lang=en`);
    expect(wrongKind.status).toBe(409);
    expect(await wrongKind.text()).toContain("This organisation is not a provider");

    const boss = await steward("steward@sec-profile.example");
    expect((await boss.fetch(`/orgs/${orgId}/provider`)).status).toBe(403);

    const owner = await signIn("owner@sec-profile.example");
    expect((await owner.post(`/orgs/${orgId}/provider`, PROFILE, CROSS_SITE)).status).toBe(403);
    expect(await row("select provider_id from organisations where id = ? and provider_id is not null", orgId)).toBeNull();
  });
});

describe("POST /orgs/:orgId/provider/claim (provider owners and admins)", () => {
  it("claims at once when the verified address shares the contact's domain", async () => {
    const { providerId } = await importedProvider("Chats du Domaine", { contactEmail: "contact@domaine.example" });
    const orgId = await providerOrg("ana@domaine.example");
    const browser = await signIn("ana@domaine.example");
    expect(await (await browser.fetch(`/orgs/${orgId}/provider?q=Domaine`)).text()).toContain("Chats du Domaine");
    await expectRedirect(await browser.post(`/orgs/${orgId}/provider/claim`, { provider_id: providerId }), `/orgs/${orgId}/provider?notice=claim_approved`);
    expect(await row("select provider_id from organisations where id = ?", orgId)).toEqual({ provider_id: providerId });
    expect(await row("select method, status from provider_claims where org_id = ?", orgId)).toEqual({ method: "domain", status: "approved" });
    expect(await row("select 1 as ok from audit_log where action = 'provider.claim' and subject_id = ?", providerId)).toEqual({ ok: 1 });

    // Managed now: nobody else may claim it, and imports may not overwrite it.
    const otherOrg = await providerOrg("bob@domaine.example");
    const bob = await signIn("bob@domaine.example");
    expect((await bob.post(`/orgs/${otherOrg}/provider/claim`, { provider_id: providerId })).status).toBe(409);
  });

  it("sends any other claim to the stewards (webmail addresses included), who approve it", async () => {
    const { providerId } = await importedProvider("Chats du Webmail", { contactEmail: "chats.webmail@gmail.com" });
    const orgId = await providerOrg("chats.owner@gmail.com");
    const browser = await signIn("chats.owner@gmail.com");
    await expectRedirect(await browser.post(`/orgs/${orgId}/provider/claim`, { provider_id: providerId, message: "C'est nous" }), `/orgs/${orgId}/provider?notice=claim_pending`);
    expect(await row("select provider_id from organisations where id = ?", orgId)).toEqual({ provider_id: null });
    const claim = await row<{ id: string; method: string; status: string }>("select id, method, status from provider_claims where org_id = ?", orgId);
    expect(claim).toMatchObject({ method: "steward", status: "pending" });
    expect((await browser.post(`/orgs/${orgId}/provider/claim`, { provider_id: providerId })).status).toBe(409);

    const boss = await steward("steward@claims.example");
    const queue = await (await boss.fetch("/admin/moderation")).text();
    expect(queue).toContain("Chats du Webmail");
    expect(queue).toContain("C&#39;est nous");
    await expectRedirect(await boss.post(`/admin/moderation/claims/${claim!.id}/approve`), "/admin/moderation?notice=approved");
    expect(await row("select provider_id from organisations where id = ?", orgId)).toEqual({ provider_id: providerId });
    const mail = await rows<{ recipient: string; kind: string }>("select recipient, kind from outbox where recipient = 'chats.owner@gmail.com' and kind = 'moderation_approved'");
    expect(mail).toHaveLength(1);
    expect((await boss.post(`/admin/moderation/claims/${claim!.id}/approve`)).status).toBe(409);
  });

  it("refuses a steward's approval when another organisation took the profile meanwhile (409)", async () => {
    const { providerId } = await importedProvider("Chats Disputés", { contactEmail: "contact@disputes.example" });
    const slowOrg = await providerOrg("slow@elsewhere.example");
    const slow = await signIn("slow@elsewhere.example");
    await slow.post(`/orgs/${slowOrg}/provider/claim`, { provider_id: providerId });
    const fastOrg = await providerOrg("fast@disputes.example");
    const fast = await signIn("fast@disputes.example");
    await fast.post(`/orgs/${fastOrg}/provider/claim`, { provider_id: providerId });
    const claim = await row<{ id: string }>("select id from provider_claims where org_id = ?", slowOrg);
    const boss = await steward("steward@disputes.example");
    expect((await boss.post(`/admin/moderation/claims/${claim!.id}/approve`)).status).toBe(409);
    expect(await row("select provider_id from organisations where id = ?", slowOrg)).toEqual({ provider_id: null });
  });
});

describe("POST /orgs/:orgId/provider/edit (provider owners and admins)", () => {
  it("applies non-material fields at once and submits material ones; a newer submission supersedes", async () => {
    const { providerId } = await importedProvider("Chats Édités", { contactEmail: "contact@edit.example", website: "https://edit.example" });
    const orgId = await providerOrg("owner@edit.example", providerId, [{ email: "admin@edit.example", role: "admin" }]);
    const admin = await signIn("admin@edit.example");
    const form = { ...PROFILE, legal_form: "OTHER", name: "Chats Édités", website: "https://edit.example", contact_email: "contact@edit.example", description: "Nouvelle description" };
    await expectRedirect(await admin.post(`/orgs/${orgId}/provider/edit`, form), `/orgs/${orgId}/provider?notice=applied`);
    expect(await row("select description, name from providers where id = ?", providerId)).toEqual({ description: "Nouvelle description", name: "Chats Édités" });

    await expectRedirect(await admin.post(`/orgs/${orgId}/provider/edit`, { ...form, name: "Chats Renommés" }), `/orgs/${orgId}/provider?notice=pending`);
    await admin.post(`/orgs/${orgId}/provider/edit`, { ...form, name: "Chats Re-renommés" });
    expect(await row("select name from providers where id = ?", providerId)).toEqual({ name: "Chats Édités" });
    const changes = await rows<{ status: string; payload: string }>("select status, payload from pending_changes where subject_id = ? order by created_at", providerId);
    expect(changes.map((c) => c.status)).toEqual(["superseded", "pending"]);
    expect(JSON.parse(changes[1]!.payload)).toMatchObject({ fields: ["name"], proposed: { name: "Chats Re-renommés" } });
    expect(await (await admin.fetch(`/orgs/${orgId}/provider`)).text()).toContain("Nom");

    // The public still sees the approved name; the audit records both edits.
    expect(await (await call(`/api/v1/providers/${providerId}`)).json()).toMatchObject({ name: "Chats Édités" });
    expect(await rows("select id from audit_log where action = 'provider.update' and subject_id = ?", providerId)).toHaveLength(3);
  });

  it("replaces the pending creation while the profile was never approved", async () => {
    const orgId = await providerOrg("owner@never.example");
    const browser = await signIn("owner@never.example");
    await browser.post(`/orgs/${orgId}/provider`, { ...PROFILE, name: "Jamais Validé", website: "https://never.example" });
    await expectRedirect(await browser.post(`/orgs/${orgId}/provider/edit`, { ...PROFILE, name: "Jamais Validé Bis", website: "https://never.example" }), `/orgs/${orgId}/provider?notice=pending`);
    const org = await row<{ provider_id: string }>("select provider_id from organisations where id = ?", orgId);
    const changes = await rows<{ kind: string; status: string; payload: string }>("select kind, status, payload from pending_changes where subject_id = ?", org!.provider_id);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "create", status: "pending" });
    expect(JSON.parse(changes[0]!.payload).proposed.name).toBe("Jamais Validé Bis");
  });

  it("answers 400 with the field, 409 without a profile, 403 cross-site", async () => {
    const { providerId } = await importedProvider("Chats Stricts", { website: "https://strict.example" });
    const orgId = await providerOrg("owner@strict.example", providerId);
    const browser = await signIn("owner@strict.example");
    const bad = await browser.post(`/orgs/${orgId}/provider/edit`, { ...PROFILE, country_code: "Belgique" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="country_code-error"');
    expect((await browser.post(`/orgs/${orgId}/provider/edit`, PROFILE, CROSS_SITE)).status).toBe(403);
    const bare = await providerOrg("owner@bare.example");
    const bareBrowser = await signIn("owner@bare.example");
    expect((await bareBrowser.post(`/orgs/${bare}/provider/edit`, PROFILE)).status).toBe(409);
  });
});

describe("imports and managed profiles", () => {
  it("refuses (409) to import over a profile an organisation manages, and stores nothing", async () => {
    const organization = "file.class = organization\norganization.name = Chats Gérés\norganization.website = https://geres.example\norganization.description = importé";
    const first = await postJson("/api/v1/import/chatonsinfos", { organization, services: [] });
    expect(first.status).toBe(201);
    const { provider_id } = (await first.json()) as { provider_id: string };
    expect(await row("select action from audit_log where action = 'catalog.import' and subject_id = ?", provider_id)).toEqual({ action: "catalog.import" });
    await providerOrg("owner@geres.example", provider_id);
    const again = await postJson("/api/v1/import/chatonsinfos", { organization: organization.replace("importé", "écrasé"), services: [] });
    expect((await problem(again, 409)).code).toBe("CONFLICT");
    expect(await row("select description from providers where id = ?", provider_id)).toEqual({ description: "importé" });
  });
});

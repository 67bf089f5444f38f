// The whole path: a provider adds an offer on its pages, a steward approves it in the moderation
// queue, it appears in the API and the directory; rejections; who may moderate.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mailTo, signIn } from "../../accounts/helpers";
import { call, json } from "../../helpers/http";
import { CROSS_SITE, expectRedirect, importedProvider, providerOrg, row, rows, steward } from "../manage/helpers";

const OFFER = { service: "mailbox", name: "Boîte Solidaire", description: "IMAP et webmail", pricing_model: "paid", amount: "2,50", period: "month", unit: "per_unit", setup_fee: "0", quota_mailboxes: "10", features: "imap, webmail", registration: "Member", load: "OPEN" };

describe("provider offer pages and the moderation queue", () => {
  it("a provider proposes an offer, a steward approves it, it appears in GET /api/v1/offers and the directory", async () => {
    const { providerId } = await importedProvider("Chats Solidaires", { website: "https://solidaires.example" });
    const orgId = await providerOrg("owner@solidaires.example", providerId);
    await env.DB.prepare("update organisations set language = 'nl' where id = ?").bind(orgId).run();
    const owner = await signIn("owner@solidaires.example");

    const form = await owner.fetch(`/orgs/${orgId}/offers/new`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<label for="amount">');
    const invalid = await owner.post(`/orgs/${orgId}/offers`, { ...OFFER, amount: "deux" });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('id="amount-error"');

    await expectRedirect(await owner.post(`/orgs/${orgId}/offers`, OFFER), `/orgs/${orgId}/offers?notice=offer_pending`);
    const offer = await row<{ id: string; status: string; amount_cents: number }>("select id, status, amount_cents from offers where name = 'Boîte Solidaire'");
    expect(offer).toMatchObject({ status: "pending", amount_cents: 250 });
    const list = await (await owner.fetch(`/orgs/${orgId}/offers`)).text();
    expect(list).toContain("Boîte Solidaire");
    expect(list).toContain("En attente de validation");
    const before = (await json(await call("/api/v1/offers?q=Solidaire"))).data.map((o: { id: string }) => o.id);
    expect(before).not.toContain(offer!.id);

    const boss = await steward("steward@solidaires.example");
    const queue = await (await boss.fetch("/admin/moderation?lang=en")).text();
    expect(queue).toContain("New offer: Boîte Solidaire");
    expect(queue).toContain('<th scope="row">Price</th>');
    const change = await row<{ id: string }>("select id from pending_changes where subject_id = ? and status = 'pending'", offer!.id);
    await expectRedirect(await boss.post(`/admin/moderation/changes/${change!.id}/approve`), "/admin/moderation?notice=approved");

    expect(await row("select status, version from offers where id = ?", offer!.id)).toEqual({ status: "published", version: 1 });
    const published = (await json(await call("/api/v1/offers?q=Solidaire"))).data;
    expect(published.map((o: { id: string }) => o.id)).toContain(offer!.id);
    expect(await (await call("/providers?q=Solidaires")).text()).toContain("Boîte Solidaire");
    expect(await (await call(`/providers/${providerId}`)).text()).toContain(`/offers/${offer!.id}/versions/1`);
    expect(await row("select status, decided_by is not null as decided from pending_changes where id = ?", change!.id)).toEqual({ status: "approved", decided: 1 });
    expect(await row("select 1 as ok from audit_log where action = 'change.approve' and subject_id = ?", offer!.id)).toEqual({ ok: 1 });
    const [mail] = await mailTo("owner@solidaires.example");
    expect(mail).toMatchObject({ kind: "moderation_approved", payload: { lang: "nl" } });
    expect(mail!.payload.subject).toBe("Goedgekeurd: Boîte Solidaire");

    // Approving twice is a conflict.
    expect((await boss.post(`/admin/moderation/changes/${change!.id}/approve`)).status).toBe(409);
  });

  it("approving a new profile makes it public; a rejection needs a reason and is mailed", async () => {
    const orgId = await providerOrg("owner@nouveaux.example");
    const owner = await signIn("owner@nouveaux.example");
    await owner.post(`/orgs/${orgId}/provider`, { name: "Chats Nouveaux", website: "https://nouveaux.example", legal_form: "ASSOCIATION", country_code: "BE" });
    const providerId = (await row<{ provider_id: string }>("select provider_id from organisations where id = ?", orgId))!.provider_id;
    await expectRedirect(await owner.post(`/orgs/${orgId}/offers`, { ...OFFER, name: "Mail Nouveau" }), /notice=offer_pending/);
    const offerId = (await row<{ id: string }>("select id from offers where provider_id = ?", providerId))!.id;

    const boss = await steward("steward@nouveaux.example");
    const offerChange = (await row<{ id: string }>("select id from pending_changes where subject_id = ?", offerId))!.id;
    const missing = await boss.post(`/admin/moderation/changes/${offerChange}/reject`, { reason: "  " });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain(`id="reason-${offerChange}-error"`);
    await expectRedirect(await boss.post(`/admin/moderation/changes/${offerChange}/reject`, { reason: "Prix incomplet" }), "/admin/moderation?notice=rejected");
    expect(await row("select status, reason from pending_changes where id = ?", offerChange)).toEqual({ status: "rejected", reason: "Prix incomplet" });
    expect(await row("select status from offers where id = ?", offerId)).toEqual({ status: "pending" });
    const [rejected] = await mailTo("owner@nouveaux.example");
    expect(rejected).toMatchObject({ kind: "moderation_rejected" });
    expect(rejected!.payload.text).toContain("Prix incomplet");

    const profileChange = (await row<{ id: string }>("select id from pending_changes where subject_id = ? and status = 'pending'", providerId))!.id;
    expect(await (await boss.fetch("/admin/moderation")).text()).toContain("Nouveau profil : Chats Nouveaux");
    await expectRedirect(await boss.post(`/admin/moderation/changes/${profileChange}/approve`), "/admin/moderation?notice=approved");
    expect(await row("select visibility from providers where id = ?", providerId)).toEqual({ visibility: "public" });
    expect(await json(await call(`/api/v1/providers/${providerId}`))).toMatchObject({ name: "Chats Nouveaux", offers: [] });
  });

  it("a material edit approved by a steward changes the offer and makes a new version; archive and un-archive", async () => {
    const { providerId, offerId } = await importedProvider("Chats Versionnés", { website: "https://versionnes.example" });
    const orgId = await providerOrg("owner@versionnes.example", providerId);
    const owner = await signIn("owner@versionnes.example");
    const edit = await owner.fetch(`/orgs/${orgId}/offers/${offerId}/edit`);
    expect(edit.status).toBe(200);
    await expectRedirect(await owner.post(`/orgs/${orgId}/offers/${offerId}`, { ...OFFER, name: "Chats Versionnés mail", amount: "4" }), `/orgs/${orgId}/offers?notice=pending`);
    const boss = await steward("steward@versionnes.example");
    const change = (await row<{ id: string }>("select id from pending_changes where subject_id = ? and status = 'pending'", offerId))!.id;
    const queue = await (await boss.fetch("/admin/moderation")).text();
    // The current price as money, no longer as JSON (issue 10: the queue reads per field).
    expect(queue).toMatch(/Prix<\/th><td>3,00\s€ par mois<\/td>/);
    await boss.post(`/admin/moderation/changes/${change}/approve`);
    expect(await json(await call(`/api/v1/offers/${offerId}`))).toMatchObject({ pricing: { amount_cents: 400 } });
    const v1 = await json(await call(`/api/v1/offers/${offerId}/versions/1`));
    expect(v1.snapshot.pricing.amount_cents).toBe(300);
    const page = await (await call(`/offers/${offerId}/versions/1?lang=en`)).text();
    expect(page).toContain("A newer version exists");

    await expectRedirect(await owner.post(`/orgs/${orgId}/offers/${offerId}/archive`), `/orgs/${orgId}/offers?notice=archived`);
    expect((await json(await call("/api/v1/offers?q=Versionn"))).data).toEqual([]);
    await expectRedirect(await owner.post(`/orgs/${orgId}/offers/${offerId}/unarchive`), `/orgs/${orgId}/offers?notice=unarchive_pending`);
    const back = (await row<{ id: string }>("select id from pending_changes where subject_id = ? and status = 'pending'", offerId))!.id;
    await boss.post(`/admin/moderation/changes/${back}/approve`);
    expect(await row("select status from offers where id = ?", offerId)).toEqual({ status: "published" });
    // import → the provider's immediate fields → the steward's approval; re-publishing the same content adds none.
    const sources = (await json(await call(`/api/v1/offers/${offerId}/versions`))).data.map((v: { source: string }) => v.source);
    expect(sources).toEqual(["steward", "provider", "import"]);
  });

  it("offer pages: 404 for another provider's offer, 409 without a profile, 403 cross-site and for members", async () => {
    const { providerId, offerId } = await importedProvider("Chats Gardés", { website: "https://gardes.example" });
    const { offerId: foreign } = await importedProvider("Chats Étrangers", { website: "https://etrangers.example" });
    const orgId = await providerOrg("owner@gardes.example", providerId, [{ email: "member@gardes.example", role: "member" }]);
    const owner = await signIn("owner@gardes.example");
    expect((await owner.fetch(`/orgs/${orgId}/offers/${foreign}/edit`)).status).toBe(404);
    expect((await owner.post(`/orgs/${orgId}/offers/${foreign}/archive`)).status).toBe(404);
    expect((await owner.post(`/orgs/${orgId}/offers/${offerId}/archive`, {}, CROSS_SITE)).status).toBe(403);
    expect((await owner.post(`/orgs/${orgId}/offers`, OFFER, CROSS_SITE)).status).toBe(403);
    const member = await signIn("member@gardes.example");
    expect((await member.fetch(`/orgs/${orgId}/offers`)).status).toBe(403);
    expect((await member.post(`/orgs/${orgId}/offers/${offerId}/archive`)).status).toBe(403);
    expect((await call(`/orgs/${orgId}/offers`, { redirect: "manual" })).status).toBe(303);
    const bare = await providerOrg("owner@sans-profil.example");
    const bareOwner = await signIn("owner@sans-profil.example");
    expect((await bareOwner.fetch(`/orgs/${bare}/offers`)).status).toBe(409);
    expect(await row("select status from offers where id = ?", offerId)).toEqual({ status: "published" });
  });

  it("the queue is for stewards only: anonymous → sign-in, others → 403, cross-site → 403", async () => {
    expect((await call("/admin/moderation", { redirect: "manual" })).status).toBe(303);
    await providerOrg("owner@not-steward.example");
    const owner = await signIn("owner@not-steward.example");
    expect((await owner.fetch("/admin/moderation")).status).toBe(403);
    expect((await owner.post("/admin/moderation/changes/chg_x/approve")).status).toBe(403);
    expect((await owner.post("/admin/moderation/claims/clm_x/reject", { reason: "x" })).status).toBe(403);
    const boss = await steward("steward@cross.example");
    expect((await boss.post("/admin/moderation/changes/chg_x/approve", {}, CROSS_SITE)).status).toBe(403);
    expect((await boss.post("/admin/moderation/changes/chg_unknown/approve")).status).toBe(404);
    expect((await rows("select 1 from pending_changes where status = 'approved' and decided_by is null")).length).toBe(0);
  });
});

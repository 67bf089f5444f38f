// Issue 10 items 3 and 4 through the worker: the feature vocabulary on the provider API, the offer form,
// the importers, matching and the data migration; unsafe links refused by the forms, the API and the
// importers, never served, and an offer's website change waiting for a steward.
import { applyD1Migrations, env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../accounts/helpers";
import { BASE, call, json, postJson, problem } from "../helpers/http";
import { apiKey, bearer } from "../helpers/people";
import { importedProvider, providerOrg, row } from "./manage/helpers";

declare global {
  namespace Cloudflare {
    interface Env {
      RESTORE_DB: D1Database;
    }
  }
}

let providerId: string;
let offerId: string;
let orgId: string;
let key: string;
const send = (method: string, path: string, body: unknown) => call(path, { method, headers: { "content-type": "application/json", ...bearer(key) }, body: JSON.stringify(body) });

beforeAll(async () => {
  ({ providerId, offerId } = await importedProvider("Chats Vocab", { website: "https://vocab.example" }));
  orgId = await providerOrg("owner@vocab.example", providerId);
  key = await apiKey({ email: "owner@vocab.example", orgId, scopes: ["offers:write"] });
});

describe("the provider API", () => {
  it("answers 400 naming an unknown feature code, with the allowed ones, and stores nothing", async () => {
    const bad = await problem(await send("POST", `/api/v1/providers/${providerId}/offers`, { service: "mailbox", name: "Spam", features: ["imap", "spam"] }), 400);
    expect(bad.errors).toEqual([{ field: "features.1", message: expect.stringMatching(/"spam".*allowed: .*antispam/) }]);
    expect(await row("select count(*) as n from offers where name = 'Spam'")).toEqual({ n: 0 });
    const patch = await problem(await send("PATCH", `/api/v1/offers/${offerId}`, { features: ["wordpress"] }), 400);
    expect(patch.errors).toEqual([{ field: "features.0", message: expect.stringMatching(/not a feature of mailbox: "wordpress"; allowed: imap/) }]);
    const ok = await send("POST", `/api/v1/providers/${providerId}/offers`, { service: "mailbox", name: "Codes", features: ["imap", "antispam"], tags: ["Support 24/7"] });
    expect(ok.status).toBe(202);
  });

  it("refuses a javascript: website on PATCH (400 naming it) and moderates a real change of website", async () => {
    for (const url of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]) {
      const bad = await problem(await send("PATCH", `/api/v1/offers/${offerId}`, { website: url }), 400);
      expect(bad.errors?.map((e) => e.field)).toEqual(["website"]);
    }
    const badSoftware = await problem(await send("PATCH", `/api/v1/offers/${offerId}`, { software: { source_url: "javascript:alert(1)" } }), 400);
    expect(badSoftware.errors?.map((e) => e.field)).toEqual(["software.source_url"]);
    const res = await send("PATCH", `/api/v1/offers/${offerId}`, { website: "https://new.vocab.example" });
    expect(res.status).toBe(202);
    expect(await json(res)).toMatchObject({ state: "pending", pending: ["website"], applied: [] });
    expect(await row("select website from offers where id = ?", offerId)).toEqual({ website: null });
    expect((await json(await call(`/api/v1/offers/${offerId}`))).website).toBeNull();
  });
});

describe("the pages' forms", () => {
  it("refuses unsafe links with a translated message naming the field", async () => {
    const browser = await signIn("owner@vocab.example");
    const profile = { name: "Chats Vocab", legal_form: "OTHER", website: "javascript:alert(1)", contact_email: "", country_code: "BE", languages: "fr" };
    const fr = await browser.post(`/orgs/${orgId}/provider/edit`, profile);
    expect(fr.status).toBe(400);
    const html = await fr.text();
    expect(html).toContain("« Site web » doit être une adresse web qui commence par https://");
    expect(html).not.toContain('href="javascript:');
    const en = await browser.post(`/orgs/${orgId}/provider/edit?lang=en`, profile);
    expect(await en.text()).toMatch(/“[^”]+” must be a web address starting with https:\/\//);
    const offer = await browser.post(`/orgs/${orgId}/offers?lang=fr`, { service: "mailbox", name: "Lien", website: "javascript:alert(1)" });
    expect(offer.status).toBe(400);
    expect(await offer.text()).toMatch(/« [^»]+ » doit être une adresse web/);
    expect(await row("select count(*) as n from offers where name = 'Lien'")).toEqual({ n: 0 });
  });

  it("offers the vocabulary as checkboxes, posts several of them, keeps free tags and refuses another kind's code", async () => {
    const browser = await signIn("owner@vocab.example");
    const form = await (await browser.fetch(`/orgs/${orgId}/offers/new`)).text();
    expect(form).toMatch(/<input type="checkbox" id="features-mailbox-antispam" name="features" value="antispam"/);
    expect(form).toContain("Filtre antispam");
    const post = (pairs: [string, string][]) =>
      browser.fetch(`/orgs/${orgId}/offers`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, "sec-fetch-site": "same-origin" }, body: new URLSearchParams(pairs).toString() });
    const ok = await post([["service", "mailbox"], ["name", "Cases"], ["features", "imap"], ["features", "antispam"], ["tags", "Support 24/7, formation"]]);
    expect(ok.status).toBe(303);
    expect(await row("select features, tags from offers where name = 'Cases'")).toEqual({ features: '["imap","antispam"]', tags: '["Support 24/7","formation"]' });
    const bad = await post([["service", "mailbox"], ["name", "Mauvais"], ["features", "wordpress"]]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("cochez seulement des fonctionnalités du type de service choisi");
  });
});

describe("imports", () => {
  const organization = ["file.class = organization", "organization.name = Chats Importés", "organization.website = https://importes.example", "organization.logo = javascript:alert(1)"].join("\n");
  const mail = ["file.class = service", "service.name = Courriel", "software.name = Dovecot", "chatiere.service.kind = mailbox", "chatiere.features = IMAP, spam filter, Agenda, support 24/7", "service.website = javascript:alert(1)"].join("\n");

  it("maps known words to codes, keeps the rest as tags that never exclude, and drops unsafe links", async () => {
    const res = await postJson("/api/v1/import/chatonsinfos", { organization, services: [mail] });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.warnings.join("\n")).toMatch(/organization\.logo.*not an http\(s\) URL/);
    expect(body.warnings.join("\n")).toMatch(/service\.website.*not an http\(s\) URL/);
    const offer = await row<{ features: string; tags: string; website: string | null }>("select features, tags, website from offers where provider_id = ?", body.provider_id);
    expect(offer).toEqual({ features: '["imap","antispam","caldav"]', tags: '["support 24/7"]', website: null });
    expect(await row("select logo_url from providers where id = ?", body.provider_id)).toEqual({ logo_url: null });

    // Asking for antispam finds it; its tag is never required of anyone.
    const match = await json(await postJson("/api/v1/match?lang=en&reasons=all", { needs: [{ service: "mailbox", quantity: 1, features: ["antispam", "caldav"] }], constraints: { accepting_only: false } }, {}));
    expect(match.bundles.flatMap((b: { items: { offer_id: string }[] }) => b.items.map((i) => i.offer_id)).length).toBeGreaterThan(0);
    const excluded = match.excluded.find((e: { reasons?: string[]; message: string }) => e.reasons?.includes("missing_feature"));
    expect(excluded?.message ?? "").not.toMatch(/antispam|caldav/);
  });

  it("refuses an unknown feature in the needs with 400 naming it", async () => {
    const bad = await problem(await postJson("/api/v1/match", { needs: [{ service: "web_hosting", features: ["wordpress", "word press"] }] }, {}), 400);
    expect(bad.errors?.map((e) => e.field)).toContain("needs.0.features.1");
  });
});

describe("stored data", () => {
  it("never serves nor links a javascript: URL stored before the check", async () => {
    const { providerId: id } = await importedProvider("Chats Anciens", { website: "https://anciens.example" });
    await env.DB.prepare("update providers set website = 'javascript:alert(1)', logo_url = 'javascript:alert(2)' where id = ?").bind(id).run();
    const api = await json(await call(`/api/v1/providers/${id}`));
    expect([api.website, api.logo_url]).toEqual([null, null]);
    const page = await (await call(`/providers/${id}`)).text();
    expect(page).not.toContain("javascript:");
  });

  it("migrates free-text features to codes and keeps the rest as tags", async () => {
    const db = env.RESTORE_DB;
    const before = env.TEST_MIGRATIONS.filter((m) => m.name < "0008");
    await applyD1Migrations(db, before);
    const at = "2026-01-01T00:00:00.000Z";
    await db.prepare("insert into providers (id, external_key, name, created_at, updated_at) values ('prv_old', 'old.example', 'Ancien', ?, ?)").bind(at, at).run();
    const offer = (id: string, service: string, features: string[]) =>
      db.prepare("insert into offers (id, provider_id, external_key, service, name, features, quotas, created_at, updated_at) values (?, 'prv_old', ?, ?, 'x', ?, '{}', ?, ?)").bind(id, id, service, JSON.stringify(features), at, at).run();
    await offer("off_mail", "mailbox", ["spam", "filter", "imap", "spam_filter", "wordpress", "calendar"]);
    await offer("off_list", "mailing_list", ["archives", "imap"]);
    await offer("off_other", "forum", ["wordpress", "whatever"]);
    await applyD1Migrations(db, env.TEST_MIGRATIONS);
    const got = (await db.prepare("select id, features, tags from offers order by id").all<{ id: string; features: string; tags: string }>()).results;
    expect(got.map((r) => [r.id, JSON.parse(r.features), JSON.parse(r.tags)])).toEqual([
      ["off_list", ["archives"], ["imap"]],
      ["off_mail", ["antispam", "imap", "caldav"], ["filter", "wordpress"]],
      ["off_other", ["wordpress"], ["whatever"]],
    ]);
    // Its working tables are gone.
    expect((await db.prepare("select name from sqlite_master where name in ('_feature_words', '_kind_features')").all()).results).toEqual([]);
  });
});

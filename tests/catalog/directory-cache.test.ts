// The directory's per-isolate cache (src/catalog/directory-cache.ts): the catalogue's version (a random
// token) changes on every write to providers and offers (SQLite triggers, whoever writes), a page is
// reused only for the version it was read at, and every write path that changes what the directory
// shows — profile creation and its approval, an offer added and approved, edited, archived, a profile
// edit, a re-import, a steward's SQL, a deletion — shows in the directory at once. With the production
// window (CATALOG_RECHECK_MS, 1 s) a write request served by this isolate forces a re-read.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { cachedPage, catalogWrites } from "../../src/catalog/directory-cache";
import { catalogVersion } from "../../src/catalog/version";
import { signIn } from "../accounts/helpers";
import { seed } from "../helpers/catalog";
import { BASE, call, json } from "../helpers/http";
import { apiKey, bearer } from "../helpers/people";
import { expectRedirect, importedProvider, providerOrg, row, steward } from "./manage/helpers";

/** The names on a directory page, read twice: the second read is the cached page (or a re-read after a write). */
async function names(query: string) {
  const read = async () => (await json<{ data: { name: string }[] }>(await call(`/api/v1/providers${query}`))).data.map((p) => p.name);
  const first = await read();
  expect(await read()).toEqual(first);
  return first;
}

describe("the catalogue's version", () => {
  it("changes on every insert, update and delete of providers and offers, and on nothing else", async () => {
    const seen = new Set<string>();
    const next = async () => {
      const v = await catalogVersion(env.DB);
      expect(v).toMatch(/^[0-9a-f]{16}$/);
      expect(seen.has(v)).toBe(false);
      seen.add(v);
      return v;
    };
    const { providerId, offerId } = await importedProvider("Chats Version");
    await next();
    await env.DB.prepare("update offers set description = 'x' where id = ?").bind(offerId).run();
    await next();
    await env.DB.prepare("update providers set description = 'y' where id = ?").bind(providerId).run();
    const v = await next();
    // A table the directory does not read leaves it alone.
    await env.DB.prepare("insert into audit_log (id, action, subject_type, subject_id, detail) values ('aud_version', 'x', 'provider', ?, '{}')").bind(providerId).run();
    expect(await catalogVersion(env.DB)).toBe(v);
    await env.DB.batch([env.DB.prepare("delete from offer_versions where offer_id = ?").bind(offerId), env.DB.prepare("delete from offers where id = ?").bind(offerId)]);
    await next();
    await env.DB.prepare("delete from providers where id = ?").bind(providerId).run();
    await next();
    expect(await env.DB.prepare("select count(*) as n from catalog_version").first()).toEqual({ n: 1 });
  });
});

describe("cachedPage", () => {
  it("reuses a page for its version only", async () => {
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cachedPage(env.DB, "k-version", 0, load)).toEqual({ n: 1 });
    expect(await cachedPage(env.DB, "k-version", 0, load)).toEqual({ n: 1 });
    expect(await cachedPage(env.DB, "k-other", 0, load)).toEqual({ n: 2 }); // another query, another page
    await importedProvider("Chats Bump");
    expect(await cachedPage(env.DB, "k-version", 0, load)).toEqual({ n: 3 });
    expect(await cachedPage(env.DB, "k-other", 0, load)).toEqual({ n: 4 });
  });

  it("with a window, re-reads the version only when it has passed or after a write request here", async () => {
    let loads = 0;
    const load = async () => ({ n: ++loads });
    // The D1 binding, counting the statements prepared on it (the version reads).
    let reads = 0;
    const counted = { prepare: (sql: string) => (reads++, env.DB.prepare(sql)) } as D1Database;
    const app = new Hono<{ Bindings: { DB: D1Database } }>().use("*", catalogWrites).all("/", (c) => c.text("ok"));
    const request = async (method: string) => {
      const ctx = createExecutionContext();
      await app.fetch(new Request("https://x.test/", { method }), { DB: counted }, ctx);
      await waitOnExecutionContext(ctx); // what the isolate runs after the answer
    };

    await cachedPage(env.DB, "k-window-warm", 0, async () => ({})); // a page in memory, the version read
    await request("POST"); // and read again after a write request, as the rest of this test does
    reads = 0;
    expect(await cachedPage(counted, "k-window", 60_000, load)).toEqual({ n: 1 });
    expect(reads).toBe(0); // read within the window already
    await importedProvider("Chats Window"); // written by another isolate, say
    expect(await cachedPage(counted, "k-window", 60_000, load)).toEqual({ n: 1 }); // stale within the window
    await request("GET");
    expect(await cachedPage(counted, "k-window", 60_000, load)).toEqual({ n: 1 }); // a read changes nothing
    expect(reads).toBe(0);
    // A write request here: the version is read after its answer, so the next page read needs no D1.
    await request("POST");
    expect(reads).toBe(1);
    expect(await cachedPage(counted, "k-window", 60_000, load)).toEqual({ n: 2 });
    expect(reads).toBe(1);
    // A POST that writes nothing (the match API) leaves the pages alone.
    await request("POST");
    expect(await cachedPage(counted, "k-window", 60_000, load)).toEqual({ n: 2 });
    expect(reads).toBe(2);
    // A failed write request may have written before failing, and without an execution context the
    // next page read re-reads the version itself if the one started after the answer is not in yet.
    await importedProvider("Chats Window Bis");
    await new Hono().use("*", catalogWrites).post("/", () => { throw new Error("boom"); }).request("/", { method: "POST" }, { DB: counted });
    expect(await cachedPage(counted, "k-window", 60_000, load)).toEqual({ n: 3 });
  });
});

describe("GET /api/v1/providers through the cache: every write path shows at once", () => {
  const OFFER = { service: "mailbox", name: "Boîte Cachée", description: "IMAP", pricing_model: "paid", amount: "2,50", period: "month", unit: "per_unit", setup_fee: "0", quota_mailboxes: "10", features: "imap", registration: "Member", load: "OPEN" };

  it("a profile created then approved, an offer added then approved, a profile edit", async () => {
    const orgId = await providerOrg("owner@cache-new.example");
    const owner = await signIn("owner@cache-new.example");
    const boss = await steward("steward@cache-new.example");
    expect(await names("?q=Cache%20Neuf")).toEqual([]);
    await expectRedirect(await owner.post(`/orgs/${orgId}/provider`, { name: "Chats Cache Neuf", website: "https://cache-new.example", legal_form: "ASSOCIATION", country_code: "BE" }), /notice=created/);
    expect(await names("?q=Cache%20Neuf")).toEqual([]); // pending: still invisible
    const providerId = (await row<{ provider_id: string }>("select provider_id from organisations where id = ?", orgId))!.provider_id;
    const profile = (await row<{ id: string }>("select id from pending_changes where subject_id = ? and status = 'pending'", providerId))!.id;
    await expectRedirect(await boss.post(`/admin/moderation/changes/${profile}/approve`), /notice=approved/);
    expect(await names("?q=Cache%20Neuf")).toEqual(["Chats Cache Neuf"]);

    expect(await names("?q=Cache%20Neuf&service=mailbox")).toEqual([]);
    await expectRedirect(await owner.post(`/orgs/${orgId}/offers`, OFFER), /notice=offer_pending/);
    expect(await names("?q=Cache%20Neuf&service=mailbox")).toEqual([]); // the offer waits for a steward
    const offerId = (await row<{ id: string }>("select id from offers where provider_id = ?", providerId))!.id;
    const change = (await row<{ id: string }>("select id from pending_changes where subject_id = ? and status = 'pending'", offerId))!.id;
    await expectRedirect(await boss.post(`/admin/moderation/changes/${change}/approve`), /notice=approved/);
    expect(await names("?q=Cache%20Neuf&service=mailbox")).toEqual(["Chats Cache Neuf"]);

    // A non-material edit applies at once: the directory's search finds the new description.
    expect(await names("?q=Gouttière")).toEqual([]);
    const form = { name: "Chats Cache Neuf", website: "https://cache-new.example", legal_form: "ASSOCIATION", country_code: "BE", description: "Sous la gouttière" };
    await expectRedirect(await owner.post(`/orgs/${orgId}/provider/edit`, form), /notice=applied/);
    expect(await names("?q=Gouttière")).toEqual(["Chats Cache Neuf"]);
  });

  it("an offer edited, archived and added by API, a re-import, a steward's SQL and a deletion", async () => {
    const { providerId, offerId } = await importedProvider("Chats Directory");
    const orgId = await providerOrg("owner@chats-directory.example", providerId);
    const key = await apiKey({ email: "owner@chats-directory.example", orgId, scopes: ["offers:write"] });
    const send = (path: string, method: string, body?: unknown) =>
      call(path, { method, headers: { ...bearer(key), "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const accepting = "?service=mailbox&accepting=true&q=Chats%20Directory";
    expect(await names(accepting)).toEqual(["Chats Directory"]);
    const full = await send(`/api/v1/offers/${offerId}`, "PATCH", { load: "FULL" });
    expect(full.status, await full.clone().text()).toBe(200);
    expect(await names(accepting)).toEqual([]); // the offer is full now
    expect(await names("?service=mailbox&q=Chats%20Directory")).toEqual(["Chats Directory"]);

    const archived = await send(`/api/v1/offers/${offerId}/archive`, "POST");
    expect(archived.status, await archived.clone().text()).toBe(200);
    expect(await names("?service=mailbox&q=Chats%20Directory")).toEqual([]);

    expect(await names("?service=web_hosting&q=Chats%20Directory")).toEqual([]);
    const added = await send(`/api/v1/providers/${providerId}/offers`, "POST", { service: "web_hosting", name: "Sites", pricing: { model: "free" } });
    expect(added.status, await added.clone().text()).toBe(202);
    expect(await names("?service=web_hosting&q=Chats%20Directory")).toEqual([]); // waits for a steward (approval: the test above)

    // Moderation's visibility, written as a steward's SQL would: gone from every page at once.
    await env.DB.prepare("update providers set visibility = 'pending' where id = ?").bind(providerId).run();
    expect(await names("?q=Chats%20Directory")).toEqual([]);
    await env.DB.prepare("update providers set visibility = 'public' where id = ?").bind(providerId).run();
    expect(await names("?q=Chats%20Directory")).toEqual(["Chats Directory"]);

    // A re-import (the importers' upsert of a provider no organisation manages) renames it; then a
    // deletion (no route deletes a provider; a steward's SQL may).
    const { providerId: doomed } = await importedProvider("Chats Supprimés");
    expect(await names("?q=Chats%20Supprim")).toEqual(["Chats Supprimés"]);
    await seed({ key: "chats-supprim-s", provider: { name: "Chats Supprimés Réimportés", country_code: "BE" } });
    expect(await names("?q=Chats%20Supprim")).toEqual(["Chats Supprimés Réimportés"]);
    await env.DB.batch([
      env.DB.prepare("delete from offer_versions where offer_id in (select id from offers where provider_id = ?)").bind(doomed),
      env.DB.prepare("delete from offers where provider_id = ?").bind(doomed),
      env.DB.prepare("delete from providers where id = ?").bind(doomed),
    ]);
    expect(await names("?q=Chats%20Supprim")).toEqual([]);
  });

  it("with the production window, a write through this isolate shows on its next read", async () => {
    const { providerId, offerId } = await importedProvider("Chats Fenêtre");
    const orgId = await providerOrg("owner@chats-fenetre.example", providerId);
    const key = await apiKey({ email: "owner@chats-fenetre.example", orgId, scopes: ["offers:write"] });
    const app = createApp();
    const production = { ...env, CATALOG_RECHECK_MS: "60000" };
    const fetch = (path: string, init?: RequestInit) => app.fetch(new Request(`${BASE}${path}`, init), production, createExecutionContext());
    const accepting = async () => (await json<{ data: { name: string }[] }>(await fetch("/api/v1/providers?accepting=true&q=Fen%C3%AAtre"))).data.map((p) => p.name);
    expect(await accepting()).toEqual(["Chats Fenêtre"]);
    expect(await accepting()).toEqual(["Chats Fenêtre"]);
    const res = await fetch(`/api/v1/offers/${offerId}`, { method: "PATCH", headers: { ...bearer(key), "content-type": "application/json" }, body: JSON.stringify({ load: "FULL" }) });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await accepting()).toEqual([]);
  });
});

describe("GET /api/v1/providers: the cached reply", () => {
  it("is the same JSON, with its content type, as the page read from D1; a bad query is still a 400 naming the field", async () => {
    await importedProvider("Chats Octets");
    const first = await call("/api/v1/providers?q=Octets");
    const second = await call("/api/v1/providers?q=Octets");
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    expect(second.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await first.text();
    expect(await second.text()).toBe(body);
    expect(JSON.parse(body)).toMatchObject({ data: [{ name: "Chats Octets" }], next_cursor: null });
    const bad = await call("/api/v1/providers?limit=0");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(await bad.json())).toContain("limit");
  });
});

// The directory's per-isolate cache (src/catalog/directory-cache.ts): the catalogue's version moves on
// every write to providers and offers (SQLite triggers, whoever writes), a page is reused only for the
// version it was read at, an edit or a moderation decision shows in the directory at once, and with the
// production window (CATALOG_RECHECK_MS, 1 s) a write request served by this isolate forces a re-read.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { cachedPage, catalogVersion, catalogWrites } from "../../src/catalog/directory-cache";
import { Hono } from "hono";
import { call, json } from "../helpers/http";
import { apiKey, bearer } from "../helpers/people";
import { importedProvider, providerOrg } from "./manage/helpers";

const names = async (query: string) => (await json<{ data: { name: string }[] }>(await call(`/api/v1/providers${query}`))).data.map((p) => p.name);

describe("the catalogue's version", () => {
  it("moves on every insert, update and delete of providers and offers", async () => {
    const v0 = await catalogVersion(env.DB);
    const { providerId, offerId } = await importedProvider("Chats Version");
    const v1 = await catalogVersion(env.DB);
    expect(v1).toBeGreaterThan(v0);
    await env.DB.prepare("update offers set description = 'x' where id = ?").bind(offerId).run();
    const v2 = await catalogVersion(env.DB);
    expect(v2).toBe(v1 + 1);
    await env.DB.prepare("update providers set description = 'y' where id = ?").bind(providerId).run();
    expect(await catalogVersion(env.DB)).toBe(v2 + 1);
    await env.DB.batch([env.DB.prepare("delete from offer_versions where offer_id = ?").bind(offerId), env.DB.prepare("delete from offers where id = ?").bind(offerId)]);
    expect(await catalogVersion(env.DB)).toBe(v2 + 2);
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
  });

  it("with a window, re-reads the version only when it has passed or after a write request here", async () => {
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cachedPage(env.DB, "k-window", 60_000, load)).toEqual({ n: 1 });
    await importedProvider("Chats Window"); // written by another isolate, say
    expect(await cachedPage(env.DB, "k-window", 60_000, load)).toEqual({ n: 1 }); // stale within the window
    const app = new Hono().use("*", catalogWrites).all("/", (c) => c.text("ok"));
    await app.request("/", { method: "GET" });
    expect(await cachedPage(env.DB, "k-window", 60_000, load)).toEqual({ n: 1 }); // a read changes nothing
    await app.request("/", { method: "POST" });
    expect(await cachedPage(env.DB, "k-window", 60_000, load)).toEqual({ n: 2 });
  });
});

describe("GET /api/v1/providers through the cache", () => {
  it("shows an offer edit and a moderation decision at once", async () => {
    const { providerId, offerId } = await importedProvider("Chats Directory");
    const orgId = await providerOrg("owner@chats-directory.example", providerId);
    const key = await apiKey({ email: "owner@chats-directory.example", orgId, scopes: ["offers:write"] });
    const query = "?service=mailbox&accepting=true&q=Chats%20Directory";
    expect(await names(query)).toEqual(["Chats Directory"]);
    expect(await names(query)).toEqual(["Chats Directory"]); // served from the cache
    const res = await call(`/api/v1/offers/${offerId}`, { method: "PATCH", headers: { ...bearer(key), "content-type": "application/json" }, body: JSON.stringify({ load: "FULL" }) });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await names(query)).toEqual([]); // the offer is full now
    expect(await names("?q=Chats%20Directory")).toEqual(["Chats Directory"]);
    // Back to pending (moderation's write, as SQL): gone from every page at once.
    await env.DB.prepare("update providers set visibility = 'pending' where id = ?").bind(providerId).run();
    expect(await names("?q=Chats%20Directory")).toEqual([]);
  });
});

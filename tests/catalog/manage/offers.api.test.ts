// The provider offers API: POST /providers/{providerId}/offers, PATCH /offers/{offerId},
// POST /offers/{offerId}/archive, GET /providers/{providerId}/changes — by key (offers:write) or session.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../accounts/helpers";
import { call, json, problem, STEWARD } from "../../helpers/http";
import { apiKey, bearer, makeOrg } from "../../helpers/people";
import { importedProvider, providerOrg, row, rows } from "./helpers";

let providerId: string;
let offerId: string;
let orgId: string;
let key: string;

const send = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
  call(path, { method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  ({ providerId, offerId } = await importedProvider("Chats API", { website: "https://api-chats.example" }));
  orgId = await providerOrg("owner@api-chats.example", providerId, [{ email: "member@api-chats.example", role: "member" }]);
  key = await apiKey({ email: "owner@api-chats.example", orgId, scopes: ["offers:write"] });
});

describe("POST /api/v1/providers/{providerId}/offers (provider)", () => {
  it("creates a pending offer (202 with the change) that is not public", async () => {
    const res = await send("POST", `/api/v1/providers/${providerId}/offers`, { service: "mailing_list", name: "Listes", pricing: { model: "free" } }, bearer(key));
    expect(res.status).toBe(202);
    const body = await json(res);
    expect(body).toMatchObject({ state: "pending", change: { subject_type: "offer", kind: "create", status: "pending" } });
    expect(await row("select status, external_key from offers where id = ?", body.offer_id)).toEqual({ status: "pending", external_key: "listes" });
    await problem(await call(`/api/v1/offers/${body.offer_id}`), 404);
    expect((await json(await call("/api/v1/offers?service=mailing_list"))).data).toEqual([]);
    expect(await row("select actor_key_id is not null as by_key from audit_log where action = 'offer.create' and subject_id = ?", body.offer_id)).toEqual({ by_key: 1 });
  });

  it("works with the owner's session too", async () => {
    const browser = await signIn("owner@api-chats.example");
    const res = await browser.fetch(`/api/v1/providers/${providerId}/offers`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ service: "chat", name: "Discussion" }) });
    expect(res.status).toBe(202);
  });

  it("answers 400 naming the field, 409 for a taken key, 415 for a form body", async () => {
    const bad = await problem(await send("POST", `/api/v1/providers/${providerId}/offers`, { service: "Mail Box", name: "" }, bearer(key)), 400);
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(["name", "service"]);
    await send("POST", `/api/v1/providers/${providerId}/offers`, { service: "chat", name: "Chat", key: "chat-1" }, bearer(key));
    await problem(await send("POST", `/api/v1/providers/${providerId}/offers`, { service: "chat", name: "Chat", key: "chat-1" }, bearer(key)), 409);
    await problem(await call(`/api/v1/providers/${providerId}/offers`, { method: "POST", headers: { ...bearer(key), "content-type": "application/x-www-form-urlencoded" }, body: "name=x" }), 415);
  });
});

describe("PATCH /api/v1/offers/{offerId} (provider)", () => {
  it("applies non-material fields at once (200) with a new version, the old one still readable", async () => {
    const before = await json(await call(`/api/v1/offers/${offerId}/versions`));
    expect(before.data).toHaveLength(1);
    const res = await send("PATCH", `/api/v1/offers/${offerId}`, { description: "Boîtes IMAP", load: "FULL" }, bearer(key));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await json(res)).toMatchObject({ state: "applied", applied: ["description", "load"], pending: [], change: null });
    expect(await json(await call(`/api/v1/offers/${offerId}`))).toMatchObject({ description: "Boîtes IMAP", load: "FULL" });
    const after = await json(await call(`/api/v1/offers/${offerId}/versions`));
    expect(after.data.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([[2, "provider"], [1, "import"]]);
    const v1 = await json(await call(`/api/v1/offers/${offerId}/versions/1`));
    expect(v1).toMatchObject({ version: 1, latest: 2, snapshot: { id: offerId, description: "", load: "OPEN" } });
  });

  it("submits material fields (202) and keeps the public offer as it was", async () => {
    const res = await send("PATCH", `/api/v1/offers/${offerId}`, { pricing: { amount_cents: 500 } }, bearer(key));
    expect(res.status).toBe(202);
    expect(await json(res)).toMatchObject({ state: "pending", pending: ["pricing"], change: { kind: "update", fields: ["pricing"] } });
    expect(await json(await call(`/api/v1/offers/${offerId}`))).toMatchObject({ pricing: { amount_cents: 300, model: "paid" } });
  });

  it("answers 400 naming the field, and stores nothing", async () => {
    const bad = await problem(await send("PATCH", `/api/v1/offers/${offerId}`, { pricing: { amount_cents: -1 } }, bearer(key)), 400);
    expect(bad.errors?.[0]?.field).toBe("pricing.amount_cents");
    const unknown = await problem(await send("PATCH", `/api/v1/offers/${offerId}`, { colour: "red" }, bearer(key)), 400);
    expect(JSON.stringify(unknown.errors)).toContain("colour");
    await problem(await send("PATCH", "/api/v1/offers/off_nope", { name: "x" }, bearer(key)), 404);
  });
});

describe("GET /api/v1/providers/{providerId}/changes (provider)", () => {
  it("lists this provider's pending changes", async () => {
    const res = await call(`/api/v1/providers/${providerId}/changes`, { headers: bearer(key) });
    expect(res.status).toBe(200);
    const { data } = await json(res);
    expect(data.length).toBeGreaterThanOrEqual(3);
    expect(data.every((c: { status: string }) => c.status === "pending")).toBe(true);
  });
});

describe("POST /api/v1/offers/{offerId}/archive (provider)", () => {
  it("archives at once (audited), then 409", async () => {
    const { offerId: other } = await importedProvider("Chats Archive");
    const otherProvider = (await row<{ provider_id: string }>("select provider_id from offers where id = ?", other))!.provider_id;
    const archOrg = await providerOrg("owner@archive.example", otherProvider);
    const archKey = await apiKey({ email: "owner@archive.example", orgId: archOrg, scopes: ["offers:write"] });
    const res = await call(`/api/v1/offers/${other}/archive`, { method: "POST", headers: bearer(archKey) });
    expect(res.status).toBe(200);
    expect(await row("select status from offers where id = ?", other)).toEqual({ status: "archived" });
    expect(await row("select 1 as ok from audit_log where action = 'offer.archive' and subject_id = ?", other)).toEqual({ ok: 1 });
    await problem(await call(`/api/v1/offers/${other}/archive`, { method: "POST", headers: bearer(archKey) }), 409);
  });
});

describe("security of the provider offers API", () => {
  it("answers 401 to anonymous callers and revoked keys", async () => {
    await problem(await send("POST", `/api/v1/providers/${providerId}/offers`, { service: "chat", name: "Anon" }, {}), 401);
    await problem(await send("PATCH", `/api/v1/offers/${offerId}`, { description: "x" }, {}), 401);
    await problem(await call(`/api/v1/offers/${offerId}/archive`, { method: "POST" }), 401);
    await problem(await call(`/api/v1/providers/${providerId}/changes`), 401);
    const revoked = await apiKey({ email: "owner@api-chats.example", orgId, scopes: ["offers:write"] });
    await env.DB.prepare("update api_keys set revoked_at = '2026-01-01T00:00:00Z' where start = ?").bind(revoked.slice(0, 12)).run();
    await problem(await send("PATCH", `/api/v1/offers/${offerId}`, { description: "x" }, bearer(revoked)), 401);
  });

  it("answers 403 to a key without offers:write, another provider's key and admin, a member, a member organisation and a steward", async () => {
    const noScope = await apiKey({ email: "owner@api-chats.example", orgId, scopes: ["audit:read"] });
    const { providerId: otherProvider } = await importedProvider("Chats Voisins");
    const otherOrg = await providerOrg("owner@voisins.example", otherProvider);
    const otherKey = await apiKey({ email: "owner@voisins.example", orgId: otherOrg, scopes: ["offers:write"] });
    for (const headers of [bearer(noScope), bearer(otherKey), STEWARD]) {
      await problem(await send("PATCH", `/api/v1/offers/${offerId}`, { description: "intrus" }, headers), 403);
      await problem(await send("POST", `/api/v1/providers/${providerId}/offers`, { service: "chat", name: "Intrus" }, headers), 403);
      await problem(await call(`/api/v1/offers/${offerId}/archive`, { method: "POST", headers }), 403);
      await problem(await call(`/api/v1/providers/${providerId}/changes`, { headers }), 403);
    }
    await makeOrg({ kind: "member", members: [{ email: "asbl@api-member.example", role: "owner" }] });
    const member = await signIn("member@api-chats.example");
    const neighbour = await signIn("owner@voisins.example");
    const asbl = await signIn("asbl@api-member.example");
    for (const browser of [member, neighbour, asbl]) {
      const res = await browser.fetch(`/api/v1/offers/${offerId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ description: "intrus" }) });
      await problem(res, 403);
    }
    expect((await rows("select 1 from offers where description = 'intrus'")).length).toBe(0);
  });
});

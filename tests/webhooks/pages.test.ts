// /orgs/:orgId/webhooks and /admin/webhooks/received in workerd against D1: every page in its
// languages, the secret shown once on the POST's answer, edit/enable/disable/delete, the test event
// and replays from the page, the provider's inbound secret, errors per field, who may do what, the
// received events' filters and keyset pages, and the webhooks health figures.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { collectFigures } from "../../src/ops/health/checks";
import { signIn, type Browser } from "../accounts/helpers";
import { call, STEWARD_EMAIL } from "../helpers/http";
import { seed } from "../helpers/catalog";
import { apiKey, bearer, grantRole, makeOrg } from "../helpers/people";

const OWNER = "owner@webhook-pages.test";
const READER = "reader@webhook-pages.test";
const STRANGER = "stranger@webhook-pages.test";
let owner: Browser;
let reader: Browser;
let stranger: Browser;
let steward: Browser;
const URL_OK = "https://hooks.receiver.example.org/chatiere";
const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

beforeAll(async () => {
  await grantRole(STEWARD_EMAIL, "steward");
  [owner, reader, stranger, steward] = await Promise.all([signIn(OWNER), signIn(READER), signIn(STRANGER), signIn(STEWARD_EMAIL)]);
});

let n = 0;
async function memberOrg(): Promise<string> {
  const orgId = await makeOrg({ kind: "member", name: `Les Amis ${++n}`, members: [{ email: OWNER, role: "owner" }, { email: READER, role: "member" }] });
  await makeOrg({ kind: "member", members: [{ email: STRANGER, role: "owner" }] });
  return orgId;
}

/** Registers an endpoint through the page; returns its id and the secret of the 201 answer. */
async function register(orgId: string, fields: Record<string, string | string[]> = {}) {
  const body = new URLSearchParams({ url: URL_OK, description: "Notre CRM" });
  for (const t of (fields.event_types as string[] | undefined) ?? ["migration.*"]) body.append("event_types", t);
  for (const [k, v] of Object.entries(fields)) if (k !== "event_types") body.set(k, v as string);
  const res = await owner.fetch(`/orgs/${orgId}/webhooks?lang=fr`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://chatiere.test", "sec-fetch-site": "same-origin" }, body: body.toString() });
  return res;
}
const secretIn = (html: string) => /<code id="secret" class="secret">([^<]+)<\/code>/.exec(html)?.[1] ?? "";
const endpoints = async (orgId: string) =>
  (await env.DB.prepare("select id, url, description, event_types, status, disabled_reason, secret, previous_secret from webhook_endpoints where org_id = ? order by created_at").bind(orgId).all<{ id: string; url: string; description: string; event_types: string; status: string; disabled_reason: string | null; secret: string; previous_secret: string | null }>()).results;
const outboxOf = async (endpointId: string) =>
  (await env.DB.prepare("select id, kind, status from outbox where channel = 'webhook' and recipient = ? order by created_at").bind(endpointId).all<{ id: string; kind: string; status: string }>()).results;
async function registered(orgId: string) {
  const res = await register(orgId);
  expect(res.status).toBe(201);
  return (await endpoints(orgId)).at(-1)!;
}

describe("GET /orgs/:orgId/webhooks", () => {
  it.each([
    ["fr", "Webhooks de Les Amis", "Ajouter un point de réception", "Aucun point de réception pour l’instant."],
    ["nl", "Webhooks van Les Amis", "Een ontvangstpunt toevoegen", "Nog geen ontvangstpunten."],
    ["en", "Webhooks of Les Amis", "Register an endpoint", "No endpoints yet."],
  ])("shows the endpoints and the register form in %s, with the documented event types and wildcards", async (lang, title, register, none) => {
    const orgId = await memberOrg();
    const res = await owner.fetch(`/orgs/${orgId}/webhooks?lang=${lang}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain(title);
    expect(html).toContain(register);
    expect(html).toContain(none);
    for (const v of ["*", "migration.*", "migration.item.*", "offer.*", "migration.requested", "offer.published", "webhook.test"]) expect(html).toContain(`value="${v}"`);
    // A member organisation sends nothing to Chatière: no inbound section.
    expect(html).not.toContain("/webhooks/providers/");
  });

  it("is linked from the organisation's overview for its owner, not for a plain member", async () => {
    const orgId = await memberOrg();
    expect(await (await owner.fetch(`/orgs/${orgId}`)).text()).toContain(`href="/orgs/${orgId}/webhooks"`);
    expect(await (await reader.fetch(`/orgs/${orgId}`)).text()).not.toContain(`href="/orgs/${orgId}/webhooks"`);
  });
});

describe("registering an endpoint", () => {
  it("answers 201 with the secret once (never cached, no redirect); the list never shows it again", async () => {
    const orgId = await memberOrg();
    const res = await register(orgId, { event_types: ["migration.*", "offer.published"] });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("location")).toBeNull();
    const html = await res.text();
    const secret = secretIn(html);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(html).toContain("il ne sera plus jamais affiché");
    const [row] = await endpoints(orgId);
    expect(row).toMatchObject({ url: URL_OK, description: "Notre CRM", event_types: '["migration.*","offer.published"]', status: "enabled", secret });
    const list = await (await owner.fetch(`/orgs/${orgId}/webhooks`)).text();
    expect(list).toContain(URL_OK);
    expect(list).toContain("migration.*, offer.published");
    expect(list).not.toContain(secret);
    expect(list).not.toContain(secret.slice(6, 20));
  });

  it("refuses a missing URL and no event type (400, translated, next to each field), keeping what was typed", async () => {
    const orgId = await memberOrg();
    const body = new URLSearchParams({ url: "", description: "gardée <ici>" });
    const res = await owner.fetch(`/orgs/${orgId}/webhooks?lang=fr`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://chatiere.test", "sec-fetch-site": "same-origin" }, body: body.toString() });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="url-error"');
    expect(html).toContain("Indiquez l’adresse qui recevra les messages.");
    expect(html).toContain('id="event_types-error"');
    expect(html).toContain("Choisissez au moins un événement.");
    expect(html).toContain("gardée &lt;ici&gt;");
    expect(await endpoints(orgId)).toEqual([]);
  });

  it.each([
    ["https://10.0.0.7/hook", "fr", "réseau privé"],
    ["https://[::ffff:192.168.1.1]/hook", "en", "private, local or reserved network"],
    ["http://hooks.example.org/hook", "nl", "moet met https:// beginnen"],
    ["https://chatiere.test/hook", "en", "must not lead to Chatière itself"],
    ["https://intranet.local/hook", "fr", "doit être public"],
  ])("refuses %s by its address (400, %s, on the url field)", async (url, lang, message) => {
    const orgId = await memberOrg();
    const res = await owner.fetch(`/orgs/${orgId}/webhooks?lang=${lang}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://chatiere.test", "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({ url, event_types: "*" }).toString(),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="url-error"');
    expect(html).toContain(message);
    expect(await endpoints(orgId)).toEqual([]);
  });

  it("refuses an event type that is not documented (400)", async () => {
    const orgId = await memberOrg();
    const res = await register(orgId, { event_types: ["parcel.*"] });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Un des événements choisis n’existe pas.");
  });
});

describe("managing an endpoint from the page", () => {
  it("edits it (303 with a notice), and a wrong URL comes back on the edit page (400)", async () => {
    const orgId = await memberOrg();
    const e = await registered(orgId);
    const form = await owner.fetch(`/orgs/${orgId}/webhooks/${e.id}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`value="${URL_OK}"`);
    const saved = await owner.post(`/orgs/${orgId}/webhooks/${e.id}`, { url: "https://other.example.org/in", description: "Nouveau", event_types: "offer.*" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/orgs/${orgId}/webhooks?notice=saved`);
    expect(await (await owner.fetch(`${saved.headers.get("location")!}&lang=fr`)).text()).toContain("Point de réception enregistré.");
    expect((await endpoints(orgId))[0]).toMatchObject({ url: "https://other.example.org/in", description: "Nouveau", event_types: '["offer.*"]' });
    const bad = await owner.post(`/orgs/${orgId}/webhooks/${e.id}?lang=en`, { url: "https://127.0.0.1/in", event_types: "*" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("private, local or reserved network");
    expect((await endpoints(orgId))[0]!.url).toBe("https://other.example.org/in");
  });

  it("disables it (shown with why and when), enables it again; a test event needs it enabled (409, translated)", async () => {
    const orgId = await memberOrg();
    const e = await registered(orgId);
    expect((await owner.post(`/orgs/${orgId}/webhooks/${e.id}/disable`)).status).toBe(303);
    expect((await endpoints(orgId))[0]).toMatchObject({ status: "disabled", disabled_reason: "manual" });
    const html = await (await owner.fetch(`/orgs/${orgId}/webhooks?lang=fr`)).text();
    expect(html).toContain("Désactivé");
    expect(html).toContain("à la main");
    const refused = await owner.post(`/orgs/${orgId}/webhooks/${e.id}/test?lang=nl`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Dit ontvangstpunt is uitgeschakeld");
    expect(await outboxOf(e.id)).toEqual([]);
    expect((await owner.post(`/orgs/${orgId}/webhooks/${e.id}/enable`)).status).toBe(303);
    expect((await endpoints(orgId))[0]).toMatchObject({ status: "enabled", disabled_reason: null });
  });

  it("sends a test event from the page: one webhook.test message to that endpoint", async () => {
    const orgId = await memberOrg();
    const e = await registered(orgId);
    const res = await owner.post(`/orgs/${orgId}/webhooks/${e.id}/test`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}/webhooks?notice=test_sent`);
    expect(await outboxOf(e.id)).toMatchObject([{ kind: "webhook.test", status: "pending" }]);
  });

  it("rotates the secret: the new one once (no-store), the old one said to sign 24 hours more", async () => {
    const orgId = await memberOrg();
    const e = await registered(orgId);
    const res = await owner.post(`/orgs/${orgId}/webhooks/${e.id}/rotate?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    const secret = secretIn(html);
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(e.secret);
    expect(html).toContain("stays valid for 24 hours");
    expect((await endpoints(orgId))[0]).toMatchObject({ secret, previous_secret: e.secret });
    const list = await (await owner.fetch(`/orgs/${orgId}/webhooks?lang=en`)).text();
    expect(list).toContain("The previous secret still signs until");
    expect(list).not.toContain(secret);
  });

  it("deletes it after a confirmation page", async () => {
    const orgId = await memberOrg();
    const e = await registered(orgId);
    const ask = await owner.fetch(`/orgs/${orgId}/webhooks/${e.id}/delete?lang=fr`);
    expect(ask.status).toBe(200);
    const html = await ask.text();
    expect(html).toContain(`${URL_OK} ne recevra plus rien`);
    expect(html).toContain(`action="/orgs/${orgId}/webhooks/${e.id}/delete"`);
    expect(await endpoints(orgId)).toHaveLength(1);
    const done = await owner.post(`/orgs/${orgId}/webhooks/${e.id}/delete`);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/orgs/${orgId}/webhooks?notice=deleted`);
    expect(await endpoints(orgId)).toEqual([]);
  });

  it("lists the last attempts: time, status, duration and the first 1 KB of the answer, escaped", async () => {
    const orgId = await memberOrg();
    const e = await registered(orgId);
    await env.DB.prepare("insert into webhook_attempts (id, message_id, endpoint_id, attempted_at, status_code, duration_ms, response, error, ok) values ('wha_p1', 'msg_p1', ?, '2026-11-20T10:00:00.000Z', 500, 123, '<b>boom</b>', null, 0)").bind(e.id).run();
    const html = await (await owner.fetch(`/orgs/${orgId}/webhooks?lang=en`)).text();
    expect(html).toContain("HTTP 500");
    expect(html).toContain("123 ms");
    expect(html).toContain("&lt;b&gt;boom&lt;/b&gt;");
    expect(html).toContain('datetime="2026-11-20T10:00:00.000Z"');
    expect(html).toContain("11:00"); // Brussels time
  });
});

describe("failed messages: replay from the page", () => {
  async function failedMessage(orgId: string, endpointId: string, createdAt: string) {
    expect((await owner.post(`/orgs/${orgId}/webhooks/${endpointId}/test`)).status).toBe(303);
    const row = (await outboxOf(endpointId)).find((r) => r.status === "pending")!;
    await env.DB.prepare("update outbox set status = 'failed', attempts = 8, last_error = 'HTTP 503', created_at = ? where id = ?").bind(createdAt, row.id).run();
    return row.id;
  }

  it("lists them and replays one: pending again", async () => {
    const orgId = await memberOrg();
    const e = await registered(orgId);
    const id = await failedMessage(orgId, e.id, "2026-11-27T09:00:00.000Z");
    const html = await (await owner.fetch(`/orgs/${orgId}/webhooks`)).text();
    expect(html).toContain(`data-message="${id}"`);
    expect(html).toContain("HTTP 503");
    const res = await owner.post(`/orgs/${orgId}/webhooks/replay`, { message_id: id });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}/webhooks?notice=replayed`);
    expect(await outboxOf(e.id)).toMatchObject([{ id, status: "pending" }]);
    // Replayed already: nothing failed by that id any more.
    const again = await owner.post(`/orgs/${orgId}/webhooks/replay?lang=en`, { message_id: id });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("This failed message does not exist");
  });

  it("replays all since a Brussels time; an unreadable time is a 400 on that field", async () => {
    const orgId = await memberOrg();
    const e = await registered(orgId);
    const old = await failedMessage(orgId, e.id, "2026-11-20T09:00:00.000Z");
    const recent = await failedMessage(orgId, e.id, "2026-11-27T09:00:00.000Z");
    const bad = await owner.post(`/orgs/${orgId}/webhooks/replay?lang=fr`, { since: "hier" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="since-error"');
    expect(html).toContain("Indiquez une date et une heure comme 2026-11-28 14:30");
    // 2026-11-27 09:30 in Brussels is 08:30 UTC: the recent one (09:00 UTC) only.
    const res = await owner.post(`/orgs/${orgId}/webhooks/replay`, { since: "2026-11-27 09:30" });
    expect(res.status).toBe(303);
    const rows = new Map((await outboxOf(e.id)).map((r) => [r.id, r.status]));
    expect([rows.get(old), rows.get(recent)]).toEqual(["failed", "pending"]);
    const none = await owner.post(`/orgs/${orgId}/webhooks/replay`, { since: "2026-11-28" });
    expect(none.headers.get("location")).toBe(`/orgs/${orgId}/webhooks?notice=replayed_none`);
  });
});

describe("the provider's inbound secret", () => {
  it("shows the inbound URL and an example; creates the secret once, which then verifies at /webhooks/providers/{id}; rotating says 24 hours", async () => {
    const [p] = await seed({ provider: { name: `Hébergeur ${crypto.randomUUID().slice(0, 6)}`, website: `https://${crypto.randomUUID().slice(0, 8)}.example.org` }, offers: [] });
    const providerId = p!.provider_id;
    const orgId = await makeOrg({ kind: "provider", members: [{ email: OWNER, role: "owner" }], providerId });
    const page = await (await owner.fetch(`/orgs/${orgId}/webhooks?lang=fr`)).text();
    expect(page).toContain(`https://chatiere.test/webhooks/providers/${providerId}`);
    expect(page).toContain("&quot;migration.item.transition&quot;");
    expect(page).toContain("Pas encore de secret");
    const res = await owner.post(`/orgs/${orgId}/webhooks/inbound-secret`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const secret = secretIn(await res.text());
    expect(secret).toMatch(/^whsec_/);
    expect(await (await owner.fetch(`/orgs/${orgId}/webhooks`)).text()).not.toContain(secret);
    // The secret signs an event the inbound route accepts.
    const body = JSON.stringify({ type: "provider.ping", data: {} });
    const id = `msg_${crypto.randomUUID()}`;
    const signature = new Webhook(secret).sign(id, new Date(), body);
    const inbound = await call(`/webhooks/providers/${providerId}`, { method: "POST", headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": signature }, body });
    expect(await inbound.json()).toMatchObject({ received: true, duplicate: false });
    const rotated = await owner.post(`/orgs/${orgId}/webhooks/inbound-secret?lang=en`);
    const html = await rotated.text();
    expect(html).toContain("New secret for your events");
    expect(html).toContain("stays valid for 24 hours");
    expect(secretIn(html)).not.toBe(secret);
  });

  it("a member organisation has none: 409, translated", async () => {
    const orgId = await memberOrg();
    const res = await owner.post(`/orgs/${orgId}/webhooks/inbound-secret?lang=nl`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Alleen aanbieders sturen gebeurtenissen naar Chatière.");
  });
});

describe("who may use the webhook pages", () => {
  it("anonymous: 303 to sign in; a plain member and another organisation's owner: 403; a steward: 200", async () => {
    const orgId = await memberOrg();
    const anon = await call(`/orgs/${orgId}/webhooks`, { redirect: "manual" });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toMatch(/^\/sign-in\?next=/);
    expect((await reader.fetch(`/orgs/${orgId}/webhooks`)).status).toBe(403);
    expect((await reader.post(`/orgs/${orgId}/webhooks`, { url: URL_OK, event_types: "*" })).status).toBe(403);
    expect((await stranger.fetch(`/orgs/${orgId}/webhooks`)).status).toBe(403);
    expect((await stranger.post(`/orgs/${orgId}/webhooks`, { url: URL_OK, event_types: "*" })).status).toBe(403);
    expect((await steward.fetch(`/orgs/${orgId}/webhooks`)).status).toBe(200);
    expect(await endpoints(orgId)).toEqual([]);
  });

  it("another organisation's endpoint is not found through this one (404), and stays as it was", async () => {
    const orgId = await memberOrg();
    const other = await makeOrg({ kind: "member", members: [{ email: OWNER, role: "owner" }] });
    const foreign = await registered(other);
    expect((await owner.fetch(`/orgs/${orgId}/webhooks/${foreign.id}`)).status).toBe(404);
    expect((await owner.post(`/orgs/${orgId}/webhooks/${foreign.id}/disable`)).status).toBe(404);
    expect((await owner.post(`/orgs/${orgId}/webhooks/${foreign.id}/rotate`)).status).toBe(404);
    expect((await owner.post(`/orgs/${orgId}/webhooks/${foreign.id}/delete`)).status).toBe(404);
    expect((await endpoints(other))[0]).toMatchObject({ status: "enabled", secret: foreign.secret });
  });

  it("refuses cross-site posts (403) and an API key on the pages (403)", async () => {
    const orgId = await memberOrg();
    const e = await registered(orgId);
    expect((await owner.post(`/orgs/${orgId}/webhooks`, { url: "https://evil.example.org/in", event_types: "*" }, crossSite)).status).toBe(403);
    expect((await owner.post(`/orgs/${orgId}/webhooks/${e.id}/delete`, {}, crossSite)).status).toBe(403);
    expect((await owner.post(`/orgs/${orgId}/webhooks/${e.id}/rotate`, {}, crossSite)).status).toBe(403);
    expect(await endpoints(orgId)).toMatchObject([{ id: e.id, secret: e.secret }]);
    const key = await apiKey({ email: OWNER, orgId, scopes: ["webhooks:manage"] });
    expect((await call(`/orgs/${orgId}/webhooks`, { headers: bearer(key) })).status).toBe(403);
  });
});

describe("GET /admin/webhooks/received", () => {
  const TYPE = `pages.type.${Date.now().toString(36)}`;
  beforeAll(async () => {
    const base = Date.parse("2026-11-01T00:00:00Z");
    const rows = Array.from({ length: 55 }, (_, i) => [`rcv_p${i}`, i % 2 ? "stripe" : "provider", "prv_pages", `evt_p${i}`, TYPE, new Date(base + i * 60_000).toISOString(), i % 3 === 0 ? 1 : 0, i % 3 === 0 ? null : "unsupported", i === 54 ? '{"type":"kept <raw>"}' : null]);
    for (const r of rows) await env.DB.prepare("insert into received_events (id, source, sender, event_id, type, received_at, applied, reason, raw_body) values (?, ?, ?, ?, ?, ?, ?, ?, ?)").bind(...r).run();
  });
  const ids = (html: string) => [...html.matchAll(/data-received="([^"]+)"/g)].map((m) => m[1]);

  it("pages 50 by 50, newest first, with a working cursor; filters by source, type and applied", async () => {
    const first = await steward.fetch(`/admin/webhooks/received?type=${TYPE}`);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(ids(html)).toHaveLength(50);
    expect(ids(html)[0]).toBe("rcv_p54");
    const next = /href="(\/admin\/webhooks\/received\?[^"]*cursor=[^"]+)" rel="next"/.exec(html)![1]!.replaceAll("&amp;", "&");
    const second = await (await steward.fetch(next)).text();
    expect(ids(second)).toEqual(["rcv_p4", "rcv_p3", "rcv_p2", "rcv_p1", "rcv_p0"]);
    expect(second).not.toContain('rel="next"');
    const stripe = ids(await (await steward.fetch(`/admin/webhooks/received?type=${TYPE}&source=stripe`)).text());
    expect(stripe.length).toBe(27);
    expect(stripe.every((id) => Number(id!.slice(5)) % 2 === 1)).toBe(true);
    const applied = ids(await (await steward.fetch(`/admin/webhooks/received?type=${TYPE}&applied=yes`)).text());
    expect(applied.length).toBe(19);
    const notApplied = await (await steward.fetch(`/admin/webhooks/received?type=${TYPE}&applied=no&source=provider&lang=en`)).text();
    expect(ids(notApplied).every((id) => Number(id!.slice(5)) % 3 !== 0 && Number(id!.slice(5)) % 2 === 0)).toBe(true);
    expect(notApplied).toContain("no — unsupported");
  });

  it("shows a raw body while it is kept, says when it was purged", async () => {
    const html = await (await steward.fetch(`/admin/webhooks/received?type=${TYPE}&lang=en`)).text();
    expect(html).toContain('href="/admin/webhooks/received/rcv_p54"');
    expect(html).toContain("purged");
    const body = await steward.fetch("/admin/webhooks/received/rcv_p54");
    expect(body.status).toBe(200);
    expect(await body.text()).toContain("kept &lt;raw&gt;");
    expect(await (await steward.fetch("/admin/webhooks/received/rcv_p53?lang=en")).text()).toContain("The raw body was purged (kept 30 days).");
    expect((await steward.fetch("/admin/webhooks/received/rcv_nope")).status).toBe(404);
  });

  it("refuses a bad cursor, source or applied (400, translated); is for stewards only", async () => {
    const cursor = await steward.fetch("/admin/webhooks/received?cursor=not-a-cursor&lang=en");
    expect(cursor.status).toBe(400);
    expect(await cursor.text()).toContain("This page link is not valid (cursor)");
    const source = await steward.fetch("/admin/webhooks/received?source=mail&lang=fr");
    expect(source.status).toBe(400);
    expect(await source.text()).toContain("La source doit être Stripe ou prestataire.");
    expect((await steward.fetch("/admin/webhooks/received?applied=maybe")).status).toBe(400);
    expect((await owner.fetch("/admin/webhooks/received")).status).toBe(403);
    expect((await call("/admin/webhooks/received", { redirect: "manual" })).status).toBe(303);
    expect(await (await steward.fetch("/admin")).text()).toContain('href="/admin/webhooks/received"');
  });
});

describe("the webhooks health figures", () => {
  it("count endpoints disabled on their own in the last day (threshold 0) and those failing now; /admin/health shows them", async () => {
    const now = new Date();
    const figures = async () => Object.fromEntries((await collectFigures({ env, now })).filter((f) => f.id.startsWith("webhooks.")).map((f) => [f.id, f]));
    const before = await figures();
    expect(before["webhooks.disabled"]).toMatchObject({ threshold: 0, unit: "count" });
    const orgId = await memberOrg();
    const [a, b, c] = [await registered(orgId), await registered(orgId), await registered(orgId)];
    const at = new Date(now.getTime() - 3600_000).toISOString();
    await env.DB.prepare("update webhook_endpoints set status = 'disabled', disabled_reason = 'failing', disabled_at = ? where id = ?").bind(at, a.id).run();
    await env.DB.prepare("update webhook_endpoints set status = 'disabled', disabled_reason = 'manual', disabled_at = ? where id = ?").bind(at, b.id).run();
    await env.DB.prepare("update webhook_endpoints set failing_since = ? where id = ?").bind(at, c.id).run();
    const after = await figures();
    expect(after["webhooks.disabled"]!.value).toBe(before["webhooks.disabled"]!.value! + 1);
    expect(after["webhooks.failing"]!.value).toBe(before["webhooks.failing"]!.value! + 1);
    const health = await (await steward.fetch("/admin/health?lang=en")).text();
    expect(health).toContain("Endpoints disabled automatically (24 h)");
    expect(health).toContain("Endpoints failing");
  });
});

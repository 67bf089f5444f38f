// Fixtures of the migrations tests: providers with offers and their organisations (keys with and
// without migrations:write), a member organisation with its inventory and a signed-in owner.
import { env } from "cloudflare:test";
import type { Browser } from "../accounts/helpers";
import { signIn } from "../accounts/helpers";
import { BASE } from "../helpers/http";
import { seed } from "../helpers/catalog";
import { apiKey, bearer, makeOrg, person } from "../helpers/people";
import { newId } from "../../src/lib/ids";

let n = 0;
export const unique = () => `${Date.now().toString(36)}${++n}${crypto.randomUUID().slice(0, 4)}`;

export async function provider(opts: { storageGb?: number; language?: "fr" | "nl" | "en" } = {}) {
  const u = unique();
  const [p] = await seed({
    provider: { name: `Host ${u}`, website: `https://host-${u}.example.org`, contact_email: `contact@host-${u}.example.org` },
    offers: [
      { service: "mailbox", name: `Mail ${u}`, quotas: { storage_gb: opts.storageGb ?? 10 } },
      { service: "web_hosting", name: `Web ${u}` },
      { service: "mailbox", name: `Mail2 ${u}`, quotas: { storage_gb: 20 } },
    ],
  });
  const owner = `owner-${u}@host.test`;
  const orgId = await makeOrg({ kind: "provider", name: `Provider ${u}`, providerId: p!.provider_id, members: [{ email: owner, role: "owner" }] });
  if (opts.language) await env.DB.prepare("update users set language = ? where email = ?").bind(opts.language, owner).run();
  const key = bearer(await apiKey({ email: owner, orgId, scopes: ["migrations:write", "webhooks:manage"] }));
  const offersOnly = bearer(await apiKey({ email: owner, orgId, scopes: ["offers:write"] }));
  const [mail, web, mail2] = p!.offer_ids as [string, string, string];
  return { providerId: p!.provider_id, orgId, owner, key, offersOnly, offers: { mail, web, mail2 } };
}

export async function endpoint(orgId: string): Promise<string> {
  const id = newId("whe");
  await env.DB.prepare("insert into webhook_endpoints (id, org_id, url, event_types, secret) values (?, ?, 'https://hooks.receiver.example.org/in', '[\"migration.*\"]', 'whsec_bWF0cml4LXNlY3JldC0wMTIzNDU2Nzg5')").bind(id, orgId).run();
  return id;
}

export async function service(orgId: string, s: Record<string, unknown> & { kind: string }, key: string): Promise<string> {
  const id = newId("svc");
  await env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service) values (?, ?, ?, ?, ?)").bind(id, orgId, s.kind, `${s.kind}:${key}`, JSON.stringify(s)).run();
  return id;
}

/** A member organisation with a signed-in owner, a plain member, and three services. */
export async function member() {
  const u = unique();
  const owner = `owner-${u}@member.test`;
  const plain = `plain-${u}@member.test`;
  const orgId = await makeOrg({ kind: "member", name: `Association ${u}`, members: [{ email: owner, role: "owner" }, { email: plain, role: "member" }] });
  const d = `${u}.example.be`;
  const mailbox = await service(orgId, { kind: "mailbox", address: `info@${d}`, quota_mb: 2048, used_mb: 900 }, `info@${d}`);
  const big = await service(orgId, { kind: "mailbox", address: `big@${d}`, quota_mb: 4096, used_mb: 3000 }, `big@${d}`);
  const web = await service(orgId, { kind: "web_hosting", host: `www.${d}`, software: "WordPress", disk_mb: 800, database_mb: 120 }, `www.${d}`);
  await person(plain);
  return { orgId, owner, plain, services: { mailbox, big, web } };
}

const sessions = new Map<string, Browser>();
export async function session(email: string): Promise<Browser> {
  let b = sessions.get(email);
  if (!b) sessions.set(email, (b = await signIn(email)));
  return b;
}

export type Caller = Browser | Record<string, string>;

/** A JSON call as a signed-in browser (same-origin) or with a key's headers. */
export async function call(who: Caller, path: string, json?: unknown): Promise<Response> {
  const init: RequestInit = { method: json === undefined ? "GET" : "POST", headers: { "content-type": "application/json", origin: BASE, "sec-fetch-site": "same-origin" }, body: json === undefined ? undefined : JSON.stringify(json) };
  if ("fetch" in who && typeof who.fetch === "function") return (who as Browser).fetch(`/api/v1${path}`, init);
  const { SELF } = await import("cloudflare:test");
  return SELF.fetch(`${BASE}/api/v1${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...(who as Record<string, string>) } });
}

export const outboxOf = (kind: string) => env.DB.prepare("select id, channel, kind, recipient, payload from outbox where kind = ? order by created_at, id").bind(kind).all<{ id: string; channel: string; kind: string; recipient: string; payload: string }>().then((r) => r.results);

// Fixtures for people, roles, organisations and keys, written straight to the test's D1 (the routes
// under test are the ones that create them through pages and API elsewhere).
import { env } from "cloudflare:test";
import { hashKey } from "../../src/accounts/keys/secret";
import type { ApiScope, OrgRole, PlatformRole } from "../../src/db/schema";
import { newId } from "../../src/lib/ids";

/** The user id for an address, creating the person (verified, as after a first sign-in) when new. */
export async function person(email: string): Promise<string> {
  const address = email.toLowerCase();
  await env.DB.prepare("insert into users (id, email, email_verified) values (?, ?, 1) on conflict(email) do nothing").bind(newId("usr"), address).run();
  const row = await env.DB.prepare("select id from users where email = ?").bind(address).first<{ id: string }>();
  return row!.id;
}

export async function grantRole(email: string, role: PlatformRole): Promise<string> {
  const userId = await person(email);
  await env.DB.prepare("insert into platform_roles (user_id, role, granted_by) values (?, ?, 'test') on conflict do nothing").bind(userId, role).run();
  return userId;
}

export interface OrgFixture {
  kind: "member" | "provider" | "cooperative";
  name?: string;
  members: { email: string; role: OrgRole }[];
  providerId?: string;
}

export async function makeOrg(org: OrgFixture): Promise<string> {
  const id = newId("org");
  await env.DB.prepare("insert into organisations (id, kind, name, provider_id) values (?, ?, ?, ?)")
    .bind(id, org.kind, org.name ?? `Org ${id}`, org.providerId ?? null)
    .run();
  for (const m of org.members) {
    await env.DB.prepare("insert into memberships (org_id, user_id, role) values (?, ?, ?)").bind(id, await person(m.email), m.role).run();
  }
  return id;
}

/** Writes a key the way the key routes do (hashed) and returns its secret. */
export async function apiKey(opts: { email: string; orgId?: string; scopes: ApiScope[]; secret?: string; expiresAt?: string }): Promise<string> {
  const userId = await person(opts.email);
  const secret = opts.secret ?? `chk_${crypto.randomUUID().replaceAll("-", "").slice(0, 32)}00000`;
  await env.DB.prepare("insert into api_keys (id, org_id, user_id, name, start, hash, scopes, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
    .bind(newId("key"), opts.orgId ?? null, userId, "test key", secret.slice(0, 12), await hashKey(secret), JSON.stringify(opts.scopes), opts.expiresAt ?? null)
    .run();
  return secret;
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

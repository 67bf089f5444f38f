// Who is calling: an API key (Authorization: Bearer chk_…), else the session cookie, else nobody.
// Read once per request and kept on the context; the policy (policy.ts) decides from it.
import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import { apiKeys, memberships, organisations, platformRoles, type PlatformRole } from "../db/schema";
import type { AppEnv } from "../env";
import { AppError } from "../lib/problem";
import { hit } from "../lib/rate-limit";
import { hashKey, looksLikeKey } from "./keys/secret";
import type { OrgMembership, Principal } from "./policy";
import { currentSession } from "./session";

const ANONYMOUS: Principal = { kind: "anonymous" };

/** Requests per minute a key may make; counted in D1 so every isolate sees the same number. */
export const KEY_RATE_PER_MINUTE = 120;

export async function rolesAndOrgs(db: Db, userId: string): Promise<{ roles: PlatformRole[]; orgs: OrgMembership[] }> {
  const [roles, orgs] = await db.batch([
    db.select({ role: platformRoles.role }).from(platformRoles).where(eq(platformRoles.userId, userId)),
    db
      .select({ orgId: memberships.orgId, role: memberships.role, kind: organisations.kind, providerId: organisations.providerId })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
      .orderBy(organisations.name),
  ]);
  return { roles: roles.map((r) => r.role), orgs };
}

function bearer(c: Context<AppEnv>): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
  return match?.[1];
}

function refuseKey(c: Context<AppEnv>, message: string): never {
  c.header("WWW-Authenticate", 'Bearer realm="chatiere"');
  throw new AppError("UNAUTHORIZED", message);
}

async function keyPrincipal(c: Context<AppEnv>, secret: string): Promise<Principal> {
  if (!looksLikeKey(secret)) refuseKey(c, "This API key is not valid");
  const db = c.var.db;
  const key = await db.query.apiKeys.findFirst({ where: and(eq(apiKeys.hash, await hashKey(secret)), isNull(apiKeys.revokedAt)) });
  if (!key || (key.expiresAt && key.expiresAt <= new Date().toISOString())) refuseKey(c, "This API key is not valid, revoked or expired");
  const decision = await hit(db, [{ key: `key:${key.id}`, max: KEY_RATE_PER_MINUTE, windowSeconds: 60 }]);
  if (!decision.ok) {
    c.header("Retry-After", String(decision.retryAfterSeconds));
    throw new AppError("RATE_LIMITED", `This key made more than ${KEY_RATE_PER_MINUTE} requests this minute; retry in ${decision.retryAfterSeconds} s`);
  }
  const { roles, orgs } = await rolesAndOrgs(db, key.userId);
  let org: OrgMembership | null = null;
  if (key.orgId) {
    // An organisation key works while its creator still administers that organisation.
    const m = orgs.find((o) => o.orgId === key.orgId);
    if (!m || m.role === "member") refuseKey(c, "This API key's creator no longer administers its organisation");
    org = { ...m, role: "admin" };
  }
  const touch = db.update(apiKeys).set({ lastUsedAt: new Date().toISOString() }).where(eq(apiKeys.id, key.id));
  try {
    c.executionCtx.waitUntil(touch.run());
  } catch {
    await touch.run();
  }
  return { kind: "key", keyId: key.id, userId: key.userId, org, scopes: key.scopes, roles };
}

/** The caller, read once per request. A bearer key that does not verify is a 401, never a fallback to the cookie. */
export async function principal(c: Context<AppEnv>): Promise<Principal> {
  const known = c.get("principal");
  if (known) return known;
  let found: Principal = ANONYMOUS;
  const secret = bearer(c);
  if (secret) found = await keyPrincipal(c, secret);
  else {
    const session = await currentSession(c);
    if (session) {
      const { roles, orgs } = await rolesAndOrgs(c.var.db, session.user.id);
      found = { kind: "user", userId: session.user.id, email: session.user.email, emailVerified: session.user.emailVerified, roles, orgs };
    }
  }
  c.set("principal", found);
  return found;
}

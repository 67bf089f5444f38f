// Everything a person may take away: themselves, their sessions and passkeys (no secrets), their
// platform roles, and every organisation they belong to with all it holds. Never a token, a hash
// or key material: those are named explicitly below and left out.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  apiKeys,
  auditLog,
  invitations,
  memberships,
  offers,
  organisations,
  passkeys,
  pendingChanges,
  platformRoles,
  providerClaims,
  providers,
  savedNeeds,
  sessions,
  shortlistItems,
  users,
  type OrganisationRow,
} from "../../db/schema";

type Json = Record<string, unknown>;

const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

/** A row with snake_case keys, as the rest of the API speaks. */
function snakeRow(row: object, omit: readonly string[] = []): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(row)) if (!omit.includes(k)) out[snake(k)] = v instanceof Date ? v.toISOString() : v;
  return out;
}

const SECRET_KEY = /hash|token|secret|public_?key|credential/i;
/** Audit details are free-form: drop anything that looks like a secret, whoever wrote it. */
function scrub(detail: Record<string, unknown>): Json {
  return Object.fromEntries(Object.entries(detail).filter(([k]) => !SECRET_KEY.test(k)));
}

export interface ExportOptions {
  userId: string;
  /** Only this organisation (the caller checked membership). */
  orgId?: string;
  now?: Date;
}

export async function buildExport(db: Db, opts: ExportOptions): Promise<Json> {
  const { userId } = opts;
  const [person, mySessions, myPasskeys, roles, mine] = await db.batch([
    db.select({ id: users.id, email: users.email, language: users.language, createdAt: users.createdAt }).from(users).where(eq(users.id, userId)),
    db
      .select({ id: sessions.id, createdAt: sessions.createdAt, updatedAt: sessions.updatedAt, expiresAt: sessions.expiresAt, ipAddress: sessions.ipAddress, userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(asc(sessions.createdAt)),
    db.select({ name: passkeys.name, createdAt: passkeys.createdAt, deviceType: passkeys.deviceType, backedUp: passkeys.backedUp }).from(passkeys).where(eq(passkeys.userId, userId)),
    db.select({ role: platformRoles.role, grantedBy: platformRoles.grantedBy, createdAt: platformRoles.createdAt }).from(platformRoles).where(eq(platformRoles.userId, userId)),
    db
      .select({ org: organisations, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(opts.orgId ? and(eq(memberships.userId, userId), eq(memberships.orgId, opts.orgId)) : eq(memberships.userId, userId))
      .orderBy(asc(organisations.name)),
  ]);
  const orgs = [];
  for (const m of mine) orgs.push({ my_role: m.role, member_since: m.since, ...(await organisationExport(db, m.org)) });
  return {
    exported_at: (opts.now ?? new Date()).toISOString(),
    person: person[0] ? snakeRow(person[0]) : null,
    sessions: mySessions.map((s) => snakeRow(s)),
    passkeys: myPasskeys.map((p) => snakeRow(p)),
    platform_roles: roles.map((r) => snakeRow(r)),
    organisations: orgs,
  };
}

async function organisationExport(db: Db, org: OrganisationRow): Promise<Json> {
  const [members, invites, keys, audit] = await db.batch([
    db
      .select({ email: users.email, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, org.id))
      .orderBy(asc(users.email)),
    db
      .select({ email: invitations.email, role: invitations.role, status: invitations.status, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt, acceptedAt: invitations.acceptedAt })
      .from(invitations)
      .where(eq(invitations.orgId, org.id))
      .orderBy(asc(invitations.createdAt)),
    db
      .select({ name: apiKeys.name, start: apiKeys.start, scopes: apiKeys.scopes, createdAt: apiKeys.createdAt, expiresAt: apiKeys.expiresAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(eq(apiKeys.orgId, org.id))
      .orderBy(asc(apiKeys.createdAt)),
    // Who did what to the organisation; other people's IP addresses and browsers stay out.
    db
      .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, subjectType: auditLog.subjectType, subjectId: auditLog.subjectId, actorUserId: auditLog.actorUserId, actorKeyId: auditLog.actorKeyId, detail: auditLog.detail })
      .from(auditLog)
      .where(eq(auditLog.orgId, org.id))
      .orderBy(asc(auditLog.at), asc(auditLog.id)),
  ]);
  const out: Json = {
    profile: snakeRow(org),
    members: members.map((m) => snakeRow(m)),
    invitations: invites.map((i) => snakeRow(i)),
    api_keys: keys.map((k) => snakeRow(k)),
    audit: audit.map((a) => ({ ...snakeRow(a, ["detail"]), detail: scrub(a.detail) })),
  };
  if (org.kind === "provider") Object.assign(out, await providerExport(db, org));
  if (org.kind === "member") Object.assign(out, await memberExport(db, org));
  return out;
}

/** A member organisation's saved needs and shortlisted bundles (src/matching/saved), as stored. */
async function memberExport(db: Db, org: OrganisationRow): Promise<Json> {
  const [needs, shortlist] = await db.batch([
    db.select().from(savedNeeds).where(eq(savedNeeds.orgId, org.id)).orderBy(asc(savedNeeds.createdAt), asc(savedNeeds.id)),
    db.select().from(shortlistItems).where(eq(shortlistItems.orgId, org.id)).orderBy(asc(shortlistItems.createdAt), asc(shortlistItems.id)),
  ]);
  return { saved_needs: needs.map((n) => snakeRow(n)), shortlist: shortlist.map((s) => snakeRow(s)) };
}

async function providerExport(db: Db, org: OrganisationRow): Promise<Json> {
  const providerId = org.providerId;
  const [profile, offerRows, changes, claims] = await db.batch([
    db.select().from(providers).where(inArray(providers.id, providerId ? [providerId] : [])),
    db.select().from(offers).where(inArray(offers.providerId, providerId ? [providerId] : [])).orderBy(asc(offers.name), asc(offers.id)),
    db.select().from(pendingChanges).where(eq(pendingChanges.orgId, org.id)).orderBy(asc(pendingChanges.createdAt)),
    db.select().from(providerClaims).where(eq(providerClaims.orgId, org.id)).orderBy(asc(providerClaims.createdAt)),
  ]);
  return {
    provider: profile[0] ? snakeRow(profile[0]) : null,
    offers: offerRows.map((o) => snakeRow(o)),
    pending_changes: changes.map((ch) => snakeRow(ch)),
    provider_claims: claims.map((cl) => snakeRow(cl)),
  };
}

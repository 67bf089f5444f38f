// Platform roles in D1: find people by address, grant a role (creating the person when the
// address never signed in, as the first-steward command does), revoke one — never the last
// steward's. Each change lands with its audit record in one batch.
import { and, eq, inArray, like, max, or, sql } from "drizzle-orm";
import { auditInsert } from "../accounts/audit";
import { auditWhere } from "../accounts/audit-where";
import { memberships, organisations, platformRoles, sessions, users, type OrgRole, type PlatformRole } from "../db/schema";
import type { AppEnv } from "../env";
import { newId } from "../lib/ids";
import { type ServiceContext } from "../lib/context";

export const PEOPLE_LIMIT = 25;

export interface PersonView {
  id: string;
  email: string;
  emailVerified: boolean;
  roles: PlatformRole[];
  orgs: { id: string; name: string; kind: string; role: OrgRole }[];
  /** The start of their latest open session; null when none is left. */
  lastSignIn: string | null;
}

/** `a%b_` typed by a person is literal text, not a pattern. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** People whose address is `query` or starts with it, in address order. */
export async function findPeople(ctx: ServiceContext, query: string): Promise<PersonView[]> {
  const db = ctx.db;
  const q = query.trim().toLowerCase();
  const found = await db
    .select({ id: users.id, email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(or(eq(users.email, q), like(users.email, sql`${`${escapeLike(q)}%`} ESCAPE '\\'`)))
    .orderBy(users.email)
    .limit(PEOPLE_LIMIT);
  if (!found.length) return [];
  const ids = found.map((u) => u.id);
  const [roles, orgs, lastSessions] = await db.batch([
    db.select().from(platformRoles).where(inArray(platformRoles.userId, ids)),
    db
      .select({ userId: memberships.userId, id: organisations.id, name: organisations.name, kind: organisations.kind, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(inArray(memberships.userId, ids))
      .orderBy(organisations.name),
    db
      .select({ userId: sessions.userId, last: max(sql<string>`${sessions.createdAt}`) })
      .from(sessions)
      .where(inArray(sessions.userId, ids))
      .groupBy(sessions.userId),
  ]);
  return found.map((u) => ({
    ...u,
    roles: roles.filter((r) => r.userId === u.id).map((r) => r.role),
    orgs: orgs.filter((o) => o.userId === u.id).map(({ userId: _, ...o }) => o),
    lastSignIn: (lastSessions.find((s) => s.userId === u.id)?.last as string | null | undefined) ?? null,
  }));
}

export type GrantOutcome = { outcome: "granted" | "already"; userId: string };

export async function grantRole(ctx: ServiceContext, email: string, role: PlatformRole, grantedBy: string): Promise<GrantOutcome> {
  const db = ctx.db;
  const existing = await db.query.users.findFirst({ columns: { id: true }, where: eq(users.email, email) });
  if (existing) {
    const has = await db.query.platformRoles.findFirst({ where: and(eq(platformRoles.userId, existing.id), eq(platformRoles.role, role)) });
    if (has) return { outcome: "already", userId: existing.id };
  }
  const userId = existing?.id ?? newId("usr");
  // A new address gets an unverified user row, so the person can sign in with it later.
  const createUser = db.insert(users).values({ id: userId, email, emailVerified: false }).onConflictDoNothing();
  await db.batch([
    createUser,
    db
      .insert(platformRoles)
      .values({ userId: sql`(SELECT id FROM users WHERE email = ${email})`, role, grantedBy })
      .onConflictDoNothing(),
    auditInsert(ctx, { action: "role.grant", subjectType: "user", subjectId: userId, detail: { role, email, created: !existing } }),
  ]);
  return { outcome: "granted", userId };
}

export type RevokeOutcome = "revoked" | "missing" | "last_steward";

/** Revokes a role; the last steward keeps theirs (checked inside the batch, so two stewards
 * revoking each other at once cannot leave none). */
export async function revokeRole(ctx: ServiceContext, userId: string, role: PlatformRole): Promise<{ outcome: RevokeOutcome; email?: string }> {
  const db = ctx.db;
  const person = await db.query.users.findFirst({ columns: { id: true, email: true }, where: eq(users.id, userId) });
  const has = person && (await db.query.platformRoles.findFirst({ where: and(eq(platformRoles.userId, userId), eq(platformRoles.role, role)) }));
  if (!person || !has) return { outcome: "missing" };
  const stillHeld = sql`EXISTS (SELECT 1 FROM platform_roles WHERE user_id = ${userId} AND role = ${role})`;
  const stewardsLeft = sql`(SELECT count(*) FROM platform_roles WHERE role = 'steward') > 1`;
  const guard = role === "steward" ? sql`${stillHeld} AND ${stewardsLeft}` : stillHeld;
  if (role === "steward") {
    const [row] = await db.select({ n: sql<number>`count(*)` }).from(platformRoles).where(eq(platformRoles.role, "steward"));
    if ((row?.n ?? 0) <= 1) return { outcome: "last_steward", email: person.email };
  }
  // The audit row goes first, under the same guard as the delete: both see the same state in the
  // batch's transaction, so the record exists exactly when the role was removed.
  const [, deleted] = await db.batch([
    auditWhere(ctx, { action: "role.revoke", subjectType: "user", subjectId: userId, detail: { role, email: person.email } }, userId, guard),
    db
      .delete(platformRoles)
      .where(and(eq(platformRoles.userId, userId), eq(platformRoles.role, role), guard))
      .returning({ userId: platformRoles.userId }),
  ]);
  return { outcome: deleted.length ? "revoked" : "last_steward", email: person.email };
}

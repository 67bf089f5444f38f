// Everything a person may take away: themselves, their sessions and passkeys (no secrets), their
// platform roles, and every organisation they belong to with all it holds (its profile, members and
// invitations here; what other features store about it from their parts, export.parts.ts). Never a
// token, a hash or key material: those are named explicitly and left out.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invitations, memberships, organisations, passkeys, platformRoles, reminderPreferences, sessions, users, type OrganisationRow } from "../../db/schema";
import { snakeRow, type Json } from "../../lib/export";
import { EXPORT_PARTS } from "./export.parts";
import { pledgesOf } from "../../coop/pledges/service";

export interface ExportOptions {
  userId: string;
  /** Only this organisation (the caller checked membership). */
  orgId?: string;
  now?: Date;
}

export async function buildExport(db: Db, opts: ExportOptions): Promise<Json> {
  const { userId } = opts;
  const [person, mySessions, myPasskeys, roles, mine] = await db.batch([
    // The reminders choice (src/transition/control): null = never changed, reminders on.
    db
      .select({ id: users.id, email: users.email, language: users.language, createdAt: users.createdAt, nonEssentialRemindersOff: reminderPreferences.nonEssentialOff })
      .from(users)
      .leftJoin(reminderPreferences, eq(reminderPreferences.userId, users.id))
      .where(eq(users.id, userId)),
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
  // Pledges belong to an address, not an organisation: the person's own, by their account's address.
  const myPledges = person[0] ? await pledgesOf(db, person[0].email) : [];
  const orgs = [];
  for (const m of mine) orgs.push({ my_role: m.role, member_since: m.since, ...(await organisationExport(db, m.org)) });
  return {
    exported_at: (opts.now ?? new Date()).toISOString(),
    person: person[0] ? snakeRow(person[0]) : null,
    sessions: mySessions.map((s) => snakeRow(s)),
    passkeys: myPasskeys.map((p) => snakeRow(p)),
    platform_roles: roles.map((r) => snakeRow(r)),
    pledges: myPledges.map((p) => snakeRow(p)),
    organisations: orgs,
  };
}

async function organisationExport(db: Db, org: OrganisationRow): Promise<Json> {
  const [members, invites] = await db.batch([
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
  ]);
  const out: Json = {
    profile: snakeRow(org),
    members: members.map((m) => snakeRow(m)),
    invitations: invites.map((i) => snakeRow(i)),
  };
  // Each feature adds what it stores about the organisation (export.parts.ts).
  for (const part of EXPORT_PARTS) if (part.kinds.includes(org.kind)) Object.assign(out, await part.build(db, org));
  return out;
}

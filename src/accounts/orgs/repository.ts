// Reads for organisations, their members and invitations, and the stewards' list of all of them.
import { and, asc, count, eq, gt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invitations, memberships, organisations, users, type OrgRole } from "../../db/schema";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import type { OrgKind } from "../policy";

export const ROLE_ORDER: Record<OrgRole, number> = { owner: 0, admin: 1, member: 2 };

export function findOrg(db: Db, orgId: string) {
  return db.query.organisations.findFirst({ where: eq(organisations.id, orgId) });
}

export interface MemberView {
  userId: string;
  email: string;
  role: OrgRole;
  since: string;
}

export async function orgMembers(db: Db, orgId: string): Promise<MemberView[]> {
  const rows = await db
    .select({ userId: memberships.userId, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId));
  return rows.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.email.localeCompare(b.email));
}

export async function memberRole(db: Db, orgId: string, userId: string): Promise<OrgRole | undefined> {
  const row = await db.query.memberships.findFirst({ columns: { role: true }, where: and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)) });
  return row?.role;
}

export async function ownerCount(db: Db, orgId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

/** Pending and not yet expired: the ones whose link still works. */
export function pendingInvitations(db: Db, orgId: string, now = new Date()) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.status, "pending"), gt(invitations.expiresAt, now.toISOString())))
    .orderBy(asc(invitations.email));
}

export function invitationByHash(db: Db, hash: string) {
  return db
    .select({ invitation: invitations, orgName: organisations.name, orgKind: organisations.kind })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hash))
    .get();
}

export interface MyOrg {
  id: string;
  name: string;
  kind: OrgKind;
  role: OrgRole;
}

export function orgsOf(db: Db, userId: string): Promise<MyOrg[]> {
  return db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name), asc(organisations.id));
}

// ── All organisations (stewards and the cooperative's administrators) ──────────────────────────
export const ADMIN_PAGE_SIZE = 50;

export interface OrgListRow {
  id: string;
  name: string;
  kind: OrgKind;
  companyNumber: string | null;
  members: number;
}

/** Keyset pagination on (name, id): stable while organisations are added. */
export async function listOrganisations(db: Db, opts: { kind?: OrgKind; cursor?: string; limit?: number }): Promise<{ rows: OrgListRow[]; next: string | null }> {
  const limit = opts.limit ?? ADMIN_PAGE_SIZE;
  const where: SQL[] = [];
  if (opts.kind) where.push(eq(organisations.kind, opts.kind));
  if (opts.cursor) {
    const [name, id] = decodeCursor<[string, string]>(opts.cursor, ["string", "string"]);
    where.push(or(gt(organisations.name, name), and(eq(organisations.name, name), gt(organisations.id, id)))!);
  }
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      companyNumber: organisations.companyNumber,
      members: sql<number>`(select count(*) from ${memberships} where ${memberships.orgId} = ${organisations.id})`,
    })
    .from(organisations)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null };
}

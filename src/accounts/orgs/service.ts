// Writes on organisations: creation, roles, removal, leaving, invitations, the member-space
// profile. Each change lands in one D1 batch with its audit row (and its mail, for invitations).
// Errors are PageErrors: translated on pages, problem+json if an API ever calls these.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { PageError } from "../../lib/problem";
import type { Lang } from "../../lib/lang";
import { invitations, memberships, organisations, users, type OrgRole } from "../../db/schema";
import type { AppEnv } from "../../env";
import { newId } from "../../lib/ids";
import { mailInsert } from "../../mail/outbox";
import { enqueue } from "../../outbox/write";
import { invitationMail } from "../../mail/templates";
import { auditInsert } from "../audit";
import { auditWhere } from "../audit-where";
import { caller } from "../guard";
import { decide, type OrgKind } from "../policy";
import type { Profile } from "./profile";
import { findOrg, invitationByHash, memberRole, ownerCount } from "./repository";
import { checkMembershipChange, inviteNeedsOwner, type MembershipChange } from "./rules";
import { expiryFrom, hashToken, INVITATION_DAYS, looksLikeToken, maskEmail, newInvitationToken } from "./tokens";
import { type ServiceContext, actingPrincipal, originOf } from "../../lib/context";

type C = ServiceContext;

const now = () => new Date().toISOString();
const owns = (ctx: C, orgId: string) => decide(actingPrincipal(ctx), "org.own", { orgId }) === "allow";


export async function createOrganisation(ctx: C, input: { name: string; kind: OrgKind; language: Lang }): Promise<string> {
  const db = ctx.db;
  const userId = actingPrincipal(ctx).userId;
  const id = newId("org");
  await db.batch([
    db.insert(organisations).values({ id, kind: input.kind, name: input.name, language: input.language, createdBy: userId }),
    db.insert(memberships).values({ orgId: id, userId, role: "owner" }),
    auditInsert(ctx, { action: "org.create", subjectType: "organisation", subjectId: id, orgId: id, detail: { kind: input.kind, name: input.name } }),
    auditInsert(ctx, { action: "membership.add", subjectType: "user", subjectId: userId, orgId: id, detail: { role: "owner", via: "create" } }),
  ]);
  return id;
}

/** While more than one owner remains: the database re-checks what the rules checked, against a concurrent change. */
const moreThanOneOwner = (orgId: string): SQL =>
  sql`(select count(*) from ${memberships} where ${memberships.orgId} = ${orgId} and ${memberships.role} = 'owner') > 1`;

async function checked(ctx: C, orgId: string, targetUserId: string, change: (from: OrgRole) => MembershipChange) {
  const from = await memberRole(ctx.db, orgId, targetUserId);
  if (!from) throw new PageError("NOT_FOUND", `No member ${targetUserId} in ${orgId}`, "orgs.error.member_not_found");
  const outcome = checkMembershipChange(change(from), { owners: await ownerCount(ctx.db, orgId), actorOwns: owns(ctx, orgId) });
  if (outcome === "needs_owner") throw new PageError("FORBIDDEN", "Only an owner makes or unmakes owners", "orgs.error.needs_owner");
  if (outcome === "last_owner") throw new PageError("CONFLICT", "The last owner cannot be demoted, removed or leave", "orgs.error.last_owner");
  return { from, outcome };
}

function targetRow(orgId: string, userId: string, from: OrgRole): SQL {
  return and(eq(memberships.orgId, orgId), eq(memberships.userId, userId), eq(memberships.role, from), from === "owner" ? moreThanOneOwner(orgId) : undefined)!;
}

const noLongerMember = (orgId: string, userId: string): SQL =>
  sql`not exists (select 1 from ${memberships} where ${memberships.orgId} = ${orgId} and ${memberships.userId} = ${userId})`;
const hasRole = (orgId: string, userId: string, role: OrgRole): SQL =>
  sql`exists (select 1 from ${memberships} where ${memberships.orgId} = ${orgId} and ${memberships.userId} = ${userId} and ${memberships.role} = ${role})`;

/** The batch ran but the guarded statement changed nothing: someone else changed the membership first. */
function changedSince(): never {
  throw new PageError("CONFLICT", "The membership changed meanwhile; reload and try again", "orgs.error.changed");
}

export async function changeRole(ctx: C, orgId: string, targetUserId: string, to: OrgRole): Promise<"changed" | "unchanged"> {
  const { from, outcome } = await checked(ctx, orgId, targetUserId, (from) => ({ kind: "role", from, to }));
  if (outcome === "unchanged") return "unchanged";
  const db = ctx.db;
  const [result] = await db.batch([
    db.update(memberships).set({ role: to, updatedAt: now() }).where(targetRow(orgId, targetUserId, from)),
    // Recorded only when the guarded update happened (the last-owner check can refuse it in the batch).
    auditWhere(ctx, { action: "membership.role", subjectType: "user", subjectId: targetUserId, orgId, detail: { from, to } }, targetUserId, hasRole(orgId, targetUserId, to)),
  ]);
  if (result.meta.changes === 0) changedSince();
  return "changed";
}

export async function removeMember(ctx: C, orgId: string, targetUserId: string): Promise<void> {
  const self = targetUserId === actingPrincipal(ctx).userId;
  const { from } = await checked(ctx, orgId, targetUserId, (from) => (self ? { kind: "leave", from } : { kind: "remove", from }));
  const db = ctx.db;
  const [result] = await db.batch([
    db.delete(memberships).where(targetRow(orgId, targetUserId, from)),
    auditWhere(ctx, { action: self ? "membership.leave" : "membership.remove", subjectType: "user", subjectId: targetUserId, orgId, detail: { role: from } }, targetUserId, noLongerMember(orgId, targetUserId)),
  ]);
  if (result.meta.changes === 0) changedSince();
}

export async function leave(ctx: C, orgId: string): Promise<void> {
  const userId = actingPrincipal(ctx).userId;
  if (!(await memberRole(ctx.db, orgId, userId))) throw new PageError("FORBIDDEN", `Not a member of ${orgId}`, "orgs.error.not_member");
  await removeMember(ctx, orgId, userId);
}

// ── Invitations ────────────────────────────────────────────────────────────────────────────────
export async function invite(ctx: C, orgId: string, input: { email: string; role: OrgRole; language: Lang }): Promise<void> {
  const db = ctx.db;
  if (inviteNeedsOwner(input.role) && !owns(ctx, orgId)) throw new PageError("FORBIDDEN", "Only an owner invites owners", "orgs.error.needs_owner");
  const org = await findOrg(db, orgId);
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${orgId}`, "orgs.error.not_found");
  const member = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(users.email, input.email)))
    .get();
  if (member) throw new PageError("CONFLICT", `${input.email} is already a member`, "orgs.invite.already_member", { email: input.email });

  const { token, hash } = await newInvitationToken();
  const id = newId("inv");
  const url = new URL(`/invitations/${token}`, originOf(ctx));
  url.searchParams.set("lang", input.language); // the page opens in the mail's language
  const who = actingPrincipal(ctx);
  const inviter = who.kind === "user" ? who.email : "";
  const mail = mailInsert(db, {
    kind: "org_invitation",
    to: input.email,
    ...invitationMail(input.language, { orgName: org.name, role: input.role, inviter, url: url.href, days: INVITATION_DAYS }),
  });
  const pendingForEmail = and(eq(invitations.orgId, orgId), eq(invitations.email, input.email), eq(invitations.status, "pending"));
  const replaced = await db.select({ id: invitations.id }).from(invitations).where(pendingForEmail);
  await db.batch([
    // Re-inviting replaces: the earlier link stops working.
    db.update(invitations).set({ status: "revoked", updatedAt: now() }).where(pendingForEmail),
    db.insert(invitations).values({ id, orgId, email: input.email, role: input.role, tokenHash: hash, invitedBy: actingPrincipal(ctx).userId, expiresAt: expiryFrom(new Date()) }),
    mail.query,
    auditInsert(ctx, {
      action: "invitation.create",
      subjectType: "invitation",
      subjectId: id,
      orgId,
      detail: { email: input.email, role: input.role, language: input.language, replaces: replaced.map((r) => r.id) },
    }),
  ]);
  enqueue(ctx, [mail]);
}

export async function revokeInvitation(ctx: C, orgId: string, invitationId: string): Promise<void> {
  const db = ctx.db;
  const target = and(eq(invitations.id, invitationId), eq(invitations.orgId, orgId), eq(invitations.status, "pending"));
  const row = await db.query.invitations.findFirst({ columns: { email: true, role: true }, where: target });
  if (!row) throw new PageError("NOT_FOUND", `No pending invitation ${invitationId} in ${orgId}`, "orgs.invitation.not_found");
  // Revoking an owner's invitation unmakes an owner-to-be: the same rule as inviting one.
  if (inviteNeedsOwner(row.role) && !owns(ctx, orgId)) throw new PageError("FORBIDDEN", "Only an owner revokes an owner's invitation", "orgs.error.needs_owner");
  await db.batch([
    db.update(invitations).set({ status: "revoked", updatedAt: now() }).where(target),
    auditInsert(ctx, { action: "invitation.revoke", subjectType: "invitation", subjectId: invitationId, orgId, detail: { email: row.email, role: row.role } }),
  ]);
}

export type InvitationState = "pending" | "accepted" | "revoked" | "expired";

/** The invitation behind a link, or a 404; its state says whether it can still be accepted. */
export async function openInvitation(ctx: C, token: string) {
  const found = looksLikeToken(token) ? await invitationByHash(ctx.db, await hashToken(token)) : undefined;
  if (!found) throw new PageError("NOT_FOUND", "No such invitation", "orgs.invitation.not_found");
  const inv = found.invitation;
  const state: InvitationState = inv.status !== "pending" ? inv.status : inv.expiresAt <= now() ? "expired" : "pending";
  return { invitation: inv, orgName: found.orgName, state };
}

/** Expired, revoked and used links are all 409: the invitation exists, its state refuses. */
export function refuseUnlessPending(state: InvitationState): void {
  if (state === "pending") return;
  const key = state === "accepted" ? "orgs.invitation.used" : state === "revoked" ? "orgs.invitation.revoked" : "orgs.invitation.expired";
  throw new PageError("CONFLICT", `This invitation is ${state}`, key);
}

export async function acceptInvitation(ctx: C, token: string): Promise<string> {
  const db = ctx.db;
  const { invitation: inv, state } = await openInvitation(ctx, token);
  refuseUnlessPending(state);
  const who = actingPrincipal(ctx);
  if (who.kind !== "user") throw new PageError("FORBIDDEN", "Invitations are accepted by a person", "error.title");
  if (who.email.toLowerCase() !== inv.email.toLowerCase() || !who.emailVerified) {
    throw new PageError("FORBIDDEN", "This invitation was sent to another address", "orgs.invitation.wrong_account", { invited: maskEmail(inv.email), you: who.email });
  }
  const already = await memberRole(db, inv.orgId, who.userId);
  const at = now();
  // Everything after the update happens only if this very batch accepted it (a revocation or a
  // second click meanwhile leaves nothing behind): its acceptance carries this batch's instant.
  const acceptedHere = sql`exists (select 1 from ${invitations} where ${invitations.id} = ${inv.id} and ${invitations.acceptedBy} = ${who.userId} and ${invitations.acceptedAt} = ${at})`;
  const [accepted] = await db.batch([
    db
      .update(invitations)
      .set({ status: "accepted", acceptedBy: who.userId, acceptedAt: at, updatedAt: at })
      .where(and(eq(invitations.id, inv.id), eq(invitations.status, "pending"))),
    // Someone already in keeps their role: an invitation never demotes (nor unmakes the last owner).
    db
      .insert(memberships)
      .select(
        db
          .select({ orgId: sql<string>`${inv.orgId}`.as("org_id"), userId: sql<string>`${who.userId}`.as("user_id"), role: sql<OrgRole>`${inv.role}`.as("role"), createdAt: sql<string>`${now()}`.as("created_at"), updatedAt: sql<string>`${now()}`.as("updated_at") })
          .from(invitations)
          .where(and(eq(invitations.id, inv.id), acceptedHere)),
      )
      .onConflictDoNothing(),
    auditWhere(ctx, { action: "invitation.accept", subjectType: "invitation", subjectId: inv.id, orgId: inv.orgId, detail: { role: inv.role, already_member: !!already } }, who.userId, acceptedHere),
    auditWhere(ctx, { action: "membership.add", subjectType: "user", subjectId: who.userId, orgId: inv.orgId, detail: { role: already ?? inv.role, via: inv.id } }, who.userId, acceptedHere),
  ]);
  if (accepted.meta.changes === 0) throw new PageError("CONFLICT", "This invitation was used meanwhile", "orgs.invitation.used");
  return inv.orgId;
}

// ── Member-space profile ───────────────────────────────────────────────────────────────────────
const PROFILE_COLUMNS = ["legalName", "companyNumber", "street", "postcode", "city", "countryCode", "contactName", "contactEmail", "contactPhone", "language"] as const;

export async function updateProfile(ctx: C, orgId: string, profile: Profile): Promise<void> {
  const db = ctx.db;
  const org = await findOrg(db, orgId);
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${orgId}`, "orgs.error.not_found");
  const changed = PROFILE_COLUMNS.filter((k) => (org[k] ?? null) !== (profile[k] ?? null));
  if (!changed.length) return;
  await db.batch([
    db.update(organisations).set({ ...profile, updatedAt: now() }).where(eq(organisations.id, orgId)),
    auditInsert(ctx, { action: "org.profile.update", subjectType: "organisation", subjectId: orgId, orgId, detail: { fields: changed } }),
  ]);
}

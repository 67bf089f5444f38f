// Proposals (issue 15): a steward's collective assignment, sent to each member organisation as a
// proposal that becomes its migration plan when the member accepts it.
// - send: runs the assignment again (never trusts offers a form or a client carries), refuses a
//   result that differs from the one the steward reviewed, supersedes each member's open proposal,
//   and writes the proposals, their lines, audit rows and one mail per member (its owners/admins in
//   their language; its contact address while it has none) in one batch.
// - accept: re-checks the inventory (unchanged since the proposal), the capacities (still room) and
//   the offers (the plan's own checks, preparePlan), then writes the plan and the status in one batch.
// - decline: the status and an optional reason.
import { and, asc, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { inChunks } from "../../db/chunks";
import { runBatch } from "../../db/batch";
import type { Db } from "../../db/client";
import { assignmentProposalLines, assignmentProposals, inventoryServices, migrationItems, offers, organisations, providers, type AssignmentProposalRow, type ProposalStatus } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import type { Lang } from "../../lib/lang";
import { AppError, type FieldError } from "../../lib/problem";
import { mailInsert } from "../../mail/outbox";
import { enqueue, type OutboxInsert } from "../../outbox/write";
import { runAssignment, type AssignReply, type AssignRequest } from "../assign/service";
import { overCapacity } from "../capacity/service";
import { serviceLabel } from "../inventory";
import { adminsOf } from "../migrations/repository";
import { preparePlan, type ItemView } from "../migrations/service";
import { proposalMail } from "./mail";
import { effectiveStatus, expiresAt, inventoryChanges, replyProved, reviewToken, type InventoryChange } from "./review";

type C = ServiceContext;

/** A proposed line reads like a plan's item, before it has a state. */
export type ProposalLineView = Pick<ItemView, "inventory_id" | "kind" | "label" | "offer_id" | "offer_name" | "provider_id" | "provider_name">;

export interface ProposalView {
  id: string;
  organisation_id: string;
  organisation_name: string;
  mode: "optimal" | "stable";
  /** The run proved what its mode promises: the least total (`optimal`), no blocking pair (`stable`). */
  proved: boolean;
  status: ProposalStatus;
  monthly_cents: number;
  sent_at: string;
  expires_at: string;
  decided_at: string | null;
  decline_reason: string | null;
  migration_id: string | null;
  superseded_by: string | null;
  items: ProposalLineView[];
}

export interface SendReply extends AssignReply {
  proposals: ProposalView[];
  /** The open proposals these replaced. */
  superseded: string[];
  review_token: string;
}

/** Why an accept is refused (409): the page translates the code, the API names it in `errors`. */
export type RefusalReason = "closed" | "expired" | "inventory_changed" | "capacity_full" | "offer";

export class ProposalRefused extends AppError {
  constructor(
    readonly reason: RefusalReason,
    detail: string,
    errors: FieldError[],
    readonly params: Record<string, string> = {},
  ) {
    super("CONFLICT", detail, errors);
  }
}

function linkTo(ctx: C, orgId: string, id: string): string | null {
  const origin = ctx.origin ?? ctx.settings.PUBLIC_ORIGIN;
  return origin ? new URL(`/orgs/${encodeURIComponent(orgId)}/proposals/${encodeURIComponent(id)}`, origin).href : null;
}

function userIdOf(ctx: C): string | null {
  const a = ctx.actor;
  return a.kind === "user" || a.kind === "key" ? a.userId : null;
}

// ── Reads ──────────────────────────────────────────────────────────────────────────────────────
async function views(ctx: C, rows: readonly AssignmentProposalRow[]): Promise<ProposalView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const db = ctx.db;
  const lines = await inChunks(ids, (chunk) =>
    db
      .select({ line: assignmentProposalLines, service: inventoryServices.service, offerName: offers.name, providerName: providers.name })
      .from(assignmentProposalLines)
      .innerJoin(inventoryServices, eq(inventoryServices.id, assignmentProposalLines.inventoryId))
      .innerJoin(offers, eq(offers.id, assignmentProposalLines.offerId))
      .innerJoin(providers, eq(providers.id, assignmentProposalLines.providerId))
      .where(inArray(assignmentProposalLines.proposalId, chunk))
      .orderBy(asc(assignmentProposalLines.kind), asc(inventoryServices.naturalKey)),
  );
  const names = new Map((await inChunks([...new Set(rows.map((r) => r.orgId))], (chunk) => db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, chunk)))).map((o) => [o.id, o.name]));
  const now = ctx.now();
  return rows.map((r) => ({
    id: r.id,
    organisation_id: r.orgId,
    organisation_name: names.get(r.orgId) ?? "",
    mode: r.mode,
    proved: r.proved,
    status: effectiveStatus(r.status, r.expiresAt, now),
    monthly_cents: r.monthlyCents,
    sent_at: r.sentAt,
    expires_at: r.expiresAt,
    decided_at: r.decidedAt,
    decline_reason: r.declineReason,
    migration_id: r.migrationId,
    superseded_by: r.supersededBy,
    items: lines
      .filter((l) => l.line.proposalId === r.id)
      .map((l) => ({ inventory_id: l.line.inventoryId, kind: l.line.kind, label: serviceLabel(l.service), offer_id: l.line.offerId, offer_name: l.offerName, provider_id: l.line.providerId, provider_name: l.providerName })),
  }));
}

/** `sent` means open and not yet expired; `expired` also finds the sent ones past their expiry. */
function statusWhere(status: ProposalStatus | undefined, now: string) {
  if (!status) return undefined;
  if (status === "sent") return and(eq(assignmentProposals.status, "sent"), sql`${assignmentProposals.expiresAt} > ${now}`);
  if (status === "expired") return sql`(${assignmentProposals.status} = 'expired' or (${assignmentProposals.status} = 'sent' and ${assignmentProposals.expiresAt} <= ${now}))`;
  return eq(assignmentProposals.status, status);
}

/** Every proposal (stewards), newest first, at most `limit`. */
export async function listProposals(ctx: C, status?: ProposalStatus, limit = 500): Promise<ProposalView[]> {
  const rows = await ctx.db.select().from(assignmentProposals).where(statusWhere(status, ctx.now().toISOString())).orderBy(desc(assignmentProposals.sentAt), desc(assignmentProposals.id)).limit(limit);
  return views(ctx, rows);
}

/** A member organisation's proposals, newest first. */
export async function orgProposals(ctx: C, orgId: string): Promise<ProposalView[]> {
  const org = await ctx.db.query.organisations.findFirst({ columns: { kind: true }, where: eq(organisations.id, orgId) });
  if (!org || org.kind !== "member") throw new AppError("NOT_FOUND", `No member organisation ${orgId}`);
  const rows = await ctx.db.select().from(assignmentProposals).where(eq(assignmentProposals.orgId, orgId)).orderBy(desc(assignmentProposals.sentAt), desc(assignmentProposals.id));
  return views(ctx, rows);
}

/** One proposal of this organisation; another organisation's is not found. */
export async function getProposal(ctx: C, orgId: string, id: string): Promise<ProposalView> {
  const row = await rowOf(ctx.db, orgId, id);
  return (await views(ctx, [row]))[0]!;
}

async function rowOf(db: Db, orgId: string, id: string): Promise<AssignmentProposalRow> {
  const row = await db.query.assignmentProposals.findFirst({ where: and(eq(assignmentProposals.id, id), eq(assignmentProposals.orgId, orgId)) });
  if (!row) throw new AppError("NOT_FOUND", `No proposal ${id} for organisation ${orgId}`);
  return row;
}

/** Member organisations with live services and no live migration item: who the page offers to place. */
export async function membersWithoutPlan(db: Db): Promise<{ id: string; name: string; services: number }[]> {
  const live = sql`${migrationItems.state} not in ('cancelled', 'done')`;
  return db
    .select({ id: organisations.id, name: organisations.name, services: sql<number>`count(${inventoryServices.id})` })
    .from(organisations)
    .innerJoin(inventoryServices, and(eq(inventoryServices.orgId, organisations.id), isNull(inventoryServices.goneAt)))
    .where(and(eq(organisations.kind, "member"), sql`not exists (select 1 from ${migrationItems} where ${migrationItems.orgId} = ${organisations.id} and ${live})`))
    .groupBy(organisations.id, organisations.name)
    .orderBy(asc(organisations.name), asc(organisations.id));
}

// ── Send ───────────────────────────────────────────────────────────────────────────────────────
/**
 * Runs the assignment and sends each assigned member its proposal. `reviewed`: the review token of
 * the result the steward saw; a different result now is a 409 (`errors: review_token`), nothing sent.
 */
export async function sendProposals(ctx: C, req: AssignRequest, reviewed?: string): Promise<SendReply> {
  const db = ctx.db;
  const reply = await runAssignment(ctx, req);
  const token = reviewToken(reply);
  if (reviewed !== undefined && reviewed !== token) {
    throw new AppError("CONFLICT", "The assignment changed since it was reviewed (inventories, offers or capacities): review it again", [{ field: "review_token", message: "the result differs from the one reviewed" }]);
  }
  if (!reply.assignments.length) {
    throw new AppError("CONFLICT", "No member could be assigned: nothing to send", reply.unassigned.map((u, i) => ({ field: `unassigned.${i}`, message: `${u.organisation_id}: ${u.reason}` })));
  }
  const inventoryIds = reply.assignments.flatMap((a) => a.items.map((i) => i.inventory_id));
  const services = new Map((await inChunks(inventoryIds, (chunk) => db.select({ id: inventoryServices.id, kind: inventoryServices.kind, updatedAt: inventoryServices.updatedAt, service: inventoryServices.service }).from(inventoryServices).where(inArray(inventoryServices.id, chunk)))).map((s) => [s.id, s]));
  const offerIds = [...new Set(reply.assignments.flatMap((a) => a.items.map((i) => i.offer_id)))];
  const offerRows = new Map((await inChunks(offerIds, (chunk) => db.select({ id: offers.id, name: offers.name, providerId: offers.providerId, providerName: providers.name }).from(offers).innerJoin(providers, eq(providers.id, offers.providerId)).where(inArray(offers.id, chunk)))).map((o) => [o.id, o]));
  const orgIds = reply.assignments.map((a) => a.organisation_id);
  const orgRows = new Map((await inChunks(orgIds, (chunk) => db.select({ id: organisations.id, name: organisations.name, email: organisations.contactEmail, lang: organisations.language }).from(organisations).where(inArray(organisations.id, chunk)))).map((o) => [o.id, o]));
  const open = await inChunks(orgIds, (chunk) => db.select({ id: assignmentProposals.id, orgId: assignmentProposals.orgId }).from(assignmentProposals).where(and(inArray(assignmentProposals.orgId, chunk), eq(assignmentProposals.status, "sent"))));
  const openOf = new Map(open.map((o) => [o.orgId, o.id]));
  const admins = await adminsOf(db, orgIds);

  const now = ctx.now();
  const at = now.toISOString();
  const expires = expiresAt(now, ctx.settings.TRANSITION_DEADLINE);
  const sentBy = userIdOf(ctx);
  const statements: Parameters<typeof runBatch>[1] = [];
  const outbox: OutboxInsert[] = [];
  const sentIds: string[] = [];
  for (const a of reply.assignments) {
    const id = newId("prp");
    sentIds.push(id);
    const previous = openOf.get(a.organisation_id);
    // The old one first: the partial unique index allows one open proposal per organisation.
    if (previous) statements.push(db.update(assignmentProposals).set({ status: "superseded", supersededBy: id, updatedAt: at }).where(and(eq(assignmentProposals.id, previous), eq(assignmentProposals.status, "sent"))));
    statements.push(db.insert(assignmentProposals).values({ id, orgId: a.organisation_id, mode: reply.mode, proved: replyProved(reply), monthlyCents: a.monthly_cents, status: "sent", sentBy, sentAt: at, expiresAt: expires, createdAt: at, updatedAt: at }));
    for (const item of a.items) {
      const s = services.get(item.inventory_id)!;
      const o = offerRows.get(item.offer_id)!;
      statements.push(db.insert(assignmentProposalLines).values({ id: newId("prl"), proposalId: id, inventoryId: s.id, kind: s.kind, offerId: o.id, providerId: o.providerId, inventoryUpdatedAt: s.updatedAt }));
    }
    statements.push(auditInsert(ctx, { action: "proposal.send", subjectType: "assignment_proposal", subjectId: id, orgId: a.organisation_id, detail: { mode: reply.mode, monthly_cents: a.monthly_cents, items: a.items, ...(previous ? { supersedes: previous } : {}) } }));
    const org = orgRows.get(a.organisation_id)!;
    const people = admins.get(a.organisation_id) ?? [];
    // An imported member whose owner has not accepted the invitation yet: its contact address.
    const recipients: { email: string; lang: Lang }[] = people.length ? people : org.email ? [{ email: org.email, lang: org.lang }] : [];
    const lines = a.items.map((i) => ({ kind: services.get(i.inventory_id)!.kind, label: serviceLabel(services.get(i.inventory_id)!.service), offer: offerRows.get(i.offer_id)!.name, provider: offerRows.get(i.offer_id)!.providerName }));
    for (const r of recipients) outbox.push(mailInsert(db, { kind: "proposal.sent", to: r.email, ...proposalMail(r.lang, { org: org.name, monthlyCents: a.monthly_cents, expiresAt: expires, items: lines, link: linkTo(ctx, a.organisation_id, id) }) }));
  }
  statements.push(...outbox.map((o) => o.query));
  await runBatch(db, statements, "Another proposal was sent to one of these members meanwhile; run the assignment again");
  enqueue(ctx, outbox);
  const sent = await inChunks(sentIds, (chunk) => db.select().from(assignmentProposals).where(inArray(assignmentProposals.id, chunk)));
  sent.sort((x, y) => (x.orgId < y.orgId ? -1 : 1));
  return { ...reply, proposals: await views(ctx, sent), superseded: open.map((o) => o.id), review_token: token };
}

// ── Accept / decline ───────────────────────────────────────────────────────────────────────────
/**
 * D1 has no transactions to read the status inside: when the guarded status update above it did not
 * apply (another answer landed between our read and our batch), this copies one of the proposal's
 * lines onto itself, which the unique (proposal, inventory) index refuses — the whole batch fails
 * (409 from runBatch) and no plan is written. When the update applied it inserts nothing.
 */
function raceGuard(db: Db, id: string, applied: ReturnType<typeof sql>) {
  const l = assignmentProposalLines;
  return db.insert(l).select(
    db
      .select({
        id: sql<string>`'prl_race_' || ${l.id}`.as("id"),
        proposalId: l.proposalId,
        inventoryId: l.inventoryId,
        kind: l.kind,
        offerId: l.offerId,
        providerId: l.providerId,
        inventoryUpdatedAt: l.inventoryUpdatedAt,
      })
      .from(l)
      .where(and(eq(l.proposalId, id), sql`not exists (select 1 from ${assignmentProposals} where ${assignmentProposals.id} = ${id} and ${applied})`))
      .limit(1),
  );
}

function refuseUnlessOpen(ctx: C, row: AssignmentProposalRow): void {
  const status = effectiveStatus(row.status, row.expiresAt, ctx.now());
  if (status === "expired") throw new ProposalRefused("expired", `Proposal ${row.id} expired on ${row.expiresAt}`, [{ field: "status", message: "expired" }]);
  if (status !== "sent") throw new ProposalRefused("closed", `Proposal ${row.id} is ${status}, no longer open`, [{ field: "status", message: status }], { status });
}

const describeChange = (c: InventoryChange) => ({ field: `inventory.${c.inventory_id}`, message: c.change });

/**
 * The member accepts: its plan is written exactly as a member-built one (preparePlan) together with
 * the proposal's status, in one batch. Refused (409, saying why) when the proposal is not open, the
 * inventory changed since, a host is now full, or an offer can no longer take its service.
 */
export async function acceptProposal(ctx: C, orgId: string, id: string): Promise<ProposalView> {
  const db = ctx.db;
  const row = await rowOf(db, orgId, id);
  refuseUnlessOpen(ctx, row);
  const lines = await db.select().from(assignmentProposalLines).where(eq(assignmentProposalLines.proposalId, id));
  const [services, planned] = await Promise.all([
    db.select({ id: inventoryServices.id, updatedAt: inventoryServices.updatedAt, goneAt: inventoryServices.goneAt }).from(inventoryServices).where(eq(inventoryServices.orgId, orgId)),
    db.select({ id: migrationItems.inventoryId }).from(migrationItems).where(and(eq(migrationItems.orgId, orgId), notInArray(migrationItems.state, ["cancelled", "done"]))),
  ]);
  const busy = new Set(planned.map((p) => p.id));
  const changes = inventoryChanges(
    lines.map((l) => ({ inventory_id: l.inventoryId, inventory_updated_at: l.inventoryUpdatedAt })),
    services.map((s) => ({ ...s, planned: busy.has(s.id) })),
  );
  if (changes.length) throw new ProposalRefused("inventory_changed", `The inventory changed since this proposal (${changes.map((c) => `${c.inventory_id} ${c.change}`).join(", ")}): ask for a new one`, changes.map(describeChange));
  const full = await overCapacity(db, lines.map((l) => ({ provider_id: l.providerId, kind: l.kind })), false, { now: ctx.now(), deadline: ctx.settings.TRANSITION_DEADLINE });
  if (full.length) {
    const names = new Map((await db.select({ id: providers.id, name: providers.name }).from(providers).where(inArray(providers.id, full.map((f) => f.provider_id)))).map((p) => [p.id, p.name]));
    const hosts = full.map((f) => `${names.get(f.provider_id) ?? f.provider_id} (${f.kind} ${f.planned}/${f.limit})`).join(", ");
    throw new ProposalRefused("capacity_full", `A proposed host is now full: ${hosts}`, full.map((f) => ({ field: `capacity.${f.provider_id}.${f.kind}`, message: `${f.planned}/${f.limit}` })), { hosts });
  }
  let plan;
  try {
    plan = await preparePlan(ctx, orgId, lines.map((l) => ({ inventory_id: l.inventoryId, offer_id: l.offerId })));
  } catch (err) {
    if (err instanceof AppError && err.code === "VALIDATION_FAILED") throw new ProposalRefused("offer", `An offer of this proposal can no longer take its service: ${err.message}`, err.errors ?? [], { detail: (err.errors ?? []).map((e) => e.message).join("; ") });
    throw err;
  }
  const at = ctx.now().toISOString();
  await runBatch(
    db,
    [
      // The plan first: the proposal then names its migration (a foreign key).
      ...plan.statements,
      db.update(assignmentProposals).set({ status: "accepted", decidedAt: at, decidedBy: userIdOf(ctx), migrationId: plan.migrationId, updatedAt: at }).where(and(eq(assignmentProposals.id, id), eq(assignmentProposals.status, "sent"))),
      raceGuard(db, id, sql`status = 'accepted' and migration_id = ${plan.migrationId}`),
      auditInsert(ctx, { action: "proposal.accept", subjectType: "assignment_proposal", subjectId: id, orgId, detail: { migration_id: plan.migrationId } }),
    ],
    "This proposal was answered, or its services planned, meanwhile",
  );
  return getProposal(ctx, orgId, id);
}

/** The member declines, with an optional reason; no plan is written. */
export async function declineProposal(ctx: C, orgId: string, id: string, reason?: string): Promise<ProposalView> {
  const db = ctx.db;
  const row = await rowOf(db, orgId, id);
  refuseUnlessOpen(ctx, row);
  const at = ctx.now().toISOString();
  await runBatch(
    db,
    [
      db.update(assignmentProposals).set({ status: "declined", decidedAt: at, decidedBy: userIdOf(ctx), declineReason: reason ?? null, updatedAt: at }).where(and(eq(assignmentProposals.id, id), eq(assignmentProposals.status, "sent"))),
      raceGuard(db, id, sql`status = 'declined' and decided_at = ${at}`),
      auditInsert(ctx, { action: "proposal.decline", subjectType: "assignment_proposal", subjectId: id, orgId, detail: { reason: reason ?? null } }),
    ],
    "This proposal was answered meanwhile",
  );
  return getProposal(ctx, orgId, id);
}

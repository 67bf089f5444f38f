// The migrations' service: plan, request, move, re-assign, tick, confirm the data copy, cancel, and
// the reads the API and the pages share. Every write is one D1 batch: the change, its event row
// (history), its audit row, and its outbox rows (webhooks to both sides, mail where a human must
// act). The pure rules are in ../states.ts, ../checklists.ts and ../plan.ts.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditInsert } from "../../accounts/audit";
import type { Principal } from "../../accounts/policy";
import { runBatch } from "../../db/batch";
import type { Db } from "../../db/client";
import { inventoryServices, migrationEvents, migrationItems, migrations, offers, organisations, providers, type MigrationEventKind, type MigrationEventRow, type MigrationRow } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import { AppError, type FieldError } from "../../lib/problem";
import { mailInsert } from "../../mail/outbox";
import { toMatchOffer } from "../../matching/catalog";
import { enqueue, type OutboxInsert } from "../../outbox/write";
import { checklistProgress, checklistView, tick, untick, type ChecklistRow } from "../checklists";
import type { InventoryKind } from "../inventory";
import { checkPlan, planMessage, type PlanAssignment, type PlanWarning } from "../plan";
import { allowedMoves, applyMove, confirmDataCopy, plannedItem, progress, TERMINAL, type AllowedMove, type DataCopy, type DataCopyMethod, type ItemState, type ItemStatus, type Move, type MoveWarning, type RefusalCode, type Role } from "../states";
import { itemEventInserts, migrationEventInserts } from "./events";
import { MAIL_STATES, moveMail, requestMail } from "./mail";
import { adminsOf, eventsOf, findItem, findMigration, itemsForOrg, itemsOf, providerContacts, providerOrgs, type ItemRecord } from "./repository";
import { inChunks } from "../../db/chunks";
import { overCapacity, weekIsFull, type CapacityWarning } from "../capacity/service";

export { findMigration, itemsOf, findItem } from "./repository";
export type { ItemRecord } from "./repository";

type C = ServiceContext;
type Statement = BatchItem<"sqlite">;

// ── Views ─────────────────────────────────────────────────────────────────────────────────────
export interface EventView {
  id: string;
  item_id: string | null;
  item_version: number | null;
  kind: MigrationEventKind;
  from: ItemState | null;
  to: ItemState | null;
  role: Role;
  note: string | null;
  scheduled_for: string | null;
  occurred_at: string;
  recorded_at: string;
  warnings: MoveWarning[];
  detail: Record<string, unknown>;
}

export interface ItemView {
  id: string;
  migration_id: string;
  inventory_id: string;
  kind: InventoryKind;
  label: string;
  offer_id: string;
  offer_name: string;
  provider_id: string;
  provider_name: string;
  state: ItemState;
  blocked_from: ItemState | null;
  scheduled_for: string | null;
  data_copy: DataCopy | null;
  last_move_at: string;
  version: number;
  /** Every step, with who ticked it and whether the viewer may tick it. */
  checklist: ChecklistRow[];
  checklist_progress: { ticked: number; total: number };
  /** What the viewer may do from here (empty when the viewer only reads). */
  allowed_moves: AllowedMove[];
  /** The viewer's role on this item (null: reads only). */
  viewer_role: Role | null;
  history: EventView[];
}

export interface MigrationView {
  id: string;
  org_id: string;
  org_name: string;
  created_at: string;
  requested_at: string | null;
  cancelled_at: string | null;
  version: number;
  /** TRANSITION_DEADLINE. */
  deadline: string;
  progress: { moved: number; total: number };
  items: ItemView[];
  /** Migration-wide events (plan, request, cancel), oldest first; each item carries its own. */
  history: EventView[];
}

export function eventView(r: MigrationEventRow): EventView {
  return {
    id: r.id,
    item_id: r.itemId,
    item_version: r.itemVersion,
    kind: r.kind,
    from: r.fromState,
    to: r.toState,
    role: r.role,
    note: r.note,
    scheduled_for: r.scheduledFor,
    occurred_at: r.occurredAt,
    recorded_at: r.recordedAt,
    warnings: r.warnings,
    detail: r.detail,
  };
}

const statusOf = (i: Pick<ItemRecord, "state" | "blockedFrom" | "scheduledFor" | "dataCopy" | "lastMoveAt">): ItemStatus => ({
  state: i.state,
  blocked_from: i.blockedFrom,
  scheduled_for: i.scheduledFor,
  data_copy: i.dataCopy,
  last_move_at: i.lastMoveAt,
});

/**
 * The role a caller acts in on one item: the member organisation's owners/admins as `member`, the
 * assigned provider organisation's owners/admins (or its key with migrations:write) as `provider`,
 * else a steward (or a steward's key) as `steward`; null when the caller may only read, or not even.
 */
export function roleFor(p: Principal | { kind: "system" }, memberOrgId: string, providerId: string): Role | null {
  if (p.kind === "user") {
    if (p.orgs.some((o) => o.orgId === memberOrgId && o.kind === "member" && (o.role === "owner" || o.role === "admin"))) return "member";
    if (p.orgs.some((o) => o.kind === "provider" && o.providerId === providerId && (o.role === "owner" || o.role === "admin"))) return "provider";
    return p.roles.includes("steward") ? "steward" : null;
  }
  if (p.kind === "key") {
    if (!p.scopes.includes("migrations:write")) return null;
    if (p.org === null) return p.roles.includes("steward") ? "steward" : null;
    return p.org.kind === "provider" && p.org.providerId === providerId ? "provider" : null;
  }
  return null;
}

/** Does this caller see every item of the migration (the member's people, stewards), or only a provider's own? */
export function seesAll(p: Principal, memberOrgId: string): boolean {
  if (p.kind === "user") return p.orgs.some((o) => o.orgId === memberOrgId) || p.roles.includes("steward");
  if (p.kind === "key") return p.org === null && p.roles.includes("steward");
  return false;
}

/** The provider profiles a caller speaks for (any role in their organisation). */
function providerIdsOf(p: Principal): string[] {
  if (p.kind === "user") return p.orgs.filter((o) => o.kind === "provider" && o.providerId).map((o) => o.providerId!);
  if (p.kind === "key") return p.org?.kind === "provider" && p.org.providerId ? [p.org.providerId] : [];
  return [];
}

function itemView(i: ItemRecord, viewer: Principal, memberOrgId: string, history: EventView[]): ItemView {
  const role = roleFor(viewer, memberOrgId, i.providerId);
  const status = statusOf(i);
  return {
    id: i.id,
    migration_id: i.migrationId,
    inventory_id: i.inventoryId,
    kind: i.kind,
    label: i.label,
    offer_id: i.offerId,
    offer_name: i.offerName,
    provider_id: i.providerId,
    provider_name: i.providerName,
    state: i.state,
    blocked_from: i.blockedFrom,
    scheduled_for: i.scheduledFor,
    data_copy: i.dataCopy,
    last_move_at: i.lastMoveAt,
    version: i.version,
    checklist: checklistView(i.kind, i.checklist, role ?? "member").map((row) => (role ? row : { ...row, editable: false })),
    checklist_progress: checklistProgress(i.kind, i.checklist),
    allowed_moves: role ? allowedMoves(status, role) : [],
    viewer_role: role,
    history: history.filter((e) => e.item_id === i.id),
  };
}

/** The provider profiles of a migration's items: who is involved, for the policy. */
export async function migrationResource(db: Db, id: string): Promise<{ orgId?: string; providerIds?: string[] }> {
  const m = await findMigration(db, id);
  if (!m) return {};
  const rows = await db.selectDistinct({ providerId: migrationItems.providerId }).from(migrationItems).where(eq(migrationItems.migrationId, id));
  return { orgId: m.orgId, providerIds: rows.map((r) => r.providerId) };
}

async function migrationOr404(db: Db, id: string): Promise<MigrationRow> {
  const m = await findMigration(db, id);
  if (!m) throw new AppError("NOT_FOUND", `No migration ${id}`);
  return m;
}

/** A migration as the viewer may see it: a provider sees only its own items and their events. */
export async function getMigration(ctx: C, id: string, viewer: Principal): Promise<MigrationView> {
  const m = await migrationOr404(ctx.db, id);
  const [items, events, org] = await Promise.all([itemsOf(ctx.db, id), eventsOf(ctx.db, id), ctx.db.query.organisations.findFirst({ columns: { name: true }, where: eq(organisations.id, m.orgId) })]);
  const all = seesAll(viewer, m.orgId);
  const mine = new Set(providerIdsOf(viewer));
  const visible = all ? items : items.filter((i) => mine.has(i.providerId));
  if (!visible.length && !all) throw new AppError("NOT_FOUND", `No migration ${id}`);
  const views = events.map(eventView);
  return {
    id: m.id,
    org_id: m.orgId,
    org_name: org?.name ?? "",
    created_at: m.createdAt,
    requested_at: m.requestedAt,
    cancelled_at: m.cancelledAt,
    version: m.version,
    deadline: ctx.settings.TRANSITION_DEADLINE,
    progress: progress(visible.map((i) => i.state)),
    items: visible.map((i) => itemView(i, viewer, m.orgId, views)),
    history: all ? views.filter((e) => e.item_id === null) : [],
  };
}

/** The events of a migration as the viewer may see them, oldest first. */
export async function migrationEventsFor(ctx: C, id: string, viewer: Principal): Promise<EventView[]> {
  const m = await migrationOr404(ctx.db, id);
  const events = (await eventsOf(ctx.db, id)).map(eventView);
  if (seesAll(viewer, m.orgId)) return events;
  const mine = new Set(providerIdsOf(viewer));
  const items = new Set((await itemsOf(ctx.db, id)).filter((i) => mine.has(i.providerId)).map((i) => i.id));
  return events.filter((e) => e.item_id !== null && items.has(e.item_id));
}

export interface OrgItemView extends Omit<ItemView, "history" | "checklist"> {
  org_id: string;
}

/** An organisation's items: a member's (every state), or a provider's incoming ones (once requested). */
export async function listOrgItems(ctx: C, orgId: string, viewer: Principal): Promise<{ organisation_id: string; kind: "member" | "provider"; items: OrgItemView[] }> {
  const org = await ctx.db.query.organisations.findFirst({ where: eq(organisations.id, orgId) });
  if (!org || org.kind === "cooperative") throw new AppError("NOT_FOUND", `No member or provider organisation ${orgId}`);
  const items = await itemsForOrg(ctx.db, org);
  return {
    organisation_id: org.id,
    kind: org.kind,
    items: items.map((i) => {
      const { history: _h, checklist: _c, ...rest } = itemView(i, viewer, i.orgId, []);
      return { ...rest, org_id: i.orgId };
    }),
  };
}

// ── Writing helpers ───────────────────────────────────────────────────────────────────────────
interface Actor {
  role: Role;
  userId: string | null;
  via: string | null;
}

function actorOf(ctx: C, role: Role): Actor {
  const a = ctx.actor;
  if (a.kind === "user") return { role, userId: a.userId, via: null };
  if (a.kind === "key") return { role, userId: a.userId, via: a.keyId };
  if (a.kind === "system") return { role, userId: null, via: a.reason === "provider-webhook" ? "webhook" : a.reason };
  return { role, userId: null, via: null };
}

function principalOf(ctx: C): Exclude<Principal, { kind: "anonymous" }> {
  const a = ctx.actor;
  if (a.kind === "system" || a.kind === "anonymous") throw new Error("a person or a key acts here");
  return a;
}

interface EventInput {
  migrationId: string;
  itemId: string | null;
  itemVersion: number | null;
  kind: MigrationEventKind;
  from?: ItemState | null;
  to?: ItemState | null;
  note?: string | null;
  scheduledFor?: string | null;
  occurredAt: string;
  warnings?: MoveWarning[];
  detail?: Record<string, unknown>;
}

function eventInsert(ctx: C, actor: Actor, e: EventInput) {
  return ctx.db.insert(migrationEvents).values({
    id: newId("mev"),
    migrationId: e.migrationId,
    itemId: e.itemId,
    itemVersion: e.itemVersion,
    kind: e.kind,
    fromState: e.from ?? null,
    toState: e.to ?? null,
    role: actor.role,
    actorUserId: actor.userId,
    actorVia: actor.via,
    note: e.note ?? null,
    scheduledFor: e.scheduledFor ?? null,
    occurredAt: e.occurredAt,
    recordedAt: ctx.now().toISOString(),
    warnings: e.warnings ?? [],
    detail: e.detail ?? {},
  });
}

const bumpMigration = (ctx: C, id: string) => ctx.db.update(migrations).set({ version: sql`${migrations.version} + 1`, updatedAt: ctx.now().toISOString() }).where(eq(migrations.id, id));

function linkTo(ctx: C, migrationId: string): string | null {
  const origin = ctx.origin ?? ctx.settings.PUBLIC_ORIGIN;
  return origin ? new URL(`/migrations/${migrationId}`, origin).href : null;
}

const CONFLICT = "This migration changed meanwhile; read it again and retry";

function describe(m: AllowedMove): string {
  return m.needs.length ? `${m.to} (needs ${m.needs.join(", ")})` : m.to;
}

/** A refused move: 409 listing what this caller may do instead (or 403 when it is the other side's move). */
export class MoveRefused extends AppError {
  constructor(
    readonly refusal: RefusalCode,
    readonly allowed: AllowedMove[],
    to: ItemState,
    from: ItemState,
  ) {
    const list = allowed.map(describe);
    const detail =
      refusal === "stale"
        ? `This report (to ${to}) happened before the item's last applied move: not applied`
        : refusal === "not_allowed"
          ? `No move from ${from} to ${to} for you here; allowed: ${list.join(", ") || "none"}`
          : `The move to ${to} was refused (${refusal}); allowed: ${list.join(", ") || "none"}`;
    const errors: FieldError[] = [
      { field: refusal === "note_required" ? "note" : refusal === "date_required" ? "scheduled_for" : refusal === "data_copy_required" ? "data_copy" : refusal === "not_allowed" ? "to" : "occurred_at", message: refusal },
      ...allowed.map((m) => ({ field: "allowed", message: describe(m) })),
    ];
    super("CONFLICT", detail, errors);
  }
}

// ── Plan ──────────────────────────────────────────────────────────────────────────────────────
export interface PlanInput {
  inventory_id: string;
  offer_id: string;
}

export interface PlanResult {
  migration: MigrationView;
  warnings: (PlanWarning & { item_index: number; message: string })[];
  /** Hosts this plan puts beyond their declared capacity: a warning, never a refusal. */
  capacity_warnings: CapacityWarning[];
}

async function loadOffers(db: Db, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await inChunks(unique, (chunk) => db.select({ offer: offers, provider: providers }).from(offers).innerJoin(providers, eq(providers.id, offers.providerId)).where(inArray(offers.id, chunk)));
  return new Map(rows.map((r) => [r.offer.id, { row: r.offer, match: toMatchOffer(r.offer, r.provider) }]));
}

/** A member organisation's plan: each live inventory service to an offer that can take it. */
export async function planMigration(ctx: C, orgId: string, input: readonly PlanInput[]): Promise<PlanResult> {
  const prepared = await preparePlan(ctx, orgId, input);
  await runBatch(ctx.db, prepared.statements, "Some services were planned in another migration meanwhile");
  const [migration, capacity_warnings] = await Promise.all([getMigration(ctx, prepared.migrationId, principalOf(ctx)), overCapacity(ctx.db, prepared.adding, true, { now: ctx.now(), deadline: ctx.settings.TRANSITION_DEADLINE })]);
  return { migration, warnings: prepared.warnings, capacity_warnings };
}

export interface PreparedPlan {
  migrationId: string;
  statements: Statement[];
  warnings: PlanResult["warnings"];
  /** Provider and kind of each planned item, to count against capacities once stored. */
  adding: { provider_id: string; kind: InventoryKind }[];
}

/**
 * A plan's checks and statements, for the caller's batch: planMigration runs them alone, an accepted
 * assignment proposal (../proposals) with its own status change, so both land or neither does.
 */
export async function preparePlan(ctx: C, orgId: string, input: readonly PlanInput[]): Promise<PreparedPlan> {
  const db = ctx.db;
  const principal = principalOf(ctx);
  const lang = ctx.lang ?? "fr";
  const org = await db.query.organisations.findFirst({ where: eq(organisations.id, orgId) });
  if (!org || org.kind !== "member") throw new AppError("NOT_FOUND", `No member organisation ${orgId}`);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.forEach((it, i) => {
    if (seen.has(it.inventory_id)) errors.push({ field: `items.${i}.inventory_id`, message: "listed twice" });
    seen.add(it.inventory_id);
  });
  const services = new Map((await inChunks([...seen], (chunk) => db.select().from(inventoryServices).where(and(eq(inventoryServices.orgId, orgId), inArray(inventoryServices.id, chunk))), 1)).map((s) => [s.id, s]));
  const offerMap = await loadOffers(db, input.map((i) => i.offer_id));
  input.forEach((it, i) => {
    const s = services.get(it.inventory_id);
    if (!s) errors.push({ field: `items.${i}.inventory_id`, message: "not a service of this organisation's inventory" });
    else if (s.goneAt) errors.push({ field: `items.${i}.inventory_id`, message: "this service is gone from the inventory" });
    if (!offerMap.has(it.offer_id)) errors.push({ field: `items.${i}.offer_id`, message: "no such offer" });
  });
  if (errors.length) throw new AppError("VALIDATION_FAILED", `The plan was refused: ${[...new Set(errors.map((e) => e.field))].join(", ")}`, errors);

  const assignments: PlanAssignment[] = input.map((it) => ({ service: services.get(it.inventory_id)!.service, offer_id: it.offer_id, offer: offerMap.get(it.offer_id)!.match }));
  const checks = checkPlan(assignments);
  const warnings: PlanResult["warnings"] = [];
  checks.forEach((c, i) => {
    if (!c.ok) errors.push({ field: `items.${i}.offer_id`, message: `${c.refusal.code}: ${planMessage(c.refusal, lang)}` });
    else for (const w of c.warnings) warnings.push({ ...w, item_index: i, message: planMessage(w, lang) });
  });
  if (errors.length) throw new AppError("VALIDATION_FAILED", `These offers cannot take these services: ${errors.map((e) => e.message.split(":")[0]).join(", ")}`, errors);

  const live = await inChunks([...seen], (chunk) =>
    db
      .select({ inventoryId: migrationItems.inventoryId, migrationId: migrationItems.migrationId })
      .from(migrationItems)
      .where(and(inArray(migrationItems.inventoryId, chunk), sql`${migrationItems.state} not in ('cancelled', 'done')`)),
  );
  if (live.length) {
    const busy = new Map(live.map((l) => [l.inventoryId, l.migrationId]));
    throw new AppError(
      "CONFLICT",
      "Some services are already in a live migration: cancel those items first",
      input.flatMap((it, i) => (busy.has(it.inventory_id) ? [{ field: `items.${i}.inventory_id`, message: `already in ${busy.get(it.inventory_id)}` }] : [])),
    );
  }

  const role: Role = org && principal.kind === "user" && principal.orgs.some((o) => o.orgId === orgId && (o.role === "owner" || o.role === "admin")) ? "member" : "steward";
  const actor = actorOf(ctx, role);
  const at = ctx.now().toISOString();
  const id = newId("mig");
  const statements: Statement[] = [db.insert(migrations).values({ id, orgId, createdBy: principal.userId, createdAt: at, updatedAt: at })];
  const itemIds: string[] = [];
  input.forEach((it, i) => {
    const itemId = newId("mit");
    itemIds.push(itemId);
    const s = services.get(it.inventory_id)!;
    const o = offerMap.get(it.offer_id)!.row;
    const status = plannedItem(at);
    statements.push(
      db.insert(migrationItems).values({ id: itemId, migrationId: id, orgId, inventoryId: s.id, kind: s.kind, offerId: o.id, providerId: o.providerId, state: status.state, lastMoveAt: status.last_move_at, createdAt: at, updatedAt: at }),
      eventInsert(ctx, actor, { migrationId: id, itemId, itemVersion: 1, kind: "plan", to: "planned", occurredAt: at, detail: { offer_id: o.id, provider_id: o.providerId, inventory_id: s.id, warnings: checks[i]!.ok ? checks[i]!.warnings.map((w) => w.code) : [] } }),
    );
  });
  statements.push(auditInsert(ctx, { action: "migration.plan", subjectType: "migration", subjectId: id, orgId, detail: { items: input.map((it, i) => ({ item_id: itemIds[i], ...it })) } }));
  // Counted once stored, so a plan racing another at the same host sees both (planMigration).
  const adding = input.map((it) => ({ provider_id: offerMap.get(it.offer_id)!.row.providerId, kind: services.get(it.inventory_id)!.kind }));
  return { migrationId: id, statements, warnings, adding };
}

// ── Moves ─────────────────────────────────────────────────────────────────────────────────────
interface Prepared {
  statements: Statement[];
  outbox: OutboxInsert[];
  warnings: MoveWarning[];
  version: number;
}

async function itemOr404(db: Db, migrationId: string, itemId: string): Promise<ItemRecord> {
  const item = await findItem(db, migrationId, itemId);
  if (!item) throw new AppError("NOT_FOUND", `No item ${itemId} in migration ${migrationId}`);
  return item;
}

/** The other side's move: 403 rather than 409 (the machine allows it, just not to this caller). */
function otherSides(role: Role): Role[] {
  return role === "member" ? ["provider"] : role === "provider" ? ["member"] : [];
}

/**
 * The statements of one move, for the caller's batch (the API's, or an inbound webhook's): the item
 * (guarded by its version), its event row (unique per item version), the migration's version, the
 * audit row, the webhooks to both sides and the mail to the side that must act.
 */
export async function prepareMove(ctx: C, m: MigrationRow, item: ItemRecord, move: Move, actor: Actor, extra: { offer?: { offerId: string; providerId: string }; bump?: false } = {}): Promise<Prepared> {
  const db = ctx.db;
  const now = ctx.now();
  const result = applyMove(statusOf(item), move, actor.role, now.toISOString(), { deadline: ctx.settings.TRANSITION_DEADLINE });
  if (!result.ok) {
    if (result.code === "not_allowed" && otherSides(actor.role).some((r) => allowedMoves(statusOf(item), r).some((a) => a.to === move.to))) {
      throw new AppError("FORBIDDEN", `Moving to ${move.to} from ${item.state} is the ${actor.role === "member" ? "provider" : "member"}'s move, not yours`);
    }
    throw new MoveRefused(result.code, result.allowed, move.to, item.state);
  }
  const next = result.item;
  const version = item.version + 1;
  const offerId = extra.offer?.offerId ?? item.offerId;
  const providerId = extra.offer?.providerId ?? item.providerId;
  // A day in a week the host already filled at its stated rate: warned, never refused (it may choose to work harder).
  const warnings = [...result.warnings];
  if (move.to === "scheduled" && result.entry.scheduled_for && (await weekIsFull(db, { providerId, itemId: item.id, migrationId: m.id, day: result.entry.scheduled_for }))) warnings.push("week_full");
  const statements: Statement[] = [
    db
      .update(migrationItems)
      .set({ state: next.state, blockedFrom: next.blocked_from, scheduledFor: next.scheduled_for, dataCopy: next.data_copy, lastMoveAt: next.last_move_at, offerId, providerId, version, updatedAt: now.toISOString() })
      .where(and(eq(migrationItems.id, item.id), eq(migrationItems.version, item.version))),
    eventInsert(ctx, actor, {
      migrationId: m.id,
      itemId: item.id,
      itemVersion: version,
      kind: extra.offer ? "assign" : "move",
      from: result.entry.from,
      to: result.entry.to,
      note: result.entry.note,
      scheduledFor: result.entry.scheduled_for,
      occurredAt: result.entry.occurred_at,
      warnings,
      detail: { ...(result.entry.resumed ? { resumed: true } : {}), ...(move.data_copy && move.to === "done" ? { data_copy: next.data_copy } : {}), ...(extra.offer ? { offer_id: offerId, provider_id: providerId, previous_offer_id: item.offerId } : {}) },
    }),
    ...(extra.bump === false ? [] : [bumpMigration(ctx, m.id)]),
    auditInsert(ctx, { action: "migration.item.move", subjectType: "migration_item", subjectId: item.id, orgId: m.orgId, detail: { migration_id: m.id, from: item.state, to: next.state, role: actor.role, note: result.entry.note, version, ...(extra.offer ? { offer_id: offerId } : {}) } }),
  ];
  const orgs = await providerOrgs(db, [providerId]);
  const providerOrg = orgs.get(providerId)?.orgId;
  const outbox = await itemEventInserts(db, { migrationId: m.id, itemId: item.id, version, entry: result.entry, orgIds: [m.orgId, ...(providerOrg ? [providerOrg] : [])], providerId, offerId, at: now });
  if (MAIL_STATES.has(next.state)) {
    // The side that must act: the provider for a request, a member's cancel or block; the member otherwise.
    const toProvider = next.state === "requested" || (actor.role !== "provider" && (next.state === "cancelled" || next.state === "blocked"));
    const skipCancelledPlan = next.state === "cancelled" && item.state === "planned"; // the provider never heard of it
    if (!skipCancelledPlan) {
      const recipients = await mailRecipients(ctx, toProvider ? "provider" : "member", m.orgId, providerId);
      const org = await db.query.organisations.findFirst({ columns: { name: true }, where: eq(organisations.id, m.orgId) });
      for (const r of recipients) {
        const mail = mailInsert(db, {
          kind: `migration.item.${next.state}`,
          to: r.email,
          ...moveMail(r.lang, { org: org?.name ?? "", provider: item.providerName, kind: item.kind, label: item.label, state: next.state, by: actor.role, note: result.entry.note, scheduledFor: result.entry.scheduled_for, afterDeadline: result.warnings.includes("after_deadline"), link: linkTo(ctx, m.id) }),
        });
        outbox.push(mail);
      }
    }
  }
  statements.push(...outbox.map((o) => o.query));
  return { statements, outbox, warnings, version };
}

async function mailRecipients(ctx: C, side: "member" | "provider", memberOrgId: string, providerId: string) {
  if (side === "member") return (await adminsOf(ctx.db, [memberOrgId])).get(memberOrgId) ?? [];
  const org = (await providerOrgs(ctx.db, [providerId])).get(providerId);
  if (org) return (await adminsOf(ctx.db, [org.orgId])).get(org.orgId) ?? [];
  // A profile no organisation manages yet: its public contact, in French.
  const contact = (await providerContacts(ctx.db, [providerId])).get(providerId);
  return contact?.email ? [{ email: contact.email, lang: "fr" as const }] : [];
}

function roleOr403(ctx: C, m: MigrationRow, item: ItemRecord): Role {
  const role = roleFor(principalOf(ctx), m.orgId, item.providerId);
  if (!role) throw new AppError("FORBIDDEN", `You may not change item ${item.id}`);
  return role;
}

export interface MoveReply {
  item: ItemView;
  warnings: MoveWarning[];
}

async function itemReply(ctx: C, m: MigrationRow, itemId: string, warnings: MoveWarning[]): Promise<MoveReply> {
  const view = await getMigration(ctx, m.id, principalOf(ctx));
  return { item: view.items.find((i) => i.id === itemId)!, warnings };
}

/** One move of one item by the caller (member, provider or steward as roleFor says). */
export async function moveItem(ctx: C, migrationId: string, itemId: string, move: Move): Promise<MoveReply> {
  const m = await migrationOr404(ctx.db, migrationId);
  const item = await itemOr404(ctx.db, migrationId, itemId);
  const actor = actorOf(ctx, roleOr403(ctx, m, item));
  const prepared = await prepareMove(ctx, m, item, move, actor);
  await runBatch(ctx.db, prepared.statements, CONFLICT);
  enqueue(ctx, prepared.outbox);
  return itemReply(ctx, m, itemId, prepared.warnings);
}

/**
 * Another offer for an item: a planned one changes offer; a declined or failed one is planned again
 * with the new offer (the state machine's `planned` move, the member's or a steward's).
 */
export async function assignItem(ctx: C, migrationId: string, itemId: string, offerId: string, note?: string): Promise<MoveReply> {
  const db = ctx.db;
  const m = await migrationOr404(db, migrationId);
  const item = await itemOr404(db, migrationId, itemId);
  const role = roleOr403(ctx, m, item);
  if (role === "provider") throw new AppError("FORBIDDEN", "The member chooses the offer of an item");
  const offer = (await loadOffers(db, [offerId])).get(offerId);
  if (!offer) throw new AppError("VALIDATION_FAILED", "No such offer", [{ field: "offer_id", message: "no such offer" }]);
  const service = (await db.query.inventoryServices.findFirst({ where: eq(inventoryServices.id, item.inventoryId) }))!;
  const [check] = checkPlan([{ service: service.service, offer_id: offerId, offer: offer.match }]);
  if (!check!.ok) throw new AppError("VALIDATION_FAILED", `This offer cannot take this service: ${check!.refusal.code}`, [{ field: "offer_id", message: `${check!.refusal.code}: ${planMessage(check!.refusal, ctx.lang ?? "fr")}` }]);
  const actor = actorOf(ctx, role);
  const target = { offerId, providerId: offer.row.providerId as string };
  if (item.state === "planned") {
    const at = ctx.now().toISOString();
    const version = item.version + 1;
    await runBatch(
      db,
      [
        db.update(migrationItems).set({ offerId, providerId: target.providerId, version, updatedAt: at }).where(and(eq(migrationItems.id, item.id), eq(migrationItems.version, item.version))),
        eventInsert(ctx, actor, { migrationId, itemId, itemVersion: version, kind: "assign", from: "planned", to: "planned", note: note ?? null, occurredAt: at, detail: { offer_id: offerId, provider_id: target.providerId, previous_offer_id: item.offerId } }),
        bumpMigration(ctx, migrationId),
        auditInsert(ctx, { action: "migration.item.assign", subjectType: "migration_item", subjectId: itemId, orgId: m.orgId, detail: { migration_id: migrationId, offer_id: offerId, previous_offer_id: item.offerId } }),
      ],
      CONFLICT,
    );
    return itemReply(ctx, m, itemId, []);
  }
  const prepared = await prepareMove(ctx, m, item, { to: "planned", ...(note ? { note } : {}) }, actor, { offer: target });
  await runBatch(db, prepared.statements, "This service is planned elsewhere, or the item changed meanwhile");
  enqueue(ctx, prepared.outbox);
  return itemReply(ctx, m, itemId, prepared.warnings);
}

/** Sends every planned item's provider its request: items to `requested`, one mail and one `migration.requested` per provider. */
export async function requestMigration(ctx: C, migrationId: string, note?: string): Promise<MigrationView> {
  const db = ctx.db;
  const m = await migrationOr404(db, migrationId);
  if (m.cancelledAt) throw new AppError("CONFLICT", "This migration was cancelled");
  const items = (await itemsOf(db, migrationId)).filter((i) => i.state === "planned");
  if (!items.length) throw new AppError("CONFLICT", "No planned item to request: every item was already requested, or cancelled");
  const statements: Statement[] = [];
  const outbox: OutboxInsert[] = [];
  const now = ctx.now();
  const requested: { item: ItemRecord; version: number }[] = [];
  for (const item of items) {
    const role = roleOr403(ctx, m, item);
    if (role === "provider") throw new AppError("FORBIDDEN", "The member sends the requests");
    const actor = actorOf(ctx, role);
    const result = applyMove(statusOf(item), { to: "requested", ...(note ? { note } : {}) }, role, now.toISOString(), { deadline: ctx.settings.TRANSITION_DEADLINE });
    if (!result.ok) throw new MoveRefused(result.code, result.allowed, "requested", item.state);
    const version = item.version + 1;
    requested.push({ item, version });
    statements.push(
      db.update(migrationItems).set({ state: "requested", lastMoveAt: result.item.last_move_at, version, updatedAt: now.toISOString() }).where(and(eq(migrationItems.id, item.id), eq(migrationItems.version, item.version))),
      eventInsert(ctx, actor, { migrationId, itemId: item.id, itemVersion: version, kind: "move", from: "planned", to: "requested", note: result.entry.note, occurredAt: result.entry.occurred_at }),
      auditInsert(ctx, { action: "migration.item.move", subjectType: "migration_item", subjectId: item.id, orgId: m.orgId, detail: { migration_id: migrationId, from: "planned", to: "requested", role, note: result.entry.note, version } }),
    );
  }
  const role = roleOr403(ctx, m, items[0]!);
  const providerIds = [...new Set(items.map((i) => i.providerId))];
  const orgs = await providerOrgs(db, providerIds);
  const org = (await db.query.organisations.findFirst({ columns: { name: true }, where: eq(organisations.id, m.orgId) }))!;
  const migrationVersion = m.version + 1;
  for (const providerId of providerIds) {
    const mine = requested.filter((r) => r.item.providerId === providerId);
    const providerOrg = orgs.get(providerId)?.orgId;
    const orgIds = [m.orgId, ...(providerOrg ? [providerOrg] : [])];
    outbox.push(
      ...(await migrationEventInserts(db, {
        type: "migration.requested",
        migrationId,
        version: migrationVersion,
        memberOrgId: m.orgId,
        providerId,
        orgIds: providerOrg ? [providerOrg] : [],
        items: mine.map((r) => ({ id: r.item.id, kind: r.item.kind, label: r.item.label, offer_id: r.item.offerId, state: "requested" as const })),
        at: now,
      })),
    );
    for (const r of mine) {
      outbox.push(...(await itemEventInserts(db, { migrationId, itemId: r.item.id, version: r.version, entry: { from: "planned", to: "requested", note: note ?? null, scheduled_for: null, occurred_at: now.toISOString() }, orgIds, providerId, offerId: r.item.offerId, at: now })));
    }
    for (const rcpt of await mailRecipients(ctx, "provider", m.orgId, providerId)) {
      outbox.push(mailInsert(db, { kind: "migration.requested", to: rcpt.email, ...requestMail(rcpt.lang, { org: org.name, services: mine.map((r) => ({ kind: r.item.kind, label: r.item.label, offerName: r.item.offerName })), link: linkTo(ctx, migrationId) }) }));
    }
  }
  statements.push(
    db.update(migrations).set({ requestedAt: now.toISOString(), version: migrationVersion, updatedAt: now.toISOString() }).where(and(eq(migrations.id, migrationId), eq(migrations.version, m.version))),
    eventInsert(ctx, actorOf(ctx, role), { migrationId, itemId: null, itemVersion: null, kind: "request", note: note ?? null, occurredAt: now.toISOString(), detail: { items: requested.map((r) => r.item.id), providers: providerIds } }),
    auditInsert(ctx, { action: "migration.request", subjectType: "migration", subjectId: migrationId, orgId: m.orgId, detail: { items: requested.map((r) => r.item.id), providers: providerIds } }),
    ...outbox.map((o) => o.query),
  );
  await runBatch(db, statements, CONFLICT);
  enqueue(ctx, outbox);
  return getMigration(ctx, migrationId, principalOf(ctx));
}

/** Cancels every item not done yet (the member's, or a steward's with a note) and tells the providers. */
export async function cancelMigration(ctx: C, migrationId: string, note?: string): Promise<MigrationView> {
  const db = ctx.db;
  const m = await migrationOr404(db, migrationId);
  if (m.cancelledAt) throw new AppError("CONFLICT", "This migration is already cancelled");
  const items = await itemsOf(db, migrationId);
  const statements: Statement[] = [];
  const outbox: OutboxInsert[] = [];
  let role: Role | null = null;
  for (const item of items) {
    const r = roleOr403(ctx, m, item);
    if (r === "provider") throw new AppError("FORBIDDEN", "The member cancels its migration");
    role = r;
    if (TERMINAL.has(item.state)) continue;
    // The migration's version goes up once, below, not once per item.
    const prepared = await prepareMove(ctx, m, item, { to: "cancelled", ...(note ? { note } : {}) }, actorOf(ctx, r), { bump: false });
    statements.push(...prepared.statements);
    outbox.push(...prepared.outbox);
  }
  if (!role) role = roleFor(principalOf(ctx), m.orgId, "") ?? "steward";
  const now = ctx.now();
  const providerIds = [...new Set(items.filter((i) => i.state !== "planned").map((i) => i.providerId))];
  const orgs = await providerOrgs(db, providerIds);
  const version = m.version + 1;
  const cancelEvents = await migrationEventInserts(db, {
    type: "migration.cancelled",
    migrationId,
    version,
    memberOrgId: m.orgId,
    providerId: null,
    orgIds: [m.orgId, ...[...orgs.values()].map((o) => o.orgId)],
    items: items.map((i) => ({ id: i.id, kind: i.kind, label: i.label, offer_id: i.offerId, state: TERMINAL.has(i.state) ? i.state : ("cancelled" as const) })),
    at: now,
  });
  outbox.push(...cancelEvents);
  statements.push(
    db.update(migrations).set({ cancelledAt: now.toISOString(), version, updatedAt: now.toISOString() }).where(and(eq(migrations.id, migrationId), eq(migrations.version, m.version))),
    eventInsert(ctx, actorOf(ctx, role), { migrationId, itemId: null, itemVersion: null, kind: "cancel", note: note ?? null, occurredAt: now.toISOString() }),
    auditInsert(ctx, { action: "migration.cancel", subjectType: "migration", subjectId: migrationId, orgId: m.orgId, detail: { note: note ?? null } }),
    ...cancelEvents.map((o) => o.query),
  );
  await runBatch(db, statements, CONFLICT);
  enqueue(ctx, outbox);
  return getMigration(ctx, migrationId, principalOf(ctx));
}

// ── Checklists and the data copy ──────────────────────────────────────────────────────────────
export async function setChecklistStep(ctx: C, migrationId: string, itemId: string, step: string, done: boolean): Promise<{ item: ItemView; changed: boolean }> {
  const db = ctx.db;
  const m = await migrationOr404(db, migrationId);
  const item = await itemOr404(db, migrationId, itemId);
  const role = roleOr403(ctx, m, item);
  if (item.state === "cancelled") throw new AppError("CONFLICT", "This item is cancelled");
  const at = ctx.now().toISOString();
  const r = done ? tick(item.kind, item.checklist, step, role, at) : untick(item.kind, item.checklist, step, role);
  if (!r.ok) {
    if (r.code === "unknown_step") throw new AppError("VALIDATION_FAILED", `No step ${step} in a ${item.kind} checklist`, [{ field: "step", message: "unknown step" }]);
    throw new AppError("FORBIDDEN", `The step ${step} is not the ${role}'s to tick`);
  }
  if (r.changed) {
    const version = item.version + 1;
    await runBatch(
      db,
      [
        db.update(migrationItems).set({ checklist: r.state, version, updatedAt: at }).where(and(eq(migrationItems.id, item.id), eq(migrationItems.version, item.version))),
        eventInsert(ctx, actorOf(ctx, role), { migrationId, itemId, itemVersion: version, kind: done ? "tick" : "untick", occurredAt: at, detail: { step } }),
        bumpMigration(ctx, migrationId),
        auditInsert(ctx, { action: done ? "migration.checklist.tick" : "migration.checklist.untick", subjectType: "migration_item", subjectId: itemId, orgId: m.orgId, detail: { migration_id: migrationId, step, role } }),
      ],
      CONFLICT,
    );
  }
  const reply = await itemReply(ctx, m, itemId, []);
  return { item: reply.item, changed: r.changed };
}

/** The member records that it holds a full copy of the service's data: when and how. */
export async function confirmItemDataCopy(ctx: C, migrationId: string, itemId: string, input: { method: DataCopyMethod; detail?: string | null }): Promise<MoveReply> {
  const db = ctx.db;
  const m = await migrationOr404(db, migrationId);
  const item = await itemOr404(db, migrationId, itemId);
  const role = roleOr403(ctx, m, item);
  if (role === "provider") throw new AppError("FORBIDDEN", "Only the member confirms it holds a copy of its data");
  const at = ctx.now().toISOString();
  const r = confirmDataCopy(statusOf(item), input, role, at);
  if (!r.ok) {
    if (r.code === "detail_required") throw new AppError("VALIDATION_FAILED", "Say how the copy was made", [{ field: "detail", message: "required when method is other" }]);
    throw new AppError("CONFLICT", `The data copy is confirmed once the new host has the data (cutover or verified), not in ${item.state}`);
  }
  const version = item.version + 1;
  await runBatch(
    db,
    [
      db.update(migrationItems).set({ dataCopy: r.item.data_copy, version, updatedAt: at }).where(and(eq(migrationItems.id, item.id), eq(migrationItems.version, item.version))),
      eventInsert(ctx, actorOf(ctx, role), { migrationId, itemId, itemVersion: version, kind: "data_copy", occurredAt: at, detail: { data_copy: r.item.data_copy } }),
      bumpMigration(ctx, migrationId),
      auditInsert(ctx, { action: "migration.data_copy", subjectType: "migration_item", subjectId: itemId, orgId: m.orgId, detail: { migration_id: migrationId, method: input.method } }),
    ],
    CONFLICT,
  );
  return itemReply(ctx, m, itemId, []);
}

// ── For the inbound webhook ───────────────────────────────────────────────────────────────────
/** A provider's reported move, as statements for the received event's batch; `stale` when older than the last applied move. */
export async function providerMoveStatements(ctx: C, providerId: string, migrationId: string, itemId: string, move: Move): Promise<{ applied: boolean; reason: string | null; statements: Statement[]; outbox: OutboxInsert[] }> {
  const m = await findMigration(ctx.db, migrationId);
  const item = m ? await findItem(ctx.db, migrationId, itemId) : undefined;
  // Not this provider's item, or no such item: the same answer, so ids cannot be probed.
  if (!m || !item || item.providerId !== providerId) return { applied: false, reason: "unknown_item", statements: [], outbox: [] };
  try {
    const prepared = await prepareMove(ctx, m, item, move, actorOf(ctx, "provider"));
    return { applied: true, reason: null, statements: prepared.statements, outbox: prepared.outbox };
  } catch (err) {
    if (err instanceof MoveRefused && err.refusal === "stale") return { applied: false, reason: "stale", statements: [], outbox: [] };
    throw err;
  }
}

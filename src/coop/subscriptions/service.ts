// Subscriptions to the cooperative's plans: taking one, changing its quantity (a new version of its
// terms from today on, settled by day on the next invoice), cancelling it (at the end of the paid
// period). Every write is one batch with its audit record.
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { findOrg } from "../../accounts/orgs/repository";
import { inChunks } from "../../db/chunks";
import type { Db } from "../../db/client";
import { offers, organisations, subscriptions, subscriptionVersions, type SubscriptionRow, type SubscriptionVersionRow } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { today } from "../../lib/days";
import { newId } from "../../lib/ids";
import { AppError } from "../../lib/problem";
import { cancellationTakesEffect, type Interval } from "./periods";
import { planUnitPrice, QUANTITY_MESSAGES, quantityProblem } from "./plans";

export interface SubscriptionView {
  subscription: SubscriptionRow;
  versions: SubscriptionVersionRow[];
  plan: { id: string; name: string; service: string; unit: "flat" | "per_unit" };
  /** Terms in force today. */
  quantity: number;
  unitPriceCents: number;
}

const who = (ctx: ServiceContext) => (ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null);

/** The cooperative's provider: its offers are the plans. */
export async function coopProviderId(db: Db): Promise<string | null> {
  const [row] = await db.select({ providerId: organisations.providerId }).from(organisations).where(eq(organisations.kind, "cooperative")).limit(1);
  return row?.providerId ?? null;
}

/** A published offer of the cooperative's provider, or a 400 on `offer_id`. */
export async function findPlan(db: Db, offerId: string) {
  const providerId = await coopProviderId(db);
  const [offer] = providerId ? await db.select().from(offers).where(and(eq(offers.id, offerId), eq(offers.providerId, providerId), eq(offers.status, "published"))) : [];
  if (!offer) throw new AppError("VALIDATION_FAILED", `No plan ${offerId}`, [{ field: "offer_id", message: "one of the cooperative's published plans" }]);
  return offer;
}

/** The cooperative's published plans, cheapest first. */
export async function listPlans(db: Db) {
  const providerId = await coopProviderId(db);
  if (!providerId) return [];
  return db.select().from(offers).where(and(eq(offers.providerId, providerId), eq(offers.status, "published"))).orderBy(asc(offers.monthlyCents), asc(offers.id));
}

export interface SubscribeInput {
  offerId: string;
  quantity: number;
  interval: Interval;
}

export async function subscribe(ctx: ServiceContext, orgId: string, input: SubscribeInput): Promise<SubscriptionView> {
  const org = await findOrg(ctx.db, orgId);
  if (!org || org.kind !== "member") throw new AppError("NOT_FOUND", `No member organisation ${orgId}`);
  const plan = await findPlan(ctx.db, input.offerId);
  const problem = quantityProblem(plan, input.quantity);
  if (problem) throw new AppError("VALIDATION_FAILED", `Invalid quantity: ${QUANTITY_MESSAGES[problem]}`, [{ field: "quantity", message: QUANTITY_MESSAGES[problem] }]);
  const id = newId("sub");
  const day = today(ctx.now());
  await ctx.db.batch([
    ctx.db.insert(subscriptions).values({ id, orgId, offerId: plan.id, interval: input.interval, startedOn: day, createdBy: who(ctx) }),
    ctx.db.insert(subscriptionVersions).values({ subscriptionId: id, fromDay: day, quantity: input.quantity, unitPriceCents: planUnitPrice(plan, input.interval), createdBy: who(ctx) }),
    auditInsert(ctx, { action: "subscription.create", subjectType: "subscription", subjectId: id, orgId, detail: { offer_id: plan.id, quantity: input.quantity, interval: input.interval } }),
  ]);
  return (await findSubscription(ctx.db, id, ctx.now()))!;
}

/** The subscription, when it is the organisation's (`orgId` given: a path's); another's is not found. */
async function ownSubscription(ctx: ServiceContext, id: string, orgId: string | undefined): Promise<SubscriptionView> {
  const found = await findSubscription(ctx.db, id, ctx.now());
  if (!found || (orgId !== undefined && found.subscription.orgId !== orgId)) throw new AppError("NOT_FOUND", `No subscription ${id}`);
  return found;
}

/** A new quantity from today on; the plan's price is taken again as it is today. */
export async function changeQuantity(ctx: ServiceContext, id: string, quantity: number, orgId?: string): Promise<SubscriptionView> {
  const current = await ownSubscription(ctx, id, orgId);
  if (current.subscription.endsOn) throw new AppError("CONFLICT", `Subscription ${id} is cancelled: it ends on ${current.subscription.endsOn}`);
  const plan = await findPlan(ctx.db, current.subscription.offerId);
  const problem = quantityProblem(plan, quantity);
  if (problem) throw new AppError("VALIDATION_FAILED", `Invalid quantity: ${QUANTITY_MESSAGES[problem]}`, [{ field: "quantity", message: QUANTITY_MESSAGES[problem] }]);
  const day = today(ctx.now());
  const terms = { quantity, unitPriceCents: planUnitPrice(plan, current.subscription.interval), createdBy: who(ctx) };
  await ctx.db.batch([
    // A second change on the same day replaces the first: the day is the unit of settlement.
    ctx.db
      .insert(subscriptionVersions)
      .values({ subscriptionId: id, fromDay: day, ...terms })
      .onConflictDoUpdate({ target: [subscriptionVersions.subscriptionId, subscriptionVersions.fromDay], set: terms }),
    ctx.db.update(subscriptions).set({ updatedAt: ctx.now().toISOString() }).where(eq(subscriptions.id, id)),
    auditInsert(ctx, { action: "subscription.change", subjectType: "subscription", subjectId: id, orgId: current.subscription.orgId, detail: { quantity, from: day } }),
  ]);
  return (await findSubscription(ctx.db, id, ctx.now()))!;
}

/** Ends the subscription when the period already paid for ends. */
export async function cancelSubscription(ctx: ServiceContext, id: string, orgId?: string): Promise<SubscriptionView> {
  const current = await ownSubscription(ctx, id, orgId);
  if (current.subscription.endsOn) throw new AppError("CONFLICT", `Subscription ${id} is already cancelled: it ends on ${current.subscription.endsOn}`);
  const s = current.subscription;
  const endsOn = cancellationTakesEffect(today(ctx.now()), s.interval, s.startedOn);
  const [updated] = await ctx.db.batch([
    ctx.db
      .update(subscriptions)
      .set({ endsOn, cancelledAt: ctx.now().toISOString(), updatedAt: ctx.now().toISOString() })
      .where(and(eq(subscriptions.id, id), isNull(subscriptions.endsOn)))
      .returning({ id: subscriptions.id }),
    auditInsert(ctx, { action: "subscription.cancel", subjectType: "subscription", subjectId: id, orgId: s.orgId, detail: { ends_on: endsOn } }),
  ]);
  if (updated.length === 0) throw new AppError("CONFLICT", `Subscription ${id} was cancelled meanwhile`);
  return (await findSubscription(ctx.db, id, ctx.now()))!;
}

/** Each row with its versions, its plan and the terms in force on `now`'s day. */
export async function viewsOf(db: Db, rows: SubscriptionRow[], now: Date): Promise<SubscriptionView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [versions, plans] = await Promise.all([
    inChunks(ids, (part) => db.select().from(subscriptionVersions).where(inArray(subscriptionVersions.subscriptionId, part)).orderBy(asc(subscriptionVersions.fromDay))),
    inChunks([...new Set(rows.map((r) => r.offerId))], (part) => db.select({ id: offers.id, name: offers.name, service: offers.service, unit: offers.unit }).from(offers).where(inArray(offers.id, part))),
  ]);
  versions.sort((a, b) => (a.fromDay < b.fromDay ? -1 : a.fromDay > b.fromDay ? 1 : 0));
  const day = today(now);
  return rows.map((subscription) => {
    const own = versions.filter((v) => v.subscriptionId === subscription.id);
    const inForce = own.filter((v) => v.fromDay <= day).at(-1) ?? own[0]!;
    return { subscription, versions: own, plan: plans.find((p) => p.id === subscription.offerId)!, quantity: inForce.quantity, unitPriceCents: inForce.unitPriceCents };
  });
}

export async function findSubscription(db: Db, id: string, now: Date): Promise<SubscriptionView | undefined> {
  const rows = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return (await viewsOf(db, rows, now))[0];
}

export const LIST_LIMIT = 500;

/** An organisation's subscriptions (or every one, for coop_admins), newest first. */
export async function listSubscriptions(db: Db, now: Date, orgId?: string): Promise<SubscriptionView[]> {
  const rows = await db
    .select()
    .from(subscriptions)
    .where(orgId ? eq(subscriptions.orgId, orgId) : undefined)
    .orderBy(desc(subscriptions.startedOn), desc(subscriptions.id))
    .limit(LIST_LIMIT);
  return viewsOf(db, rows, now);
}

// Reads for the plan links and the coop_admin's revenue figures: which plans an organisation already
// subscribes to, and the recurring revenue of every subscription against the break-even model.
import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import { inChunks } from "../../db/chunks";
import type { Db } from "../../db/client";
import { subscriptions } from "../../db/schema";
import { today } from "../../lib/days";
import { readSettings } from "../pledges/service";
import { revenue, type RecurringTerms, type Revenue } from "./revenue";
import { viewsOf } from "./service";

/** The plans an organisation has a subscription to that runs today (a cancelled one runs to the end of its paid period). */
export async function runningPlanIds(db: Db, orgId: string, now: Date): Promise<Set<string>> {
  const day = today(now);
  const rows = await db
    .select({ offerId: subscriptions.offerId })
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), lte(subscriptions.startedOn, day), or(isNull(subscriptions.endsOn), gt(subscriptions.endsOn, day))));
  return new Set(rows.map((r) => r.offerId));
}

/** Which of these organisations have a subscription to this plan that runs today. */
export async function runningSubscribers(db: Db, offerId: string, orgIds: readonly string[], now: Date): Promise<Set<string>> {
  if (!orgIds.length) return new Set();
  const day = today(now);
  const rows = await inChunks(
    [...orgIds],
    (part) =>
      db
        .select({ orgId: subscriptions.orgId })
        .from(subscriptions)
        .where(and(eq(subscriptions.offerId, offerId), inArray(subscriptions.orgId, part), lte(subscriptions.startedOn, day), or(isNull(subscriptions.endsOn), gt(subscriptions.endsOn, day)))),
    4,
  );
  return new Set(rows.map((r) => r.orgId));
}

/**
 * The revenue that recurs: subscriptions begun by today and not cancelled (a cancelled one still
 * runs to the end of its paid period, but it will not come again), at the terms in force today.
 */
export async function recurringRevenue(db: Db, now: Date): Promise<Revenue> {
  const day = today(now);
  const [rows, settings] = await Promise.all([db.select().from(subscriptions).where(and(isNull(subscriptions.endsOn), lte(subscriptions.startedOn, day))), readSettings(db)]);
  const views = await viewsOf(db, rows, now);
  const terms: RecurringTerms[] = views.map((v) => ({ interval: v.subscription.interval, quantity: v.quantity, unitPriceCents: v.unitPriceCents, service: v.plan.service }));
  return revenue(terms, settings);
}

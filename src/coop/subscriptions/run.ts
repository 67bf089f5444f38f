// The monthly billing run: on the first of each month (the daily job catches up a missed day), each
// customer with subscriptions gets one invoice carrying every subscription's lines. Per customer,
// ONE batch writes the run row (unique per customer and day: a second cron finds it and does
// nothing), the invoice draft and each subscription's new state; issuing the draft follows, and a
// draft a failed issue left behind is issued by the next run.
import { and, eq, inArray, isNotNull, isNull, lte, or, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { billingDocuments, organisations, subscriptionRuns, subscriptions } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { today } from "../../lib/days";
import { newId } from "../../lib/ids";
import { isLang, type Lang } from "../../lib/lang";
import { currentIssuer, draftStatements, issueInvoice } from "../invoices/service";
import type { SubscriptionTerms } from "./billing-run";
import { holdsShares } from "../shares/repository";
import { composeOrgRun } from "./org-run";
import { firstOfMonth } from "./periods";
import { listSubscriptions, type SubscriptionView } from "./service";

export interface RunSummary {
  runDay: string;
  customers: number;
  invoiced: number;
  carried: number;
  issued: number;
  skipped: number;
}

function termsOf(view: SubscriptionView): SubscriptionTerms {
  const s = view.subscription;
  return {
    id: s.id,
    interval: s.interval,
    startedOn: s.startedOn,
    versions: view.versions.map((v) => ({ from: v.fromDay, quantity: v.quantity, unitPriceCents: v.unitPriceCents })),
    endsOn: s.endsOn,
    billed: s.billed,
    lastRunOn: s.lastRunOn,
  };
}

/** Customers with a subscription the run of `runDay` still concerns (begun, not yet settled to its end). */
async function customersToRun(db: Db, runDay: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orgId: subscriptions.orgId })
    .from(subscriptions)
    .where(and(lte(subscriptions.startedOn, runDay), or(isNull(subscriptions.endsOn), isNull(subscriptions.lastRunOn), gt(subscriptions.endsOn, subscriptions.lastRunOn))));
  const done = await db.select({ orgId: subscriptionRuns.orgId }).from(subscriptionRuns).where(eq(subscriptionRuns.runDay, runDay));
  const skip = new Set(done.map((d) => d.orgId));
  return rows.map((r) => r.orgId).filter((id) => !skip.has(id));
}

/** Drafts of earlier runs whose issue failed: issued now. */
async function issueLeftDrafts(ctx: ServiceContext): Promise<number> {
  const left = await ctx.db
    .select({ id: billingDocuments.id })
    .from(subscriptionRuns)
    .innerJoin(billingDocuments, eq(billingDocuments.id, subscriptionRuns.documentId))
    .where(and(isNotNull(subscriptionRuns.documentId), eq(billingDocuments.status, "draft")));
  for (const d of left) await issueInvoice(ctx, d.id);
  return left.length;
}

async function runCustomer(ctx: ServiceContext, orgId: string, runDay: string, issuerLang: Lang): Promise<{ outcome: string; documentId: string | null }> {
  const [org] = await ctx.db.select({ language: organisations.language }).from(organisations).where(eq(organisations.id, orgId));
  const lang: Lang = org && isLang(org.language) ? org.language : issuerLang;
  // Oldest subscription first on the invoice.
  const views = (await listSubscriptions(ctx.db, ctx.now(), orgId)).reverse();
  const carried = await ctx.db
    .select({ id: subscriptionRuns.id, runDay: subscriptionRuns.runDay, netCents: subscriptionRuns.netCents })
    .from(subscriptionRuns)
    .where(and(eq(subscriptionRuns.orgId, orgId), eq(subscriptionRuns.outcome, "carried"), isNull(subscriptionRuns.carriedInto)));
  const run = composeOrgRun({
    runDay,
    lang,
    subscriptions: views.map((v) => ({ terms: termsOf(v), planName: v.plan.name })),
    carried,
    surchargePercent: ctx.settings.COOP_NON_SHAREHOLDER_SURCHARGE_PERCENT,
    shareholder: ctx.settings.COOP_NON_SHAREHOLDER_SURCHARGE_PERCENT > 0 ? await holdsShares(ctx.db, orgId) : true,
  });
  const runId = newId("srn");
  const draft = run.outcome === "invoiced" ? await draftStatements(ctx, { orgId, lines: run.invoiceLines, credits: true, buyerReference: null }) : null;
  const statements = [
    // First: if another run took this customer and day, the unique key fails the whole batch here.
    ctx.db.insert(subscriptionRuns).values({ id: runId, orgId, runDay, lines: run.lines, netCents: run.netCents, outcome: run.outcome, documentId: null }),
    ...(draft ? [...draft.statements, ctx.db.update(subscriptionRuns).set({ documentId: draft.id }).where(eq(subscriptionRuns.id, runId))] : []),
    ...run.states.map((s) => ctx.db.update(subscriptions).set({ billed: s.billed, lastRunOn: runDay, updatedAt: ctx.now().toISOString() }).where(eq(subscriptions.id, s.id))),
    ...(carried.length ? [ctx.db.update(subscriptionRuns).set({ carriedInto: runId }).where(inArray(subscriptionRuns.id, carried.map((c) => c.id)))] : []),
  ];
  await ctx.db.batch(statements as unknown as Parameters<Db["batch"]>[0]);
  if (draft) await issueInvoice(ctx, draft.id);
  return { outcome: run.outcome, documentId: draft?.id ?? null };
}

/** The run for the month of `ctx.now()` (or of `runDay`): idempotent, safe to call every day. */
export async function runSubscriptionBilling(ctx: ServiceContext, runDay = firstOfMonth(today(ctx.now()))): Promise<RunSummary> {
  const summary: RunSummary = { runDay, customers: 0, invoiced: 0, carried: 0, issued: 0, skipped: 0 };
  const customers = await customersToRun(ctx.db, runDay);
  if (customers.length === 0) {
    summary.issued = await issueLeftDrafts(ctx);
    return summary;
  }
  const { language } = await currentIssuer(ctx.db);
  for (const orgId of customers) {
    summary.customers++;
    try {
      const r = await runCustomer(ctx, orgId, runDay, language);
      if (r.outcome === "invoiced") summary.invoiced++;
      if (r.outcome === "carried") summary.carried++;
      if (r.documentId) summary.issued++;
    } catch (err) {
      // One customer's failure (its unique run row already written by a racing cron, a refused
      // draft) never stops the others; the job's record counts it and the health page shows it.
      summary.skipped++;
      console.error(JSON.stringify({ level: "error", msg: "subscription run failed", orgId, runDay, error: err instanceof Error ? err.message : String(err) }));
    }
  }
  summary.issued += await issueLeftDrafts(ctx);
  return summary;
}

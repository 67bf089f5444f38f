// Automatic debit, the member's side: the reusable method a Checkout saved is recorded on the
// organisation's billing profile (from the webhook, ./handlers.ts); an owner or admin turns automatic
// debit of later invoices on (with an explicit authorisation, and only once a method is saved) or
// off at /orgs/{id}/billing. Off by default. The debits themselves: ./offsession.ts.
import { and, eq, isNotNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditInsert } from "../../accounts/audit";
import { billingCustomers, type BillingCustomerRow } from "../../db/schema";
import type { Db } from "../../db/client";
import type { ServiceContext } from "../../lib/context";
import { flashes } from "../../lib/flash";
import { AppError } from "../../lib/problem";
import type { SavedMethod } from "./stripe";

type Stmt = BatchItem<"sqlite">;

/** After a choice on automatic debit (payments.pages.tsx), read back by the billing page (billing.pages.tsx). */
export const autoDebitFlash = flashes("autodebit.notice", ["on", "off"]);

/** What the billing page shows: the saved method, and whether later invoices are debited. */
export type AutoDebitProfile = Pick<BillingCustomerRow, "paymentMethodType" | "last4" | "mandateId" | "autoDebit" | "autoDebitSince" | "autoDebitOff"> & { hasMethod: boolean };

export async function autoDebitOf(db: Db, orgId: string): Promise<AutoDebitProfile | null> {
  const [row] = await db.select().from(billingCustomers).where(eq(billingCustomers.orgId, orgId)).limit(1);
  if (!row) return null;
  return { paymentMethodType: row.paymentMethodType, last4: row.last4, mandateId: row.mandateId, autoDebit: row.autoDebit, autoDebitSince: row.autoDebitSince, autoDebitOff: row.autoDebitOff, hasMethod: !!row.paymentMethodId };
}

/**
 * Records the method a Checkout saved, on the profile of the organisation whose Stripe Customer paid
 * (the customer id must match: an event for another customer changes nothing). Consent is untouched:
 * saving a method never turns automatic debit on.
 */
export function savedMethodStatements(ctx: ServiceContext, orgId: string, method: SavedMethod): Stmt[] {
  const at = ctx.now().toISOString();
  return [
    ctx.db
      .update(billingCustomers)
      .set({ paymentMethodId: method.paymentMethodId, paymentMethodType: method.type, mandateId: method.mandateId, last4: method.last4, methodSavedAt: at, updatedAt: at })
      .where(and(eq(billingCustomers.orgId, orgId), eq(billingCustomers.stripeCustomerId, method.customerId))),
    auditInsert(ctx, { action: "billing.payment_method.saved", subjectType: "organisation", subjectId: orgId, orgId, detail: { type: method.type, last4: method.last4, mandate: method.mandateId } }),
  ];
}

/** Turns automatic debit on for invoices issued from now on; 409 (field `consent`) when no method is saved. */
export async function enableAutoDebit(ctx: ServiceContext, orgId: string): Promise<void> {
  const profile = await autoDebitOf(ctx.db, orgId);
  if (!profile?.hasMethod) throw new AppError("CONFLICT", "No payment method is saved for this organisation: pay an invoice online first", [{ field: "consent", message: "no saved payment method" }]);
  if (profile.autoDebit) return;
  const at = ctx.now().toISOString();
  const by = ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null;
  // The WHERE keeps the rule under races too: no saved method, no automatic debit.
  await ctx.db.batch([
    ctx.db
      .update(billingCustomers)
      .set({ autoDebit: true, autoDebitSince: at, autoDebitBy: by, autoDebitOff: null, updatedAt: at })
      .where(and(eq(billingCustomers.orgId, orgId), isNotNull(billingCustomers.paymentMethodId), eq(billingCustomers.autoDebit, false))),
    auditInsert(ctx, { action: "billing.auto_debit.on", subjectType: "organisation", subjectId: orgId, orgId, detail: { type: profile.paymentMethodType, last4: profile.last4 } }),
  ]);
}

/** Turns automatic debit off; a no-op when it was not on. Debits already asked of Stripe go on. */
export async function stopAutoDebit(ctx: ServiceContext, orgId: string): Promise<void> {
  if (!(await autoDebitOf(ctx.db, orgId))?.autoDebit) return;
  const at = ctx.now().toISOString();
  await ctx.db.batch([
    ctx.db.update(billingCustomers).set({ autoDebit: false, autoDebitOff: "member", updatedAt: at }).where(and(eq(billingCustomers.orgId, orgId), eq(billingCustomers.autoDebit, true))),
    auditInsert(ctx, { action: "billing.auto_debit.off", subjectType: "organisation", subjectId: orgId, orgId, detail: {} }),
  ]);
}

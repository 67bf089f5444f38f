// A customer's account read from D1 and handed to the pure `customerLedger` (./ledger.ts): its
// issued invoices and credit notes, its payments (a Stripe payment known only by its refund so far
// has no amount yet and is left out; a failed one never arrived; one still awaiting — a SEPA debit
// takes days — is shown on its invoice, not in the balance) and their allocations.
import { and, eq, inArray, isNotNull, ne } from "drizzle-orm";
import { inChunks } from "../../db/chunks";
import type { Db } from "../../db/client";
import { billingDocuments, paymentAllocations, payments } from "../../db/schema";
import { customerLedger, type CustomerLedger } from "./ledger";

export async function ledgerOf(db: Db, orgId: string): Promise<CustomerLedger> {
  const [docs, paid] = await Promise.all([
    db.select().from(billingDocuments).where(and(eq(billingDocuments.orgId, orgId), ne(billingDocuments.status, "draft"))),
    db.select().from(payments).where(and(eq(payments.orgId, orgId), isNotNull(payments.amountCents))),
  ]);
  const arrived = paid.filter((p) => p.stripeState !== "failed" && p.stripeState !== "awaiting");
  const ids = arrived.map((p) => p.id);
  const allocations = await inChunks(ids, (chunk) => db.select().from(paymentAllocations).where(inArray(paymentAllocations.paymentId, chunk)));
  return customerLedger({
    invoices: docs.filter((d) => d.type === "invoice").map((d) => ({ id: d.id, number: d.number!, issueDate: d.issueDate!, totalCents: d.totalCents })),
    creditNotes: docs.filter((d) => d.type === "credit_note" && d.correctsId).map((d) => ({ id: d.id, number: d.number!, issueDate: d.issueDate!, totalCents: d.totalCents, invoiceId: d.correctsId! })),
    awaiting: paid.filter((p) => p.stripeState === "awaiting" && p.invoiceId).map((p) => ({ invoiceId: p.invoiceId!, amountCents: p.amountCents! })),
    payments: arrived.map((p) => ({ id: p.id, date: p.receivedOn, amountCents: p.amountCents!, refundedCents: p.refundedCents, method: p.method })),
    allocations: allocations.map((a) => ({ paymentId: a.paymentId, invoiceId: a.invoiceId, amountCents: a.amountCents })),
  });
}

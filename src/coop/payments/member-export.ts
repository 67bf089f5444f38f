// A member organisation's payment data in the member export: its Stripe Customer (billing profile,
// with the saved method and the automatic-debit consent), the automatic debits asked, and the
// payments received from it with their allocations to invoices.
import { eq, inArray } from "drizzle-orm";
import { inChunks } from "../../db/chunks";
import { billingCustomers, offSessionCharges, paymentAllocations, payments } from "../../db/schema";
import { snakeRow, type ExportPart } from "../../lib/export";

export const paymentsExport: ExportPart = {
  feature: "coop/payments",
  kinds: ["member"],
  async build(db, org) {
    const [customer] = await db.select().from(billingCustomers).where(eq(billingCustomers.orgId, org.id)).limit(1);
    const rows = await db.select().from(payments).where(eq(payments.orgId, org.id)).orderBy(payments.receivedOn, payments.id);
    const allocations = await inChunks(rows.map((r) => r.id), (chunk) => db.select().from(paymentAllocations).where(inArray(paymentAllocations.paymentId, chunk)));
    return {
      billing_profile: customer ? snakeRow(customer, ["orgId"]) : null,
      automatic_debits: (await db.select().from(offSessionCharges).where(eq(offSessionCharges.orgId, org.id)).orderBy(offSessionCharges.createdAt)).map((r) => snakeRow(r, ["orgId"])),
      payments: rows.map((p) => ({ ...snakeRow(p, ["orgId", "stripeEventCreated"]), allocations: allocations.filter((a) => a.paymentId === p.id).map((a) => snakeRow(a, ["paymentId"])) })),
    };
  },
};

// The accountant's export of a period: the documents issued and the payments received in it, and in
// the ZIP each invoice's and credit note's Peppol UBL, rendered from its frozen row.
import { and, gte, inArray, lte, ne } from "drizzle-orm";
import { billingDocuments, paymentAllocations, payments } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { documentsCsv, exportZip, paymentsCsv, type ExportDocument, type ExportPayment } from "./export";
import { inChunks } from "../../db/chunks";
import { invoiceUbl } from "../documents/ubl";
import { toBillingDocument } from "../invoices/document";

export async function periodExport(ctx: ServiceContext, from: string, to: string) {
  const docs = await ctx.db
    .select()
    .from(billingDocuments)
    .where(and(ne(billingDocuments.status, "draft"), gte(billingDocuments.issueDate, from), lte(billingDocuments.issueDate, to)))
    .orderBy(billingDocuments.type, billingDocuments.series, billingDocuments.sequence);
  const pays = await ctx.db.select().from(payments).where(and(gte(payments.receivedOn, from), lte(payments.receivedOn, to))).orderBy(payments.receivedOn, payments.id);
  const allocs = await inChunks(pays.map((p) => p.id), (chunk) => ctx.db.select().from(paymentAllocations).where(inArray(paymentAllocations.paymentId, chunk)));
  const invoiceIds = [...new Set(allocs.map((a) => a.invoiceId))];
  const numbers = new Map(
    (await inChunks(invoiceIds, (chunk) => ctx.db.select({ id: billingDocuments.id, number: billingDocuments.number }).from(billingDocuments).where(inArray(billingDocuments.id, chunk)))).map((r) => [r.id, r.number ?? r.id]),
  );
  const correctsIds = [...new Set(docs.map((d) => d.correctsId).filter((x): x is string => !!x))];
  // Credit notes name the invoice they correct (number, and its date in the UBL), perhaps from an earlier period.
  const correctedDocs = new Map(
    (await inChunks(correctsIds, (chunk) => ctx.db.select({ id: billingDocuments.id, number: billingDocuments.number, issueDate: billingDocuments.issueDate }).from(billingDocuments).where(inArray(billingDocuments.id, chunk)))).map((r) => [r.id, r]),
  );
  const corrected = new Map([...correctedDocs].map(([id, r]) => [id, r.number ?? id]));
  const ublOf = new Map(
    docs
      .filter((d) => d.type === "invoice" || d.type === "credit_note")
      .map((d) => [d.number ?? d.id, () => invoiceUbl(toBillingDocument(d, { corrects: d.correctsId ? correctedDocs.get(d.correctsId) : null }))] as const),
  );
  const exportDocs: ExportDocument[] = docs
    .filter((d) => d.type === "invoice" || d.type === "credit_note")
    .map((d) => ({
      type: d.type as "invoice" | "credit_note",
      number: d.number ?? d.id,
      issueDate: d.issueDate ?? "",
      dueDate: d.dueDate ?? undefined,
      customerName: d.customer?.legalName ?? d.orgId,
      customerVat: d.customer?.vatNumber,
      // Credit notes are written negative, so that a period's sum is its turnover.
      netCents: d.type === "credit_note" ? -d.netCents : d.netCents,
      vatCents: d.type === "credit_note" ? -d.vatCents : d.vatCents,
      totalCents: d.type === "credit_note" ? -d.totalCents : d.totalCents,
      corrects: d.correctsId ? corrected.get(d.correctsId) : undefined,
      status: d.status,
    }));
  const exportPays: ExportPayment[] = pays
    .filter((p) => p.amountCents !== null)
    .map((p) => ({
      id: p.id,
      date: p.receivedOn,
      method: p.method,
      amountCents: p.amountCents!,
      refundedCents: p.refundedCents,
      reference: p.stripePaymentIntent ?? undefined,
      allocations: allocs.filter((a) => a.paymentId === p.id).map((a) => ({ invoiceNumber: numbers.get(a.invoiceId) ?? a.invoiceId, amountCents: a.amountCents })),
    }));
  return {
    documents: documentsCsv(exportDocs),
    payments: paymentsCsv(exportPays),
    zip: (renderUbl: (number: string) => string = (number) => ublOf.get(number)!()) =>
      exportZip({ documents: exportDocs.map((d) => ({ number: d.number, type: d.type })), renderUbl, csv: { [`documents-${from}-${to}.csv`]: documentsCsv(exportDocs), [`payments-${from}-${to}.csv`]: paymentsCsv(exportPays) } }),
  };
}

// A member organisation's invoices and credit notes in the member export: every issued document as
// the API shows it (drafts are the cooperative's work in progress, not yet the member's), and the
// reminders sent about them.
import { and, asc, eq, ne } from "drizzle-orm";
import { billingDocuments, dunningNotices } from "../../db/schema";
import type { ExportPart } from "../../lib/export";
import { invoiceDto } from "./dto";

export const billingExport: ExportPart = {
  feature: "coop/invoices",
  kinds: ["member"],
  async build(db, org) {
    const rows = await db
      .select()
      .from(billingDocuments)
      .where(and(eq(billingDocuments.orgId, org.id), ne(billingDocuments.status, "draft")))
      .orderBy(asc(billingDocuments.issueDate), asc(billingDocuments.series), asc(billingDocuments.sequence));
    const reminders = await db
      .select({ invoiceId: dunningNotices.invoiceId, number: billingDocuments.number, step: dunningNotices.step, sentOn: dunningNotices.sentOn })
      .from(dunningNotices)
      .innerJoin(billingDocuments, eq(billingDocuments.id, dunningNotices.invoiceId))
      .where(eq(billingDocuments.orgId, org.id))
      .orderBy(asc(dunningNotices.sentOn), asc(dunningNotices.invoiceId));
    return { invoices: rows.map(invoiceDto), reminders: reminders.map((r) => ({ invoice_id: r.invoiceId, number: r.number, step: r.step, sent_on: r.sentOn })) };
  },
};

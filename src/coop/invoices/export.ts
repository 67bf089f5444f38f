// A member organisation's invoices and credit notes in the member export: every issued document as
// the API shows it (drafts are the cooperative's work in progress, not yet the member's).
import { and, asc, eq, ne } from "drizzle-orm";
import { billingDocuments } from "../../db/schema";
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
    return { invoices: rows.map(invoiceDto) };
  },
};

// A stored billing document as the API shows it (snake_case, cents, the status and what is due).
import { z } from "@hono/zod-openapi";
import type { BillingDocumentRow } from "../../db/schema";
import { DOCUMENT_TYPES, VAT_CATEGORIES } from "./model";
import { formatOgm } from "./ogm";
import { DOCUMENT_STATUSES, settle } from "./status";

export const invoiceLineSchema = z.object({
  line: z.number().int().openapi({ description: "Position, from 1" }),
  description: z.string(),
  quantity: z.number(),
  unit: z.string().openapi({ description: "UN/ECE Rec. 20 code: C62 one, MON month, ANN year, HUR hour…" }),
  unit_price_cents: z.number().int(),
  vat_category: z.enum(VAT_CATEGORIES),
  vat_rate: z.number(),
  net_cents: z.number().int(),
  corrects_line: z.number().int().optional().openapi({ description: "Credit notes: the invoice line it credits" }),
});

export const invoiceSchema = z
  .object({
    id: z.string().openapi({ example: "bil_0123456789abcdef" }),
    type: z.enum(DOCUMENT_TYPES),
    status: z.enum(DOCUMENT_STATUSES),
    number: z.string().nullable().openapi({ example: "F2027-000001", description: "Given at issue, never to a draft" }),
    ogm: z.string().nullable().openapi({ example: "127000000115", description: "The structured communication's 12 digits (given at issue)" }),
    ogm_formatted: z.string().nullable().openapi({ example: "+++127/0000/00115+++" }),
    issue_date: z.string().nullable().openapi({ description: "Drafts: the planned date, null = the day it is issued" }),
    due_date: z.string().nullable(),
    due_days: z.number().int().nullable().openapi({ description: "Drafts: the payment term in days (null = the cooperative's)" }),
    organisation_id: z.string(),
    corrects_id: z.string().nullable().openapi({ description: "Credit notes: the invoice they correct" }),
    language: z.string(),
    lines: z.array(invoiceLineSchema),
    vat: z.array(z.object({ category: z.enum(VAT_CATEGORIES), rate: z.number(), taxable_cents: z.number().int(), vat_cents: z.number().int(), exemption_reason: z.string().nullable() })),
    net_cents: z.number().int(),
    vat_cents: z.number().int(),
    total_cents: z.number().int(),
    credited_cents: z.number().int(),
    paid_cents: z.number().int(),
    due_cents: z.number().int().openapi({ description: "What the customer still owes: total − credited − paid (0 for drafts and credit notes)" }),
    notes: z.array(z.string()).openapi({ description: "Legal mentions printed on the document, in its language" }),
    buyer_reference: z.string().nullable(),
    issued_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("Invoice");
export type InvoiceBody = z.infer<typeof invoiceSchema>;

export function invoiceDto(row: BillingDocumentRow): InvoiceBody {
  const { dueCents } = settle({ type: row.type, issued: row.status !== "draft", totalCents: row.totalCents, creditedCents: row.creditedCents, paidCents: row.paidCents });
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    number: row.number,
    ogm: row.ogm,
    ogm_formatted: row.ogm ? formatOgm(row.ogm) : null,
    issue_date: row.issueDate,
    due_date: row.dueDate,
    due_days: row.dueDays,
    organisation_id: row.orgId,
    corrects_id: row.correctsId,
    language: row.language,
    lines: row.lines.map((l) => ({
      line: l.position,
      description: l.description,
      quantity: l.quantity,
      unit: l.unitCode,
      unit_price_cents: l.unitPriceCents,
      vat_category: l.vatCategory,
      vat_rate: l.vatRatePercent,
      net_cents: l.netCents,
      ...(l.correctsLine ? { corrects_line: l.correctsLine } : {}),
    })),
    vat: row.vat.map((v) => ({ category: v.category, rate: v.ratePercent, taxable_cents: v.taxableCents, vat_cents: v.vatCents, exemption_reason: v.exemptionReason ?? null })),
    net_cents: row.netCents,
    vat_cents: row.vatCents,
    total_cents: row.totalCents,
    credited_cents: row.creditedCents,
    paid_cents: row.paidCents,
    due_cents: dueCents,
    notes: row.notes,
    buyer_reference: row.buyerReference,
    issued_at: row.issuedAt,
    created_at: row.createdAt,
  };
}

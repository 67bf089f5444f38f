// The cooperative's invoices and credit notes by API: coop_admins (session, or their personal key
// with `billing:write`) draft, edit, issue and credit; a member organisation's owners and admins read
// their own issued documents. Thin: parse, call ./service.ts, shape with ./dto.ts.
import { createRoute, z } from "@hono/zod-openapi";
import { allow, caller } from "../../accounts/guard";
import { decide } from "../../accounts/policy";
import { isCalendarDay } from "../../lib/days";
import { LANGS } from "../../lib/lang";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError } from "../../lib/problem";
import { UNIT_CODES } from "./draft";
import { invoiceDto, invoiceSchema } from "./dto";
import { DOCUMENT_TYPES, VAT_CATEGORIES } from "./model";
import { findDocument, issuedModel, listDocuments, LIST_LIMIT } from "./repository";
import { renderInvoicePdf } from "../documents/pdf";
import { invoiceUbl } from "../documents/ubl";
import { creditInvoice, createDraft, issueInvoice, MAX_DUE_DAYS, updateDraft } from "./service";
import { DOCUMENT_STATUSES } from "./status";

const ACCESS = "Access: coop_admin (session, or a coop_admin's personal API key with `billing:write`).";
const id = z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "bil_0123456789abcdef" });
const day = z.string().refine(isCalendarDay, "a date, YYYY-MM-DD");

const lineInput = z.object({
  description: z.string().trim().min(1).max(500),
  quantity: z.number().positive().max(1_000_000).openapi({ description: "Up to 4 decimals" }),
  unit: z.enum(UNIT_CODES).optional().openapi({ description: "UN/ECE Rec. 20 (default C62, one)" }),
  unit_price_cents: z.number().int().min(0).max(10_000_000_00).openapi({ description: "Net unit price, VAT excluded, in cents" }),
  vat_category: z.enum(VAT_CATEGORIES).optional().openapi({ description: "S (21, 12, 6), Z, E (franchise), AE (reverse charge), O (out of scope). Default: the cooperative's and customer's usual one" }),
  vat_rate: z.number().min(0).max(100).optional().openapi({ description: "Percent; S: 21 (default), 12 or 6; others 0" }),
});
const lines = z.array(lineInput).min(1).max(200);

const draftBody = z
  .object({
    organisation_id: z.string().min(1).max(64),
    lines,
    issue_date: day.nullish().openapi({ description: "Planned issue date (default: the day it is issued); never in the future at issue, never before the series' last" }),
    due_days: z.number().int().min(0).max(MAX_DUE_DAYS).nullish().openapi({ description: "Payment term (default: the cooperative's)" }),
    language: z.enum(LANGS).optional().openapi({ description: "The document's language (default: the customer's)" }),
    buyer_reference: z.string().trim().max(200).nullish(),
  })
  .openapi("InvoiceDraftInput");
const patchBody = draftBody.partial().openapi("InvoiceDraftPatch");
const creditBody = z
  .object({
    lines: z
      .array(z.object({ line: z.number().int().min(1).openapi({ description: "The invoice line's position" }), quantity: z.number().positive().optional().openapi({ description: "Default: what remains of it" }) }))
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "Omitted: every line, for what remains of it" }),
    issue_date: day.nullish(),
  })
  .openapi("CreditNoteInput");

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
const errors = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] };
const manage = allow("billing.manage");

const listQuery = z.object({
  organisation_id: z.string().max(64).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  type: z.enum(DOCUMENT_TYPES).optional(),
  from: day.optional().openapi({ description: "Issue date from (inclusive)" }),
  to: day.optional().openapi({ description: "Issue date to (inclusive)" }),
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT).optional(),
});
const listSchema = z.object({ items: z.array(invoiceSchema) }).openapi("InvoiceList");

const createRouteDef = createRoute({
  method: "post", path: "/invoices", tags: ["Billing"], summary: "Draft an invoice",
  description: `${ACCESS} A draft has no number; its lines are priced and their VAT resolved at once (400 naming \`lines.N.field\`). The cooperative's billing identity must be set (409 otherwise).`,
  security: access.coopAdmin, middleware: [manage] as const, request: body(draftBody),
  responses: { 201: json(invoiceSchema, "The draft"), ...errors },
});
const listRoute = createRoute({
  method: "get", path: "/invoices", tags: ["Billing"], summary: "Invoices and credit notes, newest first",
  description: `${ACCESS} Filters combine; \`from\`/\`to\` bound the issue date (drafts without a planned date have none).`,
  security: access.coopAdmin, middleware: [manage] as const, request: { query: listQuery },
  responses: { 200: json(listSchema, "The documents"), ...errors },
});
const readRoute = createRoute({
  method: "get", path: "/invoices/{id}", tags: ["Billing"], summary: "One invoice or credit note",
  description: "Access: coop_admin (session, or key with `billing:write`), and signed-in owners and admins of the billed organisation (issued documents only; a draft is not found for them).",
  security: access.coopAdmin,
  middleware: [allow("billing.read", async (c) => ({ orgId: (await findDocument(c.var.db, c.req.param("id") ?? ""))?.orgId ?? "" }))] as const,
  request: { params: z.object({ id }) },
  responses: { 200: json(invoiceSchema, "The document"), ...errors },
});
const patchRoute = createRoute({
  method: "patch", path: "/invoices/{id}", tags: ["Billing"], summary: "Edit a draft",
  description: `${ACCESS} Fields sent replace the draft's (\`lines\` whole). An issued document is never edited: 409; correct it with a credit note.`,
  security: access.coopAdmin, middleware: [manage] as const, request: { params: z.object({ id }), ...body(patchBody) },
  responses: { 200: json(invoiceSchema, "The draft"), ...errors },
});
const issueRoute = createRoute({
  method: "post", path: "/invoices/{id}/issue", tags: ["Billing"], summary: "Issue a draft: number, OGM, frozen",
  description:
    `${ACCESS} In one D1 batch: the next number of the year's series (\`F2027-000001\`), its OGM, the document frozen with the cooperative's and customer's identities and the legal mentions, and a mail to the customer's contact. ` +
    "Numbers are gapless and follow dates: an issue date before the series' last document, or in the future, is a 409 on `issue_date`; a missing legal mention (the customer's address…) a 409 naming it; an issued document a 409.",
  security: access.coopAdmin, middleware: [manage] as const, request: { params: z.object({ id }) },
  responses: { 200: json(invoiceSchema, "The issued invoice"), ...errors },
});
const creditRoute = createRoute({
  method: "post", path: "/invoices/{id}/credit-note", tags: ["Billing"], summary: "Credit an invoice, whole or some lines",
  description: `${ACCESS} Creates and issues a credit note (\`NC2027-000001\`) referencing the invoice, at its lines' prices and VAT, in one batch that also raises the invoice's credited amount. Never more than remains: 400 naming the line, 409 when nothing remains.`,
  security: access.coopAdmin, middleware: [manage] as const, request: { params: z.object({ id }), ...body(creditBody) },
  responses: { 201: json(invoiceSchema, "The issued credit note"), ...errors },
});
const orgListRoute = createRoute({
  method: "get", path: "/orgs/{id}/invoices", tags: ["Billing"], summary: "An organisation's invoices and credit notes",
  description: "Access: signed-in owners and admins of the organisation, and coop_admins (session, or a coop_admin's key with `billing:write`). Issued documents only, newest first.",
  security: access.coopAdmin,
  middleware: [allow("billing.read", (c) => ({ orgId: c.req.param("id") }))] as const,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: json(listSchema, "The documents"), ...errors },
});

const readAccess = allow("billing.read", async (c) => ({ orgId: (await findDocument(c.var.db, c.req.param("id") ?? ""))?.orgId ?? "" }));
const pdfRoute = createRoute({
  method: "get", path: "/invoices/{id}/pdf", tags: ["Billing"], summary: "An issued document as PDF (A4, with the EPC QR code)",
  description: "Access: coop_admin (session, or key with `billing:write`), and signed-in owners and admins of the billed organisation. Issued documents only: a draft is a 409 for coop_admins, not found for others.",
  security: access.coopAdmin, middleware: [readAccess] as const, request: { params: z.object({ id }) },
  responses: { 200: { description: "The PDF", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } }, ...errors },
});
const ublRoute = createRoute({
  method: "get", path: "/invoices/{id}/ubl", tags: ["Billing"], summary: "An issued document as Peppol BIS Billing 3.0 UBL",
  description: "Access: coop_admin (session, or key with `billing:write`), and signed-in owners and admins of the billed organisation. Issued documents only: a draft is a 409 for coop_admins, not found for others.",
  security: access.coopAdmin, middleware: [readAccess] as const, request: { params: z.object({ id }) },
  responses: { 200: { description: "The UBL Invoice or CreditNote (a capital call, type share_call, has none: 409)", content: { "application/xml": { schema: { type: "string" } } } }, ...errors },
});

/** An issued document the caller may see (drafts: 409 for coop_admins, 404 for the customer). */
async function issuedFor(c: Parameters<typeof caller>[0], id: string) {
  const row = await findDocument(c.var.db, id);
  const coop = decide(caller(c), "billing.manage") === "allow";
  if (!row || (row.status === "draft" && !coop)) throw new AppError("NOT_FOUND", `No invoice ${id}`);
  if (row.status === "draft") throw new AppError("CONFLICT", "A draft has no number yet: issue it first");
  return issuedModel(c.var.db, row);
}

export const invoicesApi = createRouter()
  .openapi(createRouteDef, async (c) => {
    const b = c.req.valid("json");
    const row = await createDraft(c.var.ctx, {
      orgId: b.organisation_id,
      lines: b.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitCode: l.unit, unitPriceCents: l.unit_price_cents, vatCategory: l.vat_category, vatRatePercent: l.vat_rate })),
      issueDate: b.issue_date,
      dueDays: b.due_days,
      language: b.language,
      buyerReference: b.buyer_reference,
    });
    return c.json(invoiceDto(row), 201);
  })
  .openapi(listRoute, async (c) => {
    const q = c.req.valid("query");
    const rows = await listDocuments(c.var.db, { orgId: q.organisation_id, status: q.status, type: q.type, from: q.from, to: q.to, limit: q.limit });
    return c.json({ items: rows.map(invoiceDto) }, 200);
  })
  .openapi(readRoute, async (c) => {
    const row = await findDocument(c.var.db, c.req.valid("param").id);
    const coop = decide(caller(c), "billing.manage") === "allow";
    if (!row || (row.status === "draft" && !coop)) throw new AppError("NOT_FOUND", `No invoice ${c.req.valid("param").id}`);
    return c.json(invoiceDto(row), 200);
  })
  .openapi(patchRoute, async (c) => {
    const b = c.req.valid("json");
    const row = await updateDraft(c.var.ctx, c.req.valid("param").id, {
      ...(b.organisation_id !== undefined ? { orgId: b.organisation_id } : {}),
      ...(b.lines ? { lines: b.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitCode: l.unit, unitPriceCents: l.unit_price_cents, vatCategory: l.vat_category, vatRatePercent: l.vat_rate })) } : {}),
      ...(b.issue_date !== undefined ? { issueDate: b.issue_date } : {}),
      ...(b.due_days !== undefined ? { dueDays: b.due_days } : {}),
      ...(b.language !== undefined ? { language: b.language } : {}),
      ...(b.buyer_reference !== undefined ? { buyerReference: b.buyer_reference } : {}),
    });
    return c.json(invoiceDto(row), 200);
  })
  .openapi(issueRoute, async (c) => c.json(invoiceDto(await issueInvoice(c.var.ctx, c.req.valid("param").id)), 200))
  .openapi(creditRoute, async (c) => {
    const b = c.req.valid("json");
    return c.json(invoiceDto(await creditInvoice(c.var.ctx, c.req.valid("param").id, { lines: b.lines, issueDate: b.issue_date })), 201);
  })
  .openapi(pdfRoute, async (c) => {
    const doc = await issuedFor(c, c.req.valid("param").id);
    const pdf = await renderInvoicePdf(doc);
    return new Response(pdf, { status: 200, headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${doc.number}.pdf"` } }) as never;
  })
  .openapi(ublRoute, async (c) => {
    const doc = await issuedFor(c, c.req.valid("param").id);
    // A capital call (src/coop/shares) asks for share capital; it is not a Peppol invoice.
    if (doc.type === "share_call") throw new AppError("CONFLICT", "A capital call is not an invoice: it has no Peppol UBL; use its PDF");
    return new Response(invoiceUbl(doc), { status: 200, headers: { "content-type": "application/xml; charset=utf-8", "content-disposition": `attachment; filename="${doc.number}.xml"` } }) as never;
  })
  .openapi(orgListRoute, async (c) => {
    const rows = await listDocuments(c.var.db, { orgId: c.req.valid("param").id });
    return c.json({ items: rows.filter((r) => r.status !== "draft").map(invoiceDto) }, 200);
  });

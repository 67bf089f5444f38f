// Payments by API, for the cooperative's administrators (coop_admin session, or their personal key
// with `billing:write`): a CAMT.053 statement uploaded and reconciled, the queue of lines no invoice
// took and their assignment by hand, and the accountant's export of a period. Thin: parse, call
// ./service.ts, shape the reply. Loading this router also registers the Stripe event handlers.
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { allow } from "../../accounts/guard";
import type { AppEnv } from "../../env";
import { isCalendarDay } from "../../lib/days";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError } from "../../lib/problem";
import { periodExport } from "./exports.service";
import "./handlers";
import { assignEntry, importStatement, unmatchedEntries } from "./service";

const ACCESS = "Access: coop_admin (session, or a coop_admin's personal API key with `billing:write`).";
const MAX_BYTES = 10 * 1024 * 1024;
const manage = allow("billing.manage");

const xmlOnly = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^(application|text)\/(?:[\w.+-]+\+)?xml\b/i.test(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the CAMT.053 statement as application/xml");
  await next();
});

export const statementReplySchema = z
  .object({
    entries: z.number().int().openapi({ description: "Credit lines read (debits are not counted)" }),
    matched: z.number().int().openapi({ description: "Lines that settled an invoice (over-payments included)" }),
    partial: z.number().int(),
    unmatched: z.number().int().openapi({ description: "Lines waiting in the queue for a coop_admin" }),
    duplicates: z.number().int().openapi({ description: "Lines already booked by an earlier upload" }),
  })
  .openapi("BankStatementImport");
export type StatementReply = z.infer<typeof statementReplySchema>;

const statementRoute = createRoute({
  method: "post", path: "/bank-statements", tags: ["Payments"], summary: "Upload a CAMT.053 bank statement",
  description: `${ACCESS} camt.053.001.02 or camt.053.001.08. Credit lines are matched to issued invoices by their structured communication (OGM, structured or in the free text) and booked as payments in one batch; the rest wait in the queue. Each line has a stable key (the bank's reference, else a digest), so uploading the same statement again books nothing. A file that is not a CAMT.053 statement is refused (400) naming what is wrong.`,
  security: access.coopAdmin,
  middleware: [manage, xmlOnly, bodyLimit({ maxSize: MAX_BYTES, onError: () => { throw new AppError("PAYLOAD_TOO_LARGE", "A statement file is limited to 10 MiB"); } })] as const,
  request: { body: { required: true, content: { "application/xml": { schema: { type: "string" } } } } },
  responses: { 200: { description: "What the upload did", content: { "application/json": { schema: statementReplySchema } } }, 400: problems[400], 401: problems[401], 403: problems[403], 409: problems[409], 413: problems[413], 415: problems[415] },
});

export const bankEntrySchema = z
  .object({
    id: z.string(), amount_cents: z.number().int(), currency: z.string(), booking_date: z.string(), value_date: z.string().nullable(),
    debtor_name: z.string().nullable(), debtor_iban: z.string().nullable(), remittance: z.string(), ogm: z.string().nullable(),
    reason: z.string().nullable(), invoice_id: z.string().nullable().openapi({ description: "A settled invoice the reference named, as a hint" }),
  })
  .openapi("BankEntry");

const queueRoute = createRoute({
  method: "get", path: "/bank-entries/unmatched", tags: ["Payments"], summary: "Statement lines no invoice took",
  description: `${ACCESS} Oldest first, at most 200.`,
  security: access.coopAdmin, middleware: [manage] as const,
  responses: { 200: { description: "The queue", content: { "application/json": { schema: z.object({ items: z.array(bankEntrySchema) }) } } }, 401: problems[401], 403: problems[403] },
});

const assignRoute = createRoute({
  method: "post", path: "/bank-entries/{id}/assign", tags: ["Payments"], summary: "Give a queued line to an invoice",
  description: `${ACCESS} The whole line becomes a payment of the invoice's organisation, allocated up to what is due (the rest stays on its account). A line already booked: 409.`,
  security: access.coopAdmin, middleware: [manage] as const,
  request: { params: z.object({ id: z.string().max(64) }), body: { required: true, content: { "application/json": { schema: z.object({ invoice_id: z.string().min(1).max(64) }) } } } },
  responses: { 200: { description: "The payment", content: { "application/json": { schema: z.object({ payment_id: z.string(), allocated_cents: z.number().int(), excess_cents: z.number().int() }) } } }, 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] },
});

const day = z.string().refine(isCalendarDay, "a date, YYYY-MM-DD");
const exportRoute = createRoute({
  method: "get", path: "/exports/billing", tags: ["Payments"], summary: "The accountant's export of a period",
  description: `${ACCESS} \`format=csv\`: the invoices and credit notes issued in [from, to] (\`kind=documents\`, the default) or the payments received (\`kind=payments\`), RFC 4180 with formula cells defused; \`format=zip\`: both CSVs in one ZIP, with each document's UBL once a renderer is registered. At most 366 days.`,
  security: access.coopAdmin, middleware: [manage] as const,
  request: { query: z.object({ from: day, to: day, format: z.enum(["csv", "zip"]).default("csv"), kind: z.enum(["documents", "payments"]).default("documents") }) },
  responses: { 200: { description: "The file", content: { "text/csv": { schema: { type: "string" } }, "application/zip": { schema: { type: "string", format: "binary" } } } }, 400: problems[400], 401: problems[401], 403: problems[403] },
});

export const paymentsApi = createRouter()
  .openapi(statementRoute, async (c) => {
    const r = await importStatement(c.var.ctx, await c.req.text());
    return c.json({ entries: r.entries, matched: r.matched, partial: r.partial, unmatched: r.unmatched, duplicates: r.duplicates } satisfies StatementReply, 200);
  })
  .openapi(queueRoute, async (c) => {
    const rows = await unmatchedEntries(c.var.ctx.db);
    return c.json({ items: rows.map((r) => ({ id: r.id, amount_cents: r.amountCents, currency: r.currency, booking_date: r.bookingDate, value_date: r.valueDate, debtor_name: r.debtorName, debtor_iban: r.debtorIban, remittance: r.remittance, ogm: r.ogm, reason: r.reason, invoice_id: r.invoiceId })) }, 200);
  })
  .openapi(assignRoute, async (c) => {
    const r = await assignEntry(c.var.ctx, c.req.valid("param").id, c.req.valid("json").invoice_id);
    return c.json({ payment_id: r.paymentId, allocated_cents: r.allocatedCents, excess_cents: r.excessCents }, 200);
  })
  .openapi(exportRoute, async (c) => {
    const q = c.req.valid("query");
    if (q.from > q.to) throw new AppError("VALIDATION_FAILED", "from is after to", [{ field: "from", message: "after to" }]);
    if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > 366) throw new AppError("VALIDATION_FAILED", "A period is at most 366 days", [{ field: "to", message: "more than 366 days after from" }]);
    const out = await periodExport(c.var.ctx, q.from, q.to);
    if (q.format === "zip") {
      return c.body(out.zip() as Uint8Array<ArrayBuffer>, 200, { "content-type": "application/zip", "content-disposition": `attachment; filename="billing-${q.from}-${q.to}.zip"` }) as never;
    }
    const text = q.kind === "payments" ? out.payments : out.documents;
    return c.body(text, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${q.kind}-${q.from}-${q.to}.csv"` }) as never;
  });

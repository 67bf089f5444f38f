// The event types in the OpenAPI 3.1 document's `webhooks` section: what an endpoint receives,
// each naming its object and version so receivers can order events. Signed per Standard Webhooks.
import type { OpenAPIHono } from "@hono/zod-openapi";
type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];
import { z } from "@hono/zod-openapi";
import { ITEM_STATES } from "../transition/states";
import { EVENT_TYPES } from "./events";

const HEADERS =
  "Signed per Standard Webhooks: `webhook-id` (the message id, the same on every retry: deduplicate on it), `webhook-timestamp` (Unix seconds), `webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>` with your endpoint's secret; two of them, space-separated, for 24 hours after a rotation). Answer 2xx within 15 s; otherwise retries follow 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. Answer 410 to disable the endpoint.";

const subject = (object: string) => ({
  object: z.literal(object).openapi({ description: "What the event is about" }),
  id: z.string().openapi({ description: "Its id" }),
  version: z.number().int().openapi({ description: "Its version: a higher one is newer; ignore an event older than what you hold" }),
});

const migrationData = z.object({
  ...subject("migration"),
  org_id: z.string().openapi({ description: "The member organisation" }),
  provider_id: z.string().nullable().openapi({ description: "The provider this event is about (null for a cancellation sent to all)" }),
  items: z.array(z.object({ id: z.string(), kind: z.string(), label: z.string(), offer_id: z.string(), state: z.enum(ITEM_STATES) })),
});
const itemData = z.object({
  ...subject("migration_item"),
  migration_id: z.string(),
  state: z.enum(ITEM_STATES),
  from: z.enum(ITEM_STATES).nullable(),
  provider_id: z.string(),
  offer_id: z.string(),
  note: z.string().optional(),
  scheduled_for: z.string().optional(),
  occurred_at: z.string(),
});
const offerData = z.object({ ...subject("offer"), provider_id: z.string(), name: z.string(), service: z.string(), status: z.enum(["published", "archived"]) });
const testData = z.object({ ...subject("webhook_endpoint"), message: z.string() });
// Billing (src/coop/events.ts): the version of an invoice, credit note or payment is the change's instant in milliseconds.
const cents = (description: string) => z.number().int().openapi({ description: `${description}, in cents` });
const invoiceIssuedData = z.object({
  ...subject("invoice"),
  org_id: z.string().openapi({ description: "The billed member organisation" }),
  number: z.string().openapi({ example: "F2027-000001" }),
  ogm: z.string().openapi({ description: "The structured communication (12 digits) to pay it by transfer", example: "020270000178" }),
  status: z.literal("open"),
  issue_date: z.string(),
  due_date: z.string(),
  currency: z.literal("EUR"),
  net_cents: cents("Net"),
  vat_cents: cents("VAT"),
  total_cents: cents("Total"),
});
const invoicePaidData = z.object({
  ...subject("invoice"),
  org_id: z.string(),
  number: z.string(),
  status: z.enum(["partially_paid", "paid", "overpaid"]).openapi({ description: "The invoice's status once this payment is counted" }),
  payment_id: z.string(),
  allocated_cents: cents("What this payment put on the invoice"),
  currency: z.literal("EUR"),
});
const creditNoteData = z.object({ ...subject("credit_note"), org_id: z.string(), number: z.string().openapi({ example: "NC2027-000001" }), invoice_id: z.string(), invoice_number: z.string(), issue_date: z.string(), currency: z.literal("EUR"), total_cents: cents("Total credited") });
const paymentData = z.object({
  ...subject("payment"),
  org_id: z.string(),
  amount_cents: cents("Received"),
  currency: z.literal("EUR"),
  method: z.enum(["transfer", "card", "bancontact", "sepa_debit", "stripe"]),
  received_on: z.string().openapi({ description: "YYYY-MM-DD the money arrived" }),
  invoice_id: z.string().nullable().openapi({ description: "The invoice it paid (null: kept on the organisation's account)" }),
  allocated_cents: cents("What went to that invoice (the rest stays on the account)"),
});

function dataOf(type: string): { data: z.ZodType; summary: string } {
  if (type === "migration.requested") return { data: migrationData, summary: "A member asked this provider for a migration" };
  if (type === "migration.cancelled") return { data: migrationData, summary: "A migration was cancelled" };
  if (type.startsWith("migration.item.")) return { data: itemData, summary: `A migrated service moved to \`${type.slice("migration.item.".length)}\`` };
  if (type === "offer.published") return { data: offerData, summary: "An offer of your provider profile was published (or a new version of it)" };
  if (type === "offer.archived") return { data: offerData, summary: "An offer of your provider profile was archived" };
  if (type === "invoice.issued") return { data: invoiceIssuedData, summary: "The cooperative issued an invoice to your organisation" };
  if (type === "invoice.paid") return { data: invoicePaidData, summary: "A payment went to one of your invoices (`status`: partially_paid, paid or overpaid)" };
  if (type === "credit_note.issued") return { data: creditNoteData, summary: "The cooperative issued a credit note correcting one of your invoices" };
  if (type === "payment.received") return { data: paymentData, summary: "The cooperative received a payment from your organisation (bank transfer or Stripe)" };
  return { data: testData, summary: "A test event (the \"send test event\" button)" };
}

export function registerWebhookDocs(registry: OpenAPIRegistry) {
  for (const type of EVENT_TYPES) {
    const { data, summary } = dataOf(type);
    registry.registerWebhook({
      method: "post",
      path: type,
      tags: ["Webhook events"],
      summary,
      description: HEADERS,
      request: {
        body: {
          content: {
            "application/json": { schema: z.object({ type: z.literal(type), timestamp: z.string().openapi({ description: "When it happened (ISO-8601 UTC)" }), data }) },
          },
        },
      },
      responses: { 200: { description: "Received (any 2xx)" }, 410: { description: "Gone: Chatière disables the endpoint" } },
    });
  }
}

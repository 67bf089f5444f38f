// Paying an invoice online by API: the billed organisation's owners and admins (signed in) ask for a
// Stripe Checkout Session for what the invoice still asks and get its URL. Thin: ./checkout.service.ts.
import { createRoute, z } from "@hono/zod-openapi";
import { allow } from "../../accounts/guard";
import { access, createRouter, problems } from "../../lib/openapi";
import { openCheckout } from "./checkout.service";

const checkoutRoute = createRoute({
  method: "post",
  path: "/orgs/{id}/invoices/{invoiceId}/checkout",
  tags: ["Payments"],
  summary: "Pay an invoice by card, Bancontact or SEPA Direct Debit (Stripe Checkout)",
  description:
    "Access: signed-in owners and admins of the billed organisation (never a key, never the cooperative). Opens a Stripe Checkout Session for exactly the amount still due, on the organisation's Stripe Customer (created on the first payment, then reused; a SEPA mandate given there pays later invoices). The same invoice and amount give the same session (Idempotency-Key). A draft, paid or credited invoice, or a credit note: 409. Stripe not configured on this deployment: 503 (pay by transfer with the structured communication); Stripe failing: 502.",
  security: access.session,
  middleware: [allow("billing.pay", (c) => ({ orgId: c.req.param("id") }))] as const,
  request: { params: z.object({ id: z.string().min(1).max(64), invoiceId: z.string().min(1).max(64) }) },
  responses: {
    200: { description: "Where to send the payer", content: { "application/json": { schema: z.object({ url: z.url().openapi({ description: "Stripe's hosted payment page" }) }).openapi("CheckoutSession") } } },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    409: problems[409],
    502: problems[502],
    503: problems[503],
  },
});

export const checkoutApi = createRouter().openapi(checkoutRoute, async (c) => {
  const { id, invoiceId } = c.req.valid("param");
  const session = await openCheckout(c.var.ctx, id, invoiceId, { origin: new URL(c.req.url).origin, lang: c.var.lang });
  return c.json({ url: session.url }, 200);
});

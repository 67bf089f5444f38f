// The cooperative's billing identity by API (coop_admins; the settings page does the same at
// /coop/settings). `npm start` sets the demo's with it.
import { createRoute, z } from "@hono/zod-openapi";
import { allow } from "../../accounts/guard";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError } from "../../lib/problem";
import { checkIssuer, issuerFieldErrors } from "./issuer";
import { issuerValues, saveIssuer } from "./service";

const issuerSchema = z
  .object({
    legal_name: z.string(),
    enterprise_number: z.string().openapi({ example: "BE0417497106", description: "Belgian enterprise number (dots and spaces allowed on input)" }),
    street: z.string(),
    postcode: z.string(),
    city: z.string(),
    country_code: z.string().openapi({ example: "BE" }),
    vat_status: z.string().openapi({ description: "`registered` (charges VAT) or `franchise` (small-enterprise scheme: lines E with its legal mention)" }),
    iban: z.string(),
    bic: z.string(),
    payment_terms_days: z.union([z.string(), z.number()]),
    language: z.string().openapi({ description: "fr, nl or en: documents of customers without a language" }),
    email: z.string().optional(),
  })
  .openapi("BillingIssuer");

const ACCESS = "Access: coop_admin (session, or a coop_admin's personal API key with `billing:write`).";
const readRoute = createRoute({
  method: "get", path: "/coop/issuer", tags: ["Billing"], summary: "The cooperative's billing identity",
  description: `${ACCESS} Empty strings for what is not set yet.`,
  security: access.coopAdmin, middleware: [allow("billing.manage")] as const,
  responses: { 200: { description: "The identity", content: { "application/json": { schema: issuerSchema } } }, 401: problems[401], 403: problems[403] },
});
const putRoute = createRoute({
  method: "put", path: "/coop/issuer", tags: ["Billing"], summary: "Set the cooperative's billing identity",
  description: `${ACCESS} IBAN and BIC are checked (ibantools), the enterprise number too; a wrong field is a 400 naming it. Invoices already issued keep the identity they were issued with.`,
  security: access.coopAdmin, middleware: [allow("billing.manage")] as const,
  request: { body: { content: { "application/json": { schema: issuerSchema.partial() } }, required: true } },
  responses: { 200: { description: "The identity saved", content: { "application/json": { schema: issuerSchema } } }, 400: problems[400], 401: problems[401], 403: problems[403] },
});

export const issuerApi = createRouter()
  .openapi(readRoute, async (c) => c.json((await issuerValues(c.var.ctx)).values, 200))
  .openapi(putRoute, async (c) => {
    const checked = checkIssuer(c.req.valid("json"));
    if (!checked.ok) throw new AppError("VALIDATION_FAILED", `Invalid value for ${checked.errors.map((e) => e.field).join(", ")}`, issuerFieldErrors(checked.errors));
    await saveIssuer(c.var.ctx, checked.input);
    return c.json((await issuerValues(c.var.ctx)).values, 200);
  });

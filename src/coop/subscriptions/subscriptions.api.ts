// Subscriptions to the cooperative's plans by API: the plans are public; a member organisation's
// owners and admins take, change and cancel its subscriptions (coop_admins too, or their key with
// `billing:write`); coop_admins list every subscription and may start the month's billing run by
// hand (the daily job runs it on each first of the month). Thin: parse, call the services, shape.
import { createRoute, z } from "@hono/zod-openapi";
import { allow } from "../../accounts/guard";
import { isCalendarDay, today } from "../../lib/days";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError } from "../../lib/problem";
import { INTERVALS, firstOfMonth } from "./periods";
import { planUnitPrice } from "./plans";
import { recurringRevenue } from "./revenue.service";
import { runSubscriptionBilling } from "./run";
import { dto, subscriptionSchema } from "./dto";
import { cancelSubscription, changeQuantity, listPlans, listSubscriptions, subscribe } from "./service";

const orgId = z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "org_0123456789abcdef" });
const subId = z.string().min(1).max(64).openapi({ param: { name: "subscriptionId", in: "path" }, example: "sub_0123456789abcdef" });
const quantity = z.number().int().min(1).max(10_000).openapi({ description: "Units (mailboxes, sites…); 1 for a flat plan" });

const planSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    service: z.string(),
    unit: z.enum(["flat", "per_unit"]),
    monthly_unit_price_cents: z.number().int(),
    yearly_unit_price_cents: z.number().int(),
  })
  .openapi("Plan");
const runSchema = z
  .object({ run_day: z.string(), customers: z.number().int(), invoiced: z.number().int(), carried: z.number().int(), issued: z.number().int(), skipped: z.number().int() })
  .openapi("SubscriptionBillingRun");

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
const errors = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] };
const ACCESS = "Access: signed-in owners and admins of the member organisation, and coop_admins (session, or a coop_admin's key with `billing:write`).";
const manageOrg = allow("subscriptions.manage", (c) => ({ orgId: c.req.param("id") }));

const plansRoute = createRoute({
  method: "get", path: "/coop/plans", tags: ["Cooperative"], summary: "The cooperative's plans",
  description: "Access: public. The cooperative's own published offers, with their price per unit and month or year (VAT excluded).",
  security: access.public,
  responses: { 200: json(z.object({ items: z.array(planSchema) }), "The plans") },
});
const listRoute = createRoute({
  method: "get", path: "/orgs/{id}/subscriptions", tags: ["Cooperative"], summary: "An organisation's subscriptions",
  description: ACCESS, security: access.coopAdmin, middleware: [manageOrg] as const, request: { params: z.object({ id: orgId }) },
  responses: { 200: json(z.object({ items: z.array(subscriptionSchema) }), "Its subscriptions, newest first"), ...errors },
});
const createRouteDef = createRoute({
  method: "post", path: "/orgs/{id}/subscriptions", tags: ["Cooperative"], summary: "Subscribe to a plan",
  description: `${ACCESS} Starts today; billed in advance on each period's first day, the days of this first period on the next invoice. A plan that is not one of the cooperative's published offers is a 400 on \`offer_id\`; a flat plan takes quantity 1.`,
  security: access.coopAdmin, middleware: [manageOrg] as const,
  request: { params: z.object({ id: orgId }), ...body(z.object({ offer_id: z.string().min(1).max(64), quantity, interval: z.enum(INTERVALS).default("month") }).openapi("SubscriptionInput")) },
  responses: { 201: json(subscriptionSchema, "The subscription"), ...errors },
});
const patchRoute = createRoute({
  method: "patch", path: "/orgs/{id}/subscriptions/{subscriptionId}", tags: ["Cooperative"], summary: "Change a subscription's quantity",
  description: `${ACCESS} From today on, at the plan's price today; the next invoice credits the unused part of what was billed and charges the new quantity, by day. A cancelled subscription is a 409.`,
  security: access.coopAdmin, middleware: [manageOrg] as const,
  request: { params: z.object({ id: orgId, subscriptionId: subId }), ...body(z.object({ quantity }).openapi("SubscriptionChange")) },
  responses: { 200: json(subscriptionSchema, "The subscription"), ...errors },
});
const cancelRoute = createRoute({
  method: "post", path: "/orgs/{id}/subscriptions/{subscriptionId}/cancel", tags: ["Cooperative"], summary: "Cancel a subscription",
  description: `${ACCESS} Takes effect at the end of the period already paid for (\`ends_on\`); nothing is billed after it. Twice is a 409.`,
  security: access.coopAdmin, middleware: [manageOrg] as const, request: { params: z.object({ id: orgId, subscriptionId: subId }) },
  responses: { 200: json(subscriptionSchema, "The subscription"), ...errors },
});
const allRoute = createRoute({
  method: "get", path: "/coop/subscriptions", tags: ["Cooperative"], summary: "Every subscription",
  description: "Access: coop_admin (session, or key with `billing:write`). Newest first, at most 500.",
  security: access.coopAdmin, middleware: [allow("billing.manage")] as const,
  responses: { 200: json(z.object({ items: z.array(subscriptionSchema) }), "The subscriptions"), ...errors },
});
const revenueSchema = z
  .object({
    mrr_cents: z.number().int().openapi({ description: "Monthly recurring revenue, VAT excluded: subscriptions begun and not cancelled, at today's terms; monthly ones whole, yearly ones a twelfth (their amounts summed, divided by 12 and rounded once, half up, to the cent)" }),
    break_even_cents: z.number().int().openapi({ description: "Fixed monthly costs + cost per unit × units subscribed (the viability settings)" }),
    shortfall_cents: z.number().int().openapi({ description: "What is missing to break even; 0 once reached" }),
    percent: z.number().int().openapi({ description: "MRR as a whole percent of the break-even, rounded down (0 without one)" }),
    subscriptions: z.number().int(),
    units: z.record(z.string(), z.number().int()).openapi({ description: "Units subscribed per service kind (a flat plan is one)" }),
  })
  .openapi("CoopRevenue");
const revenueRoute = createRoute({
  method: "get", path: "/coop/revenue", tags: ["Cooperative"], summary: "Monthly recurring revenue against the break-even",
  description: "Access: coop_admin (session, or key with `billing:write`). The figures of the coop_admin's home (`/coop/admin`).",
  security: access.coopAdmin, middleware: [allow("billing.manage")] as const,
  responses: { 200: json(revenueSchema, "The figures"), ...errors },
});
const runRoute = createRoute({
  method: "post", path: "/coop/billing-runs", tags: ["Cooperative"], summary: "Run the month's subscription billing now",
  description:
    "Access: coop_admin (session, or key with `billing:write`). What the daily job does on each first of the month: one invoice per customer with a line per subscription, changes settled by day. " +
    "Idempotent: a customer already billed for that month is left alone. `run_day` (a first of the month, not in the future) defaults to this month's.",
  security: access.coopAdmin, middleware: [allow("billing.manage")] as const,
  request: { ...body(z.object({ run_day: z.string().refine(isCalendarDay, "a date, YYYY-MM-DD").optional() }).openapi("SubscriptionBillingRunInput")) },
  responses: { 200: json(runSchema, "What the run did"), ...errors },
});

export const subscriptionsApi = createRouter()
  .openapi(plansRoute, async (c) => {
    const plans = await listPlans(c.var.db);
    return c.json({ items: plans.map((p) => ({ id: p.id, name: p.name, service: p.service, unit: p.unit, monthly_unit_price_cents: planUnitPrice(p, "month"), yearly_unit_price_cents: planUnitPrice(p, "year") })) }, 200);
  })
  .openapi(listRoute, async (c) => c.json({ items: (await listSubscriptions(c.var.db, c.var.ctx.now(), c.req.valid("param").id)).map(dto) }, 200))
  .openapi(createRouteDef, async (c) => {
    const b = c.req.valid("json");
    return c.json(dto(await subscribe(c.var.ctx, c.req.valid("param").id, { offerId: b.offer_id, quantity: b.quantity, interval: b.interval })), 201);
  })
  .openapi(patchRoute, async (c) => {
    const { id, subscriptionId } = c.req.valid("param");
    return c.json(dto(await changeQuantity(c.var.ctx, subscriptionId, c.req.valid("json").quantity, id)), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const { id, subscriptionId } = c.req.valid("param");
    return c.json(dto(await cancelSubscription(c.var.ctx, subscriptionId, id)), 200);
  })
  .openapi(allRoute, async (c) => c.json({ items: (await listSubscriptions(c.var.db, c.var.ctx.now())).map(dto) }, 200))
  .openapi(revenueRoute, async (c) => {
    const r = await recurringRevenue(c.var.db, c.var.ctx.now());
    return c.json({ mrr_cents: r.mrrCents, break_even_cents: r.breakEvenCents, shortfall_cents: r.shortfallCents, percent: r.percent, subscriptions: r.subscriptions, units: r.units as Record<string, number> }, 200);
  })
  .openapi(runRoute, async (c) => {
    const thisMonth = firstOfMonth(today(c.var.ctx.now()));
    const runDay = c.req.valid("json").run_day ?? thisMonth;
    if (firstOfMonth(runDay) !== runDay || runDay > thisMonth) throw new AppError("VALIDATION_FAILED", "A billing run happens on a first of the month", [{ field: "run_day", message: "a first of the month, YYYY-MM-01, not after this month" }]);
    const r = await runSubscriptionBilling(c.var.ctx, runDay);
    return c.json({ run_day: r.runDay, customers: r.customers, invoiced: r.invoiced, carried: r.carried, issued: r.issued, skipped: r.skipped }, 200);
  });

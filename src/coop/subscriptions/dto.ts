// A subscription as the API and the member export show it.
import { z } from "@hono/zod-openapi";
import { INTERVALS } from "./periods";
import type { SubscriptionView } from "./service";

export const subscriptionSchema = z
  .object({
    id: z.string(),
    organisation_id: z.string(),
    plan: z.object({ id: z.string(), name: z.string(), service: z.string() }),
    interval: z.enum(INTERVALS),
    quantity: z.number(),
    unit_price_cents: z.number().int().openapi({ description: "Per unit and interval, VAT excluded" }),
    started_on: z.string(),
    ends_on: z.string().nullable().openapi({ description: "Set once cancelled: the end of the period paid for" }),
    history: z.array(z.object({ from: z.string(), quantity: z.number(), unit_price_cents: z.number().int() })),
  })
  .openapi("Subscription");

export const dto = (v: SubscriptionView): z.infer<typeof subscriptionSchema> => ({
  id: v.subscription.id,
  organisation_id: v.subscription.orgId,
  plan: { id: v.plan.id, name: v.plan.name, service: v.plan.service },
  interval: v.subscription.interval,
  quantity: v.quantity,
  unit_price_cents: v.unitPriceCents,
  started_on: v.subscription.startedOn,
  ends_on: v.subscription.endsOn,
  history: v.versions.map((x) => ({ from: x.fromDay, quantity: x.quantity, unit_price_cents: x.unitPriceCents })),
});

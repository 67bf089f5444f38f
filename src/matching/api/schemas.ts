// The match result's shape for the OpenAPI document (the engine's types, as zod).
import { z } from "@hono/zod-openapi";
import { CRITERIA } from "../types";
import { REASON_CODES } from "../reasons";

const criterion = z.object({ weight: z.number(), value: z.number(), points: z.number() });

export const matchResultSchema = z
  .object({
    bundles: z.array(
      z.object({
        items: z.array(z.object({ offer_id: z.string(), provider_id: z.string(), needs: z.array(z.number().int()), monthly_cents: z.number().int() })),
        monthly_cents: z.number().int(),
        yearly_cents: z.number().int(),
        setup_cents: z.number().int(),
        providers: z.number().int(),
        score: z.number(),
        breakdown: z.object(Object.fromEntries(CRITERIA.map((k) => [k, criterion])) as Record<(typeof CRITERIA)[number], typeof criterion>),
        dominated: z.boolean(),
      }),
    ),
    excluded: z.array(z.object({ offer_id: z.string(), reason: z.enum(REASON_CODES), message: z.string(), reasons: z.array(z.enum(REASON_CODES)).optional() })),
    unmet: z.array(z.object({ need: z.number().int(), reason: z.enum(REASON_CODES), message: z.string() })),
  })
  .openapi("MatchResult");

// Pledges by API: anyone pledges (rate limited, confirmed by the mailed link before it counts), the
// viability meter is public, and coop_admins set the targets and open the cooperative.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { allow } from "../../accounts/guard";
import type { AppEnv } from "../../env";
import { access, createRouter, problems } from "../../lib/openapi";
import { AppError } from "../../lib/problem";
import { pledgeInputSchema } from "./model";
import { createPledge, openCooperative, pledgeRate, saveSettings, viabilityMeter, type Meter } from "./service";
import { settingsInputSchema } from "./settings";
import type { ViabilitySettings } from "./viability";

const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });

const pledgeAccepted = z.object({ id: z.string().openapi({ example: "plg_0123456789abcdef" }), status: z.literal("pending") }).openapi("PledgeAccepted");

const settingsSchema = z
  .object({
    fixed_monthly_cents: z.number().int(),
    cost_per_unit_cents: z.record(z.string(), z.number().int()),
    target_capital_cents: z.number().int(),
    opens_on: z.string().nullable(),
    opened_at: z.string().nullable(),
  })
  .openapi("ViabilitySettings");

const viabilitySchema = z
  .object({
    pledged_monthly_cents: z.number().int(),
    target_monthly_cents: z.number().int().openapi({ description: "Break-even: fixed monthly costs + Σ cost per unit × units pledged" }),
    pledged_capital_cents: z.number().int(),
    target_capital_cents: z.number().int(),
    pledges: z.number().int().openapi({ description: "Confirmed pledges standing (one per address)" }),
    organisations: z.number().int().openapi({ description: "Distinct organisations among them" }),
    units: z.record(z.string(), z.number().int()).openapi({ description: "Units pledged per service kind" }),
    opens_on: z.string().nullable(),
    opened_at: z.string().nullable(),
    history: z.array(z.object({ date: z.string(), monthly_cents: z.number().int(), capital_cents: z.number().int(), pledges: z.number().int() })).openapi({ description: "Cumulative confirmed pledges at the end of each week (Monday, UTC), the last as of now" }),
    converted: z.number().int().optional().openapi({ description: "Once open: confirmed pledgers whose address belongs to a member organisation the cooperative has invoiced" }),
  })
  .openapi("Viability");

const pledgeRoute = createRoute({
  method: "post",
  path: "/pledges",
  tags: ["Cooperative"],
  summary: "Pledge support to the cooperative",
  description:
    "Access: public, rate limited (5 an hour per address, 30 per IP). Stored as `pending` and a confirmation link mailed in `language`; only a confirmed pledge counts. " +
    "One pledge per address: a new one stops the address's pending link and, once confirmed, replaces its confirmed pledge. " +
    "`client` needs `services` or `monthly_cents`, `supporter` needs `capital_cents`; amounts given for a role not chosen are refused (400 naming the field).",
  security: access.public,
  request: { body: { content: { "application/json": { schema: pledgeInputSchema } }, required: true } },
  responses: { 202: json(pledgeAccepted, "Pending until the mailed link confirms it"), 400: problems[400], 429: problems[429] },
});

const viabilityRoute = createRoute({
  method: "get",
  path: "/coop/viability",
  tags: ["Cooperative"],
  summary: "The viability meter",
  description: "Access: public (cached 60 s). From confirmed pledges only.",
  security: access.public,
  responses: { 200: json(viabilitySchema, "The meter") },
});

const ADMIN = "Access: coop_admin (session, or a coop_admin's personal API key with `billing:write`).";
const settingsRoute = createRoute({
  method: "put",
  path: "/coop/viability/settings",
  tags: ["Cooperative"],
  summary: "Set the targets and the break-even model",
  description: `${ADMIN} Break-even monthly target = \`fixed_monthly_cents\` + Σ \`cost_per_unit_cents[kind]\` × units pledged. Each change is audited (\`coop.viability.settings\`).`,
  security: access.coopAdmin,
  middleware: [allow("pledges.manage")] as const,
  request: { body: { content: { "application/json": { schema: settingsInputSchema } }, required: true } },
  responses: { 200: json(settingsSchema, "The settings saved"), 400: problems[400], 401: problems[401], 403: problems[403] },
});

const openRoute = createRoute({
  method: "post",
  path: "/coop/open",
  tags: ["Cooperative"],
  summary: "Open the cooperative and invite the pledgers",
  description: `${ADMIN} Marks the cooperative open (the first time) and mails every confirmed pledger not yet invited, once each, in their language. Calling it again invites only pledgers confirmed since.`,
  security: access.coopAdmin,
  middleware: [allow("pledges.manage")] as const,
  responses: { 200: json(z.object({ opened_at: z.string(), invited: z.number().int() }).openapi("CoopOpened"), "Open; how many were invited now"), 401: problems[401], 403: problems[403], 409: problems[409] },
});

/** The 429 both the API and the page raise when a pledge is over its limit. */
export async function checkPledgeRate(c: Context<AppEnv>, email: string): Promise<void> {
  const decision = await pledgeRate(c.var.ctx, email);
  if (decision.ok) return;
  c.header("Retry-After", String(decision.retryAfterSeconds));
  throw new AppError("RATE_LIMITED", `Too many pledges; retry in ${decision.retryAfterSeconds} s`);
}

const settingsJson = (s: ViabilitySettings) => ({ fixed_monthly_cents: s.fixedMonthlyCents, cost_per_unit_cents: s.costPerUnitCents as Record<string, number>, target_capital_cents: s.targetCapitalCents, opens_on: s.opensOn, opened_at: s.openedAt });

export function viabilityJson(m: Meter) {
  return {
    pledged_monthly_cents: m.pledgedMonthlyCents,
    target_monthly_cents: m.targetMonthlyCents,
    pledged_capital_cents: m.pledgedCapitalCents,
    target_capital_cents: m.targetCapitalCents,
    pledges: m.pledges,
    organisations: m.organisations,
    units: m.units as Record<string, number>,
    opens_on: m.settings.opensOn,
    opened_at: m.settings.openedAt,
    history: m.history.map((h) => ({ date: h.date, monthly_cents: h.monthlyCents, capital_cents: h.capitalCents, pledges: h.pledges })),
    ...(m.converted === null ? {} : { converted: m.converted }),
  };
}

export const pledgesApi = createRouter()
  .openapi(pledgeRoute, async (c) => {
    const input = c.req.valid("json");
    await checkPledgeRate(c, input.email);
    return c.json(await createPledge(c.var.ctx, input), 202);
  })
  .openapi(viabilityRoute, async (c) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json(viabilityJson(await viabilityMeter(c.var.ctx)), 200);
  })
  .openapi(settingsRoute, async (c) => c.json(settingsJson(await saveSettings(c.var.ctx, c.req.valid("json"))), 200))
  .openapi(openRoute, async (c) => {
    const opened = await openCooperative(c.var.ctx);
    return c.json({ opened_at: opened.openedAt, invited: opened.invited }, 200);
  });


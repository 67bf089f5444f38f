// /coop/plans/:offerId: the plan's public page, where a member organisation's owners and admins
// subscribe to it (the provider page, the match results and the migration plan link here, with the
// quantity they know). The POST is a thin route over `subscribe`: same-origin only, 303 to the
// organisation's subscriptions with a notice; a wrong field comes back next to it (400, 403 for an
// organisation the person may not subscribe).
import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { PlanPage, type PlanAudience, type PlanFormErrors, type PlanFormValues } from "../../../web/pages/coop/plan";
import { pageProps } from "../../../web/components/page-props";
import { sameOriginForms } from "../../accounts/csrf";
import { allow, caller } from "../../accounts/guard";
import { findOrg, orgsOf } from "../../accounts/orgs/repository";
import { decide } from "../../accounts/policy";
import { principal } from "../../accounts/principal";
import { providers, type OfferRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { formText } from "../../lib/form";
import { AppError, PageError } from "../../lib/problem";
import { INTERVALS, type Interval } from "./periods";
import { prefillQuantity } from "./plan-links";
import { planUnitPrice, quantityProblem } from "./plans";
import { runningSubscribers } from "./revenue.service";
import { findPlan, subscribe } from "./service";

export const planPages = new Hono<AppEnv>();
planPages.use("/coop/plans/*", sameOriginForms);

type C = Context<AppEnv>;
// The notice shows on the organisation's subscriptions page, whose router reads the same code.
const flash = flashes("subscriptions.notice", ["subscribed"]);
const QUANTITY_KEYS = { range: "subscriptions.error.quantity", flat: "subscriptions.error.quantity_flat" } as const;

/** The route's plan (a published offer of the cooperative), else a translated 404. */
async function planOf(c: C): Promise<OfferRow> {
  const id = c.req.param("offerId") ?? "";
  try {
    return await findPlan(c.var.db, id);
  } catch (err) {
    if (err instanceof AppError && err.status === 400) throw new PageError("NOT_FOUND", `No plan ${id}`, "error.offer_not_found", { id });
    throw err;
  }
}

async function audienceOf(c: C, plan: OfferRow): Promise<PlanAudience> {
  const who = await principal(c);
  if (who.kind !== "user") {
    const here = new URL(c.req.url);
    return { kind: "anonymous", signIn: `/sign-in?next=${encodeURIComponent(here.pathname + here.search)}` };
  }
  const orgs = (await orgsOf(c.var.db, who.userId)).filter((o) => o.kind === "member" && (o.role === "owner" || o.role === "admin"));
  if (!orgs.length) return { kind: "no_org" };
  const subscribed = await runningSubscribers(c.var.db, plan.id, orgs.map((o) => o.id), c.var.ctx.now());
  return { kind: "orgs", orgs: orgs.map((o) => ({ value: o.id, label: o.name })), subscribed: orgs.filter((o) => subscribed.has(o.id)).map((o) => ({ id: o.id, name: o.name })) };
}

async function page(c: C, plan: OfferRow, values: PlanFormValues, errors: PlanFormErrors, status: 200 | 400 | 403 = 200) {
  const [audience, [provider]] = await Promise.all([audienceOf(c, plan), c.var.db.select({ id: providers.id, name: providers.name }).from(providers).where(eq(providers.id, plan.providerId))]);
  // Signed in, the page names the person's organisations: no shared cache may keep it.
  if (audience.kind !== "anonymous") c.header("Cache-Control", "private, no-store");
  const prices = { month: planUnitPrice(plan, "month"), year: planUnitPrice(plan, "year") };
  return c.html(<PlanPage {...pageProps(c)} plan={plan} provider={provider ?? { id: plan.providerId, name: plan.providerId }} prices={prices} audience={audience} values={values} errors={errors} />, status);
}

// Access: public (the form shows to owners and admins of member organisations; visitors get a sign-in link back here).
planPages.get("/coop/plans/:offerId", async (c) => {
  const plan = await planOf(c);
  return page(c, plan, { organisation_id: c.req.query("organisation") ?? "", quantity: prefillQuantity(plan, c.req.query("quantity")), interval: c.req.query("interval") === "year" ? "year" : "month" }, {});
});

// Access: signed-in people (account.use); the organisation chosen must be one they may subscribe (subscriptions.manage: its owners and admins, coop_admins).
planPages.post("/coop/plans/:offerId", allow("account.use"), async (c) => {
  const plan = await planOf(c);
  const body = await c.req.parseBody();
  const values: PlanFormValues = { organisation_id: formText(body.organisation_id, 64).trim(), quantity: formText(body.quantity, 12).trim(), interval: formText(body.interval, 8).trim() || "month" };
  const errors: PlanFormErrors = {};
  let status: 400 | 403 = 400;
  const org = values.organisation_id ? await findOrg(c.var.db, values.organisation_id) : undefined;
  if (!org || org.kind !== "member") errors.organisation_id = "plans.error.organisation";
  else if (decide(caller(c), "subscriptions.manage", { orgId: org.id }) !== "allow") {
    errors.organisation_id = "plans.error.organisation";
    status = 403;
  }
  const quantity = /^\d{1,6}$/.test(values.quantity) ? Number(values.quantity) : NaN;
  const problem = quantityProblem(plan, quantity);
  if (problem) errors.quantity = QUANTITY_KEYS[problem];
  if (!(INTERVALS as readonly string[]).includes(values.interval)) errors.interval = "subscriptions.error.interval";
  if (Object.keys(errors).length) return page(c, plan, values, errors, status);
  await subscribe(c.var.ctx, org!.id, { offerId: plan.id, quantity, interval: values.interval as Interval });
  return c.redirect(flash.to(`/orgs/${encodeURIComponent(org!.id)}/subscriptions`, "subscribed"), 303);
});

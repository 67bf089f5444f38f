// Subscription pages: /orgs/:orgId/subscriptions where a member organisation's owners and admins
// take a plan, change a quantity and cancel (coop_admins too), and /coop/subscriptions where
// coop_admins see every subscription and may run the month's billing. Every POST is same-origin
// only and answers 303 → GET with a notice; a wrong field comes back (400/409) next to that field.
import { asc, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { CoopSubscriptionsPage, OrgSubscriptionsPage, type SubscribeErrors, type SubscribeValues } from "../../../web/pages/coop/subscriptions";
import { pageProps } from "../../../web/components/page-props";
import { formatMoney } from "../../../web/components/format";
import { sameOriginForms } from "../../accounts/csrf";
import { allow, orgParam } from "../../accounts/guard";
import { findOrg } from "../../accounts/orgs/repository";
import { organisations } from "../../db/schema";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { formText } from "../../lib/form";
import { AppError, PageError } from "../../lib/problem";
import { INTERVALS, type Interval } from "./periods";
import { planUnitPrice, quantityProblem } from "./plans";
import { runSubscriptionBilling } from "./run";
import { cancelSubscription, changeQuantity, findSubscription, listPlans, listSubscriptions, subscribe } from "./service";

export const subscriptionPages = new Hono<AppEnv>();
subscriptionPages.use("/orgs/:orgId/subscriptions", sameOriginForms);
subscriptionPages.use("/orgs/:orgId/subscriptions/*", sameOriginForms);
subscriptionPages.use("/coop/subscriptions/*", sameOriginForms);

type C = Context<AppEnv>;
const flash = flashes("subscriptions.notice", ["subscribed", "changed", "cancelled", "run"]);
const manage = allow("subscriptions.manage", orgParam);
const EMPTY: SubscribeValues = { offer_id: "", quantity: "1", interval: "month" };

async function orgPage(c: C, values: SubscribeValues, errors: SubscribeErrors, status: 200 | 400 | 409 = 200, changeError?: { id: string; key: "subscriptions.error.quantity" | "subscriptions.error.quantity_flat" | "subscriptions.error.cancelled" }) {
  const org = await findOrg(c.var.db, c.req.param("orgId") ?? "");
  if (!org || org.kind !== "member") throw new PageError("NOT_FOUND", `No member organisation ${c.req.param("orgId")}`, "orgs.error.not_found");
  const props = pageProps(c);
  const plans = (await listPlans(c.var.db)).map((p) => ({ value: p.id, label: `${p.name} — ${formatMoney(planUnitPrice(p, "month"), props.lang)} / ${props.t("subscriptions.interval.month")}` }));
  const rows = await listSubscriptions(c.var.db, c.var.ctx.now(), org.id);
  return c.html(<OrgSubscriptionsPage {...props} orgId={org.id} orgName={org.name} rows={rows} plans={plans} values={values} errors={errors} notice={flash.read(c)} changeError={changeError} />, status);
}

const QUANTITY_KEYS = { range: "subscriptions.error.quantity", flat: "subscriptions.error.quantity_flat" } as const;

// Access: owners and admins of the member organisation, and coop_admins (subscriptions.manage).
subscriptionPages.get("/orgs/:orgId/subscriptions", manage, (c) => orgPage(c, EMPTY, {}));

// Access: as above. Takes a plan from today; a wrong field: 400 with the form again.
subscriptionPages.post("/orgs/:orgId/subscriptions", manage, async (c) => {
  const body = await c.req.parseBody();
  const values: SubscribeValues = { offer_id: formText(body.offer_id, 64).trim(), quantity: formText(body.quantity, 12).trim(), interval: formText(body.interval, 8).trim() || "month" };
  const errors: SubscribeErrors = {};
  const plan = (await listPlans(c.var.db)).find((p) => p.id === values.offer_id);
  if (!plan) errors.offer_id = "subscriptions.error.plan";
  const quantity = /^\d{1,6}$/.test(values.quantity) ? Number(values.quantity) : NaN;
  const problem = quantityProblem(plan ?? { unit: "per_unit" }, quantity);
  if (problem) errors.quantity = QUANTITY_KEYS[problem];
  if (!(INTERVALS as readonly string[]).includes(values.interval)) errors.interval = "subscriptions.error.interval";
  if (Object.keys(errors).length) return orgPage(c, values, errors, 400);
  await subscribe(c.var.ctx, c.req.param("orgId"), { offerId: values.offer_id, quantity, interval: values.interval as Interval });
  return c.redirect(flash.to(`/orgs/${encodeURIComponent(c.req.param("orgId"))}/subscriptions`, "subscribed"), 303);
});

async function ownSubscription(c: C) {
  const found = await findSubscription(c.var.db, c.req.param("id") ?? "", c.var.ctx.now());
  if (!found || found.subscription.orgId !== c.req.param("orgId")) throw new PageError("NOT_FOUND", `No subscription ${c.req.param("id")}`, "orgs.error.not_found");
  return found;
}

// Access: as above. A new quantity from today; a wrong one comes back next to its row.
subscriptionPages.post("/orgs/:orgId/subscriptions/:id", manage, async (c) => {
  const current = await ownSubscription(c);
  const raw = formText((await c.req.parseBody()).quantity, 12).trim();
  const quantity = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  const problem = quantityProblem(current.plan, quantity);
  if (problem) return orgPage(c, EMPTY, {}, 400, { id: current.subscription.id, key: QUANTITY_KEYS[problem] });
  if (current.subscription.endsOn) return orgPage(c, EMPTY, {}, 409, { id: current.subscription.id, key: "subscriptions.error.cancelled" });
  await changeQuantity(c.var.ctx, current.subscription.id, quantity, c.req.param("orgId"));
  return c.redirect(flash.to(`/orgs/${encodeURIComponent(c.req.param("orgId"))}/subscriptions`, "changed"), 303);
});

// Access: as above. Ends with the period paid for; twice: 409 with the page.
subscriptionPages.post("/orgs/:orgId/subscriptions/:id/cancel", manage, async (c) => {
  const current = await ownSubscription(c);
  try {
    await cancelSubscription(c.var.ctx, current.subscription.id, c.req.param("orgId"));
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return orgPage(c, EMPTY, {}, 409, { id: current.subscription.id, key: "subscriptions.error.cancelled" });
    throw err;
  }
  return c.redirect(flash.to(`/orgs/${encodeURIComponent(c.req.param("orgId"))}/subscriptions`, "cancelled"), 303);
});

// Access: coop_admin (billing.manage). Every subscription, newest first.
subscriptionPages.get("/coop/subscriptions", allow("billing.manage"), async (c) => {
  const rows = await listSubscriptions(c.var.db, c.var.ctx.now());
  const names = await c.var.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.kind, "member")).orderBy(asc(organisations.name)).limit(1000);
  return c.html(<CoopSubscriptionsPage {...pageProps(c)} rows={rows} orgNames={new Map(names.map((n) => [n.id, n.name]))} notice={flash.read(c)} />);
});

// Access: coop_admin (billing.manage). This month's run, as the morning job does it (idempotent).
subscriptionPages.post("/coop/subscriptions/run", allow("billing.manage"), async (c) => {
  await runSubscriptionBilling(c.var.ctx);
  return c.redirect(flash.to("/coop/subscriptions", "run"), 303);
});

// /coop/plans/:offerId: one of the cooperative's plans, and the form that subscribes a member
// organisation to it (organisation, quantity, monthly or yearly). Visitors get a sign-in link that
// brings them back here; signed-in people who manage no member organisation are told why there is no form.
import type { OfferRow } from "../../../src/db/schema";
import { ErrorSummary, RadioGroup, SelectField, TextField, type Option } from "../../components/form";
import { formatMoney } from "../../components/format";
import { serviceLabel } from "../../components/labels";
import { Layout, type PageProps } from "../../components/layout";
import { PageHeader } from "../../components/page-header";
import type { MessageKey } from "../../i18n";

export interface PlanFormValues {
  organisation_id: string;
  quantity: string;
  interval: string;
}
export type PlanFormErrors = Partial<Record<keyof PlanFormValues, MessageKey>>;

/** Who looks: a visitor, a person who manages no member organisation, or one who manages these. */
export type PlanAudience = { kind: "anonymous"; signIn: string } | { kind: "no_org" } | { kind: "orgs"; orgs: Option[]; subscribed: { id: string; name: string }[] };

export interface PlanPageProps extends PageProps {
  plan: OfferRow;
  provider: { id: string; name: string };
  /** Per unit (or for the flat plan) per month and per year, VAT excluded. */
  prices: { month: number; year: number };
  audience: PlanAudience;
  values: PlanFormValues;
  errors: PlanFormErrors;
}

const LABELS: Record<keyof PlanFormValues, MessageKey> = { organisation_id: "plans.field.organisation", quantity: "subscriptions.field.quantity", interval: "subscriptions.field.interval" };
export const planFieldId = (f: keyof PlanFormValues) => `plan-${f}`;

export function PlanPage(props: PlanPageProps) {
  const { t, lang, plan, audience } = props;
  const err = (f: keyof PlanFormValues) => (props.errors[f] ? t(props.errors[f]!) : undefined);
  const summary = (Object.keys(LABELS) as (keyof PlanFormValues)[]).filter((f) => props.errors[f]).map((f) => ({ id: planFieldId(f), label: t(LABELS[f]), message: err(f) }));
  return (
    <Layout {...props} title={plan.name}>
      <PageHeader
        title={plan.name}
        crumbs={[
          { href: "/providers", label: t("plans.crumb") },
          { href: `/providers/${encodeURIComponent(props.provider.id)}`, label: props.provider.name },
        ]}
        lead={t("plans.lead")}
      />
      {plan.description ? <p>{plan.description}</p> : null}
      <section aria-labelledby="plan-facts">
        <h2 id="plan-facts">{t("plans.facts")}</h2>
        <dl class="facts">
          <div>
            <dt>{t("plans.fact.provider")}</dt>
            <dd>
              <a href={`/providers/${encodeURIComponent(props.provider.id)}`}>{props.provider.name}</a>
            </dd>
          </div>
          <div>
            <dt>{t("plans.fact.service")}</dt>
            <dd>{serviceLabel(t, plan.service)}</dd>
          </div>
          <div>
            <dt>{t("plans.fact.unit")}</dt>
            <dd>{t(plan.unit === "flat" ? "plans.unit.flat" : "plans.unit.per_unit")}</dd>
          </div>
          <div>
            <dt>{t("plans.fact.monthly")}</dt>
            <dd class="plan-monthly">{formatMoney(props.prices.month, lang)}</dd>
          </div>
          <div>
            <dt>{t("plans.fact.yearly")}</dt>
            <dd>{formatMoney(props.prices.year, lang)}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="plan-subscribe">
        <h2 id="plan-subscribe">{t("plans.subscribe.title")}</h2>
        {audience.kind === "anonymous" ? (
          <p>
            <a href={audience.signIn} class="button">{t("plans.sign_in")}</a>
          </p>
        ) : audience.kind === "no_org" ? (
          <p>
            {t("plans.no_org")} <a href="/account/organisations">{t("plans.no_org_link")}</a>
          </p>
        ) : (
          <>
            {audience.subscribed.length ? (
              <>
                <p>{t("plans.already")}</p>
                <ul class="plan-subscribed">
                  {audience.subscribed.map((o) => (
                    <li>
                      <a href={`/orgs/${encodeURIComponent(o.id)}/subscriptions`}>{t("plans.already_manage", { org: o.name })}</a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <form method="post" action={`/coop/plans/${encodeURIComponent(plan.id)}`} novalidate class="form">
              <ErrorSummary title={t("subscriptions.errors_title")} items={summary} />
              <SelectField id={planFieldId("organisation_id")} name="organisation_id" label={t("plans.field.organisation")} options={audience.orgs} value={props.values.organisation_id} error={err("organisation_id")} required />
              <TextField
                id={planFieldId("quantity")}
                name="quantity"
                type="number"
                min={1}
                max={plan.unit === "flat" ? 1 : 10000}
                label={t("subscriptions.field.quantity")}
                hint={t("subscriptions.field.quantity_hint")}
                value={props.values.quantity}
                error={err("quantity")}
                required
              />
              <RadioGroup
                id={planFieldId("interval")}
                name="interval"
                legend={t("subscriptions.field.interval")}
                options={[
                  { value: "month", label: `${t("subscriptions.field.interval.month")} — ${formatMoney(props.prices.month, lang)} / ${t("subscriptions.interval.month")}` },
                  { value: "year", label: `${t("subscriptions.field.interval.year")} — ${formatMoney(props.prices.year, lang)} / ${t("subscriptions.interval.year")}` },
                ]}
                value={props.values.interval}
                error={err("interval")}
              />
              <button type="submit">{t("subscriptions.subscribe")}</button>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
}

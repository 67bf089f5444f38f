// Subscription pages: a member organisation's subscriptions (take a plan, change a quantity, cancel)
// and the coop_admin's list of every subscription with the month's billing run.
import type { SubscriptionView } from "../../../src/coop/subscriptions/service";
import { ErrorSummary, PostButton, SelectField, TextField, RadioGroup, type Option } from "../../components/form";
import { formatDay, formatMoney } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { MessageKey, T } from "../../i18n";

export interface SubscribeValues {
  offer_id: string;
  quantity: string;
  interval: string;
}
export type SubscribeErrors = Partial<Record<keyof SubscribeValues, MessageKey>>;

function SubscriptionTable(props: { t: T; lang: PageProps["lang"]; rows: SubscriptionView[]; orgNames?: Map<string, string>; actions?: (v: SubscriptionView) => unknown }) {
  const { t, lang } = props;
  return (
    <div class="table-scroll" tabindex={0}>
      <table>
        <caption>{t("subscriptions.caption")}</caption>
        <TableHead
          cols={[
            props.orgNames && t("subscriptions.col.customer"),
            t("subscriptions.col.plan"),
            { label: t("subscriptions.col.quantity"), num: true },
            { label: t("subscriptions.col.price"), num: true },
            t("subscriptions.col.started"),
            t("subscriptions.col.ends"),
            props.actions && "",
          ]}
        />
        <tbody>
          {props.rows.map((v) => (
            <tr>
              {props.orgNames ? <td>{props.orgNames.get(v.subscription.orgId) ?? v.subscription.orgId}</td> : null}
              <th scope="row">{v.plan.name}</th>
              <td class="num">{v.quantity}</td>
              <td class="num">
                {formatMoney(v.unitPriceCents, lang)} / {t(`subscriptions.interval.${v.subscription.interval}`)}
              </td>
              <td>{formatDay(v.subscription.startedOn, lang)}</td>
              <td>{v.subscription.endsOn ? formatDay(v.subscription.endsOn, lang) : t("subscriptions.ends_none")}</td>
              {props.actions ? <td>{props.actions(v) as never}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OrgSubscriptionsPage(
  props: PageProps & { orgId: string; orgName: string; rows: SubscriptionView[]; plans: Option[]; values: SubscribeValues; errors: SubscribeErrors; notice?: MessageKey; changeError?: { id: string; key: MessageKey } },
) {
  const { t } = props;
  const title = t("subscriptions.org.title");
  const base = `/orgs/${encodeURIComponent(props.orgId)}/subscriptions`;
  const labels: Record<keyof SubscribeValues, MessageKey> = { offer_id: "subscriptions.field.plan", quantity: "subscriptions.field.quantity", interval: "subscriptions.field.interval" };
  const errors = (Object.keys(labels) as (keyof SubscribeValues)[]).filter((f) => props.errors[f]).map((f) => ({ id: `sub-${f}`, label: t(labels[f]), message: t(props.errors[f]!) }));
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(props.orgId)}`, label: props.orgName }]} lead={t("subscriptions.org.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      {props.rows.length ? (
        <SubscriptionTable
          t={t}
          lang={props.lang}
          rows={props.rows}
          actions={(v) =>
            v.subscription.endsOn ? null : (
              <>
                <form method="post" action={`${base}/${encodeURIComponent(v.subscription.id)}`} class="inline-form">
                  <TextField
                    id={`quantity-${v.subscription.id}`}
                    name="quantity"
                    type="number"
                    min={1}
                    max={10000}
                    size={5}
                    label={t("subscriptions.field.quantity")}
                    value={String(v.quantity)}
                    error={props.changeError?.id === v.subscription.id ? t(props.changeError.key) : undefined}
                    alert
                  />
                  <button type="submit" aria-label={t("subscriptions.change_label", { plan: v.plan.name })}>
                    {t("subscriptions.change")}
                  </button>
                </form>
                <PostButton action={`${base}/${encodeURIComponent(v.subscription.id)}/cancel`} text={t("subscriptions.cancel")} label={t("subscriptions.cancel_label", { plan: v.plan.name })} secondary />
              </>
            )
          }
        />
      ) : (
        <p class="empty">{t("subscriptions.org.none")}</p>
      )}
      <section aria-labelledby="subscribe-title">
        <h2 id="subscribe-title">{t("subscriptions.new.title")}</h2>
        {props.plans.length ? (
          <form method="post" action={base}>
            {errors.length ? <ErrorSummary title={t("subscriptions.errors_title")} items={errors} /> : null}
            <SelectField id="sub-offer_id" name="offer_id" label={t("subscriptions.field.plan")} options={props.plans} value={props.values.offer_id} error={props.errors.offer_id ? t(props.errors.offer_id) : undefined} required />
            <TextField id="sub-quantity" name="quantity" type="number" min={1} max={10000} label={t("subscriptions.field.quantity")} hint={t("subscriptions.field.quantity_hint")} value={props.values.quantity} error={props.errors.quantity ? t(props.errors.quantity) : undefined} required />
            <RadioGroup
              id="sub-interval"
              name="interval"
              legend={t("subscriptions.field.interval")}
              options={[
                { value: "month", label: t("subscriptions.field.interval.month") },
                { value: "year", label: t("subscriptions.field.interval.year") },
              ]}
              value={props.values.interval}
              error={props.errors.interval ? t(props.errors.interval) : undefined}
            />
            <button type="submit">{t("subscriptions.subscribe")}</button>
          </form>
        ) : (
          <p class="empty">{t("subscriptions.new.none")}</p>
        )}
      </section>
    </Layout>
  );
}

export function CoopSubscriptionsPage(props: PageProps & { rows: SubscriptionView[]; orgNames: Map<string, string>; notice?: MessageKey }) {
  const { t } = props;
  const title = t("subscriptions.coop.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop/invoices", label: t("billing.invoices.title") }]} lead={t("subscriptions.coop.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <PostButton action="/coop/subscriptions/run" text={t("subscriptions.coop.run")} />
      {props.rows.length ? <SubscriptionTable t={t} lang={props.lang} rows={props.rows} orgNames={props.orgNames} /> : <p class="empty">{t("subscriptions.coop.none")}</p>}
    </Layout>
  );
}

// /coop/viability/settings (coop_admins): the targets and the break-even model, and the button that
// opens the cooperative and invites every confirmed pledger once.
import { PLEDGE_SERVICES } from "../../../src/coop/pledges/model";
import { costFieldId, type FormError, type SettingsFormValues } from "../../../src/coop/pledges/form";
import { ErrorSummary, FieldError, PostButton, TextField, describedBy, inFieldOrder } from "../../components/form";
import { Hint } from "../../components/form/field";
import { formatDateTime, formatMoney } from "../../components/format";
import { serviceLabel } from "../../components/labels";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import type { MessageKey } from "../../i18n";

const ORDER = ["fixed_monthly", ...PLEDGE_SERVICES.map(costFieldId), "target_capital", "opens_on"];
const LABEL: Record<string, MessageKey> = { fixed_monthly: "coop.settings.fixed", target_capital: "coop.settings.target_capital", opens_on: "coop.settings.opens_on" };

export interface ViabilitySettingsProps extends PageProps {
  values: SettingsFormValues;
  errors: FormError[];
  notice?: MessageKey;
  targetMonthlyCents: number;
  openedAt: string | null;
}

export function ViabilitySettingsPage(props: ViabilitySettingsProps) {
  const { t, lang, values } = props;
  const title = t("coop.settings.title");
  const err = (field: string) => {
    const e = props.errors.find((x) => x.field === field);
    return e ? t(e.key) : undefined;
  };
  const labelOf = (field: string) => {
    const kind = PLEDGE_SERVICES.find((k) => costFieldId(k) === field);
    return kind ? serviceLabel(t, kind) : t(LABEL[field] ?? "coop.settings.fixed");
  };
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop", label: t("coop.title") }]} lead={t("coop.settings.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <p>{t("coop.settings.current", { target: formatMoney(props.targetMonthlyCents, lang) })}</p>
      <ErrorSummary title={t("coop.error.summary")} items={inFieldOrder(props.errors, ORDER, (e) => e.field).map((e) => ({ id: e.field, label: labelOf(e.field), message: t(e.key) }))} />
      <form method="post" action="/coop/viability/settings" class="form">
        <TextField id="fixed_monthly" label={t("coop.settings.fixed")} hint={t("coop.settings.fixed_hint")} value={values.fixed_monthly} error={err("fixed_monthly")} inputmode="decimal" size={12} />
        <fieldset id="costs" class="field checks-group" aria-describedby={describedBy("costs", t("coop.settings.costs_hint"))}>
          <legend>{t("coop.settings.costs")}</legend>
          <Hint id="costs" hint={t("coop.settings.costs_hint")} />
          <FieldError id="costs" />
          <div class="service-quantities">
            {PLEDGE_SERVICES.map((k) => (
              <TextField id={costFieldId(k)} name={`cost_${k}`} label={serviceLabel(t, k)} value={values.costs[k] ?? ""} error={err(costFieldId(k))} inputmode="decimal" size={8} />
            ))}
          </div>
        </fieldset>
        <TextField id="target_capital" label={t("coop.settings.target_capital")} value={values.target_capital} error={err("target_capital")} inputmode="decimal" size={12} />
        <TextField id="opens_on" type="date" label={t("coop.settings.opens_on")} hint={t("coop.settings.opens_on_hint")} value={values.opens_on} error={err("opens_on")} />
        <button type="submit">{t("coop.settings.save")}</button>
      </form>
      <section aria-labelledby="open-title">
        <h2 id="open-title">{t("coop.settings.open_title")}</h2>
        {props.openedAt ? <p>{t("coop.settings.opened", { date: formatDateTime(props.openedAt, lang) })}</p> : null}
        <p>{t("coop.settings.open_text")}</p>
        <PostButton action="/coop/open" text={t("coop.settings.open_button")} />
      </section>
    </Layout>
  );
}

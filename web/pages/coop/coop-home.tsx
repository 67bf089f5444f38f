// /coop: what the cooperative is (short and honest), the viability meter and its chart, and the
// pledge form (posted to /coop/pledges; errors come back next to their fields, input kept).
import { PLEDGE_SERVICES } from "../../../src/coop/pledges/model";
import { serviceFieldId, type FormError, type PledgeFormValues } from "../../../src/coop/pledges/form";
import type { Meter } from "../../../src/coop/pledges/service";
import { Hint } from "../../components/form/field";
import { CheckboxGroup, ErrorSummary, FieldError, SelectField, TextArea, TextField, choiceId, describedBy, inFieldOrder } from "../../components/form";
import { serviceLabel } from "../../components/labels";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import type { MessageKey, T } from "../../i18n";
import { PledgeChart, PledgeMeter } from "./pledge-meter";

export const EMPTY_PLEDGE: PledgeFormValues = { name: "", email: "", organisation: "", roles: [], services: {}, monthly: "", capital: "", skills: "", language: "" };

/** The form's controls in page order: the error summary lists its items in this order. */
const ORDER = ["name", "email", "organisation", "roles", "services", ...PLEDGE_SERVICES.map(serviceFieldId), "monthly", "capital", "skills", "language"];

const LABEL: Record<string, MessageKey> = {
  name: "coop.field.name",
  email: "coop.field.email",
  organisation: "coop.field.organisation",
  roles: "coop.field.roles",
  services: "coop.field.services",
  monthly: "coop.field.monthly",
  capital: "coop.field.capital",
  skills: "coop.field.skills",
  language: "coop.field.language",
};

function labelOf(t: T, field: string): string {
  const kind = PLEDGE_SERVICES.find((k) => serviceFieldId(k) === field);
  return kind ? serviceLabel(t, kind) : t(LABEL[field] ?? "coop.field.name");
}

export interface CoopPageProps extends PageProps {
  meter: Meter;
  values: PledgeFormValues;
  errors: FormError[];
  notice?: MessageKey;
  /** A refusal no field can fix (too many pledges). */
  problem?: string;
}

function PledgeForm(props: CoopPageProps) {
  const { t, values } = props;
  const err = (field: string) => {
    const e = props.errors.find((x) => x.field === field);
    return e ? t(e.key) : undefined;
  };
  const servicesError = err("services");
  return (
    <section aria-labelledby="pledge-title">
      <h2 id="pledge-title">{t("coop.form_title")}</h2>
      <p>{t("coop.form_lead")}</p>
      <ErrorSummary
        title={t("coop.error.summary")}
        items={inFieldOrder(props.errors, ORDER, (e) => e.field).map((e) => ({ id: e.field === "roles" ? choiceId("roles", "client") : e.field, label: labelOf(t, e.field), message: t(e.key) }))}
      />
      <Notice text={props.problem} tone="error" alert />
      <form method="post" action="/coop/pledges#pledge-title" class="form">
        <TextField id="name" label={t("coop.field.name")} value={values.name} error={err("name")} required autocomplete="name" maxlength={200} />
        <TextField id="email" type="email" label={t("coop.field.email")} hint={t("coop.field.email_hint")} value={values.email} error={err("email")} required autocomplete="email" />
        <TextField id="organisation" label={t("coop.field.organisation")} hint={t("coop.field.organisation_hint")} value={values.organisation} error={err("organisation")} autocomplete="organization" maxlength={200} />
        <CheckboxGroup
          id="roles"
          name="roles"
          legend={t("coop.field.roles")}
          required
          error={err("roles")}
          checked={values.roles}
          options={(["client", "supporter", "volunteer"] as const).map((r) => ({ value: r, label: t(`coop.role.${r}`), hint: t(`coop.role.${r}_hint`) }))}
        />
        <fieldset id="services" class={["field", "checks-group", servicesError ? "field-invalid" : ""].filter(Boolean).join(" ")} aria-describedby={describedBy("services", t("coop.field.services_hint"), servicesError)}>
          <legend>{t("coop.field.services")}</legend>
          <Hint id="services" hint={t("coop.field.services_hint")} />
          <FieldError id="services" error={servicesError} />
          <div class="service-quantities">
            {PLEDGE_SERVICES.map((k) => (
              <TextField id={serviceFieldId(k)} name={`service_${k}`} type="number" min={1} max={10000} size={6} inputmode="numeric" label={serviceLabel(t, k)} value={values.services[k] ?? ""} error={err(serviceFieldId(k))} />
            ))}
          </div>
        </fieldset>
        <TextField id="monthly" label={t("coop.field.monthly")} hint={t("coop.field.monthly_hint")} value={values.monthly} error={err("monthly")} inputmode="decimal" size={10} />
        <TextField id="capital" label={t("coop.field.capital")} hint={t("coop.field.capital_hint")} value={values.capital} error={err("capital")} inputmode="decimal" size={10} />
        <TextArea id="skills" label={t("coop.field.skills")} hint={t("coop.field.skills_hint")} value={values.skills} error={err("skills")} rows={3} maxlength={2000} />
        <SelectField
          id="language"
          label={t("coop.field.language")}
          value={values.language || props.lang}
          error={err("language")}
          options={[
            { value: "fr", label: "Français", lang: "fr" },
            { value: "nl", label: "Nederlands", lang: "nl" },
            { value: "en", label: "English", lang: "en" },
          ]}
        />
        <button type="submit">{t("coop.form_submit")}</button>
      </form>
    </section>
  );
}

export function CoopPage(props: CoopPageProps) {
  const { t } = props;
  return (
    <Layout {...props} title={t("coop.title")}>
      <PageHeader title={t("coop.title")} lead={t("coop.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <section aria-labelledby="what-title">
        <h2 id="what-title">{t("coop.what_title")}</h2>
        <p>{t("coop.what_1")}</p>
        <p>{t("coop.what_2")}</p>
        <p>{t("coop.what_3")}</p>
      </section>
      <section aria-labelledby="meter-title">
        <h2 id="meter-title">{t("coop.meter_title")}</h2>
        <PledgeMeter t={t} lang={props.lang} meter={props.meter} />
        <h3>{t("coop.chart_title")}</h3>
        <PledgeChart t={t} lang={props.lang} meter={props.meter} />
      </section>
      <PledgeForm {...props} />
    </Layout>
  );
}

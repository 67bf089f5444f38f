// /orgs/:orgId/profile: the member-space profile. Owners and admins get the form (errors next to
// each field, in the page's language); other members and stewards read it.
import type { ProfileErrorCode, ProfileField, ProfileValues } from "../../../src/accounts/orgs/profile";
import type { OrganisationRow } from "../../../src/db/schema";
import { countryName, languageName } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import type { Lang, MessageKey } from "../../i18n";
import { ErrorSummary, inFieldOrder, SelectField, TextField, type TextType } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";

interface Props extends PageProps {
  org: OrganisationRow;
  canManage: boolean;
  values: ProfileValues;
  errors?: Partial<Record<ProfileField, ProfileErrorCode>>;
  notice?: MessageKey;
}

/** Each field's label, in the order the fields stand in the form (the error summary follows it). */
const LABELS: Record<ProfileField, MessageKey> = {
  legal_name: "orgs.profile.legal_name",
  company_number: "orgs.profile.company_number",
  street: "orgs.profile.street",
  postcode: "orgs.profile.postcode",
  city: "orgs.profile.city",
  country: "orgs.profile.country",
  contact_name: "orgs.profile.contact_name",
  contact_email: "orgs.profile.contact_email",
  contact_phone: "orgs.profile.contact_phone",
  language: "orgs.profile.language",
};

/** The stored profile as form values. */
export function valuesOf(org: OrganisationRow): ProfileValues {
  return {
    legal_name: org.legalName ?? "",
    company_number: org.companyNumber ?? "",
    street: org.street ?? "",
    postcode: org.postcode ?? "",
    city: org.city ?? "",
    country: org.countryCode ?? "",
    contact_name: org.contactName ?? "",
    contact_email: org.contactEmail ?? "",
    contact_phone: org.contactPhone ?? "",
    language: org.language,
  };
}

const LANGS: Lang[] = ["fr", "nl", "en"];

export function OrgProfilePage(props: Props) {
  const { t, lang, org } = props;
  const title = t("orgs.profile.page_title", { org: org.name });
  const errors = props.errors ?? {};
  const id = (f: ProfileField) => `profile-${f.replace("_", "-")}`;
  const err = (f: ProfileField) => (errors[f] ? t(`orgs.profile.error.${errors[f]}`) : undefined);
  const field = (f: ProfileField, extra: { type?: TextType; autocomplete?: string; hint?: string; maxlength?: number } = {}) => (
    <TextField id={id(f)} name={f} label={t(LABELS[f])} value={props.values[f]} error={err(f)} {...extra} />
  );
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name }]} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      {props.canManage ? (
        <>
          <ErrorSummary
            title={t("orgs.form.error_summary")}
            items={inFieldOrder(Object.keys(errors) as ProfileField[], Object.keys(LABELS), (f) => f).map((f) => ({ id: id(f), label: t(LABELS[f]) }))}
          />
          <form method="post" action={`/orgs/${encodeURIComponent(org.id)}/profile`} class="profile-form" novalidate>
            <fieldset>
              <legend>{t("orgs.profile.identity")}</legend>
              {field("legal_name", { autocomplete: "organization", maxlength: 200 })}
              {field("company_number", { hint: t("orgs.profile.company_number_hint"), maxlength: 40 })}
            </fieldset>
            <fieldset>
              <legend>{t("orgs.profile.address")}</legend>
              {field("street", { autocomplete: "street-address", maxlength: 200 })}
              {field("postcode", { autocomplete: "postal-code", maxlength: 16 })}
              {field("city", { autocomplete: "address-level2", maxlength: 120 })}
              {field("country", { autocomplete: "country", hint: t("orgs.profile.country_hint"), maxlength: 2 })}
            </fieldset>
            <fieldset>
              <legend>{t("orgs.profile.contact")}</legend>
              {field("contact_name", { autocomplete: "name", maxlength: 200 })}
              {field("contact_email", { type: "email", autocomplete: "email", maxlength: 254 })}
              {field("contact_phone", { type: "tel", autocomplete: "tel", hint: t("orgs.profile.phone_hint"), maxlength: 40 })}
            </fieldset>
            <SelectField
              id={id("language")}
              name="language"
              label={t(LABELS.language)}
              hint={t("orgs.profile.language_hint")}
              value={props.values.language}
              error={err("language")}
              options={LANGS.map((l) => ({ value: l, label: languageName(l, lang) }))}
            />
            <button type="submit">{t("orgs.profile.submit")}</button>
          </form>
        </>
      ) : (
        <dl class="facts">
          {(Object.keys(LABELS) as ProfileField[]).map((f) => {
            const v = props.values[f];
            const shown = !v ? t("orgs.profile.unset") : f === "country" ? countryName(v, lang) : f === "language" ? languageName(v, lang) : v;
            return (
              <div>
                <dt>{t(LABELS[f])}</dt>
                <dd>{shown}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </Layout>
  );
}

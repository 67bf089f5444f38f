// /orgs/:orgId/provider: a provider organisation's catalogue profile — create or claim one, then edit it.
import { FEATURE_ERROR_PREFIX } from "../../../src/catalog/features";
import { HTTP_URL_MESSAGE } from "../../../src/lib/http-url";
import type { FieldError } from "../../../src/lib/problem";
import { HARDWARE_HOSTING, LEGAL_FORMS } from "../../../src/catalog/model";
import type { PendingChangeRow, ProviderClaimRow, ProviderRow } from "../../../src/db/schema";
import { formatDateTime } from "../../components/format";
import { hardwareLabel, legalFormLabel } from "../../components/labels";
import { Layout, type PageProps } from "../../components/layout";
import type { MessageKey, T } from "../../i18n";
import { Checkbox, ErrorSummary, inFieldOrder, SelectField, TextArea, TextField } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";

/** Each field's label, in the order the fields stand in the form (the error summary follows it). */
export const PROVIDER_LABELS: Record<string, MessageKey> = {
  name: "manage.field.name",
  description: "manage.field.description",
  legal_form: "manage.field.legal_form",
  website: "manage.field.website",
  contact_url: "manage.field.contact_url",
  contact_email: "manage.field.contact_email",
  country_code: "manage.field.country_code",
  address: "manage.field.address",
  languages: "manage.field.languages",
  capacity: "manage.field.capacity",
  hardware_hosting: "manage.field.hardware_hosting",
  accepting_members: "manage.field.accepting_members",
  memberships: "manage.field.memberships",
  network_chatons_since: "manage.field.memberships",
  network_librehosters_since: "manage.field.memberships",
  commitments: "manage.field.commitments",
  status: "manage.field.status",
};

export const fieldLabel = (t: T, labels: Record<string, MessageKey>, f: string) => (labels[f] ? t(labels[f]!) : f);

/** What a field must look like when only its pattern says so (a date, a country code…), by the form's field name. */
function formatKey(name: string): MessageKey {
  if (name.endsWith("_since") || name.endsWith("_on")) return "manage.form.date";
  if (name === "country_code" || name === "hosting_country") return "manage.form.country";
  if (name === "languages") return "manage.form.languages";
  if (name === "tags") return "manage.form.tags";
  return "manage.form.invalid";
}

/** What is wrong with a field, in the visitor's language and naming the field: the rule the value broke
 * (src/lib/field-rule.ts) — "must start with https://", "at most 200 characters" —, else "not valid". */
export function fieldError(t: T, error: FieldError, field: string, name = error.field): string {
  const rule = error.rule;
  if (error.message === HTTP_URL_MESSAGE || rule?.kind === "url") return t("manage.form.url", { field });
  if (error.message.startsWith(FEATURE_ERROR_PREFIX) || rule?.kind === "features") return t("manage.form.features", { field });
  switch (rule?.kind) {
    case "required":
      return t("manage.form.required", { field });
    case "too_long":
      return t("manage.form.too_long", { field, max: rule.max });
    case "too_many":
      return t("manage.form.too_many", { field, max: rule.max });
    case "too_small":
      return t("manage.form.too_small", { field, min: rule.min });
    case "too_big":
      return t("manage.form.too_big", { field, max: rule.max });
    case "number":
      return t("manage.form.number", { field });
    case "money":
      return t("manage.form.money", { field });
    case "email":
      return t("manage.form.email", { field });
    case "choice":
      return t("manage.form.choice", { field });
    case "format":
      return formatKey(name) === "manage.form.invalid" ? t("manage.form.invalid") : t(formatKey(name), { field });
    default:
      return t("manage.form.invalid");
  }
}

/** A self-service form's field for the kit: named by its input, its value as typed, and whether it is at fault. */
export function formField(t: T, values: Record<string, string>, errors: FieldError[], labels: Record<string, MessageKey> = {}) {
  return (name: string) => {
    const error = errors.find((e) => e.field === name);
    return { id: name, value: values[name] ?? "", error: error ? fieldError(t, error, fieldLabel(t, labels, name), name) : undefined };
  };
}

/** The summary of a self-service form's errors: one link per field, in the order of `labels`. */
export function ManageErrorSummary(props: { t: T; errors: FieldError[]; labels: Record<string, MessageKey> }) {
  const { t } = props;
  const fields = inFieldOrder([...new Set(props.errors.map((e) => e.field))], Object.keys(props.labels), (f) => f);
  return <ErrorSummary title={t("manage.form.errors")} items={fields.map((f) => ({ id: f, label: fieldLabel(t, props.labels, f) }))} />;
}

export function ProviderFields(props: { t: T; values: Record<string, string>; errors: FieldError[] }) {
  const { t } = props;
  const f = formField(t, props.values, props.errors, PROVIDER_LABELS);
  const box = (name: string, label: string) => <Checkbox {...f(name)} checked={props.values[name] === "on"} label={label} />;
  return (
    <>
      <TextField {...f("name")} label={t("manage.field.name")} hint={t("manage.hint.name")} required />
      <TextArea {...f("description")} label={t("manage.field.description")} />
      <SelectField {...f("legal_form")} label={t("manage.field.legal_form")} options={LEGAL_FORMS.map((v) => ({ value: v, label: legalFormLabel(t, v) }))} />
      <TextField {...f("website")} type="url" label={t("manage.field.website")} hint={t("manage.hint.website")} />
      <TextField {...f("contact_url")} type="url" label={t("manage.field.contact_url")} hint={t("manage.hint.website")} />
      <TextField {...f("contact_email")} type="email" label={t("manage.field.contact_email")} hint={t("manage.hint.email")} />
      <TextField {...f("country_code")} label={t("manage.field.country_code")} hint={t("manage.hint.country")} />
      <TextField {...f("address")} label={t("manage.field.address")} />
      <TextField {...f("languages")} label={t("manage.field.languages")} hint={t("manage.hint.languages")} />
      <TextField {...f("capacity")} inputmode="numeric" label={t("manage.field.capacity")} hint={t("manage.hint.capacity")} />
      <SelectField
        {...f("hardware_hosting")}
        label={t("manage.field.hardware_hosting")}
        options={[{ value: "", label: t("manage.unknown") }, ...HARDWARE_HOSTING.map((v) => ({ value: v, label: hardwareLabel(t, v) }))]}
      />
      {box("accepting_members", t("manage.field.accepting_members"))}
      <fieldset class="checks-group">
        <legend>{t("manage.field.memberships")}</legend>
        {box("network_chatons", t("manage.network.chatons"))}
        <TextField {...f("network_chatons_since")} type="date" label={t("manage.network.since", { network: "CHATONS" })} />
        {box("network_librehosters", t("manage.network.librehosters"))}
        <TextField {...f("network_librehosters_since")} type="date" label={t("manage.network.since", { network: "LibreHosters" })} />
      </fieldset>
      <TextArea {...f("commitments")} label={t("manage.field.commitments")} hint={t("manage.hint.commitments")} />
    </>
  );
}

export interface ManageProviderProps extends PageProps {
  org: { id: string; name: string };
  provider: ProviderRow | null;
  values: Record<string, string>;
  errors: FieldError[];
  pending: PendingChangeRow[];
  claims: { claim: ProviderClaimRow; providerName: string }[];
  claimable: { id: string; name: string; website: string | null }[];
  q: string;
  notice?: MessageKey;
}

function fieldsOf(change: PendingChangeRow): string[] {
  const fields = (change.payload as { fields?: unknown }).fields;
  return Array.isArray(fields) ? (fields as string[]) : [];
}

export function ManageProviderPage(props: ManageProviderProps) {
  const { t, lang, org, provider } = props;
  const title = t("manage.provider.title", { org: org.name });
  const base = `/orgs/${encodeURIComponent(org.id)}`;
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: base, label: org.name }]} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <ManageErrorSummary t={t} errors={props.errors} labels={PROVIDER_LABELS} />
      {provider ? (
        <>
          <p class="lead">
            {provider.visibility === "pending" ? t("manage.provider.pending_lead", { name: provider.name }) : t("manage.provider.public_lead", { name: provider.name })}
          </p>
          <ul class="actions">
            <li>
              <a href={`${base}/offers`}>{t("manage.provider.to_offers")}</a>
            </li>
            <li>
              <a href={`${base}/provider/capacity`}>{t("capacity.link")}</a>
            </li>
            {provider.visibility === "public" ? (
              <li>
                <a href={`/providers/${encodeURIComponent(provider.id)}`}>{t("manage.provider.public_page")}</a>
              </li>
            ) : null}
          </ul>
          {props.pending.length ? (
            <section aria-labelledby="pending-title">
              <h2 id="pending-title">{t("manage.pending.title")}</h2>
              <ul>
                {props.pending.map((ch) => (
                  <li>
                    {t(ch.kind === "create" ? "manage.pending.create" : "manage.pending.update", { date: formatDateTime(ch.createdAt, lang) })}
                    {ch.kind === "update" ? ` — ${fieldsOf(ch).map((f) => fieldLabel(t, PROVIDER_LABELS, f)).join(", ")}` : ""}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="edit-title">
            <h2 id="edit-title">{t("manage.provider.edit")}</h2>
            <p class="hint">{t("manage.provider.material_hint")}</p>
            <form method="post" action={`${base}/provider/edit`}>
              <ProviderFields t={t} values={props.values} errors={props.errors} />
              <p class="actions">
                <button type="submit">{t("manage.provider.save")}</button>
              </p>
            </form>
          </section>
        </>
      ) : (
        <>
          <p class="lead">{t("manage.provider.none_lead")}</p>
          {props.claims.length ? (
            <section aria-labelledby="claims-title">
              <h2 id="claims-title">{t("manage.claims.title")}</h2>
              <ul>
                {props.claims.map(({ claim, providerName }) => (
                  <li>
                    {t(`manage.claims.${claim.status}`, { name: providerName, date: formatDateTime(claim.createdAt, lang) })}
                    {claim.reason ? ` — ${claim.reason}` : ""}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="create-title">
            <h2 id="create-title">{t("manage.provider.create")}</h2>
            <p class="hint">{t("manage.provider.create_hint")}</p>
            <form method="post" action={`${base}/provider`}>
              <ProviderFields t={t} values={props.values} errors={props.errors} />
              <p class="actions">
                <button type="submit">{t("manage.provider.create_submit")}</button>
              </p>
            </form>
          </section>
          <section aria-labelledby="claim-title">
            <h2 id="claim-title">{t("manage.claim.title")}</h2>
            <p class="hint">{t("manage.claim.hint")}</p>
            <form method="get" action={`${base}/provider`} role="search">
              <TextField id="q" type="search" label={t("manage.claim.search")} value={props.q} />
              <p class="actions">
                <button type="submit">{t("manage.claim.search_submit")}</button>
              </p>
            </form>
            {props.claimable.length ? (
              <ul class="claimable">
                {props.claimable.map((p) => (
                  <li>
                    <form method="post" action={`${base}/provider/claim`}>
                      <input type="hidden" name="provider_id" value={p.id} />
                      <p>
                        <strong>{p.name}</strong>
                        {p.website ? ` — ${p.website}` : ""}
                      </p>
                      <TextArea id={`message-${p.id}`} name="message" rows={2} label={t("manage.claim.message")} />
                      <button type="submit">{t("manage.claim.submit", { name: p.name })}</button>
                    </form>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("manage.claim.none")}</p>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}

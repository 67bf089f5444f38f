// /orgs/:orgId/offers: every offer of the managed provider (any status), what waits for a steward,
// and the new / edit form.
import type { FieldError } from "../../../src/lib/problem";
import { LOADS, PRICE_PERIODS, PRICE_UNITS, PRICING_MODELS, REGISTRATIONS, SERVICE_KINDS } from "../../../src/catalog/model";
import type { OfferRow, PendingChangeRow, ProviderRow } from "../../../src/db/schema";
import { formatDateTime } from "../../components/format";
import { featureLabel, loadLabel, pricingLabel, registrationLabel, serviceLabel } from "../../components/labels";
import { FEATURES_BY_KIND, featuresOf } from "../../../src/catalog/features";
import { Layout, type PageProps } from "../../components/layout";
import { priceText } from "../../components/price";
import type { MessageKey, T } from "../../i18n";
import { CheckboxGroup, SelectField, TextArea, TextField } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { fieldLabel, formField, ManageErrorSummary } from "./provider";
import { TableHead } from "../../components/table";

/** Each field's label, in the order the fields stand in the form (the error summary follows it). */
export const OFFER_LABELS: Record<string, MessageKey> = {
  service: "manage.offer.service",
  name: "manage.offer.name",
  description: "manage.offer.description",
  website: "manage.offer.website",
  software_name: "manage.offer.software_name",
  "software.name": "manage.offer.software_name",
  software_license: "manage.offer.software_license",
  "software.license": "manage.offer.software_license",
  features: "manage.offer.features",
  tags: "manage.offer.tags",
  quotas: "manage.offer.quotas",
  quota_storage_gb: "manage.offer.quota_storage_gb",
  quota_mailboxes: "manage.offer.quota_mailboxes",
  quota_aliases: "manage.offer.quota_aliases",
  quota_lists: "manage.offer.quota_lists",
  quota_subscribers: "manage.offer.quota_subscribers",
  quota_domains: "manage.offer.quota_domains",
  pricing: "manage.offer.pricing",
  pricing_model: "manage.offer.pricing_model",
  amount: "manage.offer.amount",
  period: "manage.offer.period",
  unit: "manage.offer.unit",
  setup_fee: "manage.offer.setup_fee",
  hosting_country: "manage.offer.hosting_country",
  registration: "manage.offer.registration",
  load: "manage.offer.load",
  status: "manage.offer.status",
};

const STATUS: Record<string, MessageKey> = { published: "manage.status.published", pending: "manage.status.pending", archived: "manage.status.archived", draft: "manage.status.draft" };

export interface ManageOffersProps extends PageProps {
  org: { id: string; name: string };
  provider: ProviderRow;
  offers: OfferRow[];
  pending: PendingChangeRow[];
  notice?: MessageKey;
}

export function ManageOffersPage(props: ManageOffersProps) {
  const { t, lang, org, provider } = props;
  const title = t("manage.offers.title", { name: provider.name });
  const base = `/orgs/${encodeURIComponent(org.id)}`;
  const waiting = (id: string) => props.pending.filter((c) => c.subjectType === "offer" && c.subjectId === id);
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: base, label: org.name }, { href: `${base}/provider`, label: t("manage.crumb.profile") }]} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <p class="actions">
        <a href={`${base}/offers/new`}>{t("manage.offers.new")}</a>
      </p>
      {props.offers.length === 0 ? (
        <p>{t("manage.offers.none")}</p>
      ) : (
        <table>
          <caption>{t("manage.offers.caption")}</caption>
          <TableHead cols={[t("manage.offer.name"), t("manage.offer.service"), t("manage.offer.pricing"), t("manage.offer.status"), t("manage.offers.waiting"), t("manage.offers.actions")]} />
          <tbody>
            {props.offers.map((o) => (
              <tr>
                <th scope="row">{o.name}</th>
                <td>{serviceLabel(t, o.service)}</td>
                <td>{priceText(t, lang, o, "month")}</td>
                <td>
                  {t(STATUS[o.status] ?? "manage.status.draft")}
                  {o.version > 0 ? (
                    <>
                      {" · "}
                      <a href={`/offers/${encodeURIComponent(o.id)}/versions/${o.version}`}>{t("manage.offers.version", { n: o.version })}</a>
                    </>
                  ) : null}
                </td>
                <td>
                  {waiting(o.id).map((c) => (
                    <p>
                      {t(c.kind === "create" ? "manage.pending.create" : "manage.pending.update", { date: formatDateTime(c.createdAt, lang) })}
                      {c.kind === "update" ? ` — ${(((c.payload as { fields?: string[] }).fields) ?? []).map((f) => fieldLabel(t, OFFER_LABELS, f)).join(", ")}` : ""}
                    </p>
                  ))}
                </td>
                <td>
                  <a href={`${base}/offers/${encodeURIComponent(o.id)}/edit`}>{t("manage.offers.edit", { name: o.name })}</a>
                  {o.status === "archived" ? (
                    <form method="post" action={`${base}/offers/${encodeURIComponent(o.id)}/unarchive`}>
                      <button type="submit">{t("manage.offers.unarchive")}</button>
                    </form>
                  ) : (
                    <form method="post" action={`${base}/offers/${encodeURIComponent(o.id)}/archive`}>
                      <button type="submit">{t("manage.offers.archive")}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export interface OfferFormProps extends PageProps {
  org: { id: string; name: string };
  provider: ProviderRow;
  offer: OfferRow | null;
  values: Record<string, string>;
  errors: FieldError[];
}

/** The vocabulary's checkboxes, one group per kind (the chosen kind's first, so the form works without
 * JavaScript whatever kind is picked); a ticked code the chosen kind lacks is refused by the server. */
function FeatureChecks(props: { t: T; field: { id: string; error?: string }; service: string; ticked: string[] }) {
  const { t } = props;
  const kinds = Object.keys(FEATURES_BY_KIND).sort((a, b) => Number(b === props.service) - Number(a === props.service));
  const known = new Set(Object.values(FEATURES_BY_KIND).flat() as string[]);
  // A code in several groups (custom_domain…) is ticked in the chosen kind's group only, so unticking it there is enough.
  const own = new Set<string>(Object.hasOwn(FEATURES_BY_KIND, props.service) ? featuresOf(props.service) : []);
  const tickedIn = (kind: string) => (kind === props.service ? props.ticked : props.ticked.filter((c) => !own.has(c)));
  // Codes no list knows (stored before the vocabulary): shown ticked, to be unticked.
  const extra = props.ticked.filter((c) => !known.has(c));
  return (
    <fieldset id={props.field.id} class="feature-groups">
      <legend>{t("manage.offer.features")}</legend>
      <p class="hint">{t("manage.hint.features")}</p>
      {props.field.error ? <p class="error">{props.field.error}</p> : null}
      {kinds.map((kind, i) => (
        <CheckboxGroup
          id={i === 0 ? "features-group" : `features-${kind}`}
          name="features"
          legend={serviceLabel(t, kind)}
          options={featuresOf(kind).map((code) => ({ value: code, label: featureLabel(t, code), id: `features-${kind}-${code}` }))}
          checked={tickedIn(kind)}
        />
      ))}
      {extra.length ? <CheckboxGroup id="features-other" name="features" legend={serviceLabel(t, "other")} options={extra.map((code) => ({ value: code, label: featureLabel(t, code) }))} checked={props.ticked} /> : null}
    </fieldset>
  );
}

function OfferFields(props: { t: T; values: Record<string, string>; errors: FieldError[] }) {
  const { t } = props;
  const f = formField(t, props.values, props.errors, OFFER_LABELS);
  const opts = (values: readonly string[], label: (v: string) => string) => values.map((v) => ({ value: v, label: label(v) }));
  const kinds = [...SERVICE_KINDS] as string[];
  const current = props.values.service;
  if (current && !kinds.includes(current)) kinds.push(current);
  return (
    <>
      <SelectField {...f("service")} label={t("manage.offer.service")} options={opts(kinds, (v) => serviceLabel(t, v))} />
      <TextField {...f("name")} label={t("manage.offer.name")} hint={t("manage.hint.name")} required />
      <TextArea {...f("description")} label={t("manage.offer.description")} />
      <TextField {...f("website")} type="url" label={t("manage.offer.website")} hint={t("manage.hint.website")} />
      <TextField {...f("software_name")} label={t("manage.offer.software_name")} />
      <TextField {...f("software_license")} label={t("manage.offer.software_license")} />
      <FeatureChecks t={t} field={f("features")} service={current ?? ""} ticked={(props.values.features ?? "").split(",").filter(Boolean)} />
      <TextField {...f("tags")} label={t("manage.offer.tags")} hint={t("manage.hint.tags")} />
      <fieldset>
        <legend>{t("manage.offer.quotas")}</legend>
        {(["storage_gb", "mailboxes", "aliases", "lists", "subscribers", "domains"] as const).map((q) => (
          <TextField {...f(`quota_${q}`)} inputmode="decimal" label={t(`manage.offer.quota_${q}`)} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("manage.offer.pricing")}</legend>
        <SelectField {...f("pricing_model")} label={t("manage.offer.pricing_model")} options={opts(PRICING_MODELS, (v) => pricingLabel(t, v))} />
        <TextField {...f("amount")} inputmode="decimal" label={t("manage.offer.amount")} hint={t("manage.hint.euros")} />
        <SelectField {...f("period")} label={t("manage.offer.period")} options={opts(PRICE_PERIODS, (v) => t(`manage.period.${v as "month" | "year"}`))} />
        <SelectField {...f("unit")} label={t("manage.offer.unit")} options={opts(PRICE_UNITS, (v) => t(`manage.unit.${v as "flat" | "per_unit"}`))} />
        <TextField {...f("setup_fee")} inputmode="decimal" label={t("manage.offer.setup_fee")} hint={t("manage.hint.euros")} />
      </fieldset>
      <TextField {...f("hosting_country")} label={t("manage.offer.hosting_country")} hint={t("manage.hint.country")} />
      <SelectField {...f("registration")} label={t("manage.offer.registration")} options={opts(REGISTRATIONS, (v) => registrationLabel(t, v))} />
      <SelectField {...f("load")} label={t("manage.offer.load")} options={opts(LOADS, (v) => loadLabel(t, v))} />
    </>
  );
}

export function OfferFormPage(props: OfferFormProps) {
  const { t, org, offer } = props;
  const title = offer ? t("manage.offer.edit_title", { name: offer.name }) : t("manage.offer.new_title");
  const orgBase = `/orgs/${encodeURIComponent(org.id)}`;
  const base = `${orgBase}/offers`;
  return (
    <Layout {...props} title={title}>
      <PageHeader
        title={title}
        crumbs={[
          { href: orgBase, label: org.name },
          { href: `${orgBase}/provider`, label: t("manage.crumb.profile") },
          { href: base, label: t("manage.crumb.offers") },
        ]}
      />
      <p class="hint">{offer ? t("manage.offer.material_hint") : t("manage.offer.new_hint")}</p>
      <ManageErrorSummary t={t} errors={props.errors} labels={OFFER_LABELS} />
      <form method="post" action={offer ? `${base}/${encodeURIComponent(offer.id)}` : base}>
        <OfferFields t={t} values={props.values} errors={props.errors} />
        <p class="actions">
          <button type="submit">{offer ? t("manage.offer.save") : t("manage.offer.create")}</button>
        </p>
      </form>
    </Layout>
  );
}

// /offers/:id/versions/:version: an offer as it was published then, so what a member saw stays
// viewable; a note says when a newer version exists.
import type { OfferDto } from "../../src/catalog/dto";
import type { VersionSummary } from "../../src/catalog/versions";
import { countryName, formatDateTime, formatList } from "../components/format";
import { featureLabel, loadLabel, pricingLabel, registrationLabel, serviceLabel } from "../components/labels";
import { Layout, type PageProps } from "../components/layout";
import { PageHeader } from "../components/page-header";
import { priceText } from "../components/price";

export interface OfferVersionProps extends PageProps {
  offerId: string;
  version: VersionSummary;
  latest: number;
  snapshot: OfferDto;
  history: VersionSummary[];
}

export function OfferVersionPage(props: OfferVersionProps) {
  const { t, lang, snapshot: s, version } = props;
  const title = t("versions.title", { name: s.name, n: version.version });
  const href = (n: number) => `/offers/${encodeURIComponent(props.offerId)}/versions/${n}`;
  const priced = { pricingModel: s.pricing.model, amountCents: s.pricing.amount_cents, period: s.pricing.period, unit: s.pricing.unit, service: s.service, setupFeeCents: s.pricing.setup_fee_cents, monthlyCents: s.monthly_cents };
  return (
    <Layout {...props} title={title}>
      <PageHeader
        title={title}
        crumbs={[{ href: `/providers/${encodeURIComponent(s.provider_id)}`, label: s.provider_name }]}
        lead={t("versions.published", { date: formatDateTime(version.created_at, lang), source: t(`versions.source.${version.source}`) })}
      />
      {props.latest > version.version ? (
        <p class="notice" role="note">
          {t("versions.newer", { n: props.latest })} <a href={href(props.latest)}>{t("versions.see_latest")}</a>
        </p>
      ) : null}
      <dl class="facts">
        <div>
          <dt>{t("manage.offer.service")}</dt>
          <dd>{serviceLabel(t, s.service)}</dd>
        </div>
        <div>
          <dt>{t("manage.offer.pricing")}</dt>
          <dd>
            {pricingLabel(t, s.pricing.model)} — {priceText(t, lang, priced, "month")}
          </dd>
        </div>
        {s.description ? (
          <div>
            <dt>{t("manage.offer.description")}</dt>
            <dd>{s.description}</dd>
          </div>
        ) : null}
        {s.software.name ? (
          <div>
            <dt>{t("manage.offer.software_name")}</dt>
            <dd>
              {s.software.name}
              {s.software.license ? ` (${s.software.license})` : ""}
            </dd>
          </div>
        ) : null}
        {s.features.length ? (
          <div>
            <dt>{t("manage.offer.features")}</dt>
            <dd>{formatList(s.features.map((f) => featureLabel(t, f)), lang)}</dd>
          </div>
        ) : null}
        {(["storage_gb", "mailboxes", "aliases", "lists", "subscribers", "domains"] as const).map((q) =>
          s.quotas[q] !== null ? (
            <div>
              <dt>{t(`manage.offer.quota_${q}`)}</dt>
              <dd>{String(s.quotas[q])}</dd>
            </div>
          ) : null,
        )}
        {s.hosting_country ? (
          <div>
            <dt>{t("manage.offer.hosting_country")}</dt>
            <dd>{countryName(s.hosting_country, lang)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("manage.offer.registration")}</dt>
          <dd>
            {registrationLabel(t, s.registration)} · {loadLabel(t, s.load)}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("versions.history")}</h2>
        <ol reversed>
          {props.history.map((v) => (
            <li>
              {v.version === version.version ? (
                <strong aria-current="page">{t("versions.item", { n: v.version, date: formatDateTime(v.created_at, lang) })}</strong>
              ) : (
                <a href={href(v.version)}>{t("versions.item", { n: v.version, date: formatDateTime(v.created_at, lang) })}</a>
              )}
            </li>
          ))}
        </ol>
        <p>
          <a href={`/api/v1/offers/${encodeURIComponent(props.offerId)}/versions/${version.version}`}>JSON</a>
        </p>
      </section>
    </Layout>
  );
}

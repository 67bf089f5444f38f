// Up to four offers side by side in one real table: a column per offer, a row per criterion,
// grouped (offer, price, quotas, features, provider and values) with row-group headers.
import type { Child } from "hono/jsx";
import { isChatonsMember } from "../../src/catalog/model";
import type { OfferWithProvider } from "../../src/catalog/repository";
import { countryName, formatList } from "../components/format";
import { featureLabel, hardwareLabel, legalFormLabel, loadLabel, pricingLabel, registrationLabel, serviceLabel } from "../components/labels";
import { Layout, type PageProps } from "../components/layout";
import { PageHeader } from "../components/page-header";
import { MaybeLink } from "../components/offer-card";
import { priceText, setupFeeText } from "../components/price";
import { QUOTA_KEYS, quotaLabel, quotaValue } from "../components/quotas";
import { LangField, MAX_COMPARE } from "../components/selection";
import { ErrorSummary } from "../components/form";

export interface ComparePageProps extends PageProps {
  items: OfferWithProvider[];
  /** More offers were chosen than can be compared: they are listed, still ticked, to untick some. */
  tooMany?: { chosen: OfferWithProvider[]; n: number };
}

interface Row {
  label: string;
  cell: (item: OfferWithProvider) => Child;
}

const NONE = "—";

/** A yes/no cell that reads as words to screen readers and as ✓/— on screen. */
function YesNo(props: { yes: boolean; t: PageProps["t"] }) {
  return (
    <>
      <span aria-hidden="true" class={props.yes ? "yes" : "no"}>
        {props.yes ? "✓" : NONE}
      </span>
      <span class="visually-hidden">{props.yes ? props.t("common.yes") : props.t("common.no")}</span>
    </>
  );
}

function basketHref(path: string, ids: string[]): string {
  return ids.length ? `${path}?offers=${encodeURIComponent(ids.join(","))}` : path;
}

export function ComparePage(props: ComparePageProps) {
  const { t, lang, items } = props;
  const ids = items.map((i) => i.offer.id);
  if (props.tooMany) {
    const { chosen, n } = props.tooMany;
    return (
      <Layout {...props} title={t("compare.title")} demo={props.demo ?? chosen.some((i) => i.provider.isDemo)}>
        <PageHeader title={t("compare.title")} lead={t("compare.intro", { max: MAX_COMPARE })} />
        <form method="get" action="/compare" class="compare-form" novalidate>
          <ErrorSummary title={t("error.too_many_offers", { max: MAX_COMPARE, n })} items={[{ id: "compare-chosen", label: t("error.field_offers") }]} />
          <fieldset class="selection" id="compare-chosen" tabindex={-1}>
            <legend>{t("error.field_offers")}</legend>
            <p class="hint">{t("compare.too_many_hint")}</p>
            <ul class="checks">
              {chosen.map(({ offer, provider }) => (
                <li>
                  <label>
                    <input type="checkbox" name="offers" value={offer.id} checked /> {provider.name} — {offer.name} ({serviceLabel(t, offer.service)},{" "}
                    {priceText(t, lang, offer, "month")})
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <LangField url={props.url} />
          <p class="actions">
            <button type="submit">{t("compare.submit")}</button>
          </p>
        </form>
      </Layout>
    );
  }
  if (items.length === 0) {
    return (
      <Layout {...props} title={t("compare.title")}>
        <h1>{t("compare.title")}</h1>
        <div class="empty">
          <p>{t("compare.empty", { max: MAX_COMPARE })}</p>
          <p>
            <a href="/providers">{t("compare.empty_link")}</a>
          </p>
        </div>
      </Layout>
    );
  }

  const quotaKeys = QUOTA_KEYS.filter((k) => items.some((i) => typeof i.offer.quotas?.[k] === "number"));
  const features = [...new Set(items.flatMap((i) => i.offer.features))].sort((a, b) => featureLabel(t, a).localeCompare(featureLabel(t, b), lang));
  const groups: { title: string; rows: Row[] }[] = [
    {
      title: t("compare.group_offer"),
      rows: [
        { label: t("compare.service"), cell: ({ offer }) => serviceLabel(t, offer.service) },
        {
          label: t("offer.software"),
          cell: ({ offer }) =>
            offer.softwareName ? (
              <>
                <MaybeLink href={offer.softwareWebsite}>{offer.softwareName}</MaybeLink>
                {offer.softwareVersion ? ` ${offer.softwareVersion}` : ""}
              </>
            ) : (
              NONE
            ),
        },
        { label: t("offer.license"), cell: ({ offer }) => (offer.softwareLicense ? <MaybeLink href={offer.softwareLicenseUrl}>{offer.softwareLicense}</MaybeLink> : NONE) },
        { label: t("offer.registration"), cell: ({ offer }) => registrationLabel(t, offer.registration) },
        { label: t("offer.load"), cell: ({ offer }) => loadLabel(t, offer.load) },
        {
          label: t("offer.hosting_country"),
          cell: ({ offer, provider }) => {
            const c = offer.hostingCountry ?? provider.countryCode;
            return c ? countryName(c, lang) : NONE;
          },
        },
      ],
    },
    {
      title: t("compare.group_price"),
      rows: [
        { label: t("offer.price_month"), cell: ({ offer }) => priceText(t, lang, offer, "month") },
        { label: t("offer.price_year"), cell: ({ offer }) => priceText(t, lang, offer, "year") },
        { label: t("offer.setup_fee"), cell: ({ offer }) => setupFeeText(t, lang, offer.setupFeeCents) },
        { label: t("offer.pricing_model"), cell: ({ offer }) => pricingLabel(t, offer.pricingModel) },
      ],
    },
    {
      title: t("compare.group_quotas"),
      rows: quotaKeys.map((k) => ({
        label: quotaLabel(t, k),
        cell: ({ offer }: OfferWithProvider) => {
          const v = offer.quotas?.[k];
          return typeof v === "number" ? quotaValue(lang, k, v) : NONE;
        },
      })),
    },
    {
      title: t("compare.group_features"),
      rows: features.map((f) => ({ label: featureLabel(t, f), cell: ({ offer }: OfferWithProvider) => <YesNo t={t} yes={offer.features.includes(f)} /> })),
    },
    {
      title: t("compare.group_values"),
      rows: [
        {
          label: t("compare.provider_location"),
          cell: ({ provider }) => [provider.countryCode ? countryName(provider.countryCode, lang) : null, provider.address].filter(Boolean).join(" — ") || NONE,
        },
        { label: t("badge.chatons"), cell: ({ provider }) => <YesNo t={t} yes={isChatonsMember(provider)} /> },
        {
          label: t("provider.commitments"),
          cell: ({ provider }) => (provider.commitments.length ? formatList(provider.commitments.map((c) => c.charter), lang) : NONE),
        },
        { label: t("provider.legal_form"), cell: ({ provider }) => legalFormLabel(t, provider.legalForm) },
        {
          label: t("provider.hardware"),
          cell: ({ offer, provider }) => {
            const hw = offer.hardwareHosting ?? provider.hardwareHosting;
            return hw ? hardwareLabel(t, hw) : NONE;
          },
        },
        { label: t("provider.accepting"), cell: ({ provider }) => <YesNo t={t} yes={provider.acceptingMembers} /> },
      ],
    },
  ];

  return (
    <Layout {...props} title={t("compare.title")} demo={props.demo ?? items.some((i) => i.provider.isDemo)}>
      <PageHeader title={t("compare.title")} lead={t("compare.intro", { max: MAX_COMPARE })} />
      <div class="table-scroll" role="region" aria-labelledby="compare-caption" tabindex={0}>
        <table class="compare">
          <caption id="compare-caption">{t("compare.caption")}</caption>
          <thead>
            <tr>
              <td></td>
              {items.map(({ offer, provider }) => (
                <th scope="col">
                  <span class="offer-name">{offer.name}</span>
                  <a class="provider-name" href={basketHref(`/providers/${encodeURIComponent(provider.id)}`, ids)}>
                    {provider.name}
                  </a>
                  <a class="remove" href={basketHref("/compare", ids.filter((id) => id !== offer.id))}>
                    {t("compare.remove")}
                    <span class="visually-hidden"> ({offer.name})</span>
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          {groups
            .filter((g) => g.rows.length > 0)
            .map((g) => (
              <tbody>
                <tr class="group">
                  <th scope="rowgroup" colspan={items.length + 1}>
                    {g.title}
                  </th>
                </tr>
                {g.rows.map((r) => (
                  <tr>
                    <th scope="row">{r.label}</th>
                    {items.map((i) => (
                      <td>{r.cell(i)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            ))}
        </table>
      </div>
      <p class="actions">
        {items.length < MAX_COMPARE ? <a href={basketHref("/providers", ids)}>{t("compare.add")}</a> : <span>{t("compare.full", { max: MAX_COMPARE })}</span>}
      </p>
    </Layout>
  );
}

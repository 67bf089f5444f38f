// One published offer on its provider's page, with a checkbox for the compare form around it.
import type { OfferRow } from "../../src/db/schema";
import type { Lang, T } from "../i18n";
import { FullBadge } from "./badges";
import { countryName, formatDay, safeHref } from "./format";
import { featureLabel, hardwareLabel, loadLabel, pricingLabel, registrationLabel, serviceLabel } from "./labels";
import { priceWithSuggestion, setupFeeText } from "./price";
import { quotaLabel, quotaValue, statedQuotas } from "./quotas";

export function MaybeLink(props: { href: string | null | undefined; children: string }) {
  const href = safeHref(props.href);
  return href ? <a href={href}>{props.children}</a> : <>{props.children}</>;
}

export function OfferCard(props: { lang: Lang; t: T; offer: OfferRow; checked: boolean }) {
  const { t, lang, offer: o } = props;
  const headingId = `o-${o.id}`;
  const quotas = statedQuotas(o.quotas);
  return (
    <article class="card offer-card" aria-labelledby={headingId}>
      <p class="kind">{serviceLabel(t, o.service)}</p>
      <h3 id={headingId}>
        {o.name} {o.load === "FULL" ? <FullBadge t={t} /> : null}
      </h3>
      {o.description ? <p>{o.description}</p> : null}
      <dl class="facts">
        <div>
          <dt>{t("offer.price_month")}</dt>
          <dd>{priceWithSuggestion(t, lang, o, "month")}</dd>
        </div>
        <div>
          <dt>{t("offer.price_year")}</dt>
          <dd>{priceWithSuggestion(t, lang, o, "year")}</dd>
        </div>
        <div>
          <dt>{t("offer.setup_fee")}</dt>
          <dd>{setupFeeText(t, lang, o.setupFeeCents)}</dd>
        </div>
        <div>
          <dt>{t("offer.pricing_model")}</dt>
          <dd>{pricingLabel(t, o.pricingModel)}</dd>
        </div>
        {o.softwareName ? (
          <div>
            <dt>{t("offer.software")}</dt>
            <dd>
              <MaybeLink href={o.softwareWebsite}>{o.softwareName}</MaybeLink>
              {o.softwareVersion ? ` ${o.softwareVersion}` : ""}
              {o.softwareLicense ? (
                <>
                  {" "}
                  ({t("offer.license")} <MaybeLink href={o.softwareLicenseUrl}>{o.softwareLicense}</MaybeLink>)
                </>
              ) : null}
              {safeHref(o.softwareSourceUrl) ? (
                <>
                  {" · "}
                  <a href={safeHref(o.softwareSourceUrl)}>{t("offer.source_code")}</a>
                </>
              ) : null}
              {o.softwareModules.length ? <span class="modules"> · {o.softwareModules.join(", ")}</span> : null}
            </dd>
          </div>
        ) : null}
        {o.features.length ? (
          <div>
            <dt>{t("offer.features")}</dt>
            <dd>
              <ul class="tags">
                {o.features.map((f) => (
                  <li>{featureLabel(t, f)}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {o.tags.length ? (
          <div>
            <dt>{t("offer.tags")}</dt>
            <dd>
              <ul class="tags free-tags">
                {o.tags.map((tag) => (
                  <li>{tag}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {quotas.map(([k, v]) => (
          <div>
            <dt>{quotaLabel(t, k)}</dt>
            <dd>{quotaValue(lang, k, v)}</dd>
          </div>
        ))}
        <div>
          <dt>{t("offer.registration")}</dt>
          <dd>{registrationLabel(t, o.registration)}</dd>
        </div>
        <div>
          <dt>{t("offer.load")}</dt>
          <dd>{loadLabel(t, o.load)}</dd>
        </div>
        {o.hostingCountry ? (
          <div>
            <dt>{t("offer.hosting_country")}</dt>
            <dd>{countryName(o.hostingCountry, lang)}</dd>
          </div>
        ) : null}
        {o.hardwareHosting ? (
          <div>
            <dt>{t("offer.hardware")}</dt>
            <dd>{hardwareLabel(t, o.hardwareHosting)}</dd>
          </div>
        ) : null}
        {o.startedOn ? (
          <div>
            <dt>{t("offer.started_on")}</dt>
            <dd>{formatDay(o.startedOn, lang)}</dd>
          </div>
        ) : null}
        {safeHref(o.website) ? (
          <div>
            <dt>{t("offer.website")}</dt>
            <dd>
              <a href={safeHref(o.website)}>{o.website}</a>
            </dd>
          </div>
        ) : null}
      </dl>
      <p class="compare-pick">
        <label>
          <input type="checkbox" name="offers" value={o.id} checked={props.checked} /> {t("offer.compare")}
          <span class="visually-hidden"> ({o.name})</span>
        </label>
      </p>
    </article>
  );
}

// One directory result: who the provider is, what it offers and from what price, and its offers
// as compare checkboxes (inside the results' compare form).
import { type CatalogFilter, offerFitsFilter } from "../../src/catalog/filters";
import { isChatonsMember } from "../../src/catalog/model";
import type { OfferRow, ProviderRow } from "../../src/db/schema";
import type { Lang, T } from "../i18n";
import { ChatonsBadge, DemoBadge, FullBadge } from "./badges";
import { countryName, formatList, languageName, plural } from "./format";
import { legalFormLabel, serviceLabel } from "./labels";
import { cheapest, priceWithSuggestion } from "./price";

interface Props {
  lang: Lang;
  t: T;
  provider: ProviderRow;
  /** Its published offers. */
  offers: OfferRow[];
  /** The visitor's filters: the "from" price is the cheapest of the offers that answer them. */
  filter: Pick<CatalogFilter, "service" | "software" | "pricing" | "max_monthly_cents" | "accepting">;
  /** Offer ids already in the comparison basket. */
  selectedIds: string[];
  href: string;
}

export function ProviderCard(props: Props) {
  const { t, lang, provider: p, offers } = props;
  const kinds = [...new Set(offers.map((o) => o.service))];
  const relevant = offers.filter((o) => offerFitsFilter(o, props.filter));
  const from = cheapest(relevant);
  const headingId = `p-${p.id}`;
  return (
    <li class="card provider-card">
      <h3 id={headingId}>
        <a href={props.href}>{p.name}</a>
      </h3>
      <p class="badges">
        {isChatonsMember(p) ? <ChatonsBadge t={t} /> : null}
        {p.isDemo ? <DemoBadge t={t} /> : null}
      </p>
      <dl class="facts">
        <div>
          <dt>{t("provider.country")}</dt>
          <dd class="country">{p.countryCode ? countryName(p.countryCode, lang) : t("common.unknown")}</dd>
        </div>
        <div>
          <dt>{t("provider.languages")}</dt>
          <dd>{p.languages.length ? formatList(p.languages.map((l) => languageName(l, lang)), lang) : t("common.unknown")}</dd>
        </div>
        <div>
          <dt>{t("provider.legal_form")}</dt>
          <dd>{legalFormLabel(t, p.legalForm)}</dd>
        </div>
        <div>
          <dt>{t("provider.services")}</dt>
          <dd class="services">{kinds.length ? formatList(kinds.map((k) => serviceLabel(t, k)), lang) : t("provider.no_offers")}</dd>
        </div>
        {from ? (
          <div>
            <dt>{t("dir.from")}</dt>
            <dd>{priceWithSuggestion(t, lang, from, "month")}</dd>
          </div>
        ) : null}
        {!p.acceptingMembers ? (
          <div>
            <dt>{t("provider.accepting")}</dt>
            <dd>{t("provider.accepting_no")}</dd>
          </div>
        ) : null}
      </dl>
      {offers.length ? (
        <details class="offer-picks">
          <summary>{plural(t, lang, "dir.offers", offers.length)}</summary>
          <ul class="checks">
            {offers.map((o) => (
              <li>
                <label>
                  <input type="checkbox" name="offers" value={o.id} checked={props.selectedIds.includes(o.id)} /> {o.name} —{" "}
                  {serviceLabel(t, o.service)}, {priceWithSuggestion(t, lang, o, "month")}
                </label>{" "}
                {o.load === "FULL" ? <FullBadge t={t} /> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

// The directory's GET form: the same combinable filters as the API (src/catalog/filters.ts), except
// the price, which people type in euros (`max_price`) and the page turns into max_monthly_cents.
import type { CatalogFilter } from "../../src/catalog/filters";
import { LEGAL_FORMS, PRICING_MODELS } from "../../src/catalog/model";
import type { Lang, T } from "../i18n";
import { countryName, languageName } from "./format";
import { legalFormLabel, pricingLabel, serviceLabel } from "./labels";
import { LangField } from "./selection";

export interface Facets {
  services: string[];
  countries: string[];
  languages: string[];
  software: string[];
}

interface Props {
  lang: Lang;
  t: T;
  url: URL;
  filter: CatalogFilter;
  /** What the visitor typed in the euro field, shown back as typed. */
  maxPrice: string;
  facets: Facets;
  /** The comparison basket, carried along when the filters change. */
  selectedIds: string[];
}

/** Checkbox options: what the data has, plus whatever the query asked for. */
const options = (known: string[], chosen: string[] | undefined) => [...new Set([...known, ...(chosen ?? [])])];

function Checks(props: { name: string; legend: string; values: string[]; chosen: string[] | undefined; label: (v: string) => string }) {
  return (
    <fieldset class="checks-group">
      <legend>{props.legend}</legend>
      <ul class="checks">
        {props.values.map((v) => (
          <li>
            <label>
              <input type="checkbox" name={props.name} value={v} checked={props.chosen?.includes(v) ?? false} /> {props.label(v)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function FilterForm(props: Props) {
  const { t, lang, filter, facets } = props;
  const byLabel = (label: (v: string) => string) => (a: string, b: string) => label(a).localeCompare(label(b), lang);
  const country = (c: string) => countryName(c, lang);
  const language = (l: string) => languageName(l, lang);
  return (
    <form method="get" action="/providers" class="filters" role="search" aria-labelledby="filters-title">
      <h2 id="filters-title">{t("filters.title")}</h2>
      <div class="field">
        <label for="f-q">{t("filters.q")}</label>
        <input type="search" id="f-q" name="q" value={filter.q ?? ""} />
      </div>
      <Checks name="service" legend={t("filters.service")} values={options(facets.services, filter.service)} chosen={filter.service} label={(s) => serviceLabel(t, s)} />
      <div class="field">
        <label for="f-software">{t("filters.software")}</label>
        <input type="text" id="f-software" name="software" list="f-software-list" value={filter.software ?? ""} />
        <datalist id="f-software-list">
          {facets.software.map((s) => (
            <option value={s} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for="f-pricing">{t("filters.pricing")}</label>
        <select id="f-pricing" name="pricing">
          <option value="">{t("filters.any")}</option>
          {PRICING_MODELS.map((m) => (
            <option value={m} selected={filter.pricing === m}>
              {pricingLabel(t, m)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-max">{t("filters.max_price")}</label>
        <input type="text" inputmode="decimal" id="f-max" name="max_price" value={props.maxPrice} aria-describedby="f-max-hint" size={8} />
        <p id="f-max-hint" class="hint">
          {t("filters.max_price_hint")}
        </p>
      </div>
      <Checks name="country" legend={t("filters.country")} values={options(facets.countries, filter.country).sort(byLabel(country))} chosen={filter.country} label={country} />
      <Checks name="language" legend={t("filters.language")} values={options(facets.languages, filter.language).sort(byLabel(language))} chosen={filter.language} label={language} />
      <div class="field">
        <label for="f-legal">{t("filters.legal_form")}</label>
        <select id="f-legal" name="legal_form">
          <option value="">{t("filters.any")}</option>
          {LEGAL_FORMS.map((f) => (
            <option value={f} selected={filter.legal_form === f}>
              {legalFormLabel(t, f)}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="checks-group">
        <legend>{t("filters.values")}</legend>
        <ul class="checks">
          <li>
            <label>
              <input type="checkbox" name="accepting" value="on" checked={filter.accepting === true} /> {t("filters.accepting")}
            </label>
          </li>
          <li>
            <label>
              <input type="checkbox" name="chatons" value="on" checked={filter.chatons === true} /> {t("filters.chatons")}
            </label>
          </li>
        </ul>
      </fieldset>
      {props.selectedIds.length ? <input type="hidden" name="offers" value={props.selectedIds.join(",")} /> : null}
      <LangField url={props.url} />
      <div class="actions">
        <button type="submit">{t("filters.submit")}</button> <a href="/providers">{t("filters.reset")}</a>
      </div>
    </form>
  );
}

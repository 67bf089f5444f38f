// The directory's GET form: the same combinable filters as the API (src/catalog/filters.ts), except
// the price, which people type in euros (`max_price`) and the page turns into max_monthly_cents.
import type { CatalogFilter } from "../../src/catalog/filters";
import { LEGAL_FORMS, PRICING_MODELS } from "../../src/catalog/model";
import type { Lang, T } from "../i18n";
import { countryName, languageName } from "./format";
import { legalFormLabel, pricingLabel, serviceLabel } from "./labels";
import { LangField } from "./selection";
import { ErrorSummary, SelectField, TextField, inFieldOrder } from "./form";
import type { FieldError } from "../../src/lib/problem";
import { fieldLabel } from "../pages/error";

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
  /** Fields at fault in the query (top-level names): said at the top and beside each field. */
  errors?: readonly FieldError[];
}

/** The control each query field is typed in, for the error summary's links. */
const CONTROL_IDS: Record<string, string> = { q: "f-q", software: "f-software", pricing: "f-pricing", max_price: "f-max", max_monthly_cents: "f-max", legal_form: "f-legal" };
const FIELD_ORDER = ["q", "service", "software", "pricing", "max_price", "max_monthly_cents", "country", "language", "legal_form", "accepting", "chatons", "cursor", "limit"];

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
  const fields = inFieldOrder([...new Set((props.errors ?? []).map((e) => e.field))], FIELD_ORDER, (f) => f);
  const errorOf = (...names: string[]) =>
    fields.some((f) => names.includes(f)) ? (names.includes("max_price") ? t("filters.max_price_error") : t("filters.invalid_value")) : undefined;
  return (
    <form method="get" action="/providers" class="filters" role="search" aria-labelledby="filters-title">
      <h2 id="filters-title">{t("filters.title")}</h2>
      <ErrorSummary
        title={t("dir.invalid_summary")}
        items={fields.map((f) => ({ id: CONTROL_IDS[f], label: `${fieldLabel(t, f)} (${f})`, message: errorOf(f) }))}
      />
      <TextField id="f-q" name="q" type="search" label={t("filters.q")} value={filter.q ?? ""} error={errorOf("q")} />
      <Checks name="service" legend={t("filters.service")} values={options(facets.services, filter.service)} chosen={filter.service} label={(s) => serviceLabel(t, s)} />
      <TextField id="f-software" name="software" list="f-software-list" label={t("filters.software")} value={filter.software ?? ""} error={errorOf("software")} />
      <datalist id="f-software-list">
        {facets.software.map((s) => (
          <option value={s} />
        ))}
      </datalist>
      <SelectField id="f-pricing" name="pricing" label={t("filters.pricing")} value={filter.pricing ?? ""} error={errorOf("pricing")} options={[{ value: "", label: t("filters.any") }, ...PRICING_MODELS.map((m) => ({ value: m, label: pricingLabel(t, m) }))]} />
      <TextField id="f-max" name="max_price" inputmode="decimal" size={8} label={t("filters.max_price")} hint={t("filters.max_price_hint")} value={props.maxPrice} error={errorOf("max_price", "max_monthly_cents")} />
      <Checks name="country" legend={t("filters.country")} values={options(facets.countries, filter.country).sort(byLabel(country))} chosen={filter.country} label={country} />
      <Checks name="language" legend={t("filters.language")} values={options(facets.languages, filter.language).sort(byLabel(language))} chosen={filter.language} label={language} />
      <SelectField id="f-legal" name="legal_form" label={t("filters.legal_form")} value={filter.legal_form ?? ""} error={errorOf("legal_form")} options={[{ value: "", label: t("filters.any") }, ...LEGAL_FORMS.map((f) => ({ value: f, label: legalFormLabel(t, f) }))]} />
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

// The needs wizard: one plain GET form (no JavaScript) whose flat fields src/matching/form.ts reads.
// Values are shown back as typed, so a form sent back with errors keeps everything filled in.
import type { WizardChoices } from "../../src/matching/choices";
import { KIND_FEATURES, KIND_STORAGE, LIMIT_DEFAULT, MATCH_KINDS, SUBMITTED, weightDefault, type MatchFormValues, type MatchKind } from "../../src/matching/form";
import { LEGAL_FORMS } from "../../src/catalog/model";
import { KEEP_DNS_WITH, NETWORKS } from "../../src/matching/needs";
import { CRITERIA, type Criterion } from "../../src/matching/types";
import type { Lang, MessageKey, T } from "../i18n";
import { countryName, languageName } from "./format";
import { featureLabel, legalFormLabel, networkLabel, serviceLabel } from "./labels";
import { LangField } from "./selection";
import { TextField, type TextFieldProps } from "./form";

const id = (field: string) => `m-${field}`;
const criterionLabel = (t: T, c: Criterion) => t(`criterion.${c}` as MessageKey);

const FIELD_KEYS: Record<string, MessageKey> = {
  budget: "match.budget",
  countries: "match.countries",
  languages: "match.languages",
  networks: "match.networks",
  legal_forms: "match.legal_forms",
  free_software: "match.free_software",
  accepting: "match.accepting",
  dns_with: "match.dns_with",
  pwyw_free: "match.pwyw_free",
  limit: "match.limit",
  weights: "match.field_weights",
  needs: "match.field_needs",
};
const KIND_FIELD_KEYS: Record<string, MessageKey> = { qty: "match.qty", gb: "match.gb", subscribers: "match.subscribers", features: "match.features", software: "match.software" };

/** A form field's name → the label the visitor saw, for error messages. */
export function matchFieldLabel(t: T, field: string): string {
  const fixed = FIELD_KEYS[field];
  if (fixed) return t(fixed);
  if (field.startsWith("w_")) return `${t("match.weights_title")} — ${criterionLabel(t, field.slice(2) as Criterion)}`;
  const kind = MATCH_KINDS.find((k) => field.startsWith(`${k}_`));
  const part = kind ? KIND_FIELD_KEYS[field.slice(kind.length + 1)] : undefined;
  return kind && part ? `${serviceLabel(t, kind)} — ${t(part)}` : field;
}

/** Where an error summary links to: the input, or the fieldset of a group of checkboxes. */
export const fieldAnchor = (field: string) => `#${id(field)}`;

function Checks(props: { name: string; legend: string; values: readonly string[]; chosen: readonly string[]; label: (v: string) => string }) {
  const values = [...new Set([...props.values, ...props.chosen])];
  return (
    <fieldset class="checks-group" id={id(props.name)}>
      <legend>{props.legend}</legend>
      <ul class="checks checks-inline">
        {values.map((v) => (
          <li>
            <label>
              <input type="checkbox" name={props.name} value={v} checked={props.chosen.includes(v)} /> {props.label(v)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** A field of the wizard: the kit's, with the wizard's ids (`m-…`) that the error summary links to. */
function Text(props: Omit<TextFieldProps, "id"> & { name: string }) {
  return <TextField {...props} id={id(props.name)} />;
}

function KindFieldset(props: { t: T; kind: MatchKind; values: MatchFormValues }) {
  const { t, kind } = props;
  const v = props.values.kinds[kind];
  return (
    <fieldset class="match-kind" id={id(kind)}>
      <legend>{serviceLabel(t, kind)}</legend>
      <div class="match-kind-fields">
        <Text name={`${kind}_qty`} label={t("match.qty")} value={v.qty || "0"} type="number" min={0} size={6} />
        {KIND_STORAGE.has(kind) ? <Text name={`${kind}_gb`} label={t("match.gb")} value={v.gb} inputmode="decimal" size={6} /> : null}
        {kind === "mailing_list" ? <Text name={`${kind}_subscribers`} label={t("match.subscribers")} value={v.subscribers} type="number" min={0} size={8} /> : null}
        <Text name={`${kind}_software`} label={t("match.software")} value={v.software} />
      </div>
      <Checks name={`${kind}_features`} legend={t("match.features")} values={KIND_FEATURES[kind]} chosen={v.features} label={(f) => featureLabel(t, f)} />
    </fieldset>
  );
}

export function MatchForm(props: { lang: Lang; t: T; url: URL; values: MatchFormValues; choices: WizardChoices }) {
  const { t, lang, values, choices } = props;
  return (
    <form method="get" action="/match/results" class="match-form">
      <input type="hidden" name={SUBMITTED} value="1" />
      <LangField url={props.url} />
      <fieldset class="match-section">
        <legend>{t("match.needs_title")}</legend>
        <p class="hint">{t("match.needs_hint")}</p>
        {MATCH_KINDS.map((kind) => (
          <KindFieldset t={t} kind={kind} values={values} />
        ))}
      </fieldset>
      <fieldset class="match-section">
        <legend>{t("match.constraints_title")}</legend>
        <Text name="budget" label={t("match.budget")} value={values.budget} inputmode="decimal" size={8} hint={t("match.budget_hint")} />
        <Checks name="countries" legend={t("match.countries")} values={choices.countries} chosen={values.countries} label={(c) => countryName(c, lang)} />
        <Checks name="languages" legend={t("match.languages")} values={choices.languages} chosen={values.languages} label={(l) => languageName(l, lang)} />
        <Checks name="networks" legend={t("match.networks")} values={NETWORKS} chosen={values.networks} label={(n) => networkLabel(t, n)} />
        <Checks name="legal_forms" legend={t("match.legal_forms")} values={LEGAL_FORMS} chosen={values.legal_forms} label={(f) => legalFormLabel(t, f)} />
        <fieldset class="checks-group" id={id("free_software")}>
          <legend>{t("match.values")}</legend>
          <ul class="checks">
            <li>
              <label>
                <input type="checkbox" name="free_software" value="on" checked={values.free_software} /> {t("match.free_software")}
              </label>
            </li>
            <li>
              <label>
                <input type="checkbox" name="accepting" value="on" checked={values.accepting} id={id("accepting")} /> {t("match.accepting")}
              </label>
            </li>
            <li>
              <label>
                <input type="checkbox" name="pwyw_free" value="on" checked={values.pwyw_free} id={id("pwyw_free")} aria-describedby={`${id("pwyw_free")}-hint`} /> {t("match.pwyw_free")}
              </label>
              <p class="hint" id={`${id("pwyw_free")}-hint`}>{t("match.pwyw_free_hint")}</p>
            </li>
          </ul>
        </fieldset>
        <fieldset class="checks-group" id={id("dns_with")}>
          <legend>{t("match.dns_with")}</legend>
          <p class="hint">{t("match.dns_with_hint")}</p>
          <ul class="checks">
            {(["", ...KEEP_DNS_WITH] as const).map((v) => (
              <li>
                <label>
                  <input type="radio" name="dns_with" value={v} checked={values.dns_with === v} /> {t(`match.dns_with_${v || "any"}` as MessageKey)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </fieldset>
      <fieldset class="match-section" id={id("weights")}>
        <legend>{t("match.weights_title")}</legend>
        <p class="hint">{t("match.weights_hint")}</p>
        <div class="match-weights">
          {CRITERIA.map((c) => (
            <Text name={`w_${c}`} label={criterionLabel(t, c)} value={values.weights[c] || String(weightDefault(c))} type="number" min={0} max={10} size={4} />
          ))}
        </div>
      </fieldset>
      <Text name="limit" label={t("match.limit")} value={values.limit || String(LIMIT_DEFAULT)} type="number" min={1} max={20} size={4} />
      <div class="actions">
        <button type="submit">{t("match.submit")}</button> <a href="/match">{t("match.reset")}</a>
      </div>
    </form>
  );
}

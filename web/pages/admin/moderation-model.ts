// The moderation queue's before/after, field by field, as a steward reads it: the field's label,
// enums in words, prices as money, lists as lists, features by their vocabulary label, dates and
// countries through Intl. URLs stay text: a proposed value is not moderated yet, so it is never
// rendered as a live link. Pure: the stored values in, what to show out.
import type { FieldChange } from "../../../src/catalog/moderation/diff";
import type { Pricing } from "../../../src/catalog/model";
import type { Lang, MessageKey, T } from "../../i18n";
import { countryName, formatDay, formatMoney, formatNumber, languageName } from "../../components/format";
import { featureLabel, hardwareLabel, legalFormLabel, loadLabel, networkLabel, registrationLabel, serviceLabel, statusLabel } from "../../components/labels";
import { priceWithSuggestion } from "../../components/price";
import { quotaLabel, quotaValue, statedQuotas } from "../../components/quotas";
import { OFFER_LABELS } from "../manage/offers";
import { fieldLabel, PROVIDER_LABELS } from "../manage/provider";

export type Shown = { kind: "none" } | { kind: "text"; text: string } | { kind: "url"; text: string } | { kind: "list"; items: string[] };

export interface DisplayRow {
  field: string;
  label: string;
  /** null for a creation: nothing stands there yet. */
  before: Shown | null;
  after: Shown;
}

/** Labels of the fields the forms do not show (imported ones), beside the forms' own. */
const MORE_LABELS: Record<string, MessageKey> = {
  founded_on: "moderation.field.founded_on",
  logo_url: "moderation.field.logo_url",
  legal_url: "moderation.field.legal_url",
  user_guide_url: "moderation.field.user_guide_url",
  technical_guide_url: "moderation.field.technical_guide_url",
  latitude: "moderation.field.latitude",
  longitude: "moderation.field.longitude",
  funding: "moderation.field.funding",
  social: "moderation.field.social",
  "software.website": "moderation.field.software_website",
  "software.license_url": "moderation.field.software_license_url",
  "software.version": "moderation.field.software_version",
  "software.source_url": "moderation.field.software_source_url",
  "software.modules": "moderation.field.software_modules",
  hardware_hosting: "manage.field.hardware_hosting",
  started_on: "moderation.field.started_on",
};

const URL_FIELDS = new Set(["website", "logo_url", "contact_url", "legal_url", "user_guide_url", "technical_guide_url", "software.website", "software.license_url", "software.source_url"]);
const NONE: Shown = { kind: "none" };
const text = (s: string): Shown => ({ kind: "text", text: s });
const list = (items: string[]): Shown => (items.length ? { kind: "list", items } : NONE);
const isBlank = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
const str = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
const strings = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

interface Ctx {
  t: T;
  lang: Lang;
  subject: "provider" | "offer";
  service: string | null;
}

function price(c: Ctx, v: unknown): Shown {
  const p = record(v) as Partial<Pricing>;
  const offer = {
    pricingModel: p.model ?? "free",
    amountCents: typeof p.amount_cents === "number" ? p.amount_cents : 0,
    period: p.period ?? "month",
    unit: p.unit ?? "flat",
    service: c.service ?? "other",
  };
  const main = priceWithSuggestion(c.t, c.lang, offer, offer.period as "month" | "year");
  const fee = typeof p.setup_fee_cents === "number" && p.setup_fee_cents > 0 ? c.t("moderation.value.setup_fee", { price: formatMoney(p.setup_fee_cents, c.lang) }) : null;
  return fee ? list([main, fee]) : text(main);
}

function membership(c: Ctx, v: unknown): string {
  const m = record(v);
  return [
    networkLabel(c.t, str(m.network ?? "")),
    typeof m.status === "string" ? statusLabel(c.t, m.status) : null,
    typeof m.since === "string" ? c.t("moderation.value.since", { date: formatDay(m.since, c.lang) }) : null,
    typeof m.until === "string" ? c.t("moderation.value.until", { date: formatDay(m.until, c.lang) }) : null,
  ]
    .filter(Boolean)
    .join(", ");
}

function commitment(v: unknown): string {
  const m = record(v);
  return typeof m.evidence_url === "string" && m.evidence_url ? `${str(m.charter ?? "")} — ${m.evidence_url}` : str(m.charter ?? "");
}

/** One value of one field, as shown. */
export function showValue(c: Ctx, field: string, v: unknown): Shown {
  if (isBlank(v)) return NONE;
  const { t, lang } = c;
  if (URL_FIELDS.has(field)) return { kind: "url", text: str(v) };
  switch (field) {
    case "service":
      return text(serviceLabel(t, str(v)));
    case "legal_form":
      return text(legalFormLabel(t, str(v)));
    case "status": {
      const offerStatus = `manage.status.${str(v)}` as MessageKey;
      return text(c.subject === "offer" ? t(offerStatus) : statusLabel(t, str(v)));
    }
    case "hardware_hosting":
      return text(hardwareLabel(t, str(v)));
    case "registration":
      return text(registrationLabel(t, str(v)));
    case "load":
      return text(loadLabel(t, str(v)));
    case "country_code":
    case "hosting_country":
      return text(`${countryName(str(v), lang)} (${str(v)})`);
    case "founded_on":
    case "started_on":
      return text(formatDay(str(v), lang));
    case "accepting_members":
      return text(t(v ? "common.yes" : "common.no"));
    case "capacity":
    case "latitude":
    case "longitude":
      return typeof v === "number" ? text(formatNumber(v, lang)) : text(str(v));
    case "languages":
      return list(strings(v).map((l) => languageName(str(l), lang)));
    case "features":
      return list(strings(v).map((f) => featureLabel(t, str(f))));
    case "tags":
    case "software.modules":
      return list(strings(v).map(str));
    case "memberships":
      return list(strings(v).map((m) => membership(c, m)));
    case "commitments":
      return list(strings(v).map(commitment));
    case "funding":
    case "social":
      return list(Object.entries(record(v)).map(([k, value]) => `${k}: ${str(value)}`));
    case "quotas":
      return list(statedQuotas(record(v)).map(([k, n]) => `${quotaLabel(t, k)}: ${quotaValue(lang, k, n)}`));
    case "pricing":
      return price(c, v);
    default:
      return text(str(v));
  }
}

/** Every change of a pending change as rows: label, current (null for a creation) and proposed. */
export function displayChanges(t: T, lang: Lang, subject: "provider" | "offer", changes: readonly FieldChange[], service: string | null): DisplayRow[] {
  const c: Ctx = { t, lang, subject, service };
  const labels = { ...MORE_LABELS, ...(subject === "provider" ? PROVIDER_LABELS : OFFER_LABELS) };
  return changes.map((ch) => ({
    field: ch.field,
    label: fieldLabel(t, labels, ch.field),
    before: "before" in ch ? showValue(c, ch.field, ch.before) : null,
    after: showValue(c, ch.field, ch.after),
  }));
}

// Translated labels for the catalogue's vocabulary. Service kinds and features are open lists
// (importers accept any slug), so an unknown value falls back to a readable form of its slug.
import { catalogs, type MessageKey, type T } from "../i18n";

const isKey = (key: string): key is MessageKey => Object.hasOwn(catalogs.fr, key);
const humanize = (slug: string) => slug.replaceAll("_", " ");

function label(t: T, prefix: string, value: string, fallback = humanize(value)): string {
  const key = `${prefix}.${value}`;
  return isKey(key) ? t(key) : fallback;
}

export const serviceLabel = (t: T, kind: string) => label(t, "service", kind);
export const legalFormLabel = (t: T, form: string) => label(t, "legal", form);
export const pricingLabel = (t: T, model: string) => label(t, "pricing", model);
export const statusLabel = (t: T, status: string) => label(t, "status", status);
export const registrationLabel = (t: T, reg: string) => label(t, "registration", reg);
export const loadLabel = (t: T, load: string) => label(t, "load", load);
export const hardwareLabel = (t: T, hw: string) => label(t, "hardware", hw);
export const networkLabel = (t: T, network: string) => label(t, "network", network, network);
/** "per mailbox", "per list"…: what one unit of a per-unit price is, by service kind. */
export const unitLabel = (t: T, kind: string) => label(t, "unit", kind, t("unit.other"));

export function featureLabel(t: T, feature: string): string {
  // Top-level domains need no translation: tld_eu → .eu
  if (feature.startsWith("tld_")) return `.${feature.slice(4)}`;
  return label(t, "feature", feature);
}

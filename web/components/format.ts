// Numbers, money, dates, countries and languages through Intl, in the page's locale. Storage is
// UTC and integer cents; only these helpers turn them into text.
import { LOCALES, type Lang, type MessageKey, type T } from "../i18n";

export const TIME_ZONE = "Europe/Brussels";

// Building an Intl formatter costs far more than formatting with one (a provider page formats dozens
// of prices and dates: that was most of its CPU time), and formatters keep no state between calls,
// so each one is built once per isolate and kept, by language and options.
const formatters = new Map<string, unknown>();
function memo<F>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (f === undefined) formatters.set(key, (f = make()));
  return f;
}
const numberFormat = (lang: Lang, options?: Intl.NumberFormatOptions) =>
  memo(`number|${lang}|${options ? JSON.stringify(options) : ""}`, () => new Intl.NumberFormat(LOCALES[lang], options));
const displayNames = (lang: Lang, type: "region" | "language") => memo(`names|${lang}|${type}`, () => new Intl.DisplayNames([LOCALES[lang]], { type }));

/** Integer cents → "12,50 €" without going through a float: Intl takes the decimal string. */
export function formatMoney(cents: number, lang: Lang): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  const decimal = `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}` as `${number}`;
  return numberFormat(lang, { style: "currency", currency: "EUR" }).format(decimal);
}

export function formatNumber(n: number, lang: Lang, options?: Intl.NumberFormatOptions): string {
  return numberFormat(lang, options).format(n);
}

/** An instant (ISO-8601 UTC) as Brussels wall-clock time. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return memo(`datetime|${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "long", timeStyle: "short", timeZone: TIME_ZONE })).format(d);
}

/** A calendar date (YYYY-MM-DD) has no time zone: format it as UTC so it never shifts a day. */
export function formatDay(isoDate: string, lang: Lang): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return memo(`day|${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "long", timeZone: "UTC" })).format(d);
}

/** Whole days left before an instant, rounded up (0 once it has passed). */
export function daysLeft(deadlineIso: string, now: Date): number {
  const ms = new Date(deadlineIso).getTime() - now.getTime();
  return Number.isNaN(ms) || ms <= 0 ? 0 : Math.ceil(ms / 86_400_000);
}

export function countryName(code: string, lang: Lang): string {
  try {
    return displayNames(lang, "region").of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code: string, lang: Lang): string {
  try {
    return displayNames(lang, "language").of(code) ?? code;
  } catch {
    return code;
  }
}

/** Picks `${base}_one` or `${base}_other` by the locale's plural rules and fills `{n}`. */
export function plural(t: T, lang: Lang, base: string, n: number, params: Record<string, string | number> = {}): string {
  const category = memo(`plural|${lang}`, () => new Intl.PluralRules(LOCALES[lang])).select(n) === "one" ? "one" : "other";
  return t(`${base}_${category}` as MessageKey, { n: formatNumber(n, lang), ...params });
}

/** Only web and mail links become hrefs: imported data could carry `javascript:` URLs. */
export function safeHref(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const u = new URL(value);
    return u.protocol === "https:" || u.protocol === "http:" || u.protocol === "mailto:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** "a, b et c" in the page's language. */
export function formatList(items: string[], lang: Lang): string {
  return memo(`list|${lang}`, () => new Intl.ListFormat(LOCALES[lang], { type: "conjunction" })).format(items);
}

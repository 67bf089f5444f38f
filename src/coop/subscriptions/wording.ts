// How a billing run's lines read on the invoice, in the customer's language. Pure.
import type { Lang } from "../../lib/lang";
import type { RunLine } from "./billing-run";

const MONTHS: Record<Lang, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

function day(d: string, lang: Lang): string {
  return new Intl.DateTimeFormat(MONTHS[lang], { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`));
}

/** The last day included, for a range that ends (excluded) on `end`. */
function lastDay(end: string): string {
  return new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

const TEXT = {
  fr: { period: "du {from} au {to}", credit: "Crédit, non utilisé", charge: "Prorata", days: "{days}/{total} jours", surcharge: "Supplément non-coopérateur ({percent} %)", carried: "Report du crédit de la facturation du {day}" },
  nl: { period: "van {from} tot {to}", credit: "Creditering, niet gebruikt", charge: "Pro rata", days: "{days}/{total} dagen", surcharge: "Toeslag niet-coöperanten ({percent} %)", carried: "Overgedragen tegoed van de facturatie van {day}" },
  en: { period: "{from} to {to}", credit: "Credit, unused", charge: "Pro rata", days: "{days}/{total} days", surcharge: "Non-member surcharge ({percent} %)", carried: "Credit carried over from the billing of {day}" },
} satisfies Record<Lang, Record<string, string>>;

const fill = (s: string, values: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

export function lineDescription(line: RunLine, planName: string, lang: Lang): string {
  const t = TEXT[lang];
  if (line.kind === "period") return `${planName} — ${fill(t.period, { from: day(line.period.start, lang), to: day(lastDay(line.period.end), lang) })}`;
  const range = fill(t.period, { from: day(line.from, lang), to: day(lastDay(line.to), lang) });
  const days = fill(t.days, { days: line.days, total: line.periodDays });
  return `${planName} — ${line.kind === "credit" ? t.credit : t.charge}, ${range} (${days})`;
}

export const surchargeDescription = (percent: number, lang: Lang) => fill(TEXT[lang].surcharge, { percent: String(percent).replace(".", lang === "en" ? "." : ",") });
export const carriedDescription = (runDay: string, lang: Lang) => fill(TEXT[lang].carried, { day: day(runDay, lang) });

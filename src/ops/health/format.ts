// Pure: a figure's value as people read it, in their language.
import { LOCALES, translator, type Lang } from "../../../web/i18n";
import type { Unit } from "./figures";

export function formatFigure(lang: Lang, unit: Unit, value: number | null): string {
  const t = translator(lang);
  if (value === null) return t("ops.no_data");
  if (unit === "cents") return new Intl.NumberFormat(LOCALES[lang], { style: "currency", currency: "EUR" }).format(value / 100);
  const n = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(value);
  switch (unit) {
    case "count":
      return n;
    case "minutes":
      return t("ops.unit.minutes", { n });
    case "hours":
      return t("ops.unit.hours", { n });
    case "percent":
      return t("ops.unit.percent", { n });
  }
}

// Pure: a figure's value as people read it, in their language.
import { formatMoney, formatNumber } from "../../../web/components/format";
import { translator, type Lang } from "../../../web/i18n";
import type { Unit } from "./figures";

export function formatFigure(lang: Lang, unit: Unit, value: number | null): string {
  const t = translator(lang);
  if (value === null) return t("ops.no_data");
    if (unit === "cents") return formatMoney(value, lang);
  const n = formatNumber(value, lang, { maximumFractionDigits: 1 });
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

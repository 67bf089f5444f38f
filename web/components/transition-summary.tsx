// The home page's public summary of the transition: two numbers and no names (the control room at
// /transition, for stewards, names members and hosts). Nothing shows before any inventory exists.
import type { Lang, T } from "../i18n";
import { formatNumber, plural } from "./format";

export interface TransitionSummaryData {
  moved: number;
  total: number;
  days_left: number;
}

export function TransitionSummary(props: { t: T; lang: Lang; summary: TransitionSummaryData | undefined }) {
  const { t, lang, summary: s } = props;
  if (!s || s.total === 0) return null;
  return (
    <section aria-labelledby="transition-summary-title" class="transition-summary">
      <h2 id="transition-summary-title">{t("control.public.title")}</h2>
      <p data-summary="moved">
        <strong>{t("control.public.moved", { moved: formatNumber(s.moved, lang), total: formatNumber(s.total, lang) })}</strong>{" "}
        {s.days_left > 0 ? plural(t, lang, "control.public.days", s.days_left) : t("control.public.passed")}
      </p>
      <progress max={s.total} value={s.moved} aria-labelledby="transition-summary-title">
        {formatNumber(s.moved, lang)} / {formatNumber(s.total, lang)}
      </progress>
    </section>
  );
}

// The coop_admin's home: monthly recurring revenue against the break-even, as figures, then two bars
// drawn in server-rendered SVG (no script, colours as attributes) hidden from assistive technology,
// since the list under them says the same in words.
import { gaugeWidths, type Revenue } from "../../../src/coop/subscriptions/revenue";
import { formatMoney, formatNumber, plural } from "../../components/format";
import type { Lang, T } from "../../i18n";

const WIDTH = 300;
const BAR = 20;
// Colours with at least 3:1 against white (WCAG 1.4.11), as in the progress chart.
const MRR_FILL = "#1f5fa8";
const TARGET_FILL = "#6b6b6b";

export function RevenueGauge(props: { t: T; lang: Lang; revenue: Revenue }) {
  const { t, lang, revenue: r } = props;
  const mrr = formatMoney(r.mrrCents, lang);
  const target = formatMoney(r.breakEvenCents, lang);
  const w = gaugeWidths(r, WIDTH);
  return (
    <div class="revenue-gauge">
      <p class="revenue-summary">
        <strong>{r.breakEvenCents > 0 ? t("revenue.summary", { mrr, target, percent: formatNumber(r.percent, lang) }) : t("revenue.summary_no_target", { mrr })}</strong>
        {r.breakEvenCents > 0 ? <> {r.shortfallCents > 0 ? t("revenue.shortfall", { amount: formatMoney(r.shortfallCents, lang) }) : t("revenue.reached")}</> : null}
      </p>
      <figure aria-labelledby="revenue-caption">
        <figcaption id="revenue-caption">{t("revenue.chart_label")}</figcaption>
        <svg viewBox={`0 0 ${WIDTH} ${BAR * 2 + 8}`} width="100%" height={String(BAR * 2 + 8)} preserveAspectRatio="none" aria-hidden="true" focusable="false" class="revenue-bars">
          <rect x="0" y="0" width={String(w.mrr)} height={String(BAR)} fill={MRR_FILL} data-bar="mrr" />
          <rect x="0" y={String(BAR + 8)} width={String(w.breakEven)} height={String(BAR)} fill={TARGET_FILL} data-bar="break-even" />
        </svg>
        <dl class="facts revenue-figures">
          <div>
            <dt>{t("revenue.mrr")}</dt>
            <dd data-figure="mrr">
              {mrr} ({plural(t, lang, "revenue.subscriptions", r.subscriptions)})
            </dd>
          </div>
          <div>
            <dt>{t("revenue.break_even")}</dt>
            <dd data-figure="break-even">{target}</dd>
          </div>
        </dl>
      </figure>
      <p class="hint">
        {t("revenue.how")} <a href="/coop/viability/settings">{t("revenue.settings_link")}</a>
      </p>
    </div>
  );
}

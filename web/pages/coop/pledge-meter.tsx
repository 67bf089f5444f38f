// The viability meter: monthly revenue pledged against the break-even target, capital against its
// target, the number of pledging organisations; and its chart over time, server-rendered SVG (no
// script, no inline style) whose figures are repeated in text under it and in a table, so a screen
// reader or a text browser reads what a sighted visitor sees.
import { chartGeometry, percentOf, type HistoryPoint } from "../../../src/coop/pledges/viability";
import type { Meter } from "../../../src/coop/pledges/service";
import { formatDateTime, formatDay, formatMoney, plural } from "../../components/format";
import { TableHead } from "../../components/table";
import type { Lang, T } from "../../i18n";

interface Props {
  t: T;
  lang: Lang;
  meter: Meter;
}

function Gauge(props: { id: string; label: string; value: number; target: number; text: string }) {
  return (
    <div class="coop-gauge">
      <p id={`${props.id}-label`} class="coop-gauge-label">
        <strong>{props.label}</strong>
      </p>
      {props.target > 0 ? (
        <progress id={props.id} max={String(props.target)} value={String(Math.min(props.value, props.target))} aria-labelledby={`${props.id}-label`} aria-describedby={`${props.id}-text`}>
          {percentOf(props.value, props.target)} %
        </progress>
      ) : null}
      <p id={`${props.id}-text`}>{props.text}</p>
    </div>
  );
}

export function PledgeMeter(props: Props) {
  const { t, lang, meter } = props;
  const money = (c: number) => formatMoney(c, lang);
  const monthly =
    meter.targetMonthlyCents > 0
      ? t("coop.meter_monthly", { pledged: money(meter.pledgedMonthlyCents), target: money(meter.targetMonthlyCents), percent: percentOf(meter.pledgedMonthlyCents, meter.targetMonthlyCents) })
      : t("coop.meter_monthly_no_target", { pledged: money(meter.pledgedMonthlyCents) });
  const capital =
    meter.targetCapitalCents > 0
      ? t("coop.meter_capital", { pledged: money(meter.pledgedCapitalCents), target: money(meter.targetCapitalCents), percent: percentOf(meter.pledgedCapitalCents, meter.targetCapitalCents) })
      : t("coop.meter_capital_no_target", { pledged: money(meter.pledgedCapitalCents) });
  const s = meter.settings;
  return (
    <div class="coop-meter">
      {s.openedAt ? <p>{t("coop.meter_open", { date: formatDateTime(s.openedAt, lang) })}</p> : s.opensOn ? <p>{t("coop.meter_opens_on", { date: formatDay(s.opensOn, lang) })}</p> : null}
      <Gauge id="meter-monthly" label={t("coop.meter_monthly_label")} value={meter.pledgedMonthlyCents} target={meter.targetMonthlyCents} text={monthly} />
      <Gauge id="meter-capital" label={t("coop.meter_capital_label")} value={meter.pledgedCapitalCents} target={meter.targetCapitalCents} text={capital} />
      <p class="coop-counts">
        <span id="meter-organisations">{plural(t, lang, "coop.meter_orgs", meter.organisations)}</span>
        {" · "}
        <span id="meter-pledges">{plural(t, lang, "coop.meter_pledges", meter.pledges)}</span>
      </p>
      {meter.converted !== null ? <p id="meter-converted">{plural(t, lang, "coop.meter_converted", meter.converted)}</p> : null}
    </div>
  );
}

const WIDTH = 300;
const HEIGHT = 100;

function Series(props: Props & { id: string; caption: string; values: number[]; target: number }) {
  const { t, lang, meter } = props;
  const g = chartGeometry(props.values, props.target, WIDTH, HEIGHT);
  const last = meter.history[meter.history.length - 1]!;
  const value = formatMoney(props.values[props.values.length - 1] ?? 0, lang);
  const latest = props.target > 0 ? t("coop.chart_latest", { date: formatDay(last.date, lang), value, target: formatMoney(props.target, lang) }) : t("coop.chart_latest_no_target", { date: formatDay(last.date, lang), value });
  return (
    <figure class="pledge-chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`}>
        <strong>{props.caption}</strong> <span>{latest}</span>
      </figcaption>
      {/* The line repeats the sentence above and the table below: hidden from assistive technology. */}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" height="120" preserveAspectRatio="none" aria-hidden="true" focusable="false" data-series={props.id}>
        <rect x="0" y="0" width={String(WIDTH)} height={String(HEIGHT)} fill="#ffffff" stroke="#6b6b6b" stroke-width="1" vector-effect="non-scaling-stroke" />
        {g.targetY !== null ? <line x1="0" x2={String(WIDTH)} y1={String(g.targetY)} y2={String(g.targetY)} stroke="#b3261e" stroke-width="2" stroke-dasharray="6 4" vector-effect="non-scaling-stroke" data-target="" /> : null}
        <polyline points={g.points} fill="none" stroke="#1f5fa8" stroke-width="3" vector-effect="non-scaling-stroke" />
      </svg>
    </figure>
  );
}

export function PledgeChart(props: Props) {
  const { t, lang, meter } = props;
  const h: HistoryPoint[] = meter.history;
  if (!h.length) return <p>{t("coop.chart_empty")}</p>;
  return (
    <>
      <Series {...props} id="chart-monthly" caption={t("coop.chart_monthly_caption")} values={h.map((p) => p.monthlyCents)} target={meter.targetMonthlyCents} />
      <Series {...props} id="chart-capital" caption={t("coop.chart_capital_caption")} values={h.map((p) => p.capitalCents)} target={meter.targetCapitalCents} />
      <details class="pledge-history">
        <summary>{t("coop.chart_table")}</summary>
        <div class="table-scroll" tabindex={0}>
          <table>
            <caption>{t("coop.chart_table")}</caption>
            <TableHead cols={[t("coop.col.week"), { label: t("coop.col.monthly"), num: true }, { label: t("coop.col.capital"), num: true }, { label: t("coop.col.pledges"), num: true }]} />
            <tbody>
              {h.map((p) => (
                <tr>
                  <th scope="row">{formatDay(p.date, lang)}</th>
                  <td class="num">{formatMoney(p.monthlyCents, lang)}</td>
                  <td class="num">{formatMoney(p.capitalCents, lang)}</td>
                  <td class="num">{p.pledges}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

/** The home page's line: monthly pledged of the target, the organisations, and the way to /coop. */
export function CompactMeter(props: Props) {
  const { t, lang, meter } = props;
  const pledged = formatMoney(meter.pledgedMonthlyCents, lang);
  return (
    <section aria-labelledby="coop-home-title" class="coop-compact">
      <h2 id="coop-home-title">{t("coop.home_title")}</h2>
      <p>
        {meter.targetMonthlyCents > 0 ? t("coop.home_monthly", { pledged, target: formatMoney(meter.targetMonthlyCents, lang) }) : t("coop.home_monthly_no_target", { pledged })}
        {" · "}
        {plural(t, lang, "coop.meter_orgs", meter.organisations)}
      </p>
      {meter.targetMonthlyCents > 0 ? (
        <progress max={String(meter.targetMonthlyCents)} value={String(Math.min(meter.pledgedMonthlyCents, meter.targetMonthlyCents))} aria-label={t("coop.meter_monthly_label")}>
          {percentOf(meter.pledgedMonthlyCents, meter.targetMonthlyCents)} %
        </progress>
      ) : null}
      <p>
        <a href="/coop">{t("coop.home_link")}</a>
      </p>
    </section>
  );
}

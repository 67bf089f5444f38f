// Services left against the ideal line to the deadline, server-rendered SVG (no script, no inline
// style). Readable without colour: the real line is solid with a dot per week, the ideal one dashed,
// and each is named by a label at its end. The figure's text equivalent is the table under it (the
// same points, week by week), so the drawing itself is hidden from assistive technology.
import type { BurnPoint } from "../../src/transition/control/figures";
import { sample } from "../../src/transition/control/figures";
import type { Lang, T } from "../i18n";
import { formatDay, formatNumber } from "./format";
import { TableHead } from "./table";

const W = 640;
const H = 280;
const M = { left: 48, right: 104, top: 16, bottom: 36 };
const DAY_MS = 86_400_000;
const dayNum = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

export function BurnDownChart(props: { t: T; lang: Lang; points: readonly BurnPoint[]; deadline: string; id: string }) {
  const { t, lang, points, id } = props;
  if (!points.length) return <p class="empty">{t("control.burn.empty")}</p>;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const start = dayNum(first.day);
  const end = Math.max(dayNum(props.deadline.slice(0, 10)), dayNum(last.day), start + 1);
  const top = Math.max(1, ...points.map((p) => Math.max(p.left, p.ideal)));
  const x = (day: string) => M.left + ((dayNum(day) - start) / (end - start)) * (W - M.left - M.right);
  const y = (n: number) => M.top + (1 - n / top) * (H - M.top - M.bottom);
  const weekly = sample(points);
  const actual = points.map((p) => `${x(p.day).toFixed(1)},${y(p.left).toFixed(1)}`).join(" ");
  const deadlineX = x(new Date(end * DAY_MS).toISOString().slice(0, 10));
  const ticks = [0, Math.round(top / 2), top];
  return (
    <figure class="burn-down" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <strong>{t("control.burn.summary", { left: formatNumber(last.left, lang), ideal: formatNumber(last.ideal, lang) })}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" aria-hidden="true" focusable="false" class="burn-down-svg" font-size="12" font-family="sans-serif">
        {ticks.map((n) => (
          <g>
            <line x1={M.left} x2={W - M.right} y1={y(n).toFixed(1)} y2={y(n).toFixed(1)} stroke="#d0d0d0" stroke-width="1" />
            <text x={M.left - 6} y={(y(n) + 4).toFixed(1)} text-anchor="end" fill="#333333">
              {formatNumber(n, lang)}
            </text>
          </g>
        ))}
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} stroke="#333333" stroke-width="1" />
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#333333" stroke-width="1" />
        <text x={M.left} y={H - 12} fill="#333333">
          {formatDay(first.day, lang)}
        </text>
        {/* The deadline: a dotted vertical rule, named. */}
        <line x1={deadlineX.toFixed(1)} x2={deadlineX.toFixed(1)} y1={M.top} y2={H - M.bottom} stroke="#333333" stroke-width="1" stroke-dasharray="1 3" data-line="deadline" />
        <text x={deadlineX.toFixed(1)} y={H - 12} text-anchor="end" fill="#333333">
          {t("control.burn.deadline")} {formatDay(props.deadline.slice(0, 10), lang)}
        </text>
        {/* The ideal line: dashed, from what was left on the first day to zero at the deadline. */}
        <line x1={x(first.day).toFixed(1)} y1={y(first.ideal).toFixed(1)} x2={deadlineX.toFixed(1)} y2={y(0).toFixed(1)} stroke="#6b6b6b" stroke-width="2" stroke-dasharray="8 5" data-line="ideal" />
        <text x={(deadlineX + 6).toFixed(1)} y={(y(0) - 4).toFixed(1)} fill="#333333">
          {t("control.burn.ideal")}
        </text>
        {/* Services left: solid, with a dot a week. */}
        <polyline points={actual} fill="none" stroke="#1f5fa8" stroke-width="3" stroke-linejoin="round" data-line="actual" />
        {weekly.map((p) => (
          <circle cx={x(p.day).toFixed(1)} cy={y(p.left).toFixed(1)} r="3.5" fill="#1f5fa8" />
        ))}
        <text x={(x(last.day) + 8).toFixed(1)} y={(y(last.left) - 6).toFixed(1)} fill="#1f5fa8" font-weight="bold">
          {t("control.burn.actual", { n: formatNumber(last.left, lang) })}
        </text>
      </svg>
      <ul class="burn-down-legend">
        <li>{t("control.burn.legend_actual")}</li>
        <li>{t("control.burn.legend_ideal")}</li>
      </ul>
      <div class="table-scroll" tabindex={0}>
        <table class="burn-down-table">
          <caption>{t("control.burn.table")}</caption>
          <TableHead cols={[t("control.col.day"), { label: t("control.col.left"), num: true }, { label: t("control.col.ideal"), num: true }]} />
          <tbody>
            {weekly.map((p) => (
              <tr>
                <th scope="row">
                  <time datetime={p.day}>{formatDay(p.day, lang)}</time>
                </th>
                <td class="num">{formatNumber(p.left, lang)}</td>
                <td class="num">{formatNumber(p.ideal, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

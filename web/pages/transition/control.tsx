// /transition: the stewards' control room. The filters are one GET form (no script); every figure
// is a table with a caption, the burn-down an SVG with its table. Members and hosts are named here
// (stewards only); the home page shows the public summary without names (control-summary.tsx).
import { INVENTORY_KINDS } from "../../../src/transition/inventory";
import { ITEM_STATES } from "../../../src/transition/states";
import type { ItemRow, Progress } from "../../../src/transition/control/figures";
import { LIST_LIMIT } from "../../../src/transition/control/repository";
import { BurnDownChart } from "../../components/burn-down-chart";
import { Deadline } from "../../components/deadline";
import { SelectField } from "../../components/form";
import { formatDateTime, formatDay, formatNumber } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { LoadBar } from "../../components/load-bar";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { Lang, T } from "../../i18n";

interface Props extends PageProps {
  progress: Progress;
  hosts: { id: string; name: string }[];
}

const orgLink = (id: string) => `/orgs/${encodeURIComponent(id)}/migration`;

function csvHref(p: Progress): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p.filters)) if (v) q.set(k, v);
  q.set("format", "csv");
  return `/transition?${q.toString()}`;
}

function Truncated(props: { t: T; n: number }) {
  return props.n >= LIST_LIMIT ? <p class="hint">{props.t("control.truncated", { n: LIST_LIMIT })}</p> : null;
}

function ItemTable(props: Props & { id: string; title: string; empty: string; rows: ItemRow[]; date: "last_event_at" | "scheduled_for" }) {
  const { t, lang, rows } = props;
  return (
    <section aria-labelledby={`${props.id}-title`} id={props.id}>
      <h2 id={`${props.id}-title`}>
        {props.title} ({formatNumber(rows.length, lang)})
      </h2>
      {rows.length === 0 ? (
        <p class="empty">{props.empty}</p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table>
            <caption class="visually-hidden">{props.title}</caption>
            <TableHead cols={[t("control.col.org"), t("control.col.service"), t("control.col.host"), t("control.col.state"), props.date === "last_event_at" ? t("control.col.last_event") : t("control.col.scheduled_for")]} />
            <tbody>
              {rows.map((r) => (
                <tr data-item={r.item_id}>
                  <th scope="row">
                    <a href={orgLink(r.org_id)}>{r.org_name}</a>
                  </th>
                  <td>{t(`transition.kind.${r.kind}`)}</td>
                  <td>{r.provider_name}</td>
                  <td>{t(`transition.state.${r.state}`)}</td>
                  <td>{props.date === "last_event_at" ? <time datetime={r.last_event_at}>{formatDateTime(r.last_event_at, lang)}</time> : r.scheduled_for ? <time datetime={r.scheduled_for}>{formatDay(r.scheduled_for, lang)}</time> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Truncated t={t} n={rows.length} />
    </section>
  );
}

export function ControlPage(props: Props) {
  const { t, lang, progress: p } = props;
  const title = t("control.title");
  const f = p.filters;
  const all = { value: "", label: t("control.filter.all") };
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} lead={t("control.lead", { at: formatDateTime(p.generated_at, lang) })} />
      <Deadline lang={lang} t={t} deadline={p.deadline} now={new Date(p.generated_at)} />

      <form method="get" action="/transition" class="control-filters" aria-labelledby="filters-title">
        <h2 id="filters-title">{t("control.filters")}</h2>
        <div class="filter-row">
          <SelectField id="f-kind" name="kind" label={t("control.filter.kind")} value={f.kind ?? ""} options={[all, ...INVENTORY_KINDS.map((k) => ({ value: k, label: t(`transition.kind.${k}`) }))]} />
          <SelectField id="f-host" name="host" label={t("control.filter.host")} value={f.host ?? ""} options={[all, ...props.hosts.map((h) => ({ value: h.id, label: h.name }))]} />
          <SelectField id="f-state" name="state" label={t("control.filter.state")} value={f.state ?? ""} options={[all, ...ITEM_STATES.map((s) => ({ value: s, label: t(`transition.state.${s}`) }))]} />
        </div>
        <p class="actions">
          <button type="submit">{t("control.filter.apply")}</button> <a href="/transition">{t("control.filter.reset")}</a>{" "}
          <a href={csvHref(p)} download="transition-progress.csv">
            {t("control.csv")}
          </a>
        </p>
      </form>

      <section aria-labelledby="moved-title" id="moved">
        <h2 id="moved-title">{t("control.moved.title")}</h2>
        <p data-figure="moved">
          <strong>{t("control.moved.summary", { moved: formatNumber(p.moved.moved, lang), total: formatNumber(p.moved.total, lang), left: formatNumber(p.moved.left, lang) })}</strong>
        </p>
        <div class="table-scroll" tabindex={0}>
          <table>
            <caption class="visually-hidden">{t("control.moved.title")}</caption>
            <TableHead cols={[t("control.col.kind"), { label: t("control.col.moved"), num: true }, { label: t("control.col.total"), num: true }, { label: t("control.col.left"), num: true }]} />
            <tbody>
              {p.moved.by_kind.map((k) => (
                <tr data-kind={k.kind}>
                  <th scope="row">{t(`transition.kind.${k.kind}`)}</th>
                  <td class="num">{formatNumber(k.moved, lang)}</td>
                  <td class="num">{formatNumber(k.total, lang)}</td>
                  <td class="num">{formatNumber(k.total - k.moved, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("control.total")}</th>
                <td class="num">{formatNumber(p.moved.moved, lang)}</td>
                <td class="num">{formatNumber(p.moved.total, lang)}</td>
                <td class="num">{formatNumber(p.moved.left, lang)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section aria-labelledby="burn-title" id="burn-down">
        <h2 id="burn-title">{t("control.burn.title")}</h2>
        <BurnDownChart t={t} lang={lang} points={p.burn_down} deadline={p.deadline} id="burn" />
      </section>

      <section aria-labelledby="without-plan-title" id="without-plan">
        <h2 id="without-plan-title">
          {t("control.without_plan.title")} ({formatNumber(p.without_plan.length, lang)})
        </h2>
        {f.host || f.state ? (
          <p class="hint">{t("control.without_plan.filtered")}</p>
        ) : p.without_plan.length === 0 ? (
          <p class="empty">{t("control.without_plan.empty")}</p>
        ) : (
          <div class="table-scroll" tabindex={0}>
            <table>
              <caption class="visually-hidden">{t("control.without_plan.title")}</caption>
              <TableHead cols={[t("control.col.org"), { label: t("control.col.services"), num: true }]} />
              <tbody>
                {p.without_plan.map((o) => (
                  <tr data-org={o.org_id}>
                    <th scope="row">
                      <a href={`/orgs/${encodeURIComponent(o.org_id)}/inventory`}>{o.name}</a>
                    </th>
                    <td class="num">{formatNumber(o.services, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Truncated t={t} n={p.without_plan.length} />
      </section>

      <ItemTable {...props} id="stuck" title={t("control.stuck.title")} empty={t("control.stuck.empty")} rows={p.stuck} date="last_event_at" />
      <ItemTable {...props} id="late" title={t("control.late.title")} empty={t("control.late.empty")} rows={p.late} date="scheduled_for" />

      <section aria-labelledby="load-title" id="load">
        <h2 id="load-title">{t("control.load.title")}</h2>
        {p.load.length ? <p class="hint">{t("control.load.bar_hint")}</p> : null}
        {p.load.length === 0 ? (
          <p class="empty">{t("control.load.empty")}</p>
        ) : (
          <div class="table-scroll" tabindex={0}>
            <table>
              <caption class="visually-hidden">{t("control.load.title")}</caption>
              <TableHead cols={[t("control.col.host"), t("control.col.kind"), { label: t("control.col.units"), num: true }, { label: t("control.col.done"), num: true }, { label: t("control.col.capacity"), num: true }, t("control.col.load")]} />
              <tbody>
                {p.load.map((l, i) => (
                  <tr data-host={l.provider_id} data-kind={l.kind}>
                    <th scope="row">{l.provider_name}</th>
                    <td>{t(`transition.kind.${l.kind}`)}</td>
                    <td class="num">{formatNumber(l.units, lang)}</td>
                    <td class="num">{formatNumber(l.done, lang)}</td>
                    <td class="num">
                      {l.capacity === null ? t("control.load.unlimited") : formatNumber(l.capacity, lang)}
                      {l.capacity === null ? null : l.over ? <strong> — {t("control.load.over")}</strong> : <> — {t("control.load.within")}</>}
                    </td>
                    <td>
                      <LoadBar units={l.units} done={l.done} capacity={l.capacity} id={`load-${i}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <MigrationsLoad t={t} lang={lang} rows={p.migrations} />
      </section>
    </Layout>
  );
}

/** Member migrations started at each host with a weekly rate, against rate × weeks left: the same bar, a row of text beside it. */
function MigrationsLoad(props: { t: T; lang: Lang; rows: Progress["migrations"] }) {
  const { t, lang, rows } = props;
  if (rows.length === 0) return null;
  return (
    <>
      <h3 id="pace-title">{t("control.pace.title")}</h3>
      <p class="hint">{t("control.pace.hint")}</p>
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption class="visually-hidden">{t("control.pace.title")}</caption>
          <TableHead cols={[t("control.col.host"), { label: t("control.pace.col.started"), num: true }, { label: t("control.pace.col.per_week"), num: true }, { label: t("control.pace.col.limit"), num: true }, t("control.col.load")]} />
          <tbody>
            {rows.map((m, i) => (
              <tr data-host={m.provider_id} data-pace={m.over ? "over" : "within"}>
                <th scope="row">{m.provider_name}</th>
                <td class="num">{formatNumber(m.started, lang)}</td>
                <td class="num">{formatNumber(m.per_week, lang)}</td>
                <td class="num">
                  {t("control.pace.limit", { limit: formatNumber(m.limit, lang), weeks: formatNumber(m.weeks_left, lang) })}
                  {m.over ? <strong> — {t("control.pace.over")}</strong> : <> — {t("control.load.within")}</>}
                </td>
                <td>
                  <LoadBar units={m.started} done={0} capacity={m.limit} id={`pace-${i}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

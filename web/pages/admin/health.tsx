// /admin/health: every figure of the health checks with its threshold, then the incidents. Server
// rendered, no script; the state is said in words, never by colour alone.
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { HealthReport } from "../../../src/ops/health/incidents";
import { formatFigure } from "../../../src/ops/health/format";

export function HealthPage(props: PageProps & { report: HealthReport }) {
  const { t, lang, report } = props;
  const title = t("ops.title");
  const bad = report.figures.filter((f) => f.crossed).length;
  const labels = new Map(report.figures.map((f) => [f.id, t(f.label, f.params)]));
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/admin", label: t("admin.title") }]} lead={t("ops.lead", { at: formatDateTime(report.checkedAt, lang) })} />
      <p role="status" data-health={report.ok ? "ok" : "crossed"}>
        <strong>{report.ok ? t("ops.state_ok") : t("ops.state_bad", { count: bad })}</strong>
      </p>
      {/* Focusable and named: at 360 px the table scrolls in its box, which a keyboard must reach (axe). */}
      <div class="table-scroll" role="region" aria-labelledby="health-figures" tabindex={0}>
        <table class="health">
          <caption id="health-figures">{t("ops.figures")}</caption>
          <TableHead cols={[t("ops.col_figure"), { label: t("ops.col_value"), num: true }, { label: t("ops.col_threshold"), num: true }, t("ops.col_state"), t("ops.col_last_run")]} />
          <tbody>
            {report.figures.map((f) => (
              <tr data-figure={f.id}>
                <th scope="row">{labels.get(f.id)}</th>
                <td class="num">{formatFigure(lang, f.unit, f.value)}</td>
                <td class="num">{formatFigure(lang, f.unit, f.threshold)}</td>
                <td>{f.crossed ? <strong>{t("ops.crossed")}</strong> : t("ops.fine")}</td>
                <td>
                  {f.note ? (
                    <>
                      <time datetime={f.note.at}>{formatDateTime(f.note.at, lang)}</time> — {t(`ops.run.${f.note.status}`)}
                      {f.note.error ? <code> {f.note.error}</code> : null}
                    </>
                  ) : f.id.startsWith("jobs.") ? (
                    t("ops.never")
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("ops.incidents")}</h2>
      {report.incidents.length ? (
        <div class="table-scroll" role="region" aria-labelledby="health-incidents" tabindex={0}>
          <table class="incidents">
            <caption id="health-incidents">{t("ops.incidents")}</caption>
            <TableHead cols={[t("ops.col_figure"), t("ops.col_opened"), t("ops.col_closed"), { label: t("ops.col_worst"), num: true }]} />
            <tbody>
              {report.incidents.map((i) => {
                const figure = report.figures.find((f) => f.id === i.check);
                return (
                  <tr data-incident={i.id}>
                    <th scope="row">{labels.get(i.check) ?? <code>{i.check}</code>}</th>
                    <td>
                      <time datetime={i.openedAt}>{formatDateTime(i.openedAt, lang)}</time>
                    </td>
                    <td>{i.closedAt ? <time datetime={i.closedAt}>{formatDateTime(i.closedAt, lang)}</time> : <strong>{t("ops.open")}</strong>}</td>
                    <td class="num">{figure ? formatFigure(lang, figure.unit, i.worst) : i.worst}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("ops.incidents_none")}</p>
      )}
    </Layout>
  );
}

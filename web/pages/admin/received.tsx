// /admin/webhooks/received: the events Chatière received from Stripe and providers — type, source,
// sender, id, when, applied or why not — filtered by a plain GET form, paged by keyset; each event's
// raw body is viewable while it is kept (30 days). Times in Brussels.
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { ReceivedEventRow } from "../../../src/db/schema";

export interface ReceivedItem {
  id: string;
  source: string;
  sender: string;
  eventId: string;
  type: string;
  receivedAt: string;
  applied: boolean;
  reason: string | null;
  kept: boolean;
}

interface Props extends PageProps {
  filters: { source: string; type: string; applied: string };
  items: ReceivedItem[];
  nextCursor: string | null;
  keptDays: number;
}

export function ReceivedPage(props: Props) {
  const { t, lang, filters } = props;
  const title = t("webhooks.received.title");
  const query = (extra: Record<string, string>) => {
    const q: Record<string, string> = {};
    for (const [k, v] of Object.entries(filters)) if (v) q[k] = v;
    return `/admin/webhooks/received?${new URLSearchParams({ ...q, ...extra }).toString()}`;
  };
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/admin", label: t("admin.title") }]} lead={t("webhooks.received.lead", { days: props.keptDays })} />
      <form method="get" action="/admin/webhooks/received" class="filters">
        <div class="field">
          <label for="received-source">{t("webhooks.received.source")}</label>
          <select id="received-source" name="source">
            <option value="" selected={!filters.source}>
              {t("webhooks.received.any")}
            </option>
            <option value="stripe" selected={filters.source === "stripe"}>
              Stripe
            </option>
            <option value="provider" selected={filters.source === "provider"}>
              {t("webhooks.received.source_provider")}
            </option>
          </select>
        </div>
        <div class="field">
          <label for="received-type">{t("webhooks.received.type")}</label>
          <input id="received-type" name="type" type="text" value={filters.type} maxlength={200} />
        </div>
        <div class="field">
          <label for="received-applied">{t("webhooks.received.applied")}</label>
          <select id="received-applied" name="applied">
            <option value="" selected={!filters.applied}>
              {t("webhooks.received.any")}
            </option>
            <option value="yes" selected={filters.applied === "yes"}>
              {t("webhooks.received.yes")}
            </option>
            <option value="no" selected={filters.applied === "no"}>
              {t("webhooks.received.no")}
            </option>
          </select>
        </div>
        <button type="submit">{t("webhooks.received.filter")}</button>
      </form>
      {props.items.length ? (
        <div class="table-scroll" tabindex={0}>
          <table class="received">
            <caption>{t("webhooks.received.caption")}</caption>
            <TableHead cols={[t("webhooks.received.when"), t("webhooks.received.type"), t("webhooks.received.source"), t("webhooks.received.sender"), t("webhooks.received.event_id"), t("webhooks.received.applied"), t("webhooks.received.body")]} />
            <tbody>
              {props.items.map((r) => (
                <tr data-received={r.id}>
                  <th scope="row">
                    <time datetime={r.receivedAt}>{formatDateTime(r.receivedAt, lang)}</time>
                  </th>
                  <td>
                    <code>{r.type}</code>
                  </td>
                  <td>{r.source === "stripe" ? "Stripe" : t("webhooks.received.source_provider")}</td>
                  <td>
                    <code>{r.sender}</code>
                  </td>
                  <td>
                    <code>{r.eventId}</code>
                  </td>
                  <td>{r.applied ? t("webhooks.received.yes") : `${t("webhooks.received.no")}${r.reason ? ` — ${r.reason}` : ""}`}</td>
                  <td>
                    {r.kept ? (
                      <a href={`/admin/webhooks/received/${encodeURIComponent(r.id)}`} aria-label={t("webhooks.received.view_label", { id: r.eventId })}>
                        {t("webhooks.received.view")}
                      </a>
                    ) : (
                      t("webhooks.received.purged")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">{t("webhooks.received.none")}</p>
      )}
      {props.nextCursor ? (
        <nav class="pagination" aria-label={t("webhooks.received.pagination")}>
          <a href={query({ cursor: props.nextCursor })} rel="next">
            {t("webhooks.received.older")}
          </a>
        </nav>
      ) : null}
    </Layout>
  );
}

export function ReceivedEventPage(props: PageProps & { event: ReceivedEventRow; keptDays: number }) {
  const { t, lang, event } = props;
  const title = t("webhooks.received.event_title", { id: event.eventId });
  let body = event.rawBody;
  if (body) {
    try {
      body = JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      // not JSON: shown as received
    }
  }
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/admin", label: t("admin.title") }, { href: "/admin/webhooks/received", label: t("webhooks.received.title") }]} />
      <dl class="facts">
        <div>
          <dt>{t("webhooks.received.type")}</dt>
          <dd>
            <code>{event.type}</code>
          </dd>
        </div>
        <div>
          <dt>{t("webhooks.received.source")}</dt>
          <dd>{event.source === "stripe" ? "Stripe" : t("webhooks.received.source_provider")}</dd>
        </div>
        <div>
          <dt>{t("webhooks.received.sender")}</dt>
          <dd>
            <code>{event.sender}</code>
          </dd>
        </div>
        <div>
          <dt>{t("webhooks.received.when")}</dt>
          <dd>
            <time datetime={event.receivedAt}>{formatDateTime(event.receivedAt, lang)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("webhooks.received.applied")}</dt>
          <dd>{event.applied ? t("webhooks.received.yes") : `${t("webhooks.received.no")}${event.reason ? ` — ${event.reason}` : ""}`}</dd>
        </div>
      </dl>
      <h2>{t("webhooks.received.body")}</h2>
      {body ? <pre class="audit-detail">{body}</pre> : <p class="empty">{t("webhooks.received.purged_long", { days: props.keptDays })}</p>}
    </Layout>
  );
}

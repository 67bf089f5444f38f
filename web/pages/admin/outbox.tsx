// /admin/outbox: outgoing messages that failed, per channel, each with a "retry" button (a plain
// POST form; works without JavaScript). Times in Brussels.
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { PostButton } from "../../components/form";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { OutboxItem } from "../../../src/outbox/steward";

interface Props extends PageProps {
  channels: string[];
  channel?: string;
  items: OutboxItem[];
  nextCursor: string | null;
  /** The id just queued again. */
  retried?: string;
}

export function OutboxPage(props: Props) {
  const { t, lang } = props;
  const title = t("outbox.title");
  const query = (extra: Record<string, string>) => `/admin/outbox?${new URLSearchParams({ ...(props.channel ? { channel: props.channel } : {}), ...extra }).toString()}`;
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/admin", label: t("admin.title") }]} lead={t("outbox.lead")} />
      {props.retried ? (
        <p class="notice" role="status">
          {t("outbox.retried", { id: props.retried })}
        </p>
      ) : null}
      <form method="get" action="/admin/outbox" class="filters">
        <div class="field">
          <label for="outbox-channel">{t("outbox.channel")}</label>
          <select id="outbox-channel" name="channel">
            <option value="" selected={!props.channel}>
              {t("outbox.all_channels")}
            </option>
            {props.channels.map((ch) => (
              <option value={ch} selected={props.channel === ch}>
                {ch}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("outbox.filter")}</button>
      </form>
      {props.items.length ? (
        <div class="table-scroll" tabindex={0}>
          <table class="outbox">
            <caption>{t("outbox.caption")}</caption>
            <TableHead cols={[t("outbox.col_when"), t("outbox.col_channel"), t("outbox.col_recipient"), { label: t("outbox.col_attempts"), num: true }, t("outbox.col_error"), t("outbox.col_action")]} />
            <tbody>
              {props.items.map((item) => (
                <tr data-outbox={item.id}>
                  <th scope="row">
                    <time datetime={item.updated_at}>{formatDateTime(item.updated_at, lang)}</time>
                    <span class="hint">
                      {" · "}
                      {t("outbox.created")} <time datetime={item.created_at}>{formatDateTime(item.created_at, lang)}</time>
                    </span>
                  </th>
                  <td>
                    <code>{item.channel}</code> · <code>{item.kind}</code>
                  </td>
                  <td>{item.recipient}</td>
                  <td class="num">{item.attempts}</td>
                  <td>{item.last_error ?? "—"}</td>
                  <td>
                    <PostButton action={`/admin/outbox/${encodeURIComponent(item.id)}/retry`} text={t("outbox.retry")} label={t("outbox.retry_label", { id: item.id })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">{t("outbox.none")}</p>
      )}
      {props.nextCursor ? (
        <nav class="pagination" aria-label={t("outbox.pagination")}>
          <a href={query({ cursor: props.nextCursor })} rel="next">
            {t("outbox.older")}
          </a>
        </nav>
      ) : null}
    </Layout>
  );
}

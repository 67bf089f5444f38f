// /dev/mailbox (development only): the outbox's mail, newest first, and one message with its
// links, so a developer — or a browser test — can follow a sign-in link without a mail server.
import { formatDateTime } from "../components/format";
import { Layout, type PageProps } from "../components/layout";
import { PageHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";
import { TableHead } from "../components/table";

export interface MailView {
  id: string;
  to: string;
  subject: string;
  createdAt: string;
  status: "pending" | "sent" | "failed";
  text: string;
  attempts: number;
  lastError: string | null;
}

const STATUS: Record<MailView["status"], MessageKey> = { pending: "mailbox.status_pending", sent: "mailbox.status_sent", failed: "mailbox.status_failed" };

/** The http(s) links of a plain-text body, in order, without duplicates. */
export function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
}

export function MailboxPage(props: PageProps & { messages: Omit<MailView, "text">[] }) {
  const { t, lang } = props;
  const title = t("mailbox.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} lead={t("mailbox.lead")} />
      {props.messages.length === 0 ? (
        <p class="empty">{t("mailbox.empty")}</p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table class="mailbox">
            <caption>{t("mailbox.caption")}</caption>
            <TableHead cols={[t("mailbox.date"), t("mailbox.to"), t("mailbox.subject"), t("mailbox.status")]} />
            <tbody>
              {props.messages.map((m) => (
                <tr data-message={m.id}>
                  <td>{formatDateTime(m.createdAt, lang)}</td>
                  <td>{m.to}</td>
                  <th scope="row">
                    <a href={`/dev/mailbox/${encodeURIComponent(m.id)}`}>{m.subject}</a>
                  </th>
                  <td>{t(STATUS[m.status])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function MailboxMessagePage(props: PageProps & { message: MailView }) {
  const { t, lang, message: m } = props;
  const links = linksIn(m.text);
  return (
    <Layout {...props} title={m.subject}>
      <PageHeader title={m.subject} crumbs={[{ href: "/dev/mailbox", label: t("mailbox.back") }]} />
      <dl class="facts">
        <div>
          <dt>{t("mailbox.to")}</dt>
          <dd>{m.to}</dd>
        </div>
        <div>
          <dt>{t("mailbox.date")}</dt>
          <dd>{formatDateTime(m.createdAt, lang)}</dd>
        </div>
        <div>
          <dt>{t("mailbox.status")}</dt>
          <dd>
            {t(STATUS[m.status])}
            {m.lastError ? ` — ${m.lastError}` : ""}
          </dd>
        </div>
      </dl>
      <pre class="mail-text">{m.text}</pre>
      {links.length ? (
        <>
          <h2>{t("mailbox.links")}</h2>
          <ul class="mail-links">
            {links.map((href) => (
              <li>
                <a href={href}>{href}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={`/dev/mailbox/${encodeURIComponent(m.id)}/html`}>{t("mailbox.html")}</a>
      </p>
    </Layout>
  );
}

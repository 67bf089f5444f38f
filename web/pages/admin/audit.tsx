// /admin/audit: the audit log, newest first, with a GET filter form (works without JavaScript)
// and an "older entries" link carrying the keyset cursor. Times in Brussels.
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import type { MessageKey, T } from "../../i18n";
import type { AuditItem } from "../../../src/admin/audit.repository";
import { TableHead } from "../../components/table";
import { ErrorSummary, TextField, type TextType } from "../../components/form";
import { PageHeader } from "../../components/page-header";

export type AuditField = "action" | "actor" | "subject" | "org" | "from" | "to" | "cursor" | "limit";

const FIELDS: { name: Exclude<AuditField, "cursor" | "limit">; label: MessageKey; type: TextType; hint?: MessageKey }[] = [
  { name: "action", label: "audit.action", type: "text", hint: "audit.action_hint" },
  { name: "actor", label: "audit.actor", type: "email" },
  { name: "subject", label: "audit.subject", type: "text" },
  { name: "org", label: "audit.org", type: "text" },
  { name: "from", label: "audit.from", type: "date", hint: "audit.dates_hint" },
  { name: "to", label: "audit.to", type: "date", hint: "audit.dates_hint" },
];

const ERROR: Record<AuditField, MessageKey> = {
  action: "audit.error_action",
  actor: "audit.error_actor",
  subject: "audit.error_subject",
  org: "audit.error_org",
  from: "audit.error_date",
  to: "audit.error_to",
  cursor: "audit.error_cursor",
  limit: "audit.error_limit",
};

interface Props extends PageProps {
  values: Record<string, string>;
  items?: AuditItem[];
  nextCursor?: string | null;
  errors?: AuditField[];
}

function Who(props: { t: T; item: AuditItem }) {
  const { t, item } = props;
  const email = item.actor.email ?? item.actor.user_id ?? (item.actor.system ? t("audit.system_reason", { reason: item.actor.system }) : t("audit.system"));
  return (
    <>
      {email}
      {item.actor.key_id ? (
        <>
          {" "}
          {t("audit.by_key")} <code>{item.actor.key_start ? `${item.actor.key_start}…` : item.actor.key_id}</code>
        </>
      ) : null}
    </>
  );
}

export function AuditPage(props: Props) {
  const { t, lang } = props;
  const title = t("audit.title");
  const errors = props.errors ?? [];
  const next = props.nextCursor ? `/admin/audit?${new URLSearchParams({ ...props.values, cursor: props.nextCursor }).toString()}` : undefined;
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/admin", label: t("admin.title") }]} lead={t("audit.lead")} />
      <ErrorSummary title={t("audit.error_summary")} items={errors.map((f) => ({ id: f === "cursor" || f === "limit" ? undefined : `audit-${f}`, label: t(ERROR[f]) }))} />
      <form method="get" action="/admin/audit" class="filters">
        <fieldset>
          <legend>{t("audit.filters")}</legend>
          {FIELDS.map((f) => (
            <TextField
              id={`audit-${f.name}`}
              name={f.name}
              type={f.type}
              label={t(f.label)}
              hint={f.hint ? t(f.hint) : undefined}
              error={errors.includes(f.name) ? t(ERROR[f.name]) : undefined}
              value={props.values[f.name] ?? ""}
              maxlength={254}
            />
          ))}
        </fieldset>
        <button type="submit">{t("audit.submit")}</button> <a href="/admin/audit">{t("audit.reset")}</a>
      </form>
      {props.items ? (
        props.items.length ? (
          <div class="table-scroll" tabindex={0}>
            <table class="audit">
              <caption>{t("audit.caption")}</caption>
              <TableHead cols={[t("audit.col_when"), t("audit.col_who"), t("audit.col_what"), t("audit.col_subject"), t("audit.col_where")]} />
              <tbody>
                {props.items.map((item) => (
                  <tr data-audit={item.id}>
                    <th scope="row">
                      <time datetime={item.at}>{formatDateTime(item.at, lang)}</time>
                    </th>
                    <td>
                      <Who t={t} item={item} />
                    </td>
                    <td>
                      <code>{item.action}</code>
                      {Object.keys(item.detail).length ? <pre class="audit-detail">{JSON.stringify(item.detail, null, 1)}</pre> : null}
                    </td>
                    <td>
                      {item.subject_type} <code>{item.subject_id}</code>
                      {item.org_id ? (
                        <>
                          {" · "}
                          {t("audit.in_org")} <code>{item.org_id}</code>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {item.ip ?? t("audit.unknown_ip")}
                      {item.user_agent ? <span class="hint"> · {item.user_agent}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="empty">{t("audit.none")}</p>
        )
      ) : null}
      {next ? (
        <nav class="pagination" aria-label={t("audit.pagination")}>
          <a href={next} rel="next">
            {t("audit.older")}
          </a>
        </nav>
      ) : null}
    </Layout>
  );
}

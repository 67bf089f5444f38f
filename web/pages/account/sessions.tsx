// /account/sessions: one's open sessions, the current one marked, each with a revoke button.
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { SignOutForm } from "./account";
import { TableHead } from "../../components/table";
import { PostButton } from "../../components/form";
import { Notice } from "../../components/notice";
import type { MessageKey } from "../../i18n";
import { PageHeader } from "../../components/page-header";

export interface SessionView {
  id: string;
  device: string | null;
  createdAt: string;
  updatedAt: string;
  ipAddress: string | null;
  current: boolean;
}

export function SessionsPage(props: PageProps & { sessions: SessionView[]; notice?: MessageKey }) {
  const { t, lang } = props;
  const title = t("sessions.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/account", label: t("account.title") }]} lead={t("sessions.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <div class="table-scroll" tabindex={0}>
        <table class="sessions">
          <caption>{t("sessions.caption")}</caption>
          <TableHead cols={[t("sessions.device"), t("sessions.signed_in"), t("sessions.last_active"), t("sessions.ip"), t("sessions.actions")]} />
          <tbody>
            {props.sessions.map((s) => {
              const device = s.device ?? t("sessions.unknown_device");
              const created = formatDateTime(s.createdAt, lang);
              return (
                <tr data-session={s.id}>
                  <th scope="row">
                    {device}
                    {s.current ? <strong class="badge"> {t("sessions.current")}</strong> : null}
                  </th>
                  <td>{created}</td>
                  <td>{formatDateTime(s.updatedAt, lang)}</td>
                  <td>{s.ipAddress ?? "—"}</td>
                  <td>
                    <PostButton action={`/account/sessions/${encodeURIComponent(s.id)}/revoke`} text={t("sessions.revoke")} label={t("sessions.revoke_label", { device, date: created })} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <SignOutForm {...props} />
    </Layout>
  );
}

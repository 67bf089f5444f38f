// /orgs/:orgId/proposals/:pid: a member organisation's hosting proposal — hosts, services, monthly
// cost and why — with Accept (it becomes the migration plan) and Decline (an optional reason).
import type { OrganisationRow } from "../../../src/db/schema";
import type { ProposalView } from "../../../src/transition/proposals/service";
import { formatDateTime, formatMoney } from "../../components/format";
import { ErrorSummary, TextArea } from "../../components/form";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";

export interface ProposalPageProps extends PageProps {
  org: OrganisationRow;
  proposal: ProposalView;
  /** The viewer may answer (owners/admins, stewards). */
  canAnswer: boolean;
  notice?: string;
  reason?: string;
  reasonError?: string;
}

export function ProposalPage(props: ProposalPageProps) {
  const { t, lang, org, proposal: p } = props;
  const title = t("proposals.member.title", { org: org.name });
  const base = `/orgs/${encodeURIComponent(org.id)}/proposals/${encodeURIComponent(p.id)}`;
  const open = p.status === "sent";
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name }]} lead={t("proposals.member.lead")} />
      <Notice text={props.notice} />
      <ErrorSummary title={t("proposals.assign.error_title")} items={props.reasonError ? [{ id: "reason", label: t("proposals.member.reason"), message: props.reasonError }] : []} />
      <p>
        <strong>{t("proposals.member.status", { status: t(`proposals.status.${p.status}`) })}</strong>
      </p>
      <p>{t("proposals.member.monthly", { monthly: formatMoney(p.monthly_cents, lang) })}</p>
      <p>{t(`proposals.member.why.${p.mode}${p.proved ? "" : "_unproved"}`)}</p>
      {open ? <p>{t("proposals.member.expires", { date: formatDateTime(p.expires_at, lang) })}</p> : null}
      {p.decline_reason ? <p>{t("proposals.member.declined_reason", { reason: p.decline_reason })}</p> : null}
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption class="visually-hidden">{title}</caption>
          <TableHead cols={[t("proposals.member.col.service"), t("proposals.member.col.kind"), t("proposals.member.col.offer"), t("proposals.member.col.host")]} />
          <tbody>
            {p.items.map((i) => (
              <tr data-inventory={i.inventory_id}>
                <th scope="row">{i.label}</th>
                <td>{t(`transition.kind.${i.kind}`)}</td>
                <td>{i.offer_name}</td>
                <td>
                  <a href={`/providers/${encodeURIComponent(i.provider_id)}`}>{i.provider_name}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.migration_id ? (
        <p>
          <a href={`/orgs/${encodeURIComponent(org.id)}/migration`}>{t("proposals.member.plan_link")}</a>
        </p>
      ) : null}
      {open && props.canAnswer ? (
        <>
          <form method="post" action={`${base}/accept`}>
            <p class="hint" id="accept-hint">
              {t("proposals.member.accept_hint")}
            </p>
            <p class="actions">
              <button type="submit" aria-describedby="accept-hint">
                {t("proposals.member.accept")}
              </button>
            </p>
          </form>
          <section aria-labelledby="decline-title">
            <h2 id="decline-title">{t("proposals.member.decline_title")}</h2>
            <form method="post" action={`${base}/decline`}>
              <TextArea id="reason" label={t("proposals.member.reason")} value={props.reason} error={props.reasonError} rows={3} />
              <p class="actions">
                <button type="submit" class="button-secondary">
                  {t("proposals.member.decline")}
                </button>
              </p>
            </form>
          </section>
        </>
      ) : null}
    </Layout>
  );
}

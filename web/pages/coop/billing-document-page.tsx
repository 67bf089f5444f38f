// An issued invoice or credit note as a page: the site's shell around the document view
// (./invoice-document.tsx), with links to its PDF and its UBL.
import type { BillingDocument } from "../../../src/coop/invoices/model";
import { Layout, type PageProps } from "../../components/layout";
import { PageHeader } from "../../components/page-header";
import { Notice } from "../../components/notice";
import type { MessageKey } from "../../i18n";
import { InvoiceDocument } from "./invoice-document";
import { ReminderHistory } from "./reminder-history";
import type { DunningNoticeRow } from "../../../src/db/schema";
import { PayButton } from "./payments";

/** `dueCents` set: the member may pay it online (Stripe configured, something due, the viewer an owner or admin). */
export function InvoiceDocumentPage(props: PageProps & { orgId: string; doc: BillingDocument; reminders?: DunningNoticeRow[]; dueCents?: number; notice?: MessageKey }) {
  const { t, doc } = props;
  const title = `${doc.type === "credit_note" ? t("billing.credit_note") : t("billing.invoice")} ${doc.number}`;
  const api = `/api/v1/invoices/${encodeURIComponent(doc.id)}`;
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(props.orgId)}/billing`, label: t("billing.org.title") }]} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <p>
        <a href={`${api}/pdf`}>{t("billing.document.pdf")}</a> · <a href={`${api}/ubl`}>{t("billing.document.ubl")}</a> ·{" "}
        <a href={`/orgs/${encodeURIComponent(props.orgId)}/billing/ledger`}>{t("ledger.link")}</a>
      </p>
      {props.dueCents ? <PayButton t={t} lang={props.lang} orgId={props.orgId} invoiceId={doc.id} number={doc.number ?? ""} dueCents={props.dueCents} /> : null}
      <InvoiceDocument doc={doc} />
      <ReminderHistory t={t} lang={props.lang} notices={props.reminders ?? []} />
    </Layout>
  );
}

// Payments pages: /coop/payments for coop_admins (upload a CAMT.053 statement and see what it did,
// the queue of lines no invoice took with a form per line to assign it by invoice number), a
// customer's ledger (/orgs/:orgId/billing/ledger), and the member's "Pay" and "Manage payment
// methods" buttons. Plain forms, no JavaScript; money and dates through Intl; tables scroll in
// their box on a phone.
import type { BankEntryRow } from "../../../src/db/schema";
import type { CustomerLedger } from "../../../src/coop/payments/ledger";
import type { StatementSummary } from "../../../src/coop/payments/service";
import { formatOgm } from "../../../src/coop/invoices/ogm";
import { ErrorSummary, FileField, PostButton, TextField } from "../../components/form";
import { formatDay, formatMoney } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { MessageKey, T } from "../../i18n";

/** A refusal shown on the page: the form field it concerns and the translated message. */
export interface PageFieldError {
  field: string;
  message: string;
}

const REASON: Record<string, MessageKey> = {
  no_reference: "payments.reason.no_reference",
  unknown_reference: "payments.reason.unknown_reference",
  already_settled: "payments.reason.already_settled",
  not_eur: "payments.reason.not_eur",
  not_booked: "payments.reason.not_booked",
};

export const assignFieldId = (entryId: string) => `invoice-${entryId}`;

function Summary(props: { t: T; summary: StatementSummary }) {
  const { t, summary } = props;
  const rows: [MessageKey, number][] = [
    ["payments.result.entries", summary.entries],
    ["payments.result.matched", summary.matched],
    ["payments.result.partial", summary.partial],
    ["payments.result.unmatched", summary.unmatched],
    ["payments.result.duplicates", summary.duplicates],
  ];
  return (
    <section aria-labelledby="upload-result" class="upload-result" role="status">
      <h2 id="upload-result">{t("payments.result.title")}</h2>
      <dl class="facts">
        {rows.map(([key, n]) => (
          <>
            <dt>{t(key)}</dt>
            <dd data-figure={key.slice("payments.result.".length)}>{n}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

function Queue(props: { t: T; lang: PageProps["lang"]; rows: BankEntryRow[]; errors: PageFieldError[]; values: Record<string, string> }) {
  const { t, lang } = props;
  if (!props.rows.length) return <p class="empty">{t("payments.queue.none")}</p>;
  return (
    <div class="table-scroll" tabindex={0}>
      <table>
        <caption>{t("payments.queue.caption")}</caption>
        <TableHead cols={[t("payments.col.date"), { label: t("payments.col.amount"), num: true }, t("payments.col.debtor"), t("payments.col.communication"), t("payments.col.reason"), t("payments.assign.submit")]} />
        <tbody>
          {props.rows.map((r) => {
            const id = assignFieldId(r.id);
            const date = formatDay(r.valueDate ?? r.bookingDate, lang);
            const amount = formatMoney(r.amountCents, lang);
            return (
              <tr>
                <th scope="row">{date}</th>
                <td class="num">{amount}</td>
                <td>{r.debtorName ?? "—"}</td>
                <td>{r.ogm ? <code>{formatOgm(r.ogm)}</code> : r.remittance || "—"}</td>
                <td>{r.reason && REASON[r.reason] ? t(REASON[r.reason]!) : "—"}</td>
                <td>
                  <form method="post" action={`/coop/payments/entries/${encodeURIComponent(r.id)}/assign`} class="inline-form">
                    <TextField id={id} name="invoice_number" label={t("payments.assign.label", { date, amount })} hint={t("payments.assign.hint")} size={14} maxlength={40} required value={props.values[r.id] ?? ""} error={props.errors.find((e) => e.field === id)?.message} />
                    <button type="submit">{t("payments.assign.submit")}</button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function PaymentsPage(props: PageProps & { summary?: StatementSummary; queue: BankEntryRow[]; errors: PageFieldError[]; values?: Record<string, string>; notice?: MessageKey }) {
  const { t } = props;
  const title = t("payments.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop/invoices", label: t("billing.invoices.title") }]} lead={t("payments.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <ErrorSummary title={t("payments.error.summary")} items={props.errors.map((e) => ({ id: e.field, label: e.field === "statement" ? t("payments.upload.file") : t("payments.assign.submit"), message: e.message }))} />
      {props.summary ? <Summary t={t} summary={props.summary} /> : null}
      <form method="post" action="/coop/payments" enctype="multipart/form-data" class="form">
        <h2>{t("payments.upload.title")}</h2>
        <FileField id="statement" label={t("payments.upload.file")} hint={t("payments.upload.hint")} accept=".xml,application/xml,text/xml" required error={props.errors.find((e) => e.field === "statement")?.message} />
        <button type="submit">{t("payments.upload.submit")}</button>
      </form>
      <h2>{t("payments.queue.title")}</h2>
      <p class="hint">{t("payments.queue.lead")}</p>
      <Queue t={t} lang={props.lang} rows={props.queue} errors={props.errors} values={props.values ?? {}} />
    </Layout>
  );
}

const KIND: Record<CustomerLedger["lines"][number]["kind"], MessageKey> = {
  invoice: "ledger.kind.invoice",
  credit_note: "ledger.kind.credit_note",
  payment: "ledger.kind.payment",
  refund: "ledger.kind.refund",
};

export function LedgerPage(props: PageProps & { orgId: string; orgName: string; ledger: CustomerLedger; invoiceHref: (id: string) => string }) {
  const { t, lang, ledger } = props;
  const title = t("ledger.title", { org: props.orgName });
  const balance = ledger.balanceCents > 0 ? t("ledger.balance.owed", { amount: formatMoney(ledger.balanceCents, lang) }) : ledger.balanceCents < 0 ? t("ledger.balance.credit", { amount: formatMoney(-ledger.balanceCents, lang) }) : t("ledger.balance.zero");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(props.orgId)}/billing`, label: t("billing.org.title") }]} lead={t("ledger.lead")} />
      <p class="ledger-balance">
        <strong>{balance}</strong>
        {ledger.unallocatedCents > 0 ? <span class="hint"> · {t("ledger.unallocated", { amount: formatMoney(ledger.unallocatedCents, lang) })}</span> : null}
      </p>
      {ledger.lines.length ? (
        <div class="table-scroll" tabindex={0}>
          <table>
            <caption>{t("ledger.caption")}</caption>
            <TableHead cols={[t("ledger.col.date"), t("ledger.col.kind"), t("ledger.col.ref"), { label: t("ledger.col.amount"), num: true }, { label: t("ledger.col.balance"), num: true }]} />
            <tbody>
              {ledger.lines.map((l) => (
                <tr>
                  <th scope="row">{formatDay(l.date, lang)}</th>
                  <td>{t(KIND[l.kind])}</td>
                  <td>{l.ref}</td>
                  <td class="num">{formatMoney(l.amountCents, lang)}</td>
                  <td class="num">{formatMoney(l.balanceCents, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">{t("ledger.none")}</p>
      )}
      {ledger.invoices.length ? (
        <div class="table-scroll" tabindex={0}>
          <table>
            <caption>{t("ledger.invoices_caption")}</caption>
            <TableHead cols={[t("billing.col.number"), { label: t("billing.col.total"), num: true }, { label: t("billing.col.due"), num: true }, t("billing.col.status")]} />
            <tbody>
              {ledger.invoices.map((i) => (
                <tr>
                  <th scope="row">
                    <a href={props.invoiceHref(i.id)}>{i.number}</a>
                  </th>
                  <td class="num">{formatMoney(i.totalCents, lang)}</td>
                  <td class="num">{formatMoney(i.dueCents, lang)}</td>
                  <td>
                    {t(`billing.status.${i.status}` as MessageKey)}
                    {i.awaitingCents > 0 ? <span class="hint"> · {t("autodebit.ledger.awaiting", { amount: formatMoney(i.awaitingCents, lang) })}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Layout>
  );
}

/** The member's "Pay" button on an invoice with something due (only where Stripe is configured). */
export function PayButton(props: { t: T; lang: PageProps["lang"]; orgId: string; invoiceId: string; number: string; dueCents: number }) {
  const { t } = props;
  const amount = formatMoney(props.dueCents, props.lang);
  return (
    <div class="pay">
      <PostButton action={`/orgs/${encodeURIComponent(props.orgId)}/billing/${encodeURIComponent(props.invoiceId)}/pay`} text={t("pay.button", { amount })} label={t("pay.label", { number: props.number, amount })} />
      <p class="hint">{t("pay.hint")}</p>
    </div>
  );
}

/** "Manage payment methods": the Stripe Customer Portal. */
export function PaymentMethodsButton(props: { t: T; orgId: string }) {
  return (
    <div class="pay">
      <PostButton action={`/orgs/${encodeURIComponent(props.orgId)}/billing/payment-methods`} text={props.t("pay.methods")} secondary />
      <p class="hint">{props.t("pay.methods_hint")}</p>
    </div>
  );
}

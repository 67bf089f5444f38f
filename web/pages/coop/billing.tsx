// The cooperative's billing pages: its billing identity (/coop/settings), the invoices list with
// filters, the draft form (new and edit), an issued document with its credit-note form
// (/coop/invoices…), and a member organisation's own invoices (/orgs/:orgId/billing). Plain forms,
// no JavaScript; money and dates through Intl; tables scroll inside their box on a phone.
import type { BillingDocumentRow, DunningNoticeRow } from "../../../src/db/schema";
import type { DraftValues } from "../../../src/coop/invoices/form";
import { FORM_LINES, VAT_CHOICES } from "../../../src/coop/invoices/form";
import { UNIT_CODES } from "../../../src/coop/invoices/draft";
import { formatOgm } from "../../../src/coop/invoices/ogm";
import { settle } from "../../../src/coop/invoices/status";
import type { IssuerField, IssuerValues } from "../../../src/coop/settings/issuer";
import { ErrorSummary, SelectField, TextField, type Option } from "../../components/form";
import { formatDay, formatMoney, formatNumber } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { MessageKey, T } from "../../i18n";
import { ReminderHistory } from "./reminder-history";
import { BillingExportForm } from "./billing-export-form";
import { PayButton, PaymentMethodsButton } from "./payments";
import { AutoDebitPanel } from "./auto-debit";
import type { AutoDebitProfile } from "../../../src/coop/payments/autodebit.service";

const STATUS_KEY: Record<BillingDocumentRow["status"], MessageKey> = {
  draft: "billing.status.draft",
  open: "billing.status.open",
  partially_paid: "billing.status.partially_paid",
  paid: "billing.status.paid",
  overpaid: "billing.status.overpaid",
  credited: "billing.status.credited",
  issued: "billing.status.issued",
};

const ERROR_KEY: Record<string, MessageKey> = {
  required: "billing.error.required",
  too_long: "billing.error.too_long",
  enterprise_number: "billing.error.enterprise_number",
  postcode: "billing.error.postcode",
  country: "billing.error.country",
  vat_status: "billing.error.vat_status",
  iban: "billing.error.iban",
  bic: "billing.error.bic",
  terms: "billing.error.due_days",
  due_days: "billing.error.due_days",
  language: "billing.error.language",
  email: "billing.error.email",
  date: "billing.error.date",
  quantity: "billing.error.quantity",
  amount: "billing.error.amount",
  unit: "billing.error.unit",
  vat: "billing.error.vat",
};

/** A field error (a code from the form, or a service's English sentence) as a translated message. */
export function errorText(t: T, field: string, message: string): string {
  const byCode = ERROR_KEY[message];
  if (byCode) return t(byCode);
  if (/vat_category|vat_rate/.test(field)) return t("billing.error.vat");
  if (/quantity/.test(field)) return t("billing.error.quantity");
  if (/issue_date/.test(field)) return t("billing.error.issue_date");
  if (/^customer\./.test(field)) return t("billing.error.customer_profile");
  if (/^issuer\./.test(field)) return t("billing.error.issuer_profile");
  if (field === "organisation_id") return t("billing.error.organisation");
  return t("billing.error.field");
}

const fieldId = (field: string) => `f-${field.replaceAll(".", "-").replace(/-unit_price_cents$/, "-unit_price").replace(/-vat_(category|rate)$/, "-vat")}`;

function StatusBadge(props: { t: T; status: BillingDocumentRow["status"] }) {
  return <span class={`badge badge-${props.status}`}>{props.t(STATUS_KEY[props.status])}</span>;
}

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────
const SETTINGS_LABEL: Record<IssuerField, MessageKey> = {
  legal_name: "billing.settings.legal_name",
  enterprise_number: "billing.settings.enterprise_number",
  street: "billing.settings.street",
  postcode: "billing.settings.postcode",
  city: "billing.settings.city",
  country_code: "billing.settings.country_code",
  vat_status: "billing.settings.vat_status",
  iban: "billing.settings.iban",
  bic: "billing.settings.bic",
  payment_terms_days: "billing.settings.payment_terms_days",
  language: "billing.settings.language",
  email: "billing.settings.email",
};

export function CoopSettingsPage(props: PageProps & { values: IssuerValues; errors: Partial<Record<IssuerField, string>>; notice?: MessageKey; set: boolean }) {
  const { t } = props;
  const title = t("billing.settings.title");
  const err = (f: IssuerField) => (props.errors[f] ? t(ERROR_KEY[props.errors[f]!] ?? "billing.error.field") : undefined);
  const field = (f: IssuerField, extra: Record<string, unknown> = {}) => <TextField id={f} label={t(SETTINGS_LABEL[f])} value={props.values[f]} error={err(f)} {...extra} />;
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop/invoices", label: t("billing.invoices.title") }]} lead={t("billing.settings.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      {!props.set ? <Notice text={t("billing.settings.not_set")} /> : null}
      <ErrorSummary title={t("billing.error.summary")} items={(Object.keys(props.errors) as IssuerField[]).map((f) => ({ id: f, label: t(SETTINGS_LABEL[f]), message: err(f) }))} />
      <form method="post" action="/coop/settings" class="form">
        {field("legal_name", { required: true, autocomplete: "organization" })}
        {field("enterprise_number", { required: true, hint: t("billing.settings.enterprise_number_hint") })}
        {field("street", { required: true, autocomplete: "street-address" })}
        {field("postcode", { required: true, autocomplete: "postal-code", size: 6 })}
        {field("city", { required: true })}
        <SelectField id="country_code" label={t(SETTINGS_LABEL.country_code)} value={props.values.country_code || "BE"} options={[{ value: "BE", label: "Belgique / België / Belgium" }]} error={err("country_code")} />
        <SelectField
          id="vat_status"
          label={t(SETTINGS_LABEL.vat_status)}
          required
          value={props.values.vat_status}
          error={err("vat_status")}
          hint={t("billing.settings.vat_status_hint")}
          options={[
            { value: "", label: t("billing.settings.choose") },
            { value: "registered", label: t("billing.settings.vat_registered") },
            { value: "franchise", label: t("billing.settings.vat_franchise") },
          ]}
        />
        {field("iban", { required: true, hint: "BE68 5390 0754 7034" })}
        {field("bic", { required: true, hint: "GKCCBEBB", size: 12 })}
        {field("payment_terms_days", { type: "number", min: 0, max: 120, size: 5 })}
        <SelectField id="language" label={t(SETTINGS_LABEL.language)} value={props.values.language} error={err("language")} options={[{ value: "fr", label: "Français" }, { value: "nl", label: "Nederlands" }, { value: "en", label: "English" }]} />
        {field("email", { type: "email", autocomplete: "email" })}
        <button type="submit">{t("billing.settings.save")}</button>
      </form>
    </Layout>
  );
}

// ── Invoices ─────────────────────────────────────────────────────────────────────────────────────
export interface Filters {
  organisation_id?: string;
  status?: string;
  from?: string;
  to?: string;
}

function DocumentTable(props: { t: T; lang: PageProps["lang"]; rows: BillingDocumentRow[]; orgNames?: Map<string, string>; href: (r: BillingDocumentRow) => string | null; caption: string }) {
  const { t, lang } = props;
  return (
    <div class="table-scroll" tabindex={0}>
      <table>
        <caption>{props.caption}</caption>
        <TableHead cols={[t("billing.col.number"), props.orgNames ? t("billing.col.customer") : null, t("billing.col.date"), t("billing.col.due_date"), { label: t("billing.col.total"), num: true }, { label: t("billing.col.due"), num: true }, t("billing.col.status")]} />
        <tbody>
          {props.rows.map((r) => {
            const href = props.href(r);
            const label = r.number ?? t("billing.draft_label");
            const { dueCents } = settle({ type: r.type, issued: r.status !== "draft", totalCents: r.totalCents, creditedCents: r.creditedCents, paidCents: r.paidCents });
            return (
              <tr>
                <th scope="row">
                  {href ? <a href={href}>{label}</a> : label}
                  {r.type === "credit_note" ? <span class="hint"> · {t("billing.credit_note")}</span> : null}
                </th>
                {props.orgNames ? <td>{props.orgNames.get(r.orgId) ?? r.orgId}</td> : null}
                <td>{r.issueDate ? formatDay(r.issueDate, lang) : "—"}</td>
                <td>{r.dueDate ? formatDay(r.dueDate, lang) : "—"}</td>
                <td class="num">{formatMoney(r.totalCents, lang)}</td>
                <td class="num">{formatMoney(dueCents, lang)}</td>
                <td>
                  <StatusBadge t={t} status={r.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function InvoiceListPage(props: PageProps & { rows: BillingDocumentRow[]; customers: Option[]; orgNames: Map<string, string>; filters: Filters; notice?: MessageKey }) {
  const { t } = props;
  const title = t("billing.invoices.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} lead={t("billing.invoices.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <p>
        <a class="button" href="/coop/invoices/new">
          {t("billing.invoices.new")}
        </a>{" "}
        <a href="/coop/settings">{t("billing.settings.title")}</a> · <a href="/coop/payments">{t("payments.title")}</a>
      </p>
      <form method="get" action="/coop/invoices" class="filters">
        <SelectField id="organisation_id" label={t("billing.col.customer")} value={props.filters.organisation_id ?? ""} options={[{ value: "", label: t("billing.filter.all") }, ...props.customers]} />
        <SelectField
          id="status"
          label={t("billing.col.status")}
          value={props.filters.status ?? ""}
          options={[{ value: "", label: t("billing.filter.all") }, ...(Object.keys(STATUS_KEY) as BillingDocumentRow["status"][]).map((s) => ({ value: s, label: t(STATUS_KEY[s]) }))]}
        />
        <TextField id="from" type="date" label={t("billing.filter.from")} value={props.filters.from ?? ""} />
        <TextField id="to" type="date" label={t("billing.filter.to")} value={props.filters.to ?? ""} />
        <button type="submit">{t("billing.filter.apply")}</button>
      </form>
      <BillingExportForm t={t} />
      {props.rows.length ? (
        <DocumentTable t={t} lang={props.lang} rows={props.rows} orgNames={props.orgNames} href={(r) => `/coop/invoices/${encodeURIComponent(r.id)}`} caption={t("billing.invoices.caption")} />
      ) : (
        <p class="empty">{t("billing.invoices.none")}</p>
      )}
    </Layout>
  );
}

export function DraftFormPage(props: PageProps & { id?: string; values: DraftValues; customers: Option[]; errors: { field: string; message: string }[] }) {
  const { t } = props;
  const title = props.id ? t("billing.draft.edit_title") : t("billing.draft.new_title");
  const errorOf = (field: string) => {
    const e = props.errors.find((x) => x.field === field || (field.endsWith(".unit_price") && x.field === field.replace(/unit_price$/, "unit_price_cents")) || (field.endsWith(".vat") && /\.vat_(category|rate)$/.test(x.field) && x.field.startsWith(field.slice(0, -3))));
    return e ? errorText(t, e.field, e.message) : undefined;
  };
  const lineLabel = (i: number, key: MessageKey) => `${t("billing.draft.line", { n: i + 1 })} — ${t(key)}`;
  const unitOptions: Option[] = [{ value: "", label: t("billing.unit.C62") }, ...UNIT_CODES.filter((u) => u !== "C62").map((u) => ({ value: u, label: t(`billing.unit.${u}` as MessageKey) }))];
  const vatOptions: Option[] = VAT_CHOICES.map((v) => ({ value: v, label: t(`billing.vat.${v || "default"}` as MessageKey) }));
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop/invoices", label: t("billing.invoices.title") }]} lead={t("billing.draft.lead")} />
      <ErrorSummary title={t("billing.error.summary")} items={props.errors.map((e) => ({ id: e.field.startsWith("lines.") || e.field.includes("_") ? fieldId(e.field) : undefined, label: e.field, message: errorText(t, e.field, e.message) }))} />
      <form method="post" action={props.id ? `/coop/invoices/${encodeURIComponent(props.id)}` : "/coop/invoices"} class="form">
        <SelectField id="f-organisation_id" name="organisation_id" required label={t("billing.col.customer")} value={props.values.organisation_id} error={errorOf("organisation_id")} options={[{ value: "", label: t("billing.settings.choose") }, ...props.customers]} />
        <TextField id="f-issue_date" name="issue_date" type="date" label={t("billing.draft.issue_date")} hint={t("billing.draft.issue_date_hint")} value={props.values.issue_date} error={errorOf("issue_date")} />
        <TextField id="f-due_days" name="due_days" type="number" min={0} max={120} size={5} label={t("billing.draft.due_days")} hint={t("billing.draft.due_days_hint")} value={props.values.due_days} error={errorOf("due_days")} />
        {Array.from({ length: FORM_LINES }, (_, i) => {
          const v = props.values.lines[i]!;
          const id = (f: string) => `f-lines-${i}-${f}`;
          return (
            <fieldset class="invoice-line">
              <legend>{t("billing.draft.line", { n: i + 1 })}</legend>
              <TextField id={id("description")} name={`lines.${i}.description`} label={lineLabel(i, "billing.col.description")} value={v.description} maxlength={500} error={errorOf(`lines.${i}.description`)} />
              <TextField id={id("quantity")} name={`lines.${i}.quantity`} label={lineLabel(i, "billing.col.quantity")} inputmode="decimal" size={8} value={v.quantity} error={errorOf(`lines.${i}.quantity`)} />
              <SelectField id={id("unit")} name={`lines.${i}.unit`} label={lineLabel(i, "billing.col.unit")} value={v.unit === "C62" ? "" : v.unit} options={unitOptions} error={errorOf(`lines.${i}.unit`)} />
              <TextField id={id("unit_price")} name={`lines.${i}.unit_price`} label={lineLabel(i, "billing.col.unit_price")} hint={t("billing.draft.unit_price_hint")} inputmode="decimal" size={10} value={v.unit_price} error={errorOf(`lines.${i}.unit_price`)} />
              <SelectField id={id("vat")} name={`lines.${i}.vat`} label={lineLabel(i, "billing.col.vat")} value={v.vat} options={vatOptions} error={errorOf(`lines.${i}.vat`)} />
            </fieldset>
          );
        })}
        <button type="submit">{t("billing.draft.save")}</button>
      </form>
    </Layout>
  );
}

function DocumentBody(props: { t: T; lang: PageProps["lang"]; row: BillingDocumentRow; customerName: string }) {
  const { t, lang, row } = props;
  const { dueCents } = settle({ type: row.type, issued: row.status !== "draft", totalCents: row.totalCents, creditedCents: row.creditedCents, paidCents: row.paidCents });
  return (
    <>
      <dl class="facts">
        <dt>{t("billing.col.customer")}</dt>
        <dd>{props.customerName}</dd>
        <dt>{t("billing.col.status")}</dt>
        <dd>
          <StatusBadge t={t} status={row.status} />
        </dd>
        {row.issueDate ? (
          <>
            <dt>{t("billing.col.date")}</dt>
            <dd>{formatDay(row.issueDate, lang)}</dd>
          </>
        ) : null}
        {row.dueDate ? (
          <>
            <dt>{t("billing.col.due_date")}</dt>
            <dd>{formatDay(row.dueDate, lang)}</dd>
          </>
        ) : null}
        {row.ogm ? (
          <>
            <dt>{t("billing.ogm")}</dt>
            <dd>
              <code>{formatOgm(row.ogm)}</code>
            </dd>
          </>
        ) : null}
        <dt>{t("billing.col.due")}</dt>
        <dd>{formatMoney(dueCents, lang)}</dd>
      </dl>
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption>{t("billing.lines_caption")}</caption>
          <TableHead cols={["#", t("billing.col.description"), { label: t("billing.col.quantity"), num: true }, { label: t("billing.col.unit_price"), num: true }, t("billing.col.vat"), { label: t("billing.col.net"), num: true }]} />
          <tbody>
            {row.lines.map((l) => (
              <tr>
                <td>{l.position}</td>
                <th scope="row">{l.description}</th>
                <td class="num">{formatNumber(l.quantity, lang)}</td>
                <td class="num">{formatMoney(l.unitPriceCents, lang)}</td>
                <td>{l.vatCategory === "S" ? `${l.vatRatePercent} %` : l.vatCategory}</td>
                <td class="num">{formatMoney(l.netCents, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption>{t("billing.vat_caption")}</caption>
          <TableHead cols={[t("billing.col.vat"), { label: t("billing.col.taxable"), num: true }, { label: t("billing.col.vat_amount"), num: true }]} />
          <tbody>
            {row.vat.map((v) => (
              <tr>
                <th scope="row">
                  {v.category === "S" ? `${v.ratePercent} %` : v.category}
                  {v.exemptionReason ? <span class="hint"> — {v.exemptionReason}</span> : null}
                </th>
                <td class="num">{formatMoney(v.taxableCents, lang)}</td>
                <td class="num">{formatMoney(v.vatCents, lang)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("billing.col.total")}</th>
              <td class="num">{formatMoney(row.netCents, lang)}</td>
              <td class="num">
                {formatMoney(row.vatCents, lang)} → <strong>{formatMoney(row.totalCents, lang)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {row.notes.length ? (
        <ul class="legal-notes">
          {row.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function InvoicePage(props: PageProps & { row: BillingDocumentRow; customerName: string; notice?: MessageKey; errors?: { field: string; message: string }[]; remaining?: Map<number, number>; reminders?: DunningNoticeRow[] }) {
  const { t, row } = props;
  const title = row.number ? `${row.type === "credit_note" ? t("billing.credit_note") : t("billing.invoice")} ${row.number}` : t("billing.draft_label");
  const errors = props.errors ?? [];
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop/invoices", label: t("billing.invoices.title") }]} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <ErrorSummary title={t("billing.error.summary")} items={errors.map((e) => ({ label: e.field, message: errorText(t, e.field, e.message) }))} />
      {row.status !== "draft" ? (
        <p>
          <a href={`/orgs/${encodeURIComponent(row.orgId)}/billing/${encodeURIComponent(row.id)}`}>{t("billing.document.view")}</a> ·{" "}
          <a href={`/api/v1/invoices/${encodeURIComponent(row.id)}/pdf`}>{t("billing.document.pdf")}</a> · <a href={`/api/v1/invoices/${encodeURIComponent(row.id)}/ubl`}>{t("billing.document.ubl")}</a> ·{" "}
          <a href={`/orgs/${encodeURIComponent(row.orgId)}/billing/ledger`}>{t("ledger.link")}</a>
        </p>
      ) : null}
      <DocumentBody t={t} lang={props.lang} row={row} customerName={props.customerName} />
      <ReminderHistory t={t} lang={props.lang} notices={props.reminders ?? []} />
      {row.status === "draft" ? (
        <div class="actions">
          <p>
            <a href={`/coop/invoices/${encodeURIComponent(row.id)}/edit`}>{t("billing.draft.edit_title")}</a>
          </p>
          <form method="post" action={`/coop/invoices/${encodeURIComponent(row.id)}/issue`}>
            <p class="hint">{t("billing.issue_hint")}</p>
            <button type="submit">{t("billing.issue")}</button>
          </form>
        </div>
      ) : null}
      {row.type === "invoice" && row.status !== "draft" && row.status !== "credited" && props.remaining ? (
        <form method="post" action={`/coop/invoices/${encodeURIComponent(row.id)}/credit-note`} class="form">
          <h2>{t("billing.credit.title")}</h2>
          <p class="hint">{t("billing.credit.lead")}</p>
          {row.lines.map((l) => (
            <TextField
              id={`credit-${l.position}`}
              name={`credit.${l.position}`}
              label={t("billing.credit.line", { n: l.position, description: l.description })}
              hint={t("billing.credit.remaining", { n: formatNumber(props.remaining!.get(l.position) ?? 0, props.lang) })}
              inputmode="decimal"
              size={8}
              value=""
            />
          ))}
          <button type="submit">{t("billing.credit.submit")}</button>
        </form>
      ) : null}
      {row.type === "invoice" && row.status !== "draft" && row.status !== "credited" && props.remaining ? (
        <form method="post" action={`/coop/invoices/${encodeURIComponent(row.id)}/credit-note`}>
          <input type="hidden" name="whole" value="1" />
          <button type="submit">{t("billing.credit.whole")}</button>
        </form>
      ) : null}
    </Layout>
  );
}

/** `payable`: what each document could be paid online now, when the viewer may pay (Stripe configured, owner or admin). */
export function OrgBillingPage(props: PageProps & { orgId: string; orgName: string; rows: BillingDocumentRow[]; payable?: Map<string, number>; autoDebit?: AutoDebitProfile | null; notice?: MessageKey }) {
  const { t } = props;
  const title = t("billing.org.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(props.orgId)}`, label: props.orgName }]} lead={t("billing.org.lead")} />
      <p>
        <a href={`/orgs/${encodeURIComponent(props.orgId)}/billing/ledger`}>{t("ledger.link")}</a>
      </p>
      <Notice text={props.notice ? t(props.notice) : undefined} />
      {props.payable ? <PaymentMethodsButton t={t} orgId={props.orgId} /> : null}
      {props.payable ? <AutoDebitPanel t={t} lang={props.lang} orgId={props.orgId} profile={props.autoDebit ?? null} /> : null}
      {props.rows.length ? (
        <>
          <DocumentTable t={t} lang={props.lang} rows={props.rows} href={(r) => `/orgs/${encodeURIComponent(props.orgId)}/billing/${encodeURIComponent(r.id)}`} caption={t("billing.invoices.caption")} />
          {props.rows.map((r) => (
            <section class="billing-document" aria-labelledby={`doc-${r.id}`}>
              <h2 id={`doc-${r.id}`}>
                {r.type === "credit_note" ? t("billing.credit_note") : t("billing.invoice")} {r.number}
              </h2>
              <DocumentBody t={t} lang={props.lang} row={r} customerName={r.customer?.legalName ?? props.orgName} />
              {props.payable?.get(r.id) ? <PayButton t={t} lang={props.lang} orgId={props.orgId} invoiceId={r.id} number={r.number ?? ""} dueCents={props.payable.get(r.id)!} /> : null}
            </section>
          ))}
        </>
      ) : (
        <p class="empty">{t("billing.org.none")}</p>
      )}
    </Layout>
  );
}

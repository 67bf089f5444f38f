// The cooperative's billing pages: /coop/settings (its billing identity), /coop/invoices (list with
// filters, new draft, edit, issue, credit note) for coop_admins, and /orgs/:orgId/billing where a
// member organisation's owners and admins read their own documents. Every POST is same-origin only
// and answers 303 → GET with a notice; a wrong field comes back (400/409) next to that field.
import { asc, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { InvoiceDocumentPage } from "../../web/pages/coop/billing-document-page";
import { noticesOf } from "./payments/notices";
import { CoopSettingsPage, DraftFormPage, InvoiceListPage, InvoicePage, OrgBillingPage, type Filters } from "../../web/pages/coop/billing";
import { pageProps } from "../../web/components/page-props";
import { sameOriginForms } from "../accounts/csrf";
import { allow, caller, orgParam } from "../accounts/guard";
import { decide } from "../accounts/policy";
import { findOrg } from "../accounts/orgs/repository";
import { organisations } from "../db/schema";
import type { AppEnv } from "../env";
import { isCalendarDay } from "../lib/days";
import { flashes } from "../lib/flash";
import { formText } from "../lib/form";
import { AppError, PageError } from "../lib/problem";
import { readDraftForm, rowField, valuesOfLines, type DraftValues } from "./invoices/form";
import { creditNotesOf, findDocument, issuedModel, listDocuments } from "./invoices/repository";
import { creditInvoice, createDraft, issueInvoice, updateDraft } from "./invoices/service";
import { DOCUMENT_STATUSES, type DocumentStatus } from "./invoices/status";
import { checkIssuer, type IssuerField } from "./settings/issuer";
import { issuerValues, saveIssuer } from "./settings/service";
import { stripeConfigured } from "./payments/checkout.service";
import { autoDebitFlash, autoDebitOf } from "./payments/autodebit.service";
import { settle } from "./invoices/status";

export const billingPages = new Hono<AppEnv>();
billingPages.use("/coop/*", sameOriginForms);

type C = Context<AppEnv>;
const flash = flashes("billing.notice", ["saved", "draft_saved", "issued", "credited"]);
const manage = allow("billing.manage");
const paying = flashes("pay.notice", ["paying"]);

/** Whether this viewer may pay this organisation's invoices online here: Stripe configured, and an owner or admin of it. */
const canPay = (c: C, orgId: string) => stripeConfigured(c.var.ctx) && decide(caller(c), "billing.pay", { orgId }) === "allow";

/** What the member could pay online now (0: nothing, or a credit note): an invoice or a capital call. */
const payableCents = (r: { type: "invoice" | "credit_note" | "share_call"; status: string; totalCents: number; creditedCents: number; paidCents: number }) =>
  r.type !== "credit_note" && r.status !== "draft" ? settle({ type: r.type, issued: true, totalCents: r.totalCents, creditedCents: r.creditedCents, paidCents: r.paidCents }).dueCents : 0;

async function customers(c: C) {
  const rows = await c.var.db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.kind, "member")).orderBy(asc(organisations.name)).limit(1000);
  return rows.map((r) => ({ value: r.id, label: r.name }));
}

async function documentOf(c: C) {
  const row = await findDocument(c.var.db, c.req.param("id") ?? "");
  if (!row) throw new PageError("NOT_FOUND", `No invoice ${c.req.param("id")}`, "billing.error.not_found");
  return row;
}

async function customerName(c: C, orgId: string) {
  return (await findOrg(c.var.db, orgId))?.name ?? orgId;
}

/** A service's refusal naming fields → the form again with them; anything else goes on to the error page. */
function fieldsOf(err: unknown): { status: 400 | 409; errors: { field: string; message: string }[] } | null {
  if (err instanceof AppError && err.errors?.length && (err.status === 400 || err.status === 409)) return { status: err.status, errors: err.errors };
  return null;
}

// Access: coop_admin (billing.manage).
billingPages.get("/coop/settings", manage, async (c) => {
  const { values, set } = await issuerValues(c.var.ctx);
  return c.html(<CoopSettingsPage {...pageProps(c)} values={values} errors={{}} set={set} notice={flash.read(c)} />);
});

// Access: coop_admin (billing.manage). Saves the identity; a wrong field: 400 with the form again.
billingPages.post("/coop/settings", manage, async (c) => {
  const body = await c.req.parseBody();
  const checked = checkIssuer(Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formText(v, 400)])));
  if (!checked.ok) {
    const errors = Object.fromEntries(checked.errors.map((e) => [e.field, e.code])) as Partial<Record<IssuerField, string>>;
    return c.html(<CoopSettingsPage {...pageProps(c)} values={checked.values} errors={errors} set={(await issuerValues(c.var.ctx)).set} />, 400);
  }
  await saveIssuer(c.var.ctx, checked.input);
  return c.redirect(flash.to("/coop/settings", "saved"), 303);
});

// Access: coop_admin (billing.manage). Filters by customer, status and issue dates (a GET form).
billingPages.get("/coop/invoices", manage, async (c) => {
  const q = c.req.query();
  const filters: Filters = {
    organisation_id: q.organisation_id || undefined,
    status: (DOCUMENT_STATUSES as readonly string[]).includes(q.status ?? "") ? q.status : undefined,
    from: q.from && isCalendarDay(q.from) ? q.from : undefined,
    to: q.to && isCalendarDay(q.to) ? q.to : undefined,
  };
  const rows = await listDocuments(c.var.db, { orgId: filters.organisation_id, status: filters.status as DocumentStatus | undefined, from: filters.from, to: filters.to });
  const list = await customers(c);
  return c.html(<InvoiceListPage {...pageProps(c)} rows={rows} customers={list} orgNames={new Map(list.map((o) => [o.value, o.label]))} filters={filters} notice={flash.read(c)} />);
});

const emptyDraft = (orgId = ""): DraftValues => ({ organisation_id: orgId, issue_date: "", due_days: "", lines: valuesOfLines([]) });

// Access: coop_admin (billing.manage). `?organisation_id=` preselects the customer.
billingPages.get("/coop/invoices/new", manage, async (c) => c.html(<DraftFormPage {...pageProps(c)} values={emptyDraft(c.req.query("organisation_id") ?? "")} customers={await customers(c)} errors={[]} />));

async function saveDraft(c: C, id?: string) {
  const form = readDraftForm(await c.req.parseBody());
  if (!form.ok) return c.html(<DraftFormPage {...pageProps(c)} id={id} values={form.values} customers={await customers(c)} errors={form.errors} />, 400);
  try {
    const row = id ? await updateDraft(c.var.ctx, id, form.input) : await createDraft(c.var.ctx, form.input);
    return c.redirect(flash.to(`/coop/invoices/${encodeURIComponent(row.id)}`, "draft_saved"), 303);
  } catch (err) {
    const refused = fieldsOf(err);
    if (!refused) throw err;
    const errors = refused.errors.map((e) => ({ ...e, field: rowField(e.field, form.rows) }));
    return c.html(<DraftFormPage {...pageProps(c)} id={id} values={form.values} customers={await customers(c)} errors={errors} />, refused.status);
  }
}

// Access: coop_admin (billing.manage). Creates a draft (no number).
billingPages.post("/coop/invoices", manage, (c) => saveDraft(c));

// Access: coop_admin (billing.manage). A draft (with issue and edit), or an issued document (with the credit-note form).
billingPages.get("/coop/invoices/:id", manage, async (c) => {
  const row = await documentOf(c);
  const remaining = row.type === "invoice" && row.status !== "draft" ? await remainingOf(c, row.id, row.lines) : undefined;
  return c.html(<InvoicePage {...pageProps(c)} row={row} customerName={row.customer?.legalName ?? (await customerName(c, row.orgId))} notice={flash.read(c)} remaining={remaining} reminders={await noticesOf(c.var.db, row.id)} />);
});

async function remainingOf(c: C, id: string, lines: { position: number; quantity: number }[]) {
  const credited = (await creditNotesOf(c.var.db, id)).flatMap((n) => n.lines);
  return new Map(lines.map((l) => [l.position, (Math.round(l.quantity * 10_000) - credited.filter((x) => x.correctsLine === l.position).reduce((s, x) => s + Math.round(x.quantity * 10_000), 0)) / 10_000]));
}

// Access: coop_admin (billing.manage). The draft form filled; an issued document is never edited (409).
billingPages.get("/coop/invoices/:id/edit", manage, async (c) => {
  const row = await documentOf(c);
  if (row.status !== "draft") throw new PageError("CONFLICT", "An issued document is never edited", "billing.error.issued");
  const values: DraftValues = { organisation_id: row.orgId, issue_date: row.issueDate ?? "", due_days: row.dueDays === null ? "" : String(row.dueDays), lines: valuesOfLines(row.lines) };
  return c.html(<DraftFormPage {...pageProps(c)} id={row.id} values={values} customers={await customers(c)} errors={[]} />);
});

// Access: coop_admin (billing.manage). Saves a draft's edit; an issued document: 409.
billingPages.post("/coop/invoices/:id", manage, async (c) => {
  const row = await documentOf(c);
  if (row.status !== "draft") throw new PageError("CONFLICT", "An issued document is never edited", "billing.error.issued");
  return saveDraft(c, row.id);
});

// Access: coop_admin (billing.manage). Issues the draft; a refusal (date, missing mention) comes back on its page.
billingPages.post("/coop/invoices/:id/issue", manage, async (c) => {
  const row = await documentOf(c);
  try {
    await issueInvoice(c.var.ctx, row.id);
  } catch (err) {
    const refused = fieldsOf(err);
    if (!refused) throw err;
    return c.html(<InvoicePage {...pageProps(c)} row={row} customerName={await customerName(c, row.orgId)} errors={refused.errors} />, refused.status);
  }
  return c.redirect(flash.to(`/coop/invoices/${encodeURIComponent(row.id)}`, "issued"), 303);
});

// Access: coop_admin (billing.manage). `whole=1` credits what remains of every line; else the quantities typed per line.
billingPages.post("/coop/invoices/:id/credit-note", manage, async (c) => {
  const row = await documentOf(c);
  const body = await c.req.parseBody();
  const whole = formText(body.whole, 5) === "1";
  const lines = whole
    ? undefined
    : row.lines.flatMap((l) => {
        const typed = formText(body[`credit.${l.position}`], 20).trim().replace(",", ".");
        return typed ? [{ line: l.position, quantity: Number(typed) }] : [];
      });
  try {
    if (lines && lines.length === 0) throw new AppError("VALIDATION_FAILED", "Nothing to credit", [{ field: "lines", message: "quantity" }]);
    const note = await creditInvoice(c.var.ctx, row.id, { lines });
    return c.redirect(flash.to(`/coop/invoices/${encodeURIComponent(note.id)}`, "credited"), 303);
  } catch (err) {
    const refused = fieldsOf(err);
    if (!refused) throw err;
    return c.html(<InvoicePage {...pageProps(c)} row={row} customerName={row.customer?.legalName ?? row.orgId} errors={refused.errors} remaining={await remainingOf(c, row.id, row.lines)} />, refused.status);
  }
});

// Access: owners and admins of the organisation, and coop_admins (billing.read). Issued documents only;
// owners and admins also get "Pay" on what is due, "Manage payment methods" and the automatic-debit
// panel (saved mandate, consent, stop) where Stripe is configured.
billingPages.get("/orgs/:orgId/billing", allow("billing.read", orgParam), async (c) => {
  const org = await findOrg(c.var.db, c.req.param("orgId"));
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${c.req.param("orgId")}`, "orgs.error.not_found");
  const rows = (await listDocuments(c.var.db, { orgId: org.id })).filter((r) => r.status !== "draft");
  const payable = canPay(c, org.id) ? new Map(rows.map((r) => [r.id, payableCents(r)])) : undefined;
  const autoDebit = payable ? await autoDebitOf(c.var.db, org.id) : null;
  return c.html(<OrgBillingPage {...pageProps(c)} orgId={org.id} orgName={org.name} rows={rows} payable={payable} autoDebit={autoDebit} notice={autoDebitFlash.read(c)} />);
});

// Access: owners and admins of the organisation, and coop_admins (billing.read). The issued document
// as HTML (the same view the PDF follows), with links to its PDF and UBL; a draft or another
// organisation's document is not found.
billingPages.get("/orgs/:orgId/billing/:id", allow("billing.read", orgParam), async (c) => {
  const row = await findDocument(c.var.db, c.req.param("id"));
  if (!row || row.orgId !== c.req.param("orgId") || row.status === "draft") throw new PageError("NOT_FOUND", `No invoice ${c.req.param("id")}`, "billing.error.not_found");
  const due = canPay(c, row.orgId) ? payableCents(row) : 0;
  return c.html(<InvoiceDocumentPage {...pageProps(c)} orgId={row.orgId} doc={await issuedModel(c.var.db, row)} reminders={await noticesOf(c.var.db, row.id)} dueCents={due} notice={paying.read(c)} />);
});

// Payment pages. /coop/payments (coop_admins): upload a CAMT.053 statement (multipart, no
// JavaScript) and see the figures it produced, and the queue of lines no invoice took, each with a
// form to give it to an invoice by number. /orgs/:orgId/billing/ledger (the organisation's owners
// and admins, coop_admins): the customer's account. The member's "Pay" and "Manage payment
// methods" buttons POST here and are sent on to Stripe (303); so do "turn on" / "stop" automatic
// debit of later invoices (back to /orgs/:orgId/billing with a notice). Thin: the services do the work.
import { and, eq, inArray } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { LedgerPage, PaymentsPage, assignFieldId, type PageFieldError } from "../../../web/pages/coop/payments";
import { pageProps } from "../../../web/components/page-props";
import { sameOriginForms } from "../../accounts/csrf";
import { allow, orgParam } from "../../accounts/guard";
import { findOrg } from "../../accounts/orgs/repository";
import { bankStatements, billingDocuments } from "../../db/schema";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { formText } from "../../lib/form";
import { AppError, PageError } from "../../lib/problem";
import type { MessageKey } from "../../../web/i18n";
import { CamtError } from "./camt";
import { autoDebitFlash, enableAutoDebit, stopAutoDebit } from "./autodebit.service";
import { openCheckout, openPortal } from "./checkout.service";
import { ledgerOf } from "./ledger.service";
import { assignEntry, importStatement, unmatchedEntries, type StatementSummary } from "./service";

export const paymentPages = new Hono<AppEnv>();
paymentPages.use("/coop/payments", sameOriginForms);
paymentPages.use("/coop/payments/*", sameOriginForms);
paymentPages.use("/orgs/:orgId/billing/*", sameOriginForms);

type C = Context<AppEnv>;
const flash = flashes("payments.notice", ["assigned"]);
const manage = allow("billing.manage");
const pay = allow("billing.pay", orgParam);
const MAX_BYTES = 10 * 1024 * 1024;

/** The figures of the uploads named in `?uploads=` (one file may hold several statements), summed. */
async function summaryOf(c: C): Promise<StatementSummary | undefined> {
  const ids = (c.req.query("uploads") ?? "").split(",").filter((id) => /^bst_[\w-]{1,64}$/.test(id)).slice(0, 20);
  if (!ids.length) return undefined;
  const rows = await c.var.db.select().from(bankStatements).where(inArray(bankStatements.id, ids));
  if (!rows.length) return undefined;
  const sum = (k: keyof StatementSummary) => rows.reduce((s, r) => s + r[k], 0);
  return { entries: sum("entries"), matched: sum("matched"), partial: sum("partial"), unmatched: sum("unmatched"), duplicates: sum("duplicates") };
}

async function page(c: C, opts: { errors?: PageFieldError[]; values?: Record<string, string>; status?: 200 | 400 | 409 | 413; summary?: StatementSummary } = {}) {
  const queue = await unmatchedEntries(c.var.db);
  return c.html(<PaymentsPage {...pageProps(c)} summary={opts.summary ?? (await summaryOf(c))} queue={queue} errors={opts.errors ?? []} values={opts.values} notice={flash.read(c)} />, opts.status ?? 200);
}

// Access: coop_admin (billing.manage). The upload form, the last upload's figures (`?uploads=`) and the queue.
paymentPages.get("/coop/payments", manage, (c) => page(c));

const tooLarge = bodyLimit({ maxSize: MAX_BYTES + 64 * 1024, onError: (c) => page(c as C, { status: 413, errors: [{ field: "statement", message: pageProps(c as C).t("payments.error.file_too_large") }] }) });

// Access: coop_admin (billing.manage). A CAMT.053 file (multipart field `statement`) → 303 to the figures; a bad file: 400 naming the field.
paymentPages.post("/coop/payments", manage, tooLarge, async (c) => {
  const { t } = pageProps(c);
  const file = (await c.req.parseBody()).statement;
  if (!(file instanceof File) || file.size === 0) return page(c, { status: 400, errors: [{ field: "statement", message: t("payments.error.file_missing") }] });
  if (file.size > MAX_BYTES) return page(c, { status: 413, errors: [{ field: "statement", message: t("payments.error.file_too_large") }] });
  try {
    const r = await importStatement(c.var.ctx, await file.text());
    return c.redirect(`/coop/payments?uploads=${r.uploads.map(encodeURIComponent).join(",")}`, 303);
  } catch (err) {
    if (err instanceof CamtError) return page(c, { status: 400, errors: [{ field: "statement", message: t("payments.error.camt", { path: err.path }) }] });
    if (err instanceof AppError && err.status === 409) return page(c, { status: 409, errors: [{ field: "statement", message: t("payments.error.busy") }] });
    throw err;
  }
});

// Access: coop_admin (billing.manage). Gives a queued line to the issued invoice with this number; a wrong number: 400 next to the line's field.
paymentPages.post("/coop/payments/entries/:id/assign", manage, async (c) => {
  const { t } = pageProps(c);
  const entryId = c.req.param("id");
  const number = formText((await c.req.parseBody()).invoice_number, 40).trim().toUpperCase();
  const field = assignFieldId(entryId);
  const refuse = (key: MessageKey, status: 400 | 409) => page(c, { status, errors: [{ field, message: t(key) }], values: { [entryId]: number } });
  const [invoice] = number ? await c.var.db.select({ id: billingDocuments.id }).from(billingDocuments).where(and(eq(billingDocuments.number, number), eq(billingDocuments.type, "invoice"))).limit(1) : [];
  if (!invoice) return refuse("payments.error.invoice_unknown", 400);
  try {
    await assignEntry(c.var.ctx, entryId, invoice.id);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw new PageError("NOT_FOUND", `No bank line ${entryId}`, "billing.error.not_found");
    if (err instanceof AppError && err.status === 409) return refuse("payments.error.already_booked", 409);
    if (err instanceof AppError && err.status === 400) return refuse("payments.error.invoice_unknown", 400);
    throw err;
  }
  return c.redirect(flash.to("/coop/payments", "assigned"), 303);
});

// Access: owners and admins of the organisation, and coop_admins (billing.read). Registered before /orgs/:orgId/billing/:id.
paymentPages.get("/orgs/:orgId/billing/ledger", allow("billing.read", orgParam), async (c) => {
  const org = await findOrg(c.var.db, c.req.param("orgId"));
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${c.req.param("orgId")}`, "orgs.error.not_found");
  const ledger = await ledgerOf(c.var.db, org.id);
  return c.html(<LedgerPage {...pageProps(c)} orgId={org.id} orgName={org.name} ledger={ledger} invoiceHref={(id) => `/orgs/${encodeURIComponent(org.id)}/billing/${encodeURIComponent(id)}`} />);
});

/** A service's refusal of a payment as the page that explains it in the visitor's language. */
function payRefusal(err: unknown): never {
  if (err instanceof AppError && !(err instanceof PageError)) {
    if (err.code === "SERVICE_UNAVAILABLE") throw new PageError(err.code, err.message, "pay.error.unavailable");
    if (err.code === "CONFLICT") throw new PageError(err.code, err.message, "pay.error.nothing_due");
    if (err.code === "BAD_GATEWAY") throw new PageError(err.code, err.message, "pay.error.stripe");
    if (err.code === "NOT_FOUND") throw new PageError(err.code, err.message, "billing.error.not_found");
  }
  throw err;
}

// Access: owners and admins of the organisation (billing.pay), signed in. 303 to Stripe Checkout for what the invoice still asks.
paymentPages.post("/orgs/:orgId/billing/:id/pay", pay, async (c) => {
  const session = await openCheckout(c.var.ctx, c.req.param("orgId"), c.req.param("id"), { origin: new URL(c.req.url).origin, lang: c.var.lang }).catch(payRefusal);
  return c.redirect(session.url, 303);
});

// Access: owners and admins of the organisation (billing.pay), signed in. 303 to the Stripe Customer Portal.
paymentPages.post("/orgs/:orgId/billing/payment-methods", pay, async (c) => {
  const url = await openPortal(c.var.ctx, c.req.param("orgId"), { origin: new URL(c.req.url).origin }).catch(payRefusal);
  return c.redirect(url, 303);
});

const billingPage = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/billing`;

// Access: owners and admins of the organisation (billing.pay), signed in. Turns automatic debit of
// invoices issued from now on; the authorisation box must be ticked (400), a method saved (409).
paymentPages.post("/orgs/:orgId/billing/automatic-debit", pay, async (c) => {
  const orgId = c.req.param("orgId");
  if (formText((await c.req.parseBody()).consent, 10) !== "yes") throw new PageError("VALIDATION_FAILED", "Tick the debit authorisation (field consent)", "autodebit.error.consent", {}, [{ field: "consent", message: "required" }]);
  await enableAutoDebit(c.var.ctx, orgId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "CONFLICT") throw new PageError("CONFLICT", err.message, "autodebit.error.no_method", {}, err.errors);
    throw err;
  });
  return c.redirect(autoDebitFlash.to(billingPage(orgId), "on"), 303);
});

// Access: owners and admins of the organisation (billing.pay), signed in. Stops automatic debit (a no-op when off).
paymentPages.post("/orgs/:orgId/billing/automatic-debit/stop", pay, async (c) => {
  const orgId = c.req.param("orgId");
  await stopAutoDebit(c.var.ctx, orgId);
  return c.redirect(autoDebitFlash.to(billingPage(orgId), "off"), 303);
});

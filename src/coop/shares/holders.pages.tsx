// coop_admin pages beside the register: a holder's page with the transfer form
// (/coop/shareholders/:id, POST …/transfers) and one share class with its change form
// (/coop/share-classes/:id), and a capital call for its holder: its PDF and, for a person, "Pay" (→ Stripe).
// Every POST is same-origin only and answers 303 → GET with a notice;
// a wrong field comes back (400) next to it, in the page's language.
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { ClassPage, type ClassEditValues } from "../../../web/pages/coop/share-class";
import { HolderPage, type TransferValues } from "../../../web/pages/coop/share-holder";
import type { FieldErrors } from "../../../web/pages/coop/shares";
import { pageProps } from "../../../web/components/page-props";
import type { MessageKey } from "../../../web/i18n";
import { sameOriginForms } from "../../accounts/csrf";
import { allow } from "../../accounts/guard";
import { organisations, shareholders, shareRequests, type ShareClassRow, type ShareholderRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { today } from "../../lib/days";
import { flashes } from "../../lib/flash";
import { formText } from "../../lib/form";
import { AppError, PageError } from "../../lib/problem";
import { positions, runningTotals } from "./register";
import { renderInvoicePdf } from "../documents/pdf";
import { findDocument, issuedModel } from "../invoices/repository";
import { findClass, findHolder, findRequest, listClasses, listHolders, registerEntries } from "./repository";
import { patchClass } from "./service";
import { transferShares, type TransferTo } from "./transfer";
import { requestHolder } from "./holder-resource";
import { HELD_BY_ORGANISATION, openCallCheckout } from "./pay";

export const shareHolderPages = new Hono<AppEnv>();
shareHolderPages.use("/coop/*", sameOriginForms);

type C = Context<AppEnv>;
const flash = flashes("shares.notice", ["transferred", "class_saved"]);
const manage = allow("shares.manage");

// ── A holder and its transfers ────────────────────────────────────────────────────────────────────

/** The service's field errors → the form's field ids and the page's words. */
function transferErrors(err: AppError): FieldErrors {
  const out: FieldErrors = {};
  for (const e of err.errors ?? []) {
    const id = e.field.replace(/\./g, "_");
    const key: MessageKey =
      id === "shares" ? "shares.error.transfer_shares"
      : id === "approved_on" ? "shares.error.date"
      : id === "to_person_email" && /no account/.test(e.message) ? "shares.error.person_unknown"
      : id === "to_holder_id" || id === "to_organisation_id" || id === "to_person_email" ? "shares.error.transfer_to"
      : "shares.error.field";
    out[id] ??= key;
  }
  return out;
}

async function holderPage(c: C, holder: ShareholderRow, form: { values?: TransferValues; errors?: FieldErrors; error?: MessageKey; notice?: MessageKey } = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.db;
  const [classes, entries, holders, orgs] = await Promise.all([
    listClasses(db),
    registerEntries(db, [holder.id]),
    listHolders(db),
    // Member organisations not yet in the register (those that are are chosen as holders).
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).leftJoin(shareholders, eq(shareholders.orgId, organisations.id)).where(and(eq(organisations.kind, "member"), isNull(shareholders.id))).orderBy(asc(organisations.name)).limit(500),
  ]);
  const codes = new Map(classes.map((k) => [k.id, k.code]));
  const day = today(c.var.ctx.now());
  return c.html(
    <HolderPage
      {...pageProps(c)}
      holder={holder}
      rows={runningTotals(entries, classes)}
      positions={positions(entries, classes).filter((p) => p.shares !== 0 || p.paidInCents !== 0).map((p) => ({ ...p, code: codes.get(p.classId) ?? "" }))}
      classes={classes}
      others={holders.filter((h) => h.id !== holder.id).map((h) => ({ id: h.id, name: h.name }))}
      orgs={orgs}
      values={form.values ?? emptyTransfer(classes, day)}
      errors={form.errors ?? {}}
      today={day}
      notice={form.notice}
      error={form.error}
    />,
    status,
  );
}

const emptyTransfer = (classes: ShareClassRow[], day: string): TransferValues => ({ class_id: classes[0]?.id ?? "", shares: "1", approved_on: day, to_holder_id: "", to_organisation_id: "", to_person_email: "", to_person_name: "", to_person_street: "", to_person_postcode: "", to_person_city: "", to_person_country_code: "BE", note: "" });

async function holderOr404(c: C) {
  const holder = await findHolder(c.var.db, c.req.param("id") ?? "");
  if (!holder) throw new PageError("NOT_FOUND", "No such shareholder", "shares.error.not_found");
  return holder;
}

// Access: coop_admin (shares.manage).
shareHolderPages.get("/coop/shareholders/:id", manage, async (c) => holderPage(c, await holderOr404(c), { notice: flash.read(c) }));

// Access: coop_admin (shares.manage). The board approved a transfer: two register entries.
shareHolderPages.post("/coop/shareholders/:id/transfers", manage, async (c) => {
  const holder = await holderOr404(c);
  const body = await c.req.parseBody();
  const f = (name: keyof TransferValues, max: number) => formText(body[name], max);
  const values: TransferValues = {
    class_id: f("class_id", 64), shares: f("shares", 12), approved_on: f("approved_on", 10), to_holder_id: f("to_holder_id", 64), to_organisation_id: f("to_organisation_id", 64),
    to_person_email: f("to_person_email", 254), to_person_name: f("to_person_name", 200), to_person_street: f("to_person_street", 200), to_person_postcode: f("to_person_postcode", 20),
    to_person_city: f("to_person_city", 100), to_person_country_code: f("to_person_country_code", 2), note: f("note", 500),
  };
  const chosen = [values.to_holder_id, values.to_organisation_id, values.to_person_email].filter((x) => x.trim()).length;
  if (chosen !== 1) return holderPage(c, holder, { values, errors: { to_holder_id: "shares.error.transfer_to" } }, 400);
  const to: TransferTo = values.to_holder_id
    ? { holderId: values.to_holder_id }
    : values.to_organisation_id
      ? { orgId: values.to_organisation_id }
      : { person: { email: values.to_person_email, name: values.to_person_name, street: values.to_person_street, postcode: values.to_person_postcode, city: values.to_person_city, countryCode: values.to_person_country_code } };
  try {
    await transferShares(c.var.ctx, holder.id, { to, classId: values.class_id, shares: /^\d{1,7}$/.test(values.shares) ? Number(values.shares) : Number.NaN, approvedOn: values.approved_on, note: values.note });
  } catch (err) {
    if (err instanceof AppError && err.status === 400) return holderPage(c, holder, { values, errors: transferErrors(err) }, 400);
    if (err instanceof AppError && err.status === 409) return holderPage(c, holder, { values, error: "shares.error.changed" }, 409);
    throw err;
  }
  return c.redirect(flash.to(`/coop/shareholders/${encodeURIComponent(holder.id)}`, "transferred"), 303);
});

// ── A capital call, for its holder ────────────────────────────────────────────────────────────────

// Access: the holder (a person for themselves; an organisation's owners and admins), coop_admins (shares.read).
// A person's capital call is filed under the cooperative's own organisation, so no billing page of
// theirs shows it: this is where they get its OGM and EPC QR code (organisations have it here too).
shareHolderPages.get("/coop/share-requests/:id/call.pdf", allow("shares.read", requestHolder), async (c) => {
  const request = await findRequest(c.var.db, c.req.param("id"));
  const row = request?.documentId ? await findDocument(c.var.db, request.documentId) : undefined;
  if (!row || row.status === "draft") throw new PageError("NOT_FOUND", "No capital call for this request", "shares.error.not_found");
  const pdf = await renderInvoicePdf(await issuedModel(c.var.db, row));
  return new Response(pdf, { status: 200, headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${row.number}.pdf"`, "cache-control": "private, no-store" } });
});

/** The service's refusals as pages that explain them in the visitor's language. */
function payRefusal(err: unknown): never {
  if (err instanceof AppError && !(err instanceof PageError)) {
    const key: MessageKey | null =
      err.code === "SERVICE_UNAVAILABLE" ? "sharepay.error.unavailable"
      : err.code === "BAD_GATEWAY" ? "sharepay.error.stripe"
      : err.code === "NOT_FOUND" ? "sharepay.error.not_found"
      : err.code === "CONFLICT" ? (err.errors?.[0]?.message === HELD_BY_ORGANISATION ? "sharepay.error.organisation" : "sharepay.error.nothing_due")
      : null;
    if (key) throw new PageError(err.code, err.message, key);
  }
  throw err;
}

// Access: the person holding the request, coop_admins (shares.pay); anybody else gets the same 404
// as for an unknown request. 303 to Stripe Checkout for what the person's capital call still asks.
shareHolderPages.post("/coop/share-requests/:id/pay", allow("shares.pay", requestHolder, { hidden: true }), async (c) => {
  const session = await openCallCheckout(c.var.ctx, c.req.param("id"), { origin: new URL(c.req.url).origin, lang: c.var.lang }).catch(payRefusal);
  return c.redirect(session.url, 303);
});

// ── One share class ───────────────────────────────────────────────────────────────────────────────

const euros = (cents: number) => `${Math.floor(cents / 100)}${cents % 100 ? `,${String(cents % 100).padStart(2, "0")}` : ""}`;
const classValues = (k: ShareClassRow): ClassEditValues => ({ name: k.name, nominal: euros(k.nominalCents), min_shares: String(k.minShares), max_shares: String(k.maxShares), required: k.requiredForUsers });

async function classPage(c: C, cls: ShareClassRow, form: { values?: ClassEditValues; errors?: FieldErrors; notice?: MessageKey } = {}, status: 200 | 400 | 409 = 200) {
  const [used] = await c.var.db.select({ n: count() }).from(shareRequests).where(eq(shareRequests.classId, cls.id));
  return c.html(<ClassPage {...pageProps(c)} cls={cls} requests={used?.n ?? 0} values={form.values ?? classValues(cls)} errors={form.errors ?? {}} notice={form.notice} />, status);
}

async function classOr404(c: C) {
  const cls = await findClass(c.var.db, { id: c.req.param("id") ?? "" });
  if (!cls) throw new PageError("NOT_FOUND", "No such share class", "shares.error.class_not_found");
  return cls;
}

// Access: coop_admin (shares.manage).
shareHolderPages.get("/coop/share-classes/:id", manage, async (c) => classPage(c, await classOr404(c), { notice: flash.read(c) }));

// Access: coop_admin (shares.manage). Name, limits, the users' obligation; the nominal value while no share was requested.
shareHolderPages.post("/coop/share-classes/:id", manage, async (c) => {
  const cls = await classOr404(c);
  const body = await c.req.parseBody();
  const values: ClassEditValues = { name: formText(body.name, 200), nominal: formText(body.nominal, 20), min_shares: formText(body.min_shares, 8), max_shares: formText(body.max_shares, 8), required: formText(body.required, 2) === "1" };
  const errors: FieldErrors = {};
  // A form without the nominal field (it is fixed) leaves it as it is.
  const m = values.nominal ? /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(values.nominal.trim()) : null;
  if (values.nominal && !m) errors.nominal = "shares.error.nominal";
  if (!values.name.trim()) errors.name = "shares.error.name";
  if (!/^\d{1,7}$/.test(values.min_shares)) errors.min_shares = "shares.error.min_max";
  if (values.max_shares && !/^\d{1,7}$/.test(values.max_shares)) errors.max_shares = "shares.error.min_max";
  if (Object.keys(errors).length) return classPage(c, cls, { values, errors }, 400);
  try {
    await patchClass(c.var.ctx, cls.id, {
      name: values.name,
      ...(m ? { nominalCents: Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) } : {}),
      minShares: Number(values.min_shares),
      maxShares: values.max_shares ? Number(values.max_shares) : null,
      requiredForUsers: values.required,
    });
  } catch (err) {
    if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409) || !err.errors?.length) throw err;
    const out: FieldErrors = {};
    for (const e of err.errors) {
      if (e.field === "nominal_cents") out.nominal = err.status === 409 ? "shares.class.nominal_fixed" : "shares.error.nominal";
      else if (e.field === "min_shares" || e.field === "max_shares") out[e.field] = "shares.error.min_max";
      else out[e.field] = "shares.error.field";
    }
    return classPage(c, (await findClass(c.var.db, { id: cls.id }))!, { values, errors: out }, err.status as 400 | 409);
  }
  return c.redirect(flash.to(`/coop/share-classes/${encodeURIComponent(cls.id)}`, "class_saved"), 303);
});

// The shares pages: /coop/join (anyone reads it; signed-in people request), /coop/admin (the
// coop_admin's home, with the board's decisions), /coop/register, /coop/share-classes, a holder's
// own shares (/account/shares, /orgs/:orgId/shares) and its certificate PDF. Every POST is
// same-origin only and answers 303 → GET with a notice; a wrong field comes back (400) next to it.
import { and, inArray, ne } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { AdminPage, ClassesPage, JoinPage, MySharesPage, RegisterPage, type ClassValues, type FieldErrors, type JoinValues } from "../../../web/pages/coop/shares";
import { pageProps } from "../../../web/components/page-props";
import type { MessageKey } from "../../../web/i18n";
import { sameOriginForms } from "../../accounts/csrf";
import { allow, caller, orgParam } from "../../accounts/guard";
import { findOrg, orgsOf } from "../../accounts/orgs/repository";
import { principal } from "../../accounts/principal";
import { billingDocuments, type ShareholderRow } from "../../db/schema";
import type { AppEnv } from "../../env";
import { today } from "../../lib/days";
import { flashes } from "../../lib/flash";
import { formList, formText } from "../../lib/form";
import { isLang } from "../../lib/lang";
import { AppError, PageError } from "../../lib/problem";
import { findIssuer } from "../invoices/repository";
import { recurringRevenue } from "../subscriptions/revenue.service";
import { renderCertificate } from "./certificate";
import { classTotals, positions, runningTotals } from "./register";
import { findHolder, holderOf, listClasses, listRequests, registerEntries, unpaidCalls } from "./repository";
import { approveRequest, createClass, refuseRequest, requestShares } from "./service";
import { loadWayIn } from "../pledges/way-in";
import { stripeConfigured } from "../payments/checkout.service";

export const sharesPages = new Hono<AppEnv>();
sharesPages.use("/coop/*", sameOriginForms);

type C = Context<AppEnv>;
const flash = flashes("shares.notice", ["requested", "approved", "refused", "class_saved"]);
const manage = allow("shares.manage");

/** A service's field errors → translated messages by field (the page's words, not the service's). */
function fieldErrors(err: unknown): FieldErrors | null {
  if (!(err instanceof AppError) || err.status !== 400 || !err.errors?.length) return null;
  const out: FieldErrors = {};
  for (const e of err.errors) {
    const field = e.field.replace(/^holder\.person\./, "").replace(/^holder\.organisation_id$/, "holder");
    const key: MessageKey = field.startsWith("consents.") ? "shares.error.consent" : field === "shares" ? "shares.error.shares" : field === "holder" ? "shares.error.org_profile" : field === "code" ? "shares.error.code" : "shares.error.field";
    out[field] ??= key;
  }
  return out;
}

const EMPTY_JOIN: JoinValues = { class: "", shares: "1", holder: "person", name: "", street: "", postcode: "", city: "", country_code: "BE", consents: [] };

async function joinProps(c: C) {
  const who = await principal(c);
  const signedIn = who.kind === "user";
  const orgs = signedIn ? (await orgsOf(c.var.db, who.userId)).filter((o) => o.kind === "member" && (o.role === "owner" || o.role === "admin")) : [];
  const holders = signedIn ? (await Promise.all([holderOf(c.var.db, { userId: who.userId }), ...orgs.map((o) => holderOf(c.var.db, { orgId: o.id }))])).filter((h): h is ShareholderRow => !!h) : [];
  const requests = (await Promise.all(holders.map((h) => listRequests(c.var.db, { holderId: h.id })))).flat();
  return { signedIn, orgs: orgs.map((o) => ({ id: o.id, name: o.name })), classes: await listClasses(c.var.db), requests };
}

// Access: public (the form shows to signed-in people; visitors get a sign-in link). The way in for
// pledgers: `?pledge=` (the invitation's secret) or the signed-in person's own pledge prefills the form;
// `?holder=` (from an organisation's shares page) picks the holder.
sharesPages.get("/coop/join", async (c) => {
  const props = await joinProps(c);
  const who = await principal(c);
  const token = c.req.query("pledge");
  if (token) c.header("Cache-Control", "no-store"); // the URL holds the invitation's secret (the app's Referrer-Policy keeps it from other sites)
  const way = await loadWayIn(c.var.ctx, { token, email: who.kind === "user" ? who.email : null, orgs: props.orgs, classes: props.classes, askedHolder: c.req.query("holder") });
  const values: JoinValues = { ...EMPTY_JOIN, holder: way.holder, name: way.pledge?.name ?? "", ...(way.suggestion ? { class: way.suggestion.classCode, shares: String(way.suggestion.shares) } : {}) };
  return c.html(<JoinPage {...pageProps(c)} {...props} way={way} values={values} errors={{}} notice={flash.read(c)} />);
});

// Access: signed-in people (account.use); for an organisation, its owners and admins (the service checks).
sharesPages.post("/coop/join", allow("account.use"), async (c) => {
  const body = await c.req.parseBody({ all: true });
  const values: JoinValues = {
    class: formText(body.class, 4),
    shares: formText(body.shares, 12),
    holder: formText(body.holder, 64) || "person",
    name: formText(body.name, 200),
    street: formText(body.street, 200),
    postcode: formText(body.postcode, 20),
    city: formText(body.city, 100),
    country_code: formText(body.country_code, 2),
    consents: formList(body.consents, 10, 40),
  };
  const shares = /^\d{1,7}$/.test(values.shares) ? Number(values.shares) : Number.NaN;
  try {
    await requestShares(c.var.ctx, {
      classCode: values.class,
      shares,
      holder: values.holder === "person" ? { person: { name: values.name, street: values.street, postcode: values.postcode, city: values.city, countryCode: values.country_code } } : { orgId: values.holder },
      consents: Object.fromEntries(values.consents.map((k) => [k, true])),
    });
  } catch (err) {
    if (err instanceof AppError && err.status === 403) {
      return c.html(<JoinPage {...pageProps(c)} {...await joinProps(c)} values={values} errors={{ holder: "shares.error.forbidden_org" }} />, 403);
    }
    const errors = fieldErrors(err);
    if (!errors) throw err;
    return c.html(<JoinPage {...pageProps(c)} {...await joinProps(c)} values={values} errors={errors} />, 400);
  }
  return c.redirect(flash.to("/coop/join", "requested"), 303);
});

async function adminPage(c: C, extra: { notice?: MessageKey; error?: MessageKey } = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.db;
  const [pending, unpaid, classes, entries, due, revenue] = await Promise.all([
    listRequests(db, { status: "pending" }),
    unpaidCalls(db),
    listClasses(db),
    registerEntries(db),
    db.select().from(billingDocuments).where(and(inArray(billingDocuments.status, ["open", "partially_paid"]), ne(billingDocuments.type, "share_call"))).limit(200),
    recurringRevenue(db, c.var.ctx.now()),
  ]);
  return c.html(<AdminPage {...pageProps(c)} pending={pending} unpaid={unpaid} totals={classTotals(entries, classes)} invoicesDue={due} orgNames={new Map()} today={today(c.var.ctx.now())} revenue={revenue} {...extra} />, status);
}

// Access: coop_admin (shares.manage).
sharesPages.get("/coop/admin", manage, (c) => adminPage(c, { notice: flash.read(c) }));

// Access: coop_admin (shares.manage). The board approved: the capital call is issued.
sharesPages.post("/coop/share-requests/:id/approve", manage, async (c) => {
  const body = await c.req.parseBody();
  try {
    await approveRequest(c.var.ctx, c.req.param("id"), formText(body.decided_on, 10));
  } catch (err) {
    if (err instanceof AppError && err.status === 400) return adminPage(c, { error: "shares.error.date" }, 400);
    if (err instanceof AppError && err.status === 409 && !err.errors?.length) return adminPage(c, { error: "shares.error.decided" }, 409);
    throw err;
  }
  return c.redirect(flash.to("/coop/admin", "approved"), 303);
});

// Access: coop_admin (shares.manage). The board refused, with a reason.
sharesPages.post("/coop/share-requests/:id/refuse", manage, async (c) => {
  const body = await c.req.parseBody();
  try {
    await refuseRequest(c.var.ctx, c.req.param("id"), formText(body.reason, 2000));
  } catch (err) {
    if (err instanceof AppError && err.status === 400) return adminPage(c, { error: "shares.error.reason" }, 400);
    if (err instanceof AppError && err.status === 409) return adminPage(c, { error: "shares.error.decided" }, 409);
    throw err;
  }
  return c.redirect(flash.to("/coop/admin", "refused"), 303);
});

// Access: coop_admin (shares.manage). The CSV is GET /api/v1/coop/register?format=csv.
sharesPages.get("/coop/register", manage, async (c) => {
  const [entries, classes] = await Promise.all([registerEntries(c.var.db), listClasses(c.var.db)]);
  return c.html(<RegisterPage {...pageProps(c)} rows={runningTotals(entries, classes)} totals={classTotals(entries, classes)} />);
});

const EMPTY_CLASS: ClassValues = { code: "", name: "", nominal: "", min_shares: "1", max_shares: "", required: false };

// Access: coop_admin (shares.manage).
sharesPages.get("/coop/share-classes", manage, async (c) => c.html(<ClassesPage {...pageProps(c)} classes={await listClasses(c.var.db)} values={EMPTY_CLASS} errors={{}} notice={flash.read(c)} />));

// Access: coop_admin (shares.manage). Opens a class; the nominal value in euros ("50" or "50,00").
sharesPages.post("/coop/share-classes", manage, async (c) => {
  const body = await c.req.parseBody();
  const values: ClassValues = { code: formText(body.code, 4), name: formText(body.name, 200), nominal: formText(body.nominal, 20), min_shares: formText(body.min_shares, 8), max_shares: formText(body.max_shares, 8), required: formText(body.required, 2) === "1" };
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(values.nominal.trim());
  const errors: FieldErrors = {};
  if (!m) errors.nominal = "shares.error.field";
  if (!values.name.trim()) errors.name = "shares.error.field";
  if (values.min_shares && !/^\d{1,7}$/.test(values.min_shares)) errors.min_shares = "shares.error.field";
  if (values.max_shares && !/^\d{1,7}$/.test(values.max_shares)) errors.max_shares = "shares.error.field";
  if (Object.keys(errors).length === 0) {
    try {
      await createClass(c.var.ctx, { code: values.code, name: values.name, nominalCents: Number(m![1]) * 100 + Number((m![2] ?? "0").padEnd(2, "0")), minShares: values.min_shares ? Number(values.min_shares) : undefined, maxShares: values.max_shares ? Number(values.max_shares) : null, requiredForUsers: values.required });
      return c.redirect(flash.to("/coop/share-classes", "class_saved"), 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) errors.code = "shares.error.code";
      else {
        const found = fieldErrors(err);
        if (!found) throw err;
        Object.assign(errors, Object.fromEntries(Object.entries(found).map(([k, v]) => [k === "nominal_cents" ? "nominal" : k, v])));
      }
    }
  }
  return c.html(<ClassesPage {...pageProps(c)} classes={await listClasses(c.var.db)} values={values} errors={errors} />, 400);
});

async function holderView(c: C, holder: ShareholderRow | undefined) {
  const classes = await listClasses(c.var.db);
  const entries = holder ? await registerEntries(c.var.db, [holder.id]) : [];
  const codes = new Map(classes.map((k) => [k.id, k.code]));
  return {
    holderId: holder?.id ?? null,
    rows: runningTotals(entries, classes),
    positions: positions(entries, classes).filter((p) => p.shares !== 0 || p.paidInCents !== 0).map((p) => ({ ...p, code: codes.get(p.classId) ?? "" })),
    requests: holder ? await listRequests(c.var.db, { holderId: holder.id }) : [],
  };
}

/** Back from Stripe Checkout (src/coop/shares/pay.ts `personReturnUrls`). */
const paid = flashes("sharepay.notice", ["paying", "pay_cancelled"]);

// Access: signed-in people (account.use): their own shares as a person, and "Pay" on each unpaid
// capital call when Stripe is configured (a person's call is filed under the cooperative, so no
// billing page of theirs offers it).
sharesPages.get("/account/shares", allow("account.use"), async (c) => {
  const p = pageProps(c);
  const view = await holderView(c, await holderOf(c.var.db, { userId: caller(c).userId }));
  return c.html(<MySharesPage {...p} heading={p.t("shares.mine.title")} crumbs={[{ href: "/account", label: p.t("nav.account") }]} {...view} payOnline={stripeConfigured(c.var.ctx)} notice={paid.read(c)} />);
});

// Access: the organisation's owners and admins, coop_admins (shares.read).
sharesPages.get("/orgs/:orgId/shares", allow("shares.read", orgParam), async (c) => {
  const p = pageProps(c);
  const org = await findOrg(c.var.db, c.req.param("orgId"));
  if (!org) throw new PageError("NOT_FOUND", "No such organisation", "shares.error.not_found");
  const view = await holderView(c, await holderOf(c.var.db, { orgId: org.id }));
  return c.html(<MySharesPage {...p} orgId={org.id} heading={p.t("shares.mine.org_title", { org: org.name })} crumbs={[{ href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name }]} {...view} />);
});

// Access: the holder (a person for themselves; an organisation's owners and admins), coop_admins (shares.read).
sharesPages.get(
  "/coop/shareholders/:id/certificate.pdf",
  allow("shares.read", async (c) => {
    const h = await findHolder(c.var.db, c.req.param("id") ?? "");
    return h ? (h.orgId ? { orgId: h.orgId } : { userId: h.userId! }) : {};
  }),
  async (c) => {
    const holder = await findHolder(c.var.db, c.req.param("id"));
    if (!holder) throw new PageError("NOT_FOUND", "No such shareholder", "shares.error.not_found");
    const view = await holderView(c, holder);
    const issuer = await findIssuer(c.var.db);
    const pdf = await renderCertificate({
      lang: isLang(holder.language) ? holder.language : "fr",
      issuer: issuer?.org.legalName?.trim() || issuer?.org.name || "Chatière",
      holder,
      entries: view.rows,
      positions: view.positions,
      day: today(c.var.ctx.now()),
    });
    return new Response(pdf, { status: 200, headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="certificate-${holder.id}.pdf"`, "cache-control": "private, no-store" } });
  },
);

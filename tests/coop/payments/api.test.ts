// Payments in workerd against D1: statements uploaded and reconciled, the queue, Stripe events
// through POST /webhooks/stripe (signed, verified, deduplicated, in any order), the export.
import { env, SELF } from "cloudflare:test";
import { strFromU8, unzipSync } from "fflate";
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../src/lib/ids";
import type { StatementReply } from "../../../src/coop/payments/payments.api";
import { BASE, json, problem } from "../../helpers/http";
import { apiKey, bearer, grantRole, makeOrg } from "../../helpers/people";
import v02 from "../../fixtures/camt/statement-v02.xml?raw";
import v08 from "../../fixtures/camt/statement-v08.xml?raw";

let admin: Record<string, string>;
let orgId: string;
let seq = 0;
/** The issuer snapshot every issued document carries (the export renders its UBL from it). */
const ISSUER = JSON.stringify({ legalName: "Coopérative Test SC", address: { street: "Rue de la Loi 16", postcode: "1000", city: "Bruxelles", countryCode: "BE" }, enterpriseNumber: "0417497106", vatNumber: "BE0417497106", vatStatus: "registered", iban: "BE68539007547034", bic: "GKCCBEBB", paymentTermsDays: 30 });

async function issuedInvoice(ogm: string, totalCents: number, opts: { dueDate?: string; issueDate?: string } = {}): Promise<string> {
  const id = newId("bil");
  const s = ++seq;
  await env.DB.prepare(
    `insert into billing_documents (id, type, status, org_id, language, series, sequence, number, ogm, issue_date, due_date, lines, vat, net_cents, vat_cents, total_cents, customer, issuer, notes)
     values (?, 'invoice', 'open', ?, 'fr', 'F2027', ?, ?, ?, ?, ?, '[]', '[]', ?, 0, ?, ?, ?, '[]')`,
  )
    .bind(id, orgId, s, `F2027-${String(s).padStart(6, "0")}`, ogm, opts.issueDate ?? "2027-01-05", opts.dueDate ?? "2027-02-04", totalCents, totalCents, JSON.stringify({ legalName: "Les Amis du Parc asbl", address: { street: "Rue 1", postcode: "1000", city: "Bruxelles", countryCode: "BE" } }), ISSUER)
    .run();
  return id;
}

const invoiceRow = (id: string) => env.DB.prepare("select status, paid_cents from billing_documents where id = ?").bind(id).first<{ status: string; paid_cents: number }>();
const upload = (xml: string, headers: Record<string, string> = admin, type = "application/xml") => SELF.fetch(`${BASE}/api/v1/bank-statements`, { method: "POST", headers: { "content-type": type, ...headers }, body: xml });

beforeAll(async () => {
  await grantRole("coop@pay.test", "coop_admin");
  admin = bearer(await apiKey({ email: "coop@pay.test", scopes: ["billing:write"] }));
  orgId = await makeOrg({ kind: "member", name: "Les Amis du Parc", members: [{ email: "owner@parc.test", role: "owner" }] });
});

describe("POST /api/v1/bank-statements", () => {
  it("reconciles a camt.053.001.02 statement: full, partial, over, unknown, free text; again changes nothing", async () => {
    const parc = await issuedInvoice("000000010104", 12100);
    const velo = await issuedInvoice("000000010205", 25000);
    const helmet = await issuedInvoice("000000010306", 6050);
    const panik = await issuedInvoice("123456789002", 4200);
    const res = await upload(v02);
    expect(res.status).toBe(200);
    expect(await json<StatementReply>(res)).toEqual({ entries: 6, matched: 3, partial: 1, unmatched: 2, duplicates: 0 });
    expect(await invoiceRow(parc)).toEqual({ status: "paid", paid_cents: 12100 });
    expect(await invoiceRow(velo)).toEqual({ status: "partially_paid", paid_cents: 10000 });
    expect(await invoiceRow(helmet)).toEqual({ status: "paid", paid_cents: 6050 });
    expect(await invoiceRow(panik)).toEqual({ status: "paid", paid_cents: 4200 });
    const overpayment = await env.DB.prepare("select p.amount_cents, a.amount_cents as allocated from payments p join payment_allocations a on a.payment_id = p.id where a.invoice_id = ?").bind(helmet).first();
    expect(overpayment).toEqual({ amount_cents: 8000, allocated: 6050 });

    const again = await upload(v02);
    expect(await json<StatementReply>(again)).toEqual({ entries: 6, matched: 0, partial: 0, unmatched: 0, duplicates: 6 });
    expect(await invoiceRow(velo)).toEqual({ status: "partially_paid", paid_cents: 10000 });
    expect(await env.DB.prepare("select count(*) as n from bank_entries").first("n")).toBe(6);

    // The v08 statement: the batch entry pays Parc again (already settled → queue) and Zinneke; Velo's rest arrives, with 100 € too many.
    const zinneke = await issuedInvoice("000000010407", 3000);
    const r8 = await json<StatementReply>(await upload(v08));
    expect(r8).toEqual({ entries: 4, matched: 2, partial: 0, unmatched: 2, duplicates: 0 });
    expect(await invoiceRow(zinneke)).toEqual({ status: "paid", paid_cents: 3000 });
    expect(await invoiceRow(velo)).toEqual({ status: "paid", paid_cents: 25000 });
    const audit = await env.DB.prepare("select count(*) as n from audit_log where subject_type = 'billing_document' and subject_id = ?").bind(velo).first("n");
    expect(audit).toBe(2);
  });

  it("the queue lists unmatched lines; a coop_admin assigns one to an invoice, once", async () => {
    const list = await json<{ items: { id: string; amount_cents: number; reason: string }[] }>(await SELF.fetch(`${BASE}/api/v1/bank-entries/unmatched`, { headers: admin }));
    const line = list.items.find((i) => i.amount_cents === 2000 && i.reason === "no_reference")!;
    expect(line).toBeDefined();
    const target = await issuedInvoice("000000010609", 5000);
    const assign = () => SELF.fetch(`${BASE}/api/v1/bank-entries/${line.id}/assign`, { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ invoice_id: target }) });
    const res = await assign();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ allocated_cents: 2000, excess_cents: 0 });
    expect(await invoiceRow(target)).toEqual({ status: "partially_paid", paid_cents: 2000 });
    const twice = await problem(await assign(), 409);
    expect(twice.errors?.[0]?.field).toBe("entry_id");
    expect(await invoiceRow(target)).toEqual({ status: "partially_paid", paid_cents: 2000 });
    const unknownInvoice = await problem(await SELF.fetch(`${BASE}/api/v1/bank-entries/${list.items.find((i) => i.id !== line.id)!.id}/assign`, { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ invoice_id: "bil_nope" }) }), 400);
    expect(unknownInvoice.errors?.[0]?.field).toBe("invoice_id");
  });

  it("refuses what is not a CAMT.053 statement, naming what is wrong; stores nothing", async () => {
    const before = await env.DB.prepare("select count(*) as n from bank_statements").first("n");
    const notCamt = await problem(await upload(v02.replace("camt.053.001.02", "camt.054.001.02")), 400);
    expect(notCamt.errors?.[0]).toEqual({ field: "Document@xmlns", message: expect.stringMatching(/camt\.054/) });
    const malformed = await problem(await upload("<Document><Stmt></Document>"), 400);
    expect(malformed.detail).toMatch(/malformed/);
    await problem(await upload('{"a":1}', admin, "application/json"), 415);
    expect(await env.DB.prepare("select count(*) as n from bank_statements").first("n")).toBe(before);
  });

  it("security: anonymous 401, a member 403, an organisation's key 403", async () => {
    await problem(await upload(v02, {}), 401);
    const memberKey = bearer(await apiKey({ email: "owner@parc.test", orgId, scopes: ["billing:write"] }));
    await problem(await upload(v02, memberKey), 403);
    const plainKey = bearer(await apiKey({ email: "owner@parc.test", scopes: ["billing:write"] }));
    await problem(await upload(v02, plainKey), 403);
  });
});

describe("Stripe events through POST /webhooks/stripe", () => {
  const secret = "whsec_test_stripe_secret_0123456789";
  async function send(type: string, object: unknown, created: number, id = `evt_${crypto.randomUUID().replaceAll("-", "")}`) {
    const payload = JSON.stringify({ id, object: "event", type, api_version: "2026-10-28.endive", created, data: { object }, livemode: false, pending_webhooks: 1, request: null });
    const header = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, cryptoProvider: Stripe.createSubtleCryptoProvider() });
    const res = await SELF.fetch(`${BASE}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": header }, body: payload });
    expect(res.status).toBe(200);
    return { id, body: await json<{ duplicate: boolean; applied: boolean; reason: string }>(res) };
  }
  const session = (invoiceId: string, pi: string, payment_status: string, amount = 6050) => ({
    id: `cs_test_${pi}`, object: "checkout.session", mode: "payment", currency: "eur", amount_total: amount, payment_status, payment_intent: pi,
    client_reference_id: invoiceId, metadata: { invoice_id: invoiceId }, payment_method_types: ["sepa_debit"],
  });

  it("SEPA: completed (awaiting) then async succeeded pays once; duplicates and older events change nothing", async () => {
    const inv = await issuedInvoice("000000011009", 6050);
    const pi = `pi_${crypto.randomUUID().slice(0, 8)}`;
    const done = await send("checkout.session.async_payment_succeeded", session(inv, pi, "paid"), 2000);
    expect(done.body).toMatchObject({ applied: true, reason: "succeeded" });
    expect(await invoiceRow(inv)).toEqual({ status: "paid", paid_cents: 6050 });
    // The older "completed, unpaid" arrives late: stale.
    const late = await send("checkout.session.completed", session(inv, pi, "unpaid"), 1000);
    expect(late.body).toMatchObject({ applied: false, reason: "stale" });
    // The same event again: a duplicate.
    const payload = await send("checkout.session.async_payment_succeeded", session(inv, pi, "paid"), 2000, done.id);
    expect(payload.body).toMatchObject({ duplicate: true });
    // A new delivery of the same state under another id: same_state.
    expect((await send("checkout.session.async_payment_succeeded", session(inv, pi, "paid"), 2001)).body).toMatchObject({ applied: false, reason: "same_state" });
    expect(await invoiceRow(inv)).toEqual({ status: "paid", paid_cents: 6050 });
    expect(await env.DB.prepare("select method, stripe_state from payments where stripe_payment_intent = ?").bind(pi).first()).toEqual({ method: "sepa_debit", stripe_state: "succeeded" });
  });

  it("a refund (even seen before the payment) takes the money back off the invoice; an older refund never lowers it", async () => {
    const inv = await issuedInvoice("000000011110", 6050);
    const pi = `pi_${crypto.randomUUID().slice(0, 8)}`;
    expect((await send("charge.refunded", { object: "charge", id: "ch_1", payment_intent: pi, amount_refunded: 2000, refunded: false }, 3000)).body).toMatchObject({ applied: true });
    expect(await env.DB.prepare("select stripe_state, amount_cents, refunded_cents from payments where stripe_payment_intent = ?").bind(pi).first()).toEqual({ stripe_state: "unknown", amount_cents: null, refunded_cents: 2000 });
    expect((await send("checkout.session.completed", session(inv, pi, "paid"), 1000)).body).toMatchObject({ applied: true });
    expect(await invoiceRow(inv)).toEqual({ status: "partially_paid", paid_cents: 4050 });
    expect((await send("charge.refunded", { object: "charge", id: "ch_1", payment_intent: pi, amount_refunded: 1000, refunded: false }, 2000)).body).toMatchObject({ applied: false, reason: "not_more_refunded" });
    expect(await invoiceRow(inv)).toEqual({ status: "partially_paid", paid_cents: 4050 });
    expect((await send("charge.refunded", { object: "charge", id: "ch_1", payment_intent: pi, amount_refunded: 6050, refunded: true }, 4000)).body).toMatchObject({ applied: true });
    expect(await invoiceRow(inv)).toEqual({ status: "open", paid_cents: 0 });
    expect(await env.DB.prepare("select sum(amount_cents) as s, count(*) as n from payment_allocations where invoice_id = ?").bind(inv).first()).toEqual({ s: 0, n: 2 });
  });

  it("a session for an invoice we do not know is recorded, not applied", async () => {
    expect((await send("checkout.session.completed", session("bil_unknown", "pi_unknown", "paid"), 1)).body).toMatchObject({ applied: false, reason: "unknown_invoice" });
  });
});

describe("GET /api/v1/exports/billing", () => {
  it("CSV of the period's documents and payments, and a ZIP of both", async () => {
    const docs = await SELF.fetch(`${BASE}/api/v1/exports/billing?from=2027-01-01&to=2027-01-31&format=csv`, { headers: admin });
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await docs.text();
    expect(text.split("\r\n")[0]).toBe("type,number,issue_date,due_date,customer,customer_vat,net_eur,vat_eur,total_eur,corrects,status");
    expect(text).toContain("invoice,F2027-000001,2027-01-05,2027-02-04,Les Amis du Parc asbl,,121.00,0.00,121.00,,paid");
    const pays = await (await SELF.fetch(`${BASE}/api/v1/exports/billing?from=2027-01-01&to=2027-01-31&format=csv&kind=payments`, { headers: admin })).text();
    expect(pays).toMatch(/transfer,80\.00,0\.00,,,F2027-000003:60\.50/);
    const zip = await SELF.fetch(`${BASE}/api/v1/exports/billing?from=2027-01-01&to=2027-01-31&format=zip`, { headers: admin });
    expect(zip.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    // Both CSVs, and the UBL of every document the CSV lists.
    const numbers = text.trim().split("\r\n").slice(1).map((line) => line.split(",")[1]!);
    expect(numbers.length).toBeGreaterThan(0);
    expect(Object.keys(files).sort()).toEqual(["documents-2027-01-01-2027-01-31.csv", "payments-2027-01-01-2027-01-31.csv", ...numbers.map((n) => `ubl/${n}.xml`)].sort());
    for (const n of numbers) expect(strFromU8(files[`ubl/${n}.xml`]!)).toContain(`<cbc:ID>${n}</cbc:ID>`);
    expect(strFromU8(files["documents-2027-01-01-2027-01-31.csv"]!)).toBe(text);
  });

  it("refuses a bad period naming the field, and callers who are not coop_admins", async () => {
    expect((await problem(await SELF.fetch(`${BASE}/api/v1/exports/billing?from=2027-02-01&to=2027-01-01`, { headers: admin }), 400)).errors?.[0]?.field).toBe("from");
    expect((await problem(await SELF.fetch(`${BASE}/api/v1/exports/billing?from=2027-13-01&to=2027-01-01`, { headers: admin }), 400)).errors?.[0]?.field).toBe("from");
    await problem(await SELF.fetch(`${BASE}/api/v1/exports/billing?from=2027-01-01&to=2027-01-31`), 401);
  });
});

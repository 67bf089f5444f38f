// Billing's webhook events in workerd: issuing, crediting and paying (a bank statement, a hand
// assignment, a Stripe event) write outbox rows for the billed organisation's endpoints in the batch
// of the change, with the stored number, OGM and status filled in; another organisation's endpoint
// hears nothing, and an endpoint that did not subscribe neither.
import { env, SELF } from "cloudflare:test";
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { createDraft, creditInvoice, issueInvoice } from "../../src/coop/invoices/service";
import { systemContext } from "../../src/lib/context";
import { BASE } from "../helpers/http";
import { apiKey, bearer, grantRole } from "../helpers/people";
import { coop, customer } from "./helpers";

let org: string;
let other: string;
let admin: Record<string, string>;

interface Sent {
  recipient: string;
  body: { type: string; data: Record<string, unknown> & { object: string; id: string; version: number } };
}

async function endpoint(orgId: string, types: string[]): Promise<string> {
  const id = `whe_${crypto.randomUUID().slice(0, 12)}`;
  await env.DB.prepare("insert into webhook_endpoints (id, org_id, url, event_types, secret) values (?, ?, 'https://hooks.example.org/in', ?, 'whsec_c2VjcmV0')").bind(id, orgId, JSON.stringify(types)).run();
  return id;
}

async function sent(kind: string): Promise<Sent[]> {
  const { results } = await env.DB.prepare("select recipient, payload from outbox where channel = 'webhook' and kind = ? order by created_at, id").bind(kind).all<{ recipient: string; payload: string }>();
  return results.map((r) => ({ recipient: r.recipient, body: JSON.parse((JSON.parse(r.payload) as { body: string }).body) }));
}

async function issued(orgId: string, cents: number) {
  const ctx = systemContext(env, "cli");
  return issueInvoice(ctx, (await createDraft(ctx, { orgId, lines: [{ description: "Hébergement", quantity: 1, unitPriceCents: cents }] })).id);
}

let everything: string;
let billingOnly: string;
let migrationsOnly: string;
let otherEndpoint: string;

beforeAll(async () => {
  await coop();
  org = await customer({ owner: "owner@events.test" });
  other = await customer({ owner: "owner@other-events.test" });
  everything = await endpoint(org, ["*"]);
  billingOnly = await endpoint(org, ["invoice.*", "payment.received"]);
  migrationsOnly = await endpoint(org, ["migration.*"]);
  otherEndpoint = await endpoint(other, ["*"]);
  await grantRole("coop@events.test", "coop_admin");
  admin = bearer(await apiKey({ email: "coop@events.test", scopes: ["billing:write"] }));
});

describe("invoice.issued and credit_note.issued", () => {
  it("go to the billed organisation's subscribed endpoints with the number and OGM the batch gave", async () => {
    const inv = await issued(org, 10000);
    const events = (await sent("invoice.issued")).filter((e) => e.body.data.id === inv.id);
    expect(events.map((e) => e.recipient).sort()).toEqual([everything, billingOnly].sort());
    const data = events[0]!.body.data;
    expect(data).toMatchObject({ object: "invoice", id: inv.id, org_id: org, number: inv.number, ogm: inv.ogm, status: "open", total_cents: inv.totalCents, due_date: inv.dueDate, currency: "EUR" });
    expect(data.number).toMatch(/^F\d{4}-\d{6}$/);
    expect(events.every((e) => !JSON.stringify(e).includes("@@"))).toBe(true);
    expect((await sent("invoice.issued")).some((e) => e.recipient === otherEndpoint || e.recipient === migrationsOnly)).toBe(false);

    const note = await creditInvoice(systemContext(env, "cli"), inv.id, {});
    const credits = (await sent("credit_note.issued")).filter((e) => e.body.data.id === note.id);
    expect(credits.map((e) => e.recipient)).toEqual([everything]); // billingOnly did not subscribe to credit notes
    expect(credits[0]!.body.data).toMatchObject({ object: "credit_note", number: note.number, invoice_id: inv.id, invoice_number: inv.number, total_cents: inv.totalCents });
    expect(note.number).toMatch(/^NC\d{4}-\d{6}$/);
  });
});

const camt = (ogm: string, cents: number, ref: string) =>
  `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>EVT-${ref}</MsgId></GrpHdr><Stmt><Id>S-${ref}</Id><Acct><Id><IBAN>BE68539007547034</IBAN></Id></Acct>` +
  `<Ntry><Amt Ccy="EUR">${(cents / 100).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2027-01-31</Dt></BookgDt><ValDt><Dt>2027-01-31</Dt></ValDt><AcctSvcrRef>EVT-${ref}</AcctSvcrRef>` +
  `<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Les Amis du Parc</Nm></Dbtr></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>${ogm}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
const upload = (xml: string) => SELF.fetch(`${BASE}/api/v1/bank-statements`, { method: "POST", headers: { ...admin, "content-type": "application/xml" }, body: xml });

describe("payment.received and invoice.paid", () => {
  it("a bank statement: partially_paid, then paid; the other organisation hears nothing", async () => {
    const inv = await issued(org, 10000);
    expect((await upload(camt(inv.ogm!, 5000, `a${inv.id}`))).status).toBe(200);
    let paid = (await sent("invoice.paid")).filter((e) => e.body.data.id === inv.id);
    expect(paid.map((e) => e.recipient).sort()).toEqual([everything, billingOnly].sort());
    expect(paid[0]!.body.data).toMatchObject({ object: "invoice", number: inv.number, status: "partially_paid", allocated_cents: 5000 });
    const received = (await sent("payment.received")).filter((e) => e.body.data.invoice_id === inv.id);
    expect(received).toHaveLength(2);
    expect(received[0]!.body.data).toMatchObject({ object: "payment", org_id: org, amount_cents: 5000, method: "transfer", received_on: "2027-01-31", allocated_cents: 5000 });

    expect((await upload(camt(inv.ogm!, inv.totalCents - 5000, `b${inv.id}`))).status).toBe(200);
    paid = (await sent("invoice.paid")).filter((e) => e.body.data.id === inv.id);
    expect(paid.map((e) => e.body.data.status)).toEqual(["partially_paid", "partially_paid", "paid", "paid"]);
    // The same statement again books nothing and says nothing.
    await upload(camt(inv.ogm!, 5000, `a${inv.id}`));
    expect((await sent("invoice.paid")).filter((e) => e.body.data.id === inv.id)).toHaveLength(4);
    for (const kind of ["invoice.paid", "payment.received", "invoice.issued"]) expect((await sent(kind)).some((e) => e.recipient === otherEndpoint || e.recipient === migrationsOnly)).toBe(false);
  });

  it("a line assigned by hand, and a Stripe payment that succeeded (once, whatever the order)", async () => {
    const inv = await issued(org, 2000);
    await upload(camt("000000000097", inv.totalCents, `c${inv.id}`)); // an OGM no invoice has: queued
    const line = await env.DB.prepare("select id from bank_entries where line_key like ?").bind(`%c${inv.id}%`).first<string>("id");
    const res = await SELF.fetch(`${BASE}/api/v1/bank-entries/${line}/assign`, { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ invoice_id: inv.id }) });
    expect(res.status).toBe(200);
    expect((await sent("invoice.paid")).filter((e) => e.body.data.id === inv.id).map((e) => e.body.data.status)).toEqual(["paid", "paid"]);

    const card = await issued(org, 3000);
    const secret = "whsec_test_stripe_secret_0123456789";
    const object = { id: `cs_test_${card.id}`, object: "checkout.session", mode: "payment", currency: "eur", amount_total: card.totalCents, payment_status: "paid", payment_intent: `pi_${card.id}`, client_reference_id: card.id, metadata: { invoice_id: card.id }, payment_method_types: ["card"] };
    for (const [type, created] of [["checkout.session.completed", 200], ["checkout.session.async_payment_succeeded", 100]] as const) {
      const payload = JSON.stringify({ id: `evt_${type}_${card.id}`, object: "event", type, api_version: "2026-10-28.endive", created, data: { object }, livemode: false, pending_webhooks: 1, request: null });
      const header = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, cryptoProvider: Stripe.createSubtleCryptoProvider() });
      expect((await SELF.fetch(`${BASE}/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": header }, body: payload })).status).toBe(200);
    }
    const paid = (await sent("invoice.paid")).filter((e) => e.body.data.id === card.id);
    expect(paid.map((e) => e.body.data.status)).toEqual(["paid", "paid"]);
    const received = (await sent("payment.received")).filter((e) => e.body.data.invoice_id === card.id);
    expect(received).toHaveLength(2);
    expect(received[0]!.body.data).toMatchObject({ method: "card", amount_cents: card.totalCents, allocated_cents: card.totalCents });
  });
});

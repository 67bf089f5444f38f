// Payments (issue 13): statements, the unmatched queue and its assignment, the accountant's export —
// coop_admins only (their session here; their key with billing:write in tests/coop/payments/api.test.ts).
// Paying online is for the billed organisation's owners and admins only (`member` owns memberOrg);
// the suite has no STRIPE_SECRET_KEY, so those allowed get the 503 that says so, everyone else 401/403
// (tests/coop/payments/checkout.test.ts runs them with a key and a fake Stripe).
import { env } from "cloudflare:test";
import { only, PAGE, POST, unique, type Row } from "../kit";

const STATEMENT = () =>
  `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M-${unique()}</MsgId></GrpHdr><Stmt><Id>S-${unique()}</Id><Acct><Id><IBAN>BE68539007547034</IBAN></Id></Acct>` +
  `<Ntry><Amt Ccy="EUR">12.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2027-01-31</Dt></BookgDt><AcctSvcrRef>MATRIX-${unique()}</AcctSvcrRef></Ntry></Stmt></BkToCstmrStmt></Document>`;

/** A queued line, and an issued invoice of the member organisation to give it to. */
async function lineAndInvoice(orgId: string): Promise<{ entry: string; invoice: string }> {
  const u = unique();
  const entry = `ben_${u}`;
  const invoice = `bil_${u}`;
  await env.DB.prepare("insert into bank_statements (id, statement_id, message_id, version, iban, entries, matched, partial, unmatched, duplicates) values (?, 's', 'm', 'camt.053.001.08', 'BE68539007547034', 1, 0, 0, 1, 0)").bind(`bst_${u}`).run();
  await env.DB.prepare("insert into bank_entries (id, line_key, upload_id, iban, amount_cents, currency, booking_date, outcome, reason) values (?, ?, ?, 'BE68539007547034', 500, 'EUR', '2027-01-31', 'unmatched', 'no_reference')").bind(entry, `h:${u}`, `bst_${u}`).run();
  const seq = Math.floor(Math.random() * 1e9);
  await env.DB.prepare(
    "insert into billing_documents (id, type, status, org_id, language, series, sequence, number, ogm, issue_date, due_date, lines, vat, net_cents, vat_cents, total_cents, notes) values (?, 'invoice', 'open', ?, 'fr', 'FMX', ?, ?, ?, '2027-01-05', '2027-02-04', '[]', '[]', 1000, 0, 1000, '[]')",
  )
    .bind(invoice, orgId, seq, `FMX-${seq}`, `mx${u}`)
    .run();
  return { entry, invoice };
}

export const rows: Row[] = [
  { route: "POST /api/v1/bank-statements", request: () => ({ path: "/api/v1/bank-statements", raw: { type: "application/xml", body: STATEMENT() } }), expect: only(["coopAdmin"], 200, POST) },
  { route: "GET /api/v1/bank-entries/unmatched", request: () => ({ path: "/api/v1/bank-entries/unmatched" }), expect: only(["coopAdmin"], 200, POST) },
  {
    route: "POST /api/v1/bank-entries/:id/assign",
    request: async (w) => {
      const { entry, invoice } = await lineAndInvoice(w.memberOrg);
      return { path: `/api/v1/bank-entries/${entry}/assign`, json: { invoice_id: invoice } };
    },
    expect: only(["coopAdmin"], 200, POST),
  },
  { route: "GET /api/v1/exports/billing", request: () => ({ path: "/api/v1/exports/billing?from=2027-01-01&to=2027-01-31" }), expect: only(["coopAdmin"], 200, POST) },
  { route: "GET /coop/payments", request: () => ({ path: "/coop/payments" }), expect: only(["coopAdmin"], 200, PAGE) },
  {
    route: "POST /coop/payments",
    request: () => {
      const boundary = `matrix${unique()}`;
      const body = `--${boundary}\r\ncontent-disposition: form-data; name="statement"; filename="camt.xml"\r\ncontent-type: application/xml\r\n\r\n${STATEMENT()}\r\n--${boundary}--\r\n`;
      return { path: "/coop/payments", raw: { type: `multipart/form-data; boundary=${boundary}`, body } };
    },
    expect: only(["coopAdmin"], 303, POST),
  },
  {
    route: "POST /coop/payments/entries/:id/assign",
    request: async (w) => {
      const { entry, invoice } = await lineAndInvoice(w.memberOrg);
      const number = await env.DB.prepare("select number from billing_documents where id = ?").bind(invoice).first<string>("number");
      return { path: `/coop/payments/entries/${entry}/assign`, form: { invoice_number: number! } };
    },
    expect: only(["coopAdmin"], 303, POST),
  },
  { route: "GET /orgs/:orgId/billing/ledger", request: (w) => ({ path: `/orgs/${w.memberOrg}/billing/ledger` }), expect: only(["member", "coopAdmin"], 200, PAGE) },
  {
    route: "POST /orgs/:orgId/billing/:id/pay",
    request: async (w) => ({ path: `/orgs/${w.memberOrg}/billing/${(await lineAndInvoice(w.memberOrg)).invoice}/pay`, form: {} }),
    expect: only(["member"], 503, POST),
  },
  { route: "POST /orgs/:orgId/billing/payment-methods", request: (w) => ({ path: `/orgs/${w.memberOrg}/billing/payment-methods`, form: {} }), expect: only(["member"], 503, POST) },
  // Automatic debit needs no Stripe call: the owner reaches the service (no saved method: 409); stopping is a 303.
  { route: "POST /orgs/:orgId/billing/automatic-debit", request: (w) => ({ path: `/orgs/${w.memberOrg}/billing/automatic-debit`, form: { consent: "yes" } }), expect: only(["member"], 409, POST) },
  { route: "POST /orgs/:orgId/billing/automatic-debit/stop", request: (w) => ({ path: `/orgs/${w.memberOrg}/billing/automatic-debit/stop`, form: {} }), expect: only(["member"], 303, POST) },
  {
    route: "POST /api/v1/orgs/:id/invoices/:invoiceId/checkout",
    request: async (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/invoices/${(await lineAndInvoice(w.memberOrg)).invoice}/checkout`, json: {} }),
    expect: only(["member"], 503, POST),
  },
];

// Payments (issue 13): statements, the unmatched queue and its assignment, the accountant's export —
// coop_admins only (their session here; their key with billing:write in tests/coop/payments/api.test.ts).
import { env } from "cloudflare:test";
import { only, POST, unique, type Row } from "../kit";

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
];

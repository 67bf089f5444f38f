// /coop/payments and the customer ledger in workerd: a CAMT.053 uploaded from the page's multipart
// form (figures shown after the redirect), a bad file refused next to its field in the visitor's
// language, a queued line assigned by invoice number (a wrong number refused next to the line), and
// the ledger with its balance; plain members and other organisations are refused.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createDraft, issueInvoice } from "../../../src/coop/invoices/service";
import { systemContext } from "../../../src/lib/context";
import { signIn, type Browser } from "../../accounts/helpers";
import { grantRole } from "../../helpers/people";
import { coop, customer } from "../helpers";

let admin: Browser;
let owner: Browser;
let plain: Browser;
let org: string;

const camt = (lines: { ogm?: string; text?: string; cents: number; ref: string }[]) =>
  `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>PG-${lines[0]!.ref}</MsgId></GrpHdr><Stmt><Id>S-${lines[0]!.ref}</Id><Acct><Id><IBAN>BE68539007547034</IBAN></Id></Acct>` +
  lines
    .map(
      (l) =>
        `<Ntry><Amt Ccy="EUR">${(l.cents / 100).toFixed(2)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2027-02-01</Dt></BookgDt><AcctSvcrRef>PG-${l.ref}</AcctSvcrRef>` +
        `<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Les Amis du Parc</Nm></Dbtr></RltdPties><RmtInf>${l.ogm ? `<Strd><CdtrRefInf><Ref>${l.ogm}</Ref></CdtrRefInf></Strd>` : `<Ustrd>${l.text ?? ""}</Ustrd>`}</RmtInf></TxDtls></NtryDtls></Ntry>`,
    )
    .join("") +
  `</Stmt></BkToCstmrStmt></Document>`;

function uploadForm(xml: string | null) {
  const form = new FormData();
  if (xml !== null) form.append("statement", new File([xml], "statement.xml", { type: "application/xml" }));
  return form;
}
const post = (b: Browser, path: string, body: FormData | URLSearchParams) => b.fetch(path, { method: "POST", body, headers: { origin: "https://chatiere.test", "sec-fetch-site": "same-origin" } });

async function issued(cents: number) {
  const ctx = systemContext(env, "cli");
  return issueInvoice(ctx, (await createDraft(ctx, { orgId: org, lines: [{ description: "Hébergement", quantity: 1, unitPriceCents: cents }] })).id);
}

beforeAll(async () => {
  await coop();
  org = await customer({ owner: "owner@paypages.test", member: "plain@paypages.test" });
  await grantRole("coop@paypages.test", "coop_admin");
  [admin, owner, plain] = (await Promise.all(["coop@paypages.test", "owner@paypages.test", "plain@paypages.test"].map((e) => signIn(e)))) as [Browser, Browser, Browser];
});

describe("/coop/payments", () => {
  it("uploads a statement from the page and shows what it did; a queued line is assigned by invoice number", async () => {
    const a = await issued(10000);
    const b = await issued(5000);
    const xml = camt([
      { ogm: a.ogm!, cents: a.totalCents, ref: `1-${a.id}` },
      { ogm: b.ogm!, cents: 2000, ref: `2-${a.id}` },
      { text: "cotisation merci", cents: 1500, ref: `3-${a.id}` },
    ]);
    let res = await post(admin, "/coop/payments", uploadForm(xml));
    expect(res.status).toBe(303);
    const figures = await (await admin.fetch(`${res.headers.get("location")!}&lang=en`)).text();
    for (const [name, n] of [["entries", 3], ["matched", 1], ["partial", 1], ["unmatched", 1], ["duplicates", 0]] as const) expect(figures).toContain(`data-figure="${name}">${n}<`);
    expect(figures).toContain("cotisation merci");
    expect(figures).toContain("No structured communication");
    expect(await env.DB.prepare("select status from billing_documents where id = ?").bind(a.id).first("status")).toBe("paid");

    // Again: all duplicates.
    res = await post(admin, "/coop/payments", uploadForm(xml));
    expect(await (await admin.fetch(res.headers.get("location")!)).text()).toContain(`data-figure="duplicates">3<`);

    const line = await env.DB.prepare("select id from bank_entries where line_key like ?").bind(`%3-${a.id}%`).first<string>("id");
    // A wrong number: 400, the message next to that line's field, nothing booked.
    res = await post(admin, `/coop/payments/entries/${line}/assign?lang=en`, new URLSearchParams({ invoice_number: "F1999-000001" }));
    expect(res.status).toBe(400);
    const refused = await res.text();
    expect(refused).toContain(`id="invoice-${line}-error"`);
    expect(refused).toContain("No issued invoice has this number.");
    res = await post(admin, `/coop/payments/entries/${line}/assign`, new URLSearchParams({ invoice_number: b.number!.toLowerCase() }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/coop/payments?notice=assigned");
    expect(await env.DB.prepare("select status, paid_cents from billing_documents where id = ?").bind(b.id).first()).toEqual({ status: "partially_paid", paid_cents: 3500 });
    // Twice: 409 on the page.
    expect((await post(admin, `/coop/payments/entries/${line}/assign`, new URLSearchParams({ invoice_number: b.number! }))).status).toBe(409);
  });

  it("a missing file or a file that is not CAMT.053: 400, a translated message naming the field", async () => {
    let res = await post(admin, "/coop/payments?lang=fr", uploadForm(null));
    expect(res.status).toBe(400);
    let html = await res.text();
    expect(html).toContain('id="statement-error"');
    expect(html).toContain("Choisissez le fichier de l&#39;extrait");
    res = await post(admin, "/coop/payments?lang=nl", uploadForm("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>"));
    expect(res.status).toBe(400);
    html = await res.text();
    expect(html).toContain('id="statement-error"');
    expect(html).toMatch(/Dit bestand is geen geldig CAMT\.053-afschrift \(Document[^)]*\)\./);
    res = await post(admin, "/coop/payments?lang=en", uploadForm("not xml at all"));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This file is not a valid CAMT.053 statement (body).");
    expect(await env.DB.prepare("select count(*) n from bank_statements where message_id like 'pain%'").first("n")).toBe(0);
  });

  it("is for coop_admins only", async () => {
    expect((await owner.fetch("/coop/payments")).status).toBe(403);
    expect((await post(owner, "/coop/payments", uploadForm(camt([{ text: "x", cents: 100, ref: "sec" }])))).status).toBe(403);
  });
});

describe("/orgs/:orgId/billing/ledger", () => {
  it("lists invoices and payments with the balance, for the owner and coop_admins, not plain members", async () => {
    const page = await (await owner.fetch(`/orgs/${org}/billing/ledger?lang=en`)).text();
    expect(page).toContain("Customer account");
    expect(page).toMatch(/Still to pay: €\d/);
    expect(page).toContain("Payment");
    expect((await admin.fetch(`/orgs/${org}/billing/ledger`)).status).toBe(200);
    expect((await plain.fetch(`/orgs/${org}/billing/ledger`)).status).toBe(403);
    // Reachable from the invoice pages.
    const inv = await issued(1000);
    expect(await (await owner.fetch(`/orgs/${org}/billing/${inv.id}`)).text()).toContain(`href="/orgs/${org}/billing/ledger"`);
    expect(await (await admin.fetch(`/coop/invoices/${inv.id}`)).text()).toContain(`href="/orgs/${org}/billing/ledger"`);
  });
});

// The accountant's ZIP holds the Peppol UBL of every invoice and credit note of the period: invoices
// and a credit note issued through the API, the ZIP opened with fflate, each UBL parsed and checked
// against its document (number, type code, the invoice a credit note corrects, the amount).
import { strFromU8, unzipSync } from "fflate";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../accounts/helpers";
import { call, json } from "../../helpers/http";
import { coop, COOP_ADMIN, coopAdminKey, customer } from "../helpers";

let key: string;
const H = () => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const post = async (path: string, body: unknown = {}) => {
  const res = await call(path, { method: "POST", headers: H(), body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return json(res);
};
async function issued(org: string, issueDate: string, cents: number) {
  const d = await post("/api/v1/invoices", { organisation_id: org, issue_date: issueDate, lines: [{ description: "Hébergement", quantity: 1, unit_price_cents: cents }] });
  return post(`/api/v1/invoices/${d.id}/issue`);
}

beforeAll(async () => {
  await coop();
  key = await coopAdminKey();
});

describe("GET /api/v1/exports/billing?format=zip", () => {
  it("holds the UBL of each invoice and credit note of the period, each parsing and bearing its number", async () => {
    const org = await customer({ contactEmail: "compta@export.test" });
    const before = await issued(org, "2026-09-30", 1000); // outside the period
    const a = await issued(org, "2026-10-02", 10000);
    const b = await issued(org, "2026-10-15", 25000);
    const note = await post(`/api/v1/invoices/${before.id}/credit-note`, {}); // dated today, in the period below
    const from = "2026-10-01";
    const to = note.issue_date;
    const res = await call(`/api/v1/exports/billing?from=${from}&to=${to}&format=zip`, { headers: H() });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const ubl = Object.keys(files).filter((n) => n.startsWith("ubl/")).sort();
    expect(ubl).toEqual([`ubl/${a.number}.xml`, `ubl/${b.number}.xml`, `ubl/${note.number}.xml`].sort());
    expect(Object.keys(files)).toEqual(expect.arrayContaining([`documents-${from}-${to}.csv`, `payments-${from}-${to}.csv`]));

    const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false });
    for (const doc of [a, b]) {
      const xml = strFromU8(files[`ubl/${doc.number}.xml`]!);
      expect(XMLValidator.validate(xml)).toBe(true);
      const inv = parser.parse(xml).Invoice;
      expect(inv.ID).toBe(doc.number);
      expect(inv.InvoiceTypeCode).toBe("380");
      expect(inv.PaymentMeans.PaymentID).toBe(doc.ogm);
      expect(inv.LegalMonetaryTotal.PayableAmount["#text"]).toBe((doc.total_cents / 100).toFixed(2));
    }
    const xml = strFromU8(files[`ubl/${note.number}.xml`]!);
    expect(XMLValidator.validate(xml)).toBe(true);
    const cn = parser.parse(xml).CreditNote;
    expect(cn.ID).toBe(note.number);
    expect(cn.CreditNoteTypeCode).toBe("381");
    expect(cn.BillingReference.InvoiceDocumentReference).toEqual({ ID: before.number, IssueDate: "2026-09-30" });
  });

  it("the coop_admin's invoice list links it: a GET form whose fields the export API takes, with the session", async () => {
    const admin = await signIn(COOP_ADMIN);
    const html = await (await admin.fetch("/coop/invoices?lang=en")).text();
    expect(html).toContain('<form method="get" action="/api/v1/exports/billing"');
    expect(html).toContain('<input type="hidden" name="format" value="zip"');
    expect(html).toMatch(/id="export-from" name="from"/);
    expect(html).toMatch(/id="export-to" name="to"/);
    expect(html).toContain("Export for the accountant");
    const res = await admin.fetch("/api/v1/exports/billing?format=zip&from=2026-10-01&to=2026-10-31");
    expect(res.status).toBe(200);
    expect(Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer())))).toContain("documents-2026-10-01-2026-10-31.csv");
  });
});

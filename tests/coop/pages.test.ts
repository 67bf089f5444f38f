// The billing pages in workerd: the cooperative's identity form (IBAN/BIC checked, fields named),
// a draft from the form, issue and credit from the invoice's page, the member's billing page in its
// language; plain members and other organisations are refused.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, type Browser } from "../accounts/helpers";
import { grantRole } from "../helpers/people";
import { customer } from "./helpers";

const ADMIN = "coop-pages@billing.test";
let coopAdmin: Browser;
let org: string;

const IDENTITY = { legal_name: "Coopérative Pages SC", enterprise_number: "0417.497.106", street: "Rue de la Loi 16", postcode: "1000", city: "Bruxelles", country_code: "BE", vat_status: "franchise", iban: "BE68 5390 0754 7034", bic: "gkccbebb", payment_terms_days: "14", language: "fr", email: "factures@coop.test" };

beforeAll(async () => {
  await grantRole(ADMIN, "coop_admin");
  coopAdmin = await signIn(ADMIN);
  org = await customer({ owner: "owner@pages.test", member: "plain@pages.test", language: "nl" });
});

describe("/coop/settings", () => {
  it("refuses a wrong IBAN, BIC and enterprise number next to their fields, then saves a good identity", async () => {
    let res = await coopAdmin.post("/coop/settings", { ...IDENTITY, iban: "BE68 5390 0754 7035", bic: "NOPE", enterprise_number: "0123.456.789" });
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const id of ["iban", "bic", "enterprise_number"]) expect(html).toContain(`id="${id}-error"`);
    expect(html).toContain("Cet IBAN n&#39;est pas valable"); // escaped by JSX
    expect(await env.DB.prepare("select count(*) n from billing_issuers").first<{ n: number }>()).toEqual({ n: 0 });
    res = await coopAdmin.post("/coop/settings", IDENTITY);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/coop/settings?notice=saved");
    const row = await env.DB.prepare("select o.kind, o.legal_name, o.company_number, b.iban, b.bic, b.vat_status, b.payment_terms_days from billing_issuers b join organisations o on o.id = b.org_id").first();
    expect(row).toEqual({ kind: "cooperative", legal_name: "Coopérative Pages SC", company_number: "BE0417497106", iban: "BE68539007547034", bic: "GKCCBEBB", vat_status: "franchise", payment_terms_days: 14 });
    const page = await (await coopAdmin.fetch("/coop/settings?notice=saved&lang=en")).text();
    expect(page).toContain("Billing identity saved.");
    expect(page).toContain('value="BE68539007547034"');
  });
});

describe("/coop/invoices", () => {
  it("a draft from the form (blank rows ignored, euros with a comma), issued from its page, then credited", async () => {
    let res = await coopAdmin.post("/coop/invoices", { organisation_id: org, "lines.0.description": "Hébergement", "lines.0.quantity": "12", "lines.0.unit": "MON", "lines.0.unit_price": "5,00", "lines.2.description": "Domaine", "lines.2.unit_price": "12,34" });
    expect(res.status).toBe(303);
    const path = res.headers.get("location")!.split("?")[0]!;
    const id = path.split("/").pop()!;
    const draft = await env.DB.prepare("select status, total_cents, lines, vat from billing_documents where id = ?").bind(id).first<{ status: string; total_cents: number; lines: string; vat: string }>();
    // The cooperative is under the franchise scheme: no VAT, category E.
    expect(draft).toMatchObject({ status: "draft", total_cents: 7234 });
    expect(JSON.parse(draft!.vat)).toEqual([{ category: "E", ratePercent: 0, taxableCents: 7234, vatCents: 0, exemptionReason: "Bijzondere vrijstellingsregeling kleine ondernemingen" }]);
    let html = await (await coopAdmin.fetch(`${path}?lang=fr`)).text(); // the first test left the language cookie on en
    expect(html).toContain("Émettre la facture");
    res = await coopAdmin.post(`${path}/issue`);
    expect(res.status).toBe(303);
    html = await (await coopAdmin.fetch(`${res.headers.get("location")!}&lang=fr`)).text();
    expect(html).toMatch(/Facture F\d{4}-000001/);
    expect(html).toMatch(/\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+/);
    expect(html).toContain("Bijzondere vrijstellingsregeling kleine ondernemingen");
    // The edit form of an issued invoice is refused.
    expect((await coopAdmin.fetch(`${path}/edit`)).status).toBe(409);
    // Too much: the form comes back with the line named.
    res = await coopAdmin.post(`${path}/credit-note`, { "credit.1": "13" });
    expect(res.status).toBe(400);
    res = await coopAdmin.post(`${path}/credit-note`, { "credit.1": "2" });
    expect(res.status).toBe(303);
    html = await (await coopAdmin.fetch(`${res.headers.get("location")!}&lang=fr`)).text();
    expect(html).toMatch(/Note de crédit NC\d{4}-000001/);
    const list = await (await coopAdmin.fetch(`/coop/invoices?organisation_id=${org}&status=open`)).text();
    expect(list).toContain(`/coop/invoices/${id}`);
  });

  it("names the line's field at fault and keeps what was typed", async () => {
    const res = await coopAdmin.post("/coop/invoices", { organisation_id: org, "lines.1.description": "Boîte", "lines.1.quantity": "-2", "lines.1.unit_price": "douze" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="f-lines-1-quantity-error"');
    expect(html).toContain('id="f-lines-1-unit_price-error"');
    expect(html).toContain('value="douze"');
  });
});

describe("/orgs/:orgId/billing", () => {
  it("the owner reads the organisation's issued documents in Dutch; a plain member and strangers are refused", async () => {
    const owner = await signIn("owner@pages.test");
    const html = await (await owner.fetch(`/orgs/${org}/billing?lang=nl`)).text();
    expect(html).toContain("Facturen");
    expect(html).toMatch(/Factuur F\d{4}-000001/);
    expect(html).toMatch(/Creditnota NC\d{4}-000001/);
    expect((await (await signIn("plain@pages.test")).fetch(`/orgs/${org}/billing`)).status).toBe(403);
    const other = await customer({ owner: "other@pages.test" });
    expect((await owner.fetch(`/orgs/${other}/billing`)).status).toBe(403);
    expect((await owner.fetch("/coop/invoices")).status).toBe(403);
  });
});

describe("the issued document (billing-docs renderers)", () => {
  it("as HTML, PDF and UBL for the owner; a draft is not rendered", async () => {
    const owner = await signIn("owner@pages.test");
    const { id } = (await env.DB.prepare("select id from billing_documents where org_id = ? and type = 'invoice' and status <> 'draft' limit 1").bind(org).first<{ id: string }>())!;
    const page = await owner.fetch(`/orgs/${org}/billing/${id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/F\d{4}-000001/);
    const pdf = await owner.fetch(`/api/v1/invoices/${id}/pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    const ubl = await owner.fetch(`/api/v1/invoices/${id}/ubl`);
    expect(await ubl.text()).toMatch(/<cbc:ID>F\d{4}-000001<\/cbc:ID>/);
    const draft = await coopAdmin.post("/coop/invoices", { organisation_id: org, "lines.0.description": "x", "lines.0.unit_price": "1" });
    const draftId = draft.headers.get("location")!.split("?")[0]!.split("/").pop()!;
    expect((await coopAdmin.fetch(`/api/v1/invoices/${draftId}/pdf`)).status).toBe(409);
    expect((await owner.fetch(`/orgs/${org}/billing/${draftId}`)).status).toBe(404);
  });
});

// Billing (src/coop): coop_admins draft, issue and credit invoices and set the cooperative's billing
// identity (API and pages); a member organisation's owners and admins (memberOrg: `member` is its
// owner) read its issued documents. Stewards have no say in billing.
import { env } from "cloudflare:test";
import { createDraft, issueInvoice } from "../../../src/coop/invoices/service";
import { systemContext } from "../../../src/lib/context";
import { only, PAGE, POST, type Row } from "../kit";
import type { World } from "../world";

const LINE = { description: "Hébergement", quantity: 1, unit_price_cents: 1000 };
const ISSUER = { legal_name: "Coopérative Matrix SC", enterprise_number: "0417.497.106", street: "Rue de la Loi 16", postcode: "1000", city: "Bruxelles", country_code: "BE", vat_status: "registered", iban: "BE68 5390 0754 7034", bic: "GKCCBEBB", payment_terms_days: "30", language: "fr" };

/** The cooperative's identity and memberOrg's billing profile, once per world. */
async function ready(w: World) {
  if (!(await env.DB.prepare("select 1 from billing_issuers").first())) {
    await env.DB.prepare("insert into organisations (id, kind, name, legal_name, company_number, street, postcode, city, country_code) values ('org_matrixcoop', 'cooperative', 'Coop', 'Coopérative Matrix SC', 'BE0417497106', 'Rue de la Loi 16', '1000', 'Bruxelles', 'BE')").run();
    await env.DB.prepare("insert into billing_issuers (org_id, vat_status, iban, bic) values ('org_matrixcoop', 'registered', 'BE68539007547034', 'GKCCBEBB')").run();
  }
  await env.DB.prepare("update organisations set legal_name = 'Member A asbl', street = 'Rue Haute 5', postcode = '1000', city = 'Bruxelles', country_code = 'BE' where id = ?").bind(w.memberOrg).run();
}

async function freshDraft(w: World): Promise<string> {
  await ready(w);
  const ctx = systemContext(env, "cli");
  return (await createDraft(ctx, { orgId: w.memberOrg, lines: [{ description: "Hébergement", quantity: 1, unitPriceCents: 1000 }] })).id;
}

async function freshInvoice(w: World): Promise<string> {
  const id = await freshDraft(w);
  await issueInvoice(systemContext(env, "cli"), id);
  return id;
}

const coop = (ok: number, anonymous: number) => only(["coopAdmin"], ok, anonymous);
const ownersAndCoop = (ok: number, anonymous: number) => only(["member", "coopAdmin"], ok, anonymous);

export const rows: Row[] = [
  { route: "POST /api/v1/invoices", request: async (w) => (await ready(w), { path: "/api/v1/invoices", json: { organisation_id: w.memberOrg, lines: [LINE] } }), expect: coop(201, POST) },
  { route: "GET /api/v1/invoices", request: () => ({ path: "/api/v1/invoices" }), expect: coop(200, POST) },
  { route: "GET /api/v1/invoices/:id", request: async (w) => ({ path: `/api/v1/invoices/${await freshInvoice(w)}` }), expect: ownersAndCoop(200, POST) },
  { route: "PATCH /api/v1/invoices/:id", request: async (w) => ({ path: `/api/v1/invoices/${await freshDraft(w)}`, json: { due_days: 14 }, method: "PATCH" }), expect: coop(200, POST) },
  { route: "POST /api/v1/invoices/:id/issue", request: async (w) => ({ path: `/api/v1/invoices/${await freshDraft(w)}/issue`, json: {} }), expect: coop(200, POST) },
  { route: "POST /api/v1/invoices/:id/credit-note", request: async (w) => ({ path: `/api/v1/invoices/${await freshInvoice(w)}/credit-note`, json: {} }), expect: coop(201, POST) },
  { route: "GET /api/v1/orgs/:id/invoices", request: (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/invoices` }), expect: ownersAndCoop(200, POST) },
  { route: "GET /api/v1/coop/issuer", request: () => ({ path: "/api/v1/coop/issuer" }), expect: coop(200, POST) },
  { route: "PUT /api/v1/coop/issuer", request: () => ({ path: "/api/v1/coop/issuer", json: ISSUER, method: "PUT" }), expect: coop(200, POST) },
  { route: "GET /coop/settings", request: () => ({ path: "/coop/settings" }), expect: coop(200, PAGE) },
  { route: "POST /coop/settings", request: () => ({ path: "/coop/settings", form: ISSUER }), expect: coop(303, POST) },
  { route: "GET /coop/invoices", request: () => ({ path: "/coop/invoices" }), expect: coop(200, PAGE) },
  { route: "GET /coop/invoices/new", request: () => ({ path: "/coop/invoices/new" }), expect: coop(200, PAGE) },
  {
    route: "POST /coop/invoices",
    request: async (w) => (await ready(w), { path: "/coop/invoices", form: { organisation_id: w.memberOrg, "lines.0.description": "Hébergement", "lines.0.quantity": "1", "lines.0.unit_price": "10,00" } }),
    expect: coop(303, POST),
  },
  { route: "GET /coop/invoices/:id", request: async (w) => ({ path: `/coop/invoices/${await freshInvoice(w)}` }), expect: coop(200, PAGE) },
  { route: "GET /coop/invoices/:id/edit", request: async (w) => ({ path: `/coop/invoices/${await freshDraft(w)}/edit` }), expect: coop(200, PAGE) },
  {
    route: "POST /coop/invoices/:id",
    request: async (w) => ({ path: `/coop/invoices/${await freshDraft(w)}`, form: { organisation_id: w.memberOrg, "lines.0.description": "Boîte mail", "lines.0.quantity": "2", "lines.0.unit_price": "3" } }),
    expect: coop(303, POST),
  },
  { route: "POST /coop/invoices/:id/issue", request: async (w) => ({ path: `/coop/invoices/${await freshDraft(w)}/issue`, form: {} }), expect: coop(303, POST) },
  { route: "POST /coop/invoices/:id/credit-note", request: async (w) => ({ path: `/coop/invoices/${await freshInvoice(w)}/credit-note`, form: { whole: "1" } }), expect: coop(303, POST) },
  { route: "GET /api/v1/invoices/:id/pdf", request: async (w) => ({ path: `/api/v1/invoices/${await freshInvoice(w)}/pdf` }), expect: ownersAndCoop(200, POST) },
  { route: "GET /api/v1/invoices/:id/ubl", request: async (w) => ({ path: `/api/v1/invoices/${await freshInvoice(w)}/ubl` }), expect: ownersAndCoop(200, POST) },
  { route: "GET /orgs/:orgId/billing/:id", request: async (w) => ({ path: `/orgs/${w.memberOrg}/billing/${await freshInvoice(w)}` }), expect: ownersAndCoop(200, PAGE) },
  { route: "GET /orgs/:orgId/billing", request: (w) => ({ path: `/orgs/${w.memberOrg}/billing` }), expect: ownersAndCoop(200, PAGE) },
];

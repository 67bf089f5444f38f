// Shares in workerd against D1 with the real migrations: a request approved → its capital call
// issued in its own series → paid by a CAMT statement through the reconciliation route → the
// register's subscription and payment entries and totals; a refusal leaves nothing; a request is
// decided once; redemption; the register's immutability; who may do what.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, mailTo, type Browser } from "../../accounts/helpers";
import { BASE, json } from "../../helpers/http";
import { apiKey, bearer, grantRole } from "../../helpers/people";
import { coop, customer } from "../helpers";
import { camtPaying, CONSENTS, demoClasses, registerRows } from "./fixtures";

const ADMIN = "coop-admin@shares.test";
const OWNER = "owner@shares.test";
const PLAIN = "plain@shares.test";
const PERSON = "person@shares.test";
let admin: Record<string, string>;
let owner: Browser;
let plain: Browser;
let somebody: Browser;
let orgId: string;

const api = (b: Browser, path: string, body?: unknown) =>
  b.fetch(`/api/v1${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json", origin: BASE }, body: JSON.stringify(body) });
const asAdmin = (path: string, body?: unknown, method = "POST") =>
  SELF.fetch(`${BASE}/api/v1${path}`, body === undefined ? { headers: admin } : { method, headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify(body) });
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  await coop();
  await demoClasses();
  await grantRole(ADMIN, "coop_admin");
  admin = bearer(await apiKey({ email: ADMIN, scopes: ["billing:write"] }));
  orgId = await customer({ owner: OWNER, member: PLAIN, contactEmail: "contact@parc.test", language: "nl" });
  owner = await signIn(OWNER);
  plain = await signIn(PLAIN);
  somebody = await signIn(PERSON);
});

describe("share classes", () => {
  it("opens a class with the default cap of €5,000 nominal, refuses a duplicate code and bad limits, patches", async () => {
    let res = await asAdmin("/coop/share-classes", { code: "c", name: "Soutien", nominal_cents: 3000 });
    expect(res.status).toBe(201);
    const c = await json(res);
    expect(c).toMatchObject({ code: "C", nominal_cents: 3000, min_shares: 1, max_shares: 166, required_for_users: false });
    expect((await asAdmin("/coop/share-classes", { code: "C", name: "Again", nominal_cents: 100 })).status).toBe(409);
    res = await asAdmin(`/coop/share-classes/${c.id}`, { min_shares: 10, max_shares: 5 }, "PATCH");
    expect(res.status).toBe(400);
    expect((await json(res)).errors).toEqual([{ field: "max_shares", message: "at least min_shares" }]);
    res = await asAdmin(`/coop/share-classes/${c.id}`, { name: "Soutiens", max_shares: 50 }, "PATCH");
    expect(await json(res)).toMatchObject({ name: "Soutiens", max_shares: 50 });
    const list = await json(await asAdmin("/coop/share-classes"));
    expect(list.items.map((x: { code: string }) => x.code)).toEqual(["A", "B", "C"]);
  });
});

describe("a share request, approved, paid by a CAMT statement, in the register", () => {
  it("goes from the member's request to the register entries and totals", async () => {
    // Consents: each missing one is named.
    let res = await api(owner, "/coop/share-requests", { class: "B", shares: 4, holder: { organisation_id: orgId }, consents: { ...CONSENTS, financial_risk: false, data_policy: undefined } });
    expect(res.status).toBe(400);
    expect((await json(res)).errors.map((e: { field: string }) => e.field)).toEqual(["consents.data_policy", "consents.financial_risk"]);
    // Limits: at most 100 B shares per holder.
    res = await api(owner, "/coop/share-requests", { class: "B", shares: 101, holder: { organisation_id: orgId }, consents: CONSENTS });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].field).toBe("shares");

    res = await api(owner, "/coop/share-requests", { class: "B", shares: 4, holder: { organisation_id: orgId }, consents: CONSENTS });
    expect(res.status).toBe(201);
    const request = await json(res);
    expect(request).toMatchObject({ status: "pending", class: "B", shares: 4, nominal_cents: 5000, capital_call: null, holder: { kind: "organisation", name: "Les Amis du Parc asbl", street: "Rue Haute 5", enterprise_number: "0403170701" } });
    // Pending shares count against the cap.
    res = await api(owner, "/coop/share-requests", { class: "B", shares: 97, holder: { organisation_id: orgId }, consents: CONSENTS });
    expect(res.status).toBe(400);

    // The board's date is required and never in the future.
    expect((await asAdmin(`/coop/share-requests/${request.id}/approve`, {})).status).toBe(400);
    expect((await asAdmin(`/coop/share-requests/${request.id}/approve`, { decided_on: "2999-01-01" })).status).toBe(400);
    res = await asAdmin(`/coop/share-requests/${request.id}/approve`, { decided_on: today() });
    expect(res.status).toBe(200);
    const approved = await json(res);
    const year = today().slice(0, 4);
    expect(approved.status).toBe("approved");
    expect(approved.capital_call).toMatchObject({ number: `AP${year}-000001`, status: "open", total_cents: 20000, paid_cents: 0 });
    const doc = await env.DB.prepare("select type, series, org_id, ogm, vat, lines, notes from billing_documents where id = ?").bind(approved.capital_call.id).first<{ type: string; series: string; org_id: string; ogm: string; vat: string; lines: string; notes: string }>();
    expect(doc).toMatchObject({ type: "share_call", series: `AP${year}`, org_id: orgId });
    expect(JSON.parse(doc!.vat)).toEqual([expect.objectContaining({ category: "O", ratePercent: 0, taxableCents: 20000, vatCents: 0 })]);
    expect(JSON.parse(doc!.lines)[0]).toMatchObject({ description: "Aandelen van categorie B (Usagers)", quantity: 4, unitPriceCents: 5000 });
    expect(doc!.ogm.startsWith("3")).toBe(true);
    // The requester is told, in the holder's language.
    const mail = (await mailTo(OWNER)).find((m) => m.kind === "share_request.approved");
    expect(mail?.payload.subject).toBe("Uw aanvraag voor aandelen B is aanvaard");
    // A request is decided once.
    expect((await asAdmin(`/coop/share-requests/${request.id}/approve`, { decided_on: today() })).status).toBe(409);
    expect((await asAdmin(`/coop/share-requests/${request.id}/refuse`, { reason: "Non" })).status).toBe(409);
    // Not a Peppol invoice.
    expect((await SELF.fetch(`${BASE}/api/v1/invoices/${approved.capital_call.id}/ubl`, { headers: admin })).status).toBe(409);
    // The PDF renders like an invoice's.
    const pdf = await SELF.fetch(`${BASE}/api/v1/invoices/${approved.capital_call.id}/pdf`, { headers: admin });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    await pdf.arrayBuffer();
    expect(await registerRows()).toEqual([]);

    // Half paid: nothing enters the register yet.
    const upload = (xml: string) => SELF.fetch(`${BASE}/api/v1/bank-statements`, { method: "POST", headers: { ...admin, "content-type": "application/xml" }, body: xml });
    res = await upload(camtPaying(doc!.ogm, 10000, today()));
    expect(await json(res)).toMatchObject({ matched: 0, partial: 1 });
    expect(await registerRows()).toEqual([]);
    // The rest: paid in full → subscription and payment entries, in that batch.
    res = await upload(camtPaying(doc!.ogm, 10000, today()));
    expect(await json(res)).toMatchObject({ matched: 1 });
    expect(await env.DB.prepare("select status from billing_documents where id = ?").bind(approved.capital_call.id).first("status")).toBe("paid");
    const holderId = request.holder.id;
    const rows = await registerRows(holderId);
    expect(rows).toEqual(
      expect.arrayContaining([
        { kind: "subscription", shares: 4, amount_cents: 20000, on_date: today(), class_id: "scl_b" },
        { kind: "payment", shares: 0, amount_cents: 20000, on_date: today(), class_id: "scl_b" },
      ]),
    );
    expect(rows).toHaveLength(2);

    // The register: running totals, JSON and CSV.
    const register = await json(await asAdmin("/coop/register"));
    expect(register.entries.map((e: { kind: string; class_shares_after: number; capital_cents_after: number; paid_in_cents_after: number }) => [e.kind, e.class_shares_after, e.capital_cents_after, e.paid_in_cents_after])).toEqual([
      ["subscription", 4, 20000, 0],
      ["payment", 4, 20000, 20000],
    ]);
    const csv = await (await asAdmin("/coop/register?format=csv")).text();
    expect(csv.split("\r\n")[0]).toContain("date,holder_id,holder,address");
    expect(csv).toContain("Les Amis du Parc asbl");
    expect(csv).toContain(",subscription,4,200.00,4,200.00,0.00,");

    // The holder's owners see their own entries; a plain member and another person do not.
    expect((await api(owner, `/coop/shareholders/${holderId}/register`)).status).toBe(200);
    expect((await api(plain, `/coop/shareholders/${holderId}/register`)).status).toBe(403);
    expect((await api(somebody, `/coop/shareholders/${holderId}/register`)).status).toBe(403);

    // Redemption on resignation: at most what was paid in, never more shares than held.
    res = await asAdmin(`/coop/shareholders/${holderId}/redemptions`, { class: "B", shares: 5, on: today() });
    expect(res.status).toBe(400);
    res = await asAdmin(`/coop/shareholders/${holderId}/redemptions`, { class: "B", shares: 4, on: today(), book_value_cents: 4000 });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ amount_cents: 16000, entry: { kind: "redemption", shares: -4, amount_cents: -16000, class_shares_after: 0 } });
  });

  it("a refused request leaves no register entry and no document, and mails the reason", async () => {
    const before = await env.DB.prepare("select count(*) n from billing_documents").first("n");
    let res = await api(somebody, "/coop/share-requests", { class: "A", shares: 2, holder: { person: { name: "Ada Lovelace", street: "Rue du Midi 3", postcode: "1000", city: "Bruxelles", country_code: "be" } }, consents: CONSENTS });
    expect(res.status).toBe(201);
    const request = await json(res);
    expect(request.holder).toMatchObject({ kind: "person", name: "Ada Lovelace", country_code: "BE", organisation_id: null });
    expect((await asAdmin(`/coop/share-requests/${request.id}/refuse`, { reason: "  " })).status).toBe(400);
    res = await asAdmin(`/coop/share-requests/${request.id}/refuse`, { reason: "Le capital A est réservé aux fondateurs." });
    expect(await json(res)).toMatchObject({ status: "refused", refusal_reason: "Le capital A est réservé aux fondateurs.", capital_call: null });
    expect(await env.DB.prepare("select count(*) n from billing_documents").first("n")).toBe(before);
    expect(await registerRows(request.holder.id)).toEqual([]);
    expect((await mailTo(PERSON)).find((m) => m.kind === "share_request.refused")?.payload.text).toContain("Le capital A est réservé aux fondateurs.");
  });

  it("a person's approved request is billed to the person under the cooperative", async () => {
    const res = await api(somebody, "/coop/share-requests", { class: "B", shares: 1, holder: { person: { name: "Ada Lovelace", street: "Rue du Midi 3", postcode: "1000", city: "Bruxelles", country_code: "BE" } }, consents: CONSENTS });
    const request = await json(res);
    const approved = await json(await asAdmin(`/coop/share-requests/${request.id}/approve`, { decided_on: today() }));
    const doc = await env.DB.prepare("select d.customer, o.kind from billing_documents d join organisations o on o.id = d.org_id where d.id = ?").bind(approved.capital_call.id).first<{ customer: string; kind: string }>();
    expect(doc!.kind).toBe("cooperative");
    expect(JSON.parse(doc!.customer)).toMatchObject({ legalName: "Ada Lovelace", address: { street: "Rue du Midi 3", city: "Bruxelles" } });
    expect(approved.capital_call.number).toMatch(/^AP\d{4}-000002$/);
  });
});

describe("who may", () => {
  it("only the organisation's owners and admins request for it; only coop_admins decide", async () => {
    const res = await api(plain, "/coop/share-requests", { class: "B", shares: 1, holder: { organisation_id: orgId }, consents: CONSENTS });
    expect(res.status).toBe(403);
    expect((await api(owner, "/coop/share-requests", { class: "B", shares: 1, holder: { organisation_id: orgId, person: { name: "x", street: "x", postcode: "1", city: "x", country_code: "BE" } }, consents: CONSENTS })).status).toBe(400);
    expect((await api(owner, "/coop/share-requests/srq_x/approve", { decided_on: today() })).status).toBe(403);
    expect((await api(owner, "/coop/register")).status).toBe(403);
    expect((await SELF.fetch(`${BASE}/api/v1/coop/share-requests`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
  });
});

describe("the register is append-only", () => {
  it("refuses UPDATE and DELETE of an entry in SQL", async () => {
    await env.DB.prepare("insert into shareholders (id, kind, user_id, name, street, postcode, city, country_code) values ('shh_t', 'person', (select id from users where email = ?), 'T', 'S', '1', 'C', 'BE') on conflict do nothing").bind(ADMIN).run();
    await env.DB.prepare("insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date) values ('sre_t', 'shh_t', 'scl_a', 'subscription', 1, 25000, '2027-01-01')").run();
    await expect(env.DB.prepare("update share_register set shares = 2 where id = 'sre_t'").run()).rejects.toThrow(/never changed/);
    await expect(env.DB.prepare("delete from share_register where id = 'sre_t'").run()).rejects.toThrow(/never deleted/);
    expect(await env.DB.prepare("select shares from share_register where id = 'sre_t'").first("shares")).toBe(1);
  });
});

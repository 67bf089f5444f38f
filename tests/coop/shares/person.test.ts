// A person (a signed-in user without an organisation) as a shareholder, end to end in workerd:
// requests shares on /coop/join with their name and domicile, the board approves, the capital call
// (filed under the cooperative's organisation, the person as its customer) is theirs to download
// with its OGM from their own page — nobody else's — and, paid by a CAMT statement, the shares
// enter the register under the person's name.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, type Browser } from "../../accounts/helpers";
import { BASE, json } from "../../helpers/http";
import { apiKey, bearer, grantRole } from "../../helpers/people";
import { coop } from "../helpers";
import { camtPaying, demoClasses, registerRows } from "./fixtures";

const ADMIN = "coop-admin@person.test";
let admin: Record<string, string>;
let ada: Browser;
let other: Browser;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  await coop();
  await demoClasses();
  await grantRole(ADMIN, "coop_admin");
  admin = bearer(await apiKey({ email: ADMIN, scopes: ["billing:write"] }));
  [ada, other] = await Promise.all([signIn("ada@person.test"), signIn("other@person.test")]);
});

describe("a person without an organisation", () => {
  it("requests shares, gets a capital call they can download and pay, and enters the register", async () => {
    const form = { class: "B", shares: "2", holder: "person", name: "Ada Lovelace", street: "Rue du Midi 3", postcode: "1000", city: "Bruxelles", country_code: "BE" };
    const consents = new URLSearchParams({ ...form });
    for (const c of ["statutes", "internal_rules", "data_policy", "financial_risk"]) consents.append("consents", c);
    let res = await ada.fetch("/coop/join", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, "sec-fetch-site": "same-origin" }, body: consents.toString() });
    expect(res.status).toBe(303);
    const request = await env.DB.prepare("select r.id, h.id holder, h.kind, h.org_id, h.name, h.street from share_requests r join shareholders h on h.id = r.holder_id where h.name = 'Ada Lovelace'").first<{ id: string; holder: string; kind: string; org_id: string | null; name: string; street: string }>();
    expect(request).toMatchObject({ kind: "person", org_id: null, street: "Rue du Midi 3" });
    // Before approval there is no capital call to download.
    expect((await ada.fetch(`/coop/share-requests/${request!.id}/call.pdf`)).status).toBe(404);

    res = await SELF.fetch(`${BASE}/api/v1/coop/share-requests/${request!.id}/approve`, { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify({ decided_on: today() }) });
    const call = (await json(res)).capital_call;
    const doc = await env.DB.prepare("select d.ogm, d.customer, o.kind from billing_documents d join organisations o on o.id = d.org_id where d.id = ?").bind(call.id).first<{ ogm: string; customer: string; kind: string }>();
    expect(doc!.kind).toBe("cooperative");
    expect(JSON.parse(doc!.customer)).toMatchObject({ legalName: "Ada Lovelace" });

    // Their own page links the call; the PDF is theirs (and the coop_admins'), nobody else's.
    const page = await (await ada.fetch("/account/shares?lang=en")).text();
    expect(page).toContain(`/coop/share-requests/${request!.id}/call.pdf`);
    expect(page).toContain(`Share payment call ${call.number} (PDF`);
    const pdf = await ada.fetch(`/coop/share-requests/${request!.id}/call.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain(`${call.number}.pdf`);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    expect((await other.fetch(`/coop/share-requests/${request!.id}/call.pdf`)).status).toBe(403);
    expect((await SELF.fetch(`${BASE}/coop/share-requests/${request!.id}/call.pdf`, { redirect: "manual" })).status).toBe(303);

    // Paid by bank transfer with the OGM: the shares enter the register under the person's name.
    res = await SELF.fetch(`${BASE}/api/v1/bank-statements`, { method: "POST", headers: { ...admin, "content-type": "application/xml" }, body: camtPaying(doc!.ogm, 10000, today()) });
    expect(await json(res)).toMatchObject({ matched: 1 });
    expect(await registerRows(request!.holder)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "subscription", shares: 2 }), expect.objectContaining({ kind: "payment", amount_cents: 10000 })]));
    expect((await ada.fetch(`/coop/shareholders/${request!.holder}/certificate.pdf`)).status).toBe(200);
    expect((await other.fetch(`/coop/shareholders/${request!.holder}/certificate.pdf`)).status).toBe(403);
  });
});

// Transfers in workerd against D1 with the real migrations: a coop_admin records that an
// organisation transfers shares to a person entering the register (and back to an existing holder);
// two entries in one batch, totals unchanged, positions moved; refusals name the field and write
// nothing; a member cannot transfer; each side reads the transfer in its own entries, page and
// certificate; the trigger refuses a balance under zero.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, type Browser } from "../../accounts/helpers";
import { BASE, json } from "../../helpers/http";
import { apiKey, bearer, grantRole, person } from "../../helpers/people";
import { coop, customer } from "../helpers";
import { demoClasses } from "./fixtures";

const ADMIN = "coop-admin@transfer.test";
const OWNER = "owner@transfer.test";
const ADA = "ada@transfer.test";
let admin: Record<string, string>;
let adminBrowser: Browser;
let owner: Browser;
let ada: Browser;
let orgId: string;
let orgHolder: string;

const asAdmin = (path: string, body?: unknown) =>
  SELF.fetch(`${BASE}/api/v1${path}`, body === undefined ? { headers: admin } : { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify(body) });
const today = () => new Date().toISOString().slice(0, 10);
const count = async () => Number(await env.DB.prepare("select count(*) n from share_register").first("n"));
const PERSON = { email: ADA, name: "Ada Lovelace", street: "Rue du Midi 3", postcode: "1000", city: "Bruxelles", country_code: "BE" };

beforeAll(async () => {
  await coop();
  await demoClasses();
  await grantRole(ADMIN, "coop_admin");
  admin = bearer(await apiKey({ email: ADMIN, scopes: ["billing:write"] }));
  orgId = await customer({ owner: OWNER });
  await person(ADA);
  [adminBrowser, owner, ada] = await Promise.all([signIn(ADMIN), signIn(OWNER), signIn(ADA)]);
  // The organisation holds 4 paid-in B shares.
  orgHolder = "shh_parc";
  await env.DB.prepare("insert into shareholders (id, kind, org_id, name, street, postcode, city, country_code) values (?, 'organisation', ?, 'Les Amis du Parc asbl', 'Rue Haute 5', '1000', 'Bruxelles', 'BE')").bind(orgHolder, orgId).run();
  await env.DB.prepare("insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date) values ('sre_p1', ?, 'scl_b', 'subscription', 4, 20000, '2026-01-10'), ('sre_p2', ?, 'scl_b', 'payment', 0, 20000, '2026-01-10')").bind(orgHolder, orgHolder).run();
});

describe("POST /api/v1/coop/shareholders/{id}/transfers", () => {
  it("refuses what breaks a rule, naming the field, and writes nothing", async () => {
    const before = await count();
    const send = (body: Record<string, unknown>) => asAdmin(`/coop/shareholders/${orgHolder}/transfers`, { class_id: "scl_b", shares: 1, approved_on: today(), to_person: PERSON, ...body });
    const field = async (res: Response) => (expect(res.status).toBe(400), (await json(res)).errors[0].field);
    expect(await field(await send({ shares: 5 }))).toBe("shares");
    expect(await field(await send({ shares: 0 }))).toBe("shares");
    expect(await field(await send({ to_person: undefined, to_holder_id: orgHolder }))).toBe("to_holder_id");
    expect(await field(await send({ to_holder_id: "shh_nobody", to_person: undefined }))).toBe("to_holder_id");
    expect(await field(await send({ to_organisation_id: orgId }))).toBe("to_holder_id"); // two receivers
    expect(await field(await send({ to_person: { ...PERSON, email: "nobody@transfer.test" } }))).toBe("to_person.email");
    expect(await field(await send({ to_person: { email: ADA } }))).toBe("to_person.name");
    expect(await field(await send({ approved_on: "2999-01-01" }))).toBe("approved_on");
    expect(await field(await send({ class_id: "scl_nope" }))).toBe("class_id");
    // Class A: the organisation holds none.
    expect(await field(await send({ class_id: "scl_a" }))).toBe("shares");
    expect(await count()).toBe(before);
    expect(await env.DB.prepare("select count(*) n from shareholders where name = 'Ada Lovelace'").first("n")).toBe(0);
    expect((await asAdmin("/coop/shareholders/shh_nobody/transfers", { class_id: "scl_b", shares: 1, approved_on: today(), to_person: PERSON })).status).toBe(404);
  });

  it("a member cannot transfer, even its own organisation's shares", async () => {
    const res = await owner.fetch(`/api/v1/coop/shareholders/${orgHolder}/transfers`, { method: "POST", headers: { "content-type": "application/json", origin: BASE }, body: JSON.stringify({ class_id: "scl_b", shares: 1, approved_on: today(), to_person: PERSON }) });
    expect(res.status).toBe(403);
    expect((await SELF.fetch(`${BASE}/api/v1/coop/shareholders/${orgHolder}/transfers`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(401);
  });

  it("moves shares and their paid-in part to a new person holder in two entries; totals unchanged; each side reads it", async () => {
    const totalsBefore = (await json(await asAdmin("/coop/register"))).entries.at(-1);
    const res = await asAdmin(`/coop/shareholders/${orgHolder}/transfers`, { class_id: "scl_b", shares: 3, approved_on: "2026-02-01", to_person: PERSON, note: "Board of 1 February" });
    expect(res.status).toBe(201);
    const t = await json(res);
    expect(t.to).toMatchObject({ kind: "person", name: "Ada Lovelace", street: "Rue du Midi 3", organisation_id: null });
    expect(t.out).toMatchObject({ holder_id: orgHolder, kind: "transfer", shares: -3, amount_cents: -15000, on: "2026-02-01", counterpart_id: t.to.id, counterpart: "Ada Lovelace", note: "Board of 1 February" });
    expect(t.in).toMatchObject({ holder_id: t.to.id, kind: "transfer", shares: 3, amount_cents: 15000, counterpart_id: orgHolder, counterpart: "Les Amis du Parc asbl" });
    const register = (await json(await asAdmin("/coop/register"))).entries;
    const last = register.at(-1);
    expect([last.class_shares_after, last.capital_cents_after, last.paid_in_cents_after]).toEqual([totalsBefore.class_shares_after, totalsBefore.capital_cents_after, totalsBefore.paid_in_cents_after]);
    expect(register.at(-2)).toMatchObject({ id: t.out.id, class_shares_after: totalsBefore.class_shares_after - 3 });
    const audit = await env.DB.prepare("select detail from audit_log where action = 'share.transfer'").first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toMatchObject({ to: t.to.id, class: "B", shares: 3, paid_in_cents: 15000 });

    // The person reads their own entries (and not the organisation's); the owner reads the organisation's.
    const mine = await json(await ada.fetch(`/api/v1/coop/shareholders/${t.to.id}/register`));
    expect(mine.entries).toEqual([expect.objectContaining({ kind: "transfer", shares: 3, counterpart: "Les Amis du Parc asbl" })]);
    expect((await ada.fetch(`/api/v1/coop/shareholders/${orgHolder}/register`)).status).toBe(403);
    const theirs = await json(await owner.fetch(`/api/v1/coop/shareholders/${orgHolder}/register`));
    expect(theirs.entries.map((e: { shares: number; counterpart: string | null }) => [e.shares, e.counterpart])).toEqual([[4, null], [0, null], [-3, "Ada Lovelace"]]);
    const page = await (await ada.fetch("/account/shares?lang=en")).text();
    expect(page).toContain("Transfer from Les Amis du Parc asbl");
    expect(page).toContain("Class B: 3 share(s)");
    const cert = await ada.fetch(`/coop/shareholders/${t.to.id}/certificate.pdf`);
    expect(cert.headers.get("content-type")).toBe("application/pdf");
    await cert.arrayBuffer();
    expect((await owner.fetch(`/orgs/${orgId}/shares?lang=fr`).then((r) => r.text()))).toContain("Cession à Ada Lovelace");

    // The receiver's redemption is capped by the paid-in part it received.
    const back = await json(await asAdmin(`/coop/shareholders/${t.to.id}/redemptions`, { class: "B", shares: 1, on: today() }));
    expect(back.amount_cents).toBe(5000);
  });

  it("a receiver already in the register stays within the class's maximum; the giver keeps the minimum or gives all", async () => {
    const ada = await env.DB.prepare("select id from shareholders where name = 'Ada Lovelace'").first<{ id: string }>();
    // Ada holds 2 B shares now, the organisation 1: Ada gives all of hers back to a holder in the register.
    let res = await asAdmin(`/coop/shareholders/${ada!.id}/transfers`, { class_id: "scl_b", shares: 2, approved_on: today(), to_holder_id: orgHolder });
    expect(res.status).toBe(201);
    await env.DB.prepare("update share_classes set max_shares = 3 where id = 'scl_b'").run();
    res = await asAdmin(`/coop/shareholders/${orgHolder}/transfers`, { class_id: "scl_b", shares: 3, approved_on: today(), to_person: PERSON });
    expect(res.status).toBe(201);
    // Ada holds 3 now, the maximum: one more is refused on `shares`, naming the receiver.
    await env.DB.prepare("insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date) values ('sre_p3', ?, 'scl_b', 'subscription', 1, 5000, '2027-03-01')").bind(orgHolder).run();
    res = await asAdmin(`/coop/shareholders/${orgHolder}/transfers`, { class_id: "scl_b", shares: 1, approved_on: today(), to_person: PERSON });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0]).toMatchObject({ field: "shares", message: expect.stringContaining("the receiving holder") });
    await env.DB.prepare("update share_classes set max_shares = 100 where id = 'scl_b'").run();
  });

  it("the database refuses an entry leaving a holder with fewer than no shares", async () => {
    await expect(env.DB.prepare("insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date) values ('sre_neg', ?, 'scl_a', 'transfer', -1, 0, '2027-03-01')").bind(orgHolder).run()).rejects.toThrow(/never holds fewer than no shares/);
  });
});

describe("the transfer form on the holder's page", () => {
  it("shows the holder to coop_admins only, comes back with translated field errors, and records a transfer", async () => {
    expect((await owner.fetch(`/coop/shareholders/${orgHolder}`)).status).toBe(403);
    const page = await adminBrowser.fetch(`/coop/shareholders/${orgHolder}?lang=en`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Record a transfer");
    expect(html).toContain("Transfer to Ada Lovelace");
    const holders = await env.DB.prepare("select id from shareholders where name = 'Ada Lovelace'").first<{ id: string }>();
    const form = { class_id: "scl_b", shares: "1", approved_on: today(), to_holder_id: holders!.id, to_organisation_id: "", to_person_email: "" };
    let res = await adminBrowser.post(`/coop/shareholders/${orgHolder}/transfers?lang=en`, { ...form, shares: "999" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("This transfer breaks a rule");
    res = await adminBrowser.post(`/coop/shareholders/${orgHolder}/transfers?lang=nl`, { ...form, to_holder_id: "" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Kies één verkrijger");
    res = await adminBrowser.post(`/coop/shareholders/${orgHolder}/transfers?lang=fr`, { ...form, to_holder_id: "", to_person_email: "inconnu@transfer.test" });
    expect(await res.text()).toContain("Aucun compte avec cette adresse");
    const before = await count();
    res = await adminBrowser.post(`/coop/shareholders/${orgHolder}/transfers`, form);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain(`/coop/shareholders/${orgHolder}`);
    expect(await count()).toBe(before + 2);
    expect((await owner.post(`/coop/shareholders/${orgHolder}/transfers`, form)).status).toBe(403);
    // The register links each holder to its page.
    expect(await (await adminBrowser.fetch("/coop/register")).text()).toContain(`href="/coop/shareholders/${orgHolder}"`);
  });
});

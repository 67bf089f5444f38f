// The billing API in workerd against D1: drafts, issue (gapless and chronological even when many are
// issued at once), immutability in SQL, credit notes, filters, who may read what.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { checkSeries } from "../../../src/coop/invoices/numbering";
import { isValidOgm } from "../../../src/coop/invoices/ogm";
import { today } from "../../../src/lib/days";
import { signIn, type Browser } from "../../accounts/helpers";
import { BASE, call, json, problem } from "../../helpers/http";
import { apiKey, grantRole } from "../../helpers/people";
import { coop, coopAdminKey, customer } from "../helpers";

let key: string;
let org: string;
const H = () => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = H()) => call(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const LINES = [
  { description: "Hébergement web, 12 mois", quantity: 12, unit: "MON", unit_price_cents: 500 },
  { description: "Nom de domaine", quantity: 1, unit: "ANN", unit_price_cents: 1234, vat_category: "S", vat_rate: 21 },
  { description: "Cotisation", quantity: 1, unit_price_cents: 2500, vat_category: "O" },
];

async function draft(body: Record<string, unknown> = {}) {
  const res = await send("POST", "/api/v1/invoices", { organisation_id: org, lines: LINES, ...body });
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${await res.text()}`);
  return json(res);
}
async function issued(body: Record<string, unknown> = {}) {
  const d = await draft(body);
  const res = await send("POST", `/api/v1/invoices/${d.id}/issue`);
  if (res.status !== 200) throw new Error(`issue: ${res.status} ${await res.text()}`);
  return json(res);
}

beforeAll(async () => {
  await coop();
  key = await coopAdminKey();
  org = await customer({ owner: "owner@amis.test", admin: "admin@amis.test", member: "member@amis.test", contactEmail: "bureau@amis.test" });
});

describe("drafts", () => {
  it("201: priced lines, VAT per category, totals, no number yet", async () => {
    const d = await draft();
    expect(d).toMatchObject({ type: "invoice", status: "draft", number: null, ogm: null, organisation_id: org, net_cents: 9734, vat_cents: 1519, total_cents: 11253, due_cents: 0, language: "fr" });
    expect(d.id).toMatch(/^bil_/);
    expect(d.lines.map((l: { line: number; net_cents: number; vat_category: string; vat_rate: number }) => [l.line, l.net_cents, l.vat_category, l.vat_rate])).toEqual([[1, 6000, "S", 21], [2, 1234, "S", 21], [3, 2500, "O", 0]]);
    expect(d.vat).toEqual([
      { category: "S", rate: 21, taxable_cents: 7234, vat_cents: 1519, exemption_reason: null },
      { category: "O", rate: 0, taxable_cents: 2500, vat_cents: 0, exemption_reason: "Hors du champ d'application de la TVA" },
    ]);
    const got = await json(await send("GET", `/api/v1/invoices/${d.id}`));
    expect(got).toEqual(d);
  });

  it("PATCH edits a draft (lines replaced whole)", async () => {
    const d = await draft();
    const res = await send("PATCH", `/api/v1/invoices/${d.id}`, { lines: [{ description: "Boîte mail", quantity: 2, unit_price_cents: 300, vat_rate: 6, vat_category: "S" }], due_days: 14 });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ net_cents: 600, vat_cents: 36, total_cents: 636, due_days: 14 });
  });

  it("400 naming each bad field of the lines, nothing stored", async () => {
    const before = await env.DB.prepare("select count(*) n from billing_documents").first<{ n: number }>();
    let p = await problem(await send("POST", "/api/v1/invoices", { organisation_id: org, lines: [{ description: "", quantity: -1, unit_price_cents: 1.5 }] }), 400);
    expect(p.errors!.map((e) => e.field).sort()).toEqual(["lines.0.description", "lines.0.quantity", "lines.0.unit_price_cents"]);
    p = await problem(await send("POST", "/api/v1/invoices", { organisation_id: org, lines: [{ description: "x", quantity: 1, unit_price_cents: 100, vat_category: "S", vat_rate: 19 }, { description: "y", quantity: 1, unit_price_cents: 1, vat_category: "E" }] }), 400);
    expect(p.errors!.map((e) => e.field)).toEqual(["lines.0.vat_rate", "lines.1.vat_category"]);
    p = await problem(await send("POST", "/api/v1/invoices", { organisation_id: org, lines: [{ description: "x", quantity: 1.23456, unit_price_cents: 100 }] }), 400);
    expect(p.errors!.map((e) => e.field)).toEqual(["lines.0.quantity"]);
    p = await problem(await send("POST", "/api/v1/invoices", { organisation_id: "org_nope", lines: LINES }), 400);
    expect(p.errors!.map((e) => e.field)).toEqual(["organisation_id"]);
    p = await problem(await send("POST", "/api/v1/invoices", { organisation_id: org, lines: [] }), 400);
    expect(p.errors!.map((e) => e.field)).toEqual(["lines"]);
    p = await problem(await send("POST", "/api/v1/invoices", { organisation_id: org, lines: LINES, issue_date: "2027-02-30" }), 400);
    expect(p.errors!.map((e) => e.field)).toEqual(["issue_date"]);
    const after = await env.DB.prepare("select count(*) n from billing_documents").first<{ n: number }>();
    expect(after!.n).toBe(before!.n);
  });

  it("reverse charge for an EU customer with a VAT number; refused for a Belgian one", async () => {
    const fr = await customer({ country: "FR", companyNumber: "FR40303265045", language: "en" });
    const res = await send("POST", "/api/v1/invoices", { organisation_id: fr, lines: [{ description: "Hosting", quantity: 1, unit_price_cents: 1000 }] });
    const d = await json(res);
    expect(d).toMatchObject({ language: "en", vat_cents: 0, total_cents: 1000, vat: [{ category: "AE", exemption_reason: expect.stringMatching(/Reverse charge/) }] });
    const issuedFr = await json(await send("POST", `/api/v1/invoices/${d.id}/issue`));
    expect(issuedFr.notes).toContain("Reverse charge");
    const p = await problem(await send("POST", "/api/v1/invoices", { organisation_id: org, lines: [{ description: "x", quantity: 1, unit_price_cents: 1, vat_category: "AE" }] }), 400);
    expect(p.errors![0]!.field).toBe("lines.0.vat_category");
  });
});

describe("issue", () => {
  it("200: number of the year's series, valid OGM, due date, frozen identities, a mail to the customer in the same batch", async () => {
    const inv = await issued();
    const year = today().slice(0, 4);
    expect(inv).toMatchObject({ status: "open", issue_date: today(), due_cents: 11253, total_cents: 11253 });
    expect(inv.number).toMatch(new RegExp(`^F${year}-\\d{6}$`));
    expect(isValidOgm(inv.ogm)).toBe(true);
    expect(inv.ogm_formatted).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
    const row = await env.DB.prepare("select issuer, customer from billing_documents where id = ?").bind(inv.id).first<{ issuer: string; customer: string }>();
    expect(JSON.parse(row!.issuer)).toMatchObject({ legalName: "Coopérative Hébergement Solidaire SC", vatNumber: "BE0417497106", iban: "BE68539007547034" });
    expect(JSON.parse(row!.customer)).toMatchObject({ legalName: "Les Amis du Parc asbl", enterpriseNumber: "0403170701" });
    const mail = await env.DB.prepare("select kind from outbox where recipient = 'bureau@amis.test' and kind = 'invoice.issued'").all();
    expect(mail.results.length).toBeGreaterThan(0);
    const audit = await env.DB.prepare("select action from audit_log where subject_id = ? order by at").bind(inv.id).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(["invoice.draft", "invoice.issue"]);
  });

  it("409 on an issued document: PATCH, issue again", async () => {
    const inv = await issued();
    expect((await problem(await send("PATCH", `/api/v1/invoices/${inv.id}`, { due_days: 3 }), 409)).detail).toMatch(/credit note/);
    await problem(await send("POST", `/api/v1/invoices/${inv.id}/issue`), 409);
  });

  it("many at once: unique, gapless, chronological numbers and unique OGMs", async () => {
    const drafts = await Promise.all(Array.from({ length: 12 }, () => draft()));
    const results = await Promise.all(drafts.map((d) => send("POST", `/api/v1/invoices/${d.id}/issue`)));
    expect(results.map((r) => r.status)).toEqual(drafts.map(() => 200));
    // Issuing twice at once: one number, never two.
    const twice = await draft();
    const racing = await Promise.all([1, 2, 3].map(() => send("POST", `/api/v1/invoices/${twice.id}/issue`)));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const all = await env.DB.prepare("select number, issue_date as issueDate, ogm from billing_documents where status <> 'draft'").all<{ number: string; issueDate: string; ogm: string }>();
    expect(checkSeries(all.results)).toEqual({ ok: true });
    expect(new Set(all.results.map((r) => r.ogm)).size).toBe(all.results.length);
    const series = await env.DB.prepare("select next from billing_series where series = ?").bind(`F${today().slice(0, 4)}`).first<{ next: number }>();
    expect(series!.next - 1).toBe(all.results.filter((r) => r.number.startsWith("F")).length);
  });

  it("409 on issue_date for a date before the series' last number, and in the future; the number is not spent", async () => {
    await issued();
    const yesterday = new Date(Date.now() - 86_400_000 * 2).toISOString().slice(0, 10);
    const old = await draft({ issue_date: yesterday });
    const before = await env.DB.prepare("select next from billing_series where series = ?").bind(`F${today().slice(0, 4)}`).first<{ next: number }>();
    const p = await problem(await send("POST", `/api/v1/invoices/${old.id}/issue`), 409);
    expect(p.errors!.map((e) => e.field)).toEqual(["issue_date"]);
    const after = await env.DB.prepare("select next from billing_series where series = ?").bind(`F${today().slice(0, 4)}`).first<{ next: number }>();
    expect(after!.next).toBe(before!.next);
    expect((await json(await send("GET", `/api/v1/invoices/${old.id}`))).status).toBe("draft");
    const future = await draft({ issue_date: "2999-01-01" });
    expect((await problem(await send("POST", `/api/v1/invoices/${future.id}/issue`), 409)).errors![0]!.field).toBe("issue_date");
  });

  it("409 naming the missing legal mention (the customer's address)", async () => {
    const bare = await customer({ complete: false });
    const d = await json(await send("POST", "/api/v1/invoices", { organisation_id: bare, lines: LINES }));
    const p = await problem(await send("POST", `/api/v1/invoices/${d.id}/issue`), 409);
    expect(p.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(["customer.street", "customer.postcode", "customer.city", "customer.country_code"]));
  });
});

describe("immutability in SQL", () => {
  it("triggers refuse editing, deleting or un-issuing an issued document, and moving a series back", async () => {
    const inv = await issued();
    for (const stmt of [
      "update billing_documents set total_cents = 1 where id = ?",
      "update billing_documents set lines = '[]' where id = ?",
      "update billing_documents set number = 'F1999-000001' where id = ?",
      "update billing_documents set status = 'draft' where id = ?",
      "update billing_documents set customer = '{}' where id = ?",
      "delete from billing_documents where id = ?",
    ]) {
      await expect(env.DB.prepare(stmt).bind(inv.id).run(), stmt).rejects.toThrow(/never (edited|deleted)|CHECK/);
    }
    await expect(env.DB.prepare("update billing_series set next = next - 1 where series = ?").bind(inv.number.slice(0, 5)).run()).rejects.toThrow(/before the previous/);
    await expect(env.DB.prepare("update billing_series set next = next + 1, last_issue_date = '2000-01-01' where series = ?").bind(inv.number.slice(0, 5)).run()).rejects.toThrow(/before the previous/);
    await expect(env.DB.prepare("delete from billing_series").run()).rejects.toThrow(/never deleted/);
    // What may move: the payments' and credits' columns and the status.
    await env.DB.prepare("update billing_documents set paid_cents = 100, status = 'partially_paid' where id = ?").bind(inv.id).run();
    await env.DB.prepare("update billing_documents set paid_cents = 0, status = 'open' where id = ?").bind(inv.id).run();
    // A draft is deleted freely, and a number on a draft is refused.
    const d = await draft();
    await expect(env.DB.prepare("update billing_documents set number = 'F2000-000001', sequence = 1, series = 'F2000' where id = ?").bind(d.id).run()).rejects.toThrow(/CHECK/);
    await env.DB.prepare("delete from billing_documents where id = ?").bind(d.id).run();
  });
});

describe("credit notes", () => {
  it("whole: an issued credit note referencing the invoice, the mention in the customer's language; the invoice is credited", async () => {
    const inv = await issued();
    const res = await send("POST", `/api/v1/invoices/${inv.id}/credit-note`, {});
    expect(res.status).toBe(201);
    const cn = await json(res);
    expect(cn).toMatchObject({ type: "credit_note", status: "issued", corrects_id: inv.id, total_cents: inv.total_cents, vat_cents: inv.vat_cents, due_cents: 0 });
    expect(cn.number).toMatch(/^NC\d{4}-\d{6}$/);
    expect(isValidOgm(cn.ogm)).toBe(true);
    expect(cn.notes).toContain("TVA à reverser à l'État dans la mesure où elle a été initialement déduite");
    expect(cn.notes).toContain(`Note de crédit relative à la facture ${inv.number} du ${inv.issue_date}`);
    expect(cn.lines.map((l: { corrects_line: number }) => l.corrects_line)).toEqual([1, 2, 3]);
    const after = await json(await send("GET", `/api/v1/invoices/${inv.id}`));
    expect(after).toMatchObject({ status: "credited", credited_cents: inv.total_cents, due_cents: 0 });
    await problem(await send("POST", `/api/v1/invoices/${inv.id}/credit-note`, {}), 409);
  });

  it("partial, then the rest; never above what remains; Dutch mention", async () => {
    const nlOrg = await customer({ language: "nl" });
    const d = await json(await send("POST", "/api/v1/invoices", { organisation_id: nlOrg, lines: [{ description: "Mailbox", quantity: 10, unit_price_cents: 300 }, { description: "Domein", quantity: 1, unit_price_cents: 1500 }] }));
    const inv = await json(await send("POST", `/api/v1/invoices/${d.id}/issue`));
    const part = await json(await send("POST", `/api/v1/invoices/${inv.id}/credit-note`, { lines: [{ line: 1, quantity: 4 }] }));
    expect(part).toMatchObject({ net_cents: 1200, vat_cents: 252, total_cents: 1452 });
    expect(part.notes).toContain("Btw terug te storten aan de Staat in de mate waarin ze oorspronkelijk werd afgetrokken");
    expect(await json(await send("GET", `/api/v1/invoices/${inv.id}`))).toMatchObject({ status: "open", credited_cents: 1452, due_cents: inv.total_cents - 1452 });
    const tooMuch = await problem(await send("POST", `/api/v1/invoices/${inv.id}/credit-note`, { lines: [{ line: 1, quantity: 7 }] }), 400);
    expect(tooMuch.errors![0]!.field).toBe("lines.0.quantity");
    expect((await problem(await send("POST", `/api/v1/invoices/${inv.id}/credit-note`, { lines: [{ line: 9 }] }), 400)).errors![0]!.field).toBe("lines.0.line");
    const rest = await json(await send("POST", `/api/v1/invoices/${inv.id}/credit-note`, {}));
    expect(rest.total_cents + part.total_cents).toBe(inv.total_cents);
    expect(await json(await send("GET", `/api/v1/invoices/${inv.id}`))).toMatchObject({ status: "credited", due_cents: 0 });
  });

  it("concurrent credit notes never exceed the invoice (the CHECK holds)", async () => {
    const inv = await issued();
    const res = await Promise.all([1, 2, 3].map(() => send("POST", `/api/v1/invoices/${inv.id}/credit-note`, {})));
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    const sum = await env.DB.prepare("select sum(total_cents) s from billing_documents where corrects_id = ?").bind(inv.id).first<{ s: number }>();
    expect(sum!.s).toBe(inv.total_cents);
  });

  it("a draft is not credited (409), an unknown invoice is 404", async () => {
    const d = await draft();
    await problem(await send("POST", `/api/v1/invoices/${d.id}/credit-note`, {}), 409);
    await problem(await send("POST", "/api/v1/invoices/bil_nope/credit-note", {}), 404);
  });
});

describe("lists and filters", () => {
  it("by organisation, status, type and dates", async () => {
    const other = await customer();
    const d = await json(await send("POST", "/api/v1/invoices", { organisation_id: other, lines: LINES }));
    await send("POST", `/api/v1/invoices/${d.id}/issue`);
    const mine = await json(await send("GET", `/api/v1/invoices?organisation_id=${other}`));
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    const drafts = await json(await send("GET", "/api/v1/invoices?status=draft"));
    expect(drafts.items.every((i: { status: string }) => i.status === "draft")).toBe(true);
    const notes = await json(await send("GET", "/api/v1/invoices?type=credit_note"));
    expect(notes.items.every((i: { type: string }) => i.type === "credit_note")).toBe(true);
    expect((await json(await send("GET", `/api/v1/invoices?organisation_id=${other}&from=2999-01-01`))).items).toEqual([]);
    expect((await json(await send("GET", `/api/v1/invoices?organisation_id=${other}&to=${today()}&from=${today()}`))).items).toHaveLength(1);
    expect((await problem(await send("GET", "/api/v1/invoices?status=paidish"), 400)).errors![0]!.field).toBe("status");
  });
});

describe("who may", () => {
  let owner: Browser, admin: Browser, member: Browser, stranger: Browser, coopAdmin: Browser;
  beforeAll(async () => {
    owner = await signIn("owner@amis.test");
    admin = await signIn("admin@amis.test");
    member = await signIn("member@amis.test");
    await customer({ owner: "owner@elsewhere.test" });
    stranger = await signIn("owner@elsewhere.test");
    await grantRole("coop-web@billing.test", "coop_admin");
    coopAdmin = await signIn("coop-web@billing.test");
  });

  it("owners and admins read their own issued invoices, never drafts nor others'", async () => {
    const inv = await issued();
    const d = await draft();
    for (const b of [owner, admin]) {
      const list = await json(await b.fetch(`/api/v1/orgs/${org}/invoices`));
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((i: { organisation_id: string; status: string }) => i.organisation_id === org && i.status !== "draft")).toBe(true);
      expect((await b.fetch(`/api/v1/invoices/${inv.id}`)).status).toBe(200);
      expect((await b.fetch(`/api/v1/invoices/${d.id}`)).status).toBe(404);
      expect((await b.fetch("/api/v1/invoices")).status).toBe(403);
    }
    expect((await member.fetch(`/api/v1/orgs/${org}/invoices`)).status).toBe(403);
    expect((await member.fetch(`/api/v1/invoices/${inv.id}`)).status).toBe(403);
    expect((await stranger.fetch(`/api/v1/orgs/${org}/invoices`)).status).toBe(403);
    expect((await stranger.fetch(`/api/v1/invoices/${inv.id}`)).status).toBe(403);
    expect((await call(`/api/v1/orgs/${org}/invoices`)).status).toBe(401);
  });

  it("a coop_admin's session works the API; a member cannot draft or issue", async () => {
    const res = await coopAdmin.fetch("/api/v1/invoices", { method: "POST", headers: { "content-type": "application/json", origin: BASE }, body: JSON.stringify({ organisation_id: org, lines: LINES }) });
    expect(res.status).toBe(201);
    const d = await json(res);
    expect((await owner.fetch(`/api/v1/invoices/${d.id}/issue`, { method: "POST", headers: { origin: BASE } })).status).toBe(403);
    expect((await owner.fetch("/api/v1/invoices", { method: "POST", headers: { "content-type": "application/json", origin: BASE }, body: JSON.stringify({ organisation_id: org, lines: LINES }) })).status).toBe(403);
  });

  it("keys: only a coop_admin's personal key with billing:write", async () => {
    const noScope = await coopAdminKey(["audit:read"]);
    expect((await send("GET", "/api/v1/invoices", undefined, { authorization: `Bearer ${noScope}` })).status).toBe(403);
    await grantRole("steward@billing.test", "steward");
    const steward = await apiKey({ email: "steward@billing.test", scopes: ["billing:write"] });
    expect((await send("GET", "/api/v1/invoices", undefined, { authorization: `Bearer ${steward}` })).status).toBe(403);
    // An organisation's key never bills, even one a coop_admin made for an organisation they own.
    const ownOrg = await customer({ owner: "coop-admin@billing.test" });
    const orgKey = await apiKey({ email: "coop-admin@billing.test", orgId: ownOrg, scopes: ["billing:write"] });
    expect((await send("GET", `/api/v1/orgs/${ownOrg}/invoices`, undefined, { authorization: `Bearer ${orgKey}` })).status).toBe(403);
    expect((await send("GET", "/api/v1/invoices", undefined, { authorization: `Bearer ${orgKey}` })).status).toBe(403);
    expect((await send("GET", "/api/v1/invoices", undefined, { authorization: "Bearer chk_wrongwrongwrongwrongwrongwrongwrong00000" })).status).toBe(401);
    expect((await send("GET", "/api/v1/invoices")).status).toBe(200);
  });
});

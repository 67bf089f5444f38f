// The pledgers' way in, in workerd against D1 with the real migrations: opening the cooperative mails
// each pledger a /coop/join link carrying a secret (only its hash stored); the page shows the steps and
// what the pledge said in the pledger's language, prefills the share request (class and shares from
// the capital, the holder, the name), and a replaced pledge's link no longer answers. The meter counts
// as converted the pledgers whose organisation was invoiced, had a share request approved or has a
// running subscription, and those holding shares in their own name.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../../src/accounts/orgs/tokens";
import { convertedPledgers } from "../../../src/coop/pledges/service";
import { cancelSubscription, subscribe } from "../../../src/coop/subscriptions/service";
import { systemContext } from "../../../src/lib/context";
import { today as brusselsToday } from "../../../src/lib/days";
import { linkIn, mailTo, newDevice, signIn, type Browser } from "../../accounts/helpers";
import { seed } from "../../helpers/catalog";
import { BASE, call, json } from "../../helpers/http";
import { apiKey, bearer, grantRole, makeOrg } from "../../helpers/people";
import { decode, page } from "../../pages/helpers";
import { coop, customer } from "../helpers";
import { CONSENTS, demoClasses } from "../shares/fixtures";

const ADMIN = "coop-admin@join.test";
let admin: Record<string, string>;
let ip = 0;

/** A confirmed pledge straight into D1 (a link confirms "now"; the API path is tested in pledges.api.test.ts). */
async function confirmed(id: string, email: string, o: { org?: string; capital?: number; monthly?: number; lang?: string; roles?: string } = {}) {
  await env.DB.prepare(
    "insert into pledges (id, email, name, organisation, roles, services, monthly_cents, capital_cents, language, status, token_hash, token_expires_at, confirmed_at) values (?, ?, ?, ?, ?, '[{\"service\":\"mailbox\",\"quantity\":4}]', ?, ?, ?, 'confirmed', ?, '2026-04-01T00:00:00Z', '2026-03-01T10:00:00Z')",
  )
    .bind(id, email, `Name ${id}`, o.org ?? null, o.roles ?? '["client","supporter"]', o.monthly ?? 4500, o.capital ?? 0, o.lang ?? "fr", `h_${id}`)
    .run();
}

const open = () => call("/api/v1/coop/open", { method: "POST", headers: admin });
const converted = async () => (await json(await call("/api/v1/coop/viability"))).converted as number;
/** The newest invitation mailed to an address: its link. */
async function invitation(email: string): Promise<URL> {
  const mail = (await mailTo(email)).find((m) => m.kind === "pledge_invite");
  if (!mail) throw new Error(`no invitation for ${email}`);
  return new URL(linkIn(mail.payload.text));
}
const pathOf = (u: URL) => u.pathname + u.search;
/** The page's text as read: entities decoded, Intl's narrow and no-break spaces as plain ones. */
const plain = (html: string) => decode(html).replace(/[\u00a0\u202f]/g, " ");

beforeAll(async () => {
  await coop();
  await demoClasses();
  await grantRole(ADMIN, "coop_admin");
  admin = bearer(await apiKey({ email: ADMIN, scopes: ["billing:write"] }));
  await confirmed("plg_ana", "ana@join.test", { org: "Les Amis du Parc", capital: 25_000 });
  await confirmed("plg_bert", "bert@join.test", { lang: "nl", roles: '["client"]' });
  await confirmed("plg_cleo", "cleo@join.test", { capital: 10_000, lang: "en", roles: '["supporter"]' });
  expect((await open()).status).toBe(200);
});

describe("the invitation's link", () => {
  it("goes to /coop/join with a secret in the pledger's language; only the secret's hash is stored", async () => {
    const link = await invitation("ana@join.test");
    expect(link.pathname).toBe("/coop/join");
    expect(link.searchParams.get("lang")).toBe("fr");
    const token = link.searchParams.get("pledge")!;
    expect(token).toMatch(/^[0-9a-z]{40}$/);
    const row = await env.DB.prepare("select token_hash from pledge_invitations where pledge_id = 'plg_ana'").first<{ token_hash: string }>();
    expect(row!.token_hash).toBe(await hashToken(token));
    expect(JSON.stringify(await env.DB.prepare("select * from pledge_invitations").all())).not.toContain(token);
    expect((await invitation("bert@join.test")).searchParams.get("lang")).toBe("nl");
  });

  it("shows a visitor the three steps and what the pledge said, prefilled, never cached", async () => {
    const link = await invitation("ana@join.test");
    const { status, html, res } = await page(pathOf(link));
    expect(status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin"); // the secret never leaves for another site
    const text = plain(html);
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(text).toContain("Rejoindre la coopérative en trois étapes");
    expect(text).toContain("Organisation : Les Amis du Parc");
    expect(text).toContain("Capital envisagé : 250,00 €");
    expect(text).toContain("Montant mensuel envisagé : 45,00 €");
    expect(text).toContain("Services envisagés : 4 × Boîtes mail");
    // €250: five B shares (the class users must hold) rather than one A.
    expect(text).toContain("D'après votre promesse : catégorie B, 5 × 50,00 € = 250,00 €.");
    expect(text).toContain("Créer l'organisation « Les Amis du Parc »");
    // Signing in comes back to this page, secret included; no form for a visitor.
    const signInHref = `href="/sign-in?next=${encodeURIComponent(`/coop/join?pledge=${link.searchParams.get("pledge")}`)}"`;
    expect(html.split(signInHref).length - 1).toBe(3); // the step's two links and the form's place
    expect(html).not.toContain('id="share-request"');
  });

  it("speaks Dutch and English to those who pledged in them", async () => {
    const nl = plain((await page(pathOf(await invitation("bert@join.test")))).html);
    expect(nl).toContain("In drie stappen lid worden van de coöperatie");
    expect(nl).toContain("Volgens uw toezegging: categorie B, 1 ×"); // a client without capital: the smallest holding
    const en = plain((await page(pathOf(await invitation("cleo@join.test")))).html);
    expect(en).toContain("Join the cooperative in three steps");
    expect(en).toContain("From your pledge: class B, 2 × €50.00 = €100.00.");
  });

  it("answers an unknown, malformed or replaced pledge's link with the steps and a notice, never another's pledge", async () => {
    for (const token of ["0".repeat(40), "not-a-token", "<script>"]) {
      const { status, html } = await page(`/coop/join?pledge=${encodeURIComponent(token)}`);
      expect(status).toBe(200);
      expect(plain(html)).toContain("Ce lien d'invitation n'est plus valable");
      expect(plain(html)).not.toContain("Capital envisagé");
      expect(html).not.toContain("<script>");
    }
    // Cléo pledges again and confirms: the old link stops, the new pledge is invited with its own link.
    const old = await invitation("cleo@join.test");
    const res = await call("/api/v1/pledges", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": `198.51.100.${++ip}` }, body: JSON.stringify({ name: "Cléo", email: "cleo@join.test", roles: ["supporter"], capital_cents: 30_000, language: "en" }) });
    expect(res.status).toBe(202);
    const confirm = new URL(linkIn((await mailTo("cleo@join.test")).find((m) => m.kind === "pledge_confirm")!.payload.text));
    expect((await newDevice().post(confirm.pathname)).status).toBe(303);
    expect(plain((await page(pathOf(old))).html)).toContain("This invitation link is no longer valid");
    const fresh = await invitation("cleo@join.test");
    expect(fresh.searchParams.get("pledge")).not.toBe(old.searchParams.get("pledge"));
    expect(plain((await page(pathOf(fresh))).html)).toContain("From your pledge: class B, 6 × €50.00 = €300.00.");
  });
});

describe("signed in, the way in prefills the share request", () => {
  let ana: Browser;
  let orgId: string;
  beforeAll(async () => {
    orgId = await customer({ owner: "ana@join.test" }); // "Les Amis du Parc", like the pledge
    ana = await signIn("ana@join.test");
  });

  it("from the person's own pledge, for the organisation named like it, without the link", async () => {
    const res = await ana.fetch("/coop/join");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="share-request"');
    expect(html).toMatch(/<option value="B" selected/);
    expect(html).toMatch(/<input[^>]*id="shares"[^>]*value="5"/);
    expect(html).toMatch(new RegExp(`<input[^>]*value="${orgId}"[^>]*checked`));
    expect(html).toMatch(/<input[^>]*id="name"[^>]*value="Name plg_ana"/);
    const text = plain(html);
    expect(text).toContain("Vous êtes connecté·e en tant que ana@join.test.");
    expect(html).toContain(`href="/orgs/${orgId}/profile"`);
    expect(html).toContain(`href="/orgs/${orgId}/subscriptions"`);
    expect(html).toContain('href="#share-request"');
  });

  it("takes ?holder= only for an organisation the person manages", async () => {
    const other = await makeOrg({ kind: "member", name: "Not Ana's", members: [] });
    let html = await (await ana.fetch(`/coop/join?holder=${other}`)).text();
    expect(html).not.toContain(`value="${other}"`);
    expect(html).toMatch(new RegExp(`<input[^>]*value="${orgId}"[^>]*checked`));
    html = await (await ana.fetch("/coop/join?holder=person")).text();
    expect(html).toMatch(/<input[^>]*value="person"[^>]*checked/);
  });

  it("is reached from the organisation's page through its shares page, which keeps the holder", async () => {
    expect(await (await ana.fetch(`/orgs/${orgId}`)).text()).toContain(`href="/orgs/${orgId}/shares"`);
    expect(await (await ana.fetch(`/orgs/${orgId}/shares`)).text()).toContain(`href="/coop/join?holder=${orgId}#share-request"`);
  });
});

describe("the meter counts the pledgers who joined", () => {
  it("counts an approved share request (organisation or person) and a running subscription (an invoice: pledges.api.test.ts); not a pending or refused request nor an ended subscription", async () => {
    const start = await converted();
    const api = (b: Browser, body: unknown) => b.fetch("/api/v1/coop/share-requests", { method: "POST", headers: { "content-type": "application/json", origin: BASE }, body: JSON.stringify(body) });
    const decide = (id: string, verb: "approve" | "refuse", body: unknown) => call(`/api/v1/coop/share-requests/${id}/${verb}`, { method: "POST", headers: { ...admin, "content-type": "application/json" }, body: JSON.stringify(body) });
    // The API counts on Brussels's date (lib/days today), a day ahead of UTC's for an hour each night.
    const today = brusselsToday();

    // Ana's organisation requests: pending counts nothing; approved counts her.
    const ana = await signIn("ana@join.test");
    const orgId = (await env.DB.prepare("select org_id from memberships m join users u on u.id = m.user_id where u.email = 'ana@join.test'").first<{ org_id: string }>())!.org_id;
    const request = await json(await api(ana, { class: "B", shares: 5, holder: { organisation_id: orgId }, consents: CONSENTS }));
    expect(await converted()).toBe(start);
    expect((await decide(request.id, "approve", { decided_on: today })).status).toBe(200);
    expect(await converted()).toBe(start + 1);

    // Dora asks in her own name: refused counts nothing, approved counts her.
    await confirmed("plg_dora", "dora@join.test", { capital: 5_000 });
    const dora = await signIn("dora@join.test");
    const person = { person: { name: "Dora", street: "Rue Haute 1", postcode: "1000", city: "Bruxelles", country_code: "BE" } };
    const refused = await json(await api(dora, { class: "B", shares: 1, holder: person, consents: CONSENTS }));
    expect((await decide(refused.id, "refuse", { reason: "Not now" })).status).toBe(200);
    expect(await converted()).toBe(start + 1);
    const again = await json(await api(dora, { class: "B", shares: 1, holder: person, consents: CONSENTS }));
    expect((await decide(again.id, "approve", { decided_on: today })).status).toBe(200);
    expect(await converted()).toBe(start + 2);

    // Emil's organisation subscribes to a plan: counted while it runs, not once it has ended.
    const coopOrg = await coop();
    await seed({ provider: { name: "Coopérative Hébergement Solidaire", website: "https://coop.example.be" }, offers: [{ service: "mailbox", name: "Boîte mail coopérative", pricing: { model: "paid", amount_cents: 300, period: "month", unit: "per_unit" } }] });
    const offer = (await env.DB.prepare("select id, provider_id from offers where name = 'Boîte mail coopérative'").first<{ id: string; provider_id: string }>())!;
    await env.DB.prepare("update organisations set provider_id = ? where id = ?").bind(offer.provider_id, coopOrg).run();
    await confirmed("plg_emil", "emil@join.test", { org: "Emil asbl" });
    const emilOrg = await makeOrg({ kind: "member", name: "Emil asbl", members: [{ email: "emil@join.test", role: "owner" }] });
    const at = (iso: string) => systemContext(env, "cli", { now: () => new Date(iso) });
    const { subscription: sub } = await subscribe(at(`${today}T08:00:00Z`), emilOrg, { offerId: offer.id, quantity: 2, interval: "month" });
    expect(await converted()).toBe(start + 3);
    const cancelled = await cancelSubscription(at(`${today}T09:00:00Z`), sub.id);
    const db = at(`${today}T09:00:00Z`).db;
    expect(await convertedPledgers(db, today)).toBe(start + 3); // cancelled: runs to the end of its paid period
    expect(await convertedPledgers(db, cancelled.subscription.endsOn!)).toBe(start + 2);

    // A pledger who joined with another address is not counted by this one (addresses are the link).
    await confirmed("plg_fay", "fay@join.test", { org: "Fay asbl" });
    await makeOrg({ kind: "member", name: "Fay asbl", members: [{ email: "someone-else@join.test", role: "owner" }] });
    expect(await converted()).toBe(start + 3);
  });
});

// Loads the fictional demo providers (demo/chatonsinfos/*) through the ChatonsInfos import API itself,
// and a fictional inventory of three member organisations (demo/inventory.json) through the
// transition's inventory import, with a steward's API key (scopes catalog:import and
// transition:import). Idempotent: re-importing an organisation updates it, the same inventory changes nothing.
// Usage: CHATIERE_API_KEY=chk_… node scripts/seed-demo.mjs [baseUrl]   (`npm start` does it for you)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export async function seedDemo(baseUrl, token = process.env.CHATIERE_API_KEY) {
  if (!token) throw new Error("seedDemo needs a steward API key (CHATIERE_API_KEY); `npm run steward -- <email> --key seed` mints one");
  const dir = join(root, "demo/chatonsinfos");
  let providers = 0;
  let offers = 0;
  for (const slug of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const files = readdirSync(join(dir, slug)).filter((f) => f.endsWith(".properties")).sort();
    const read = (f) => readFileSync(join(dir, slug, f), "utf8");
    const body = { organization: read("organization.properties"), services: files.filter((f) => f !== "organization.properties").map(read) };
    const res = await fetch(`${baseUrl}/api/v1/import/chatonsinfos`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Importing demo/${slug} failed: ${res.status} ${await res.text()}`);
    const result = await res.json();
    providers += 1;
    offers += result.offer_ids.length;
  }
  const inventory = await fetch(`${baseUrl}/api/v1/transition/inventory`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: readFileSync(join(root, "demo/inventory.json"), "utf8"),
  });
  if (!inventory.ok) throw new Error(`Importing demo/inventory.json failed: ${inventory.status} ${await inventory.text()}`);
  const imported = (await inventory.json()).organisations;
  /** external_ref → organisation id, for the billing demo. */
  const orgIds = Object.fromEntries(imported.map((o) => [o.external_ref, o.organisation_id]));
  return { providers, offers, members: imported.length, orgIds };
}

/**
 * Demo capacities (demo/capacity.json) as SQL for `wrangler d1 execute`: the n-th entry goes to the
 * n-th public provider by name (their ids are random), replacing what was there.
 */
export function demoCapacitiesSql(demo = JSON.parse(readFileSync(join(root, "demo/capacity.json"), "utf8"))) {
  const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
  return demo.capacities
    .map((c, i) => `insert or replace into provider_capacities (provider_id, units, migrations_per_week) select id, ${quote(JSON.stringify(c.units))}, ${c.migrations_per_week ?? "null"} from providers where visibility = 'public' order by name, id limit 1 offset ${i};`)
    .join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const base = process.argv[2] ?? `http://localhost:${process.env.PORT ?? 8787}`;
  const { providers, offers, members } = await seedDemo(base);
  console.log(`Demo data loaded: ${providers} providers, ${offers} offers, ${members} members' inventories (fictional).`);
}

const billingDemo = () => JSON.parse(readFileSync(join(root, "demo/billing.json"), "utf8"));
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;

/**
 * The demo members' billing addresses (demo/billing.json), as SQL for `wrangler d1 execute`: their
 * profile is theirs to edit in the member space, so no API writes it for them; only filled when
 * still empty, so a member's own edit is never overwritten.
 */
export function demoProfilesSql(demo = billingDemo()) {
  return Object.entries(demo.customers)
    .map(([ref, a]) => `UPDATE organisations SET street = ${quote(a.street)}, postcode = ${quote(a.postcode)}, city = ${quote(a.city)}, country_code = COALESCE(country_code, 'BE') WHERE external_ref = ${quote(ref)} AND street IS NULL;`)
    .join("\n");
}

/** SQL that makes the demo provider named in demo/billing.json the cooperative's own (its offers are the plans). */
export function cooperativeProviderSql(demo = billingDemo()) {
  const name = demo.cooperative_provider.replaceAll("'", "''");
  return `update organisations set provider_id = (select id from providers where name = '${name}') where kind = 'cooperative' and provider_id is null;`;
}

/**
 * The demo members' subscriptions to the cooperative's plans (demo/billing.json), through the API with
 * a coop_admin's key; only when nobody has subscribed yet, so restarting adds nothing.
 */
export async function seedSubscriptions(baseUrl, token, orgIds, demo = billingDemo()) {
  const call = async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  if ((await call("GET", "/api/v1/coop/subscriptions")).items.length > 0) return { subscriptions: 0 };
  const plans = new Map((await call("GET", "/api/v1/coop/plans")).items.map((p) => [p.name, p.id]));
  let subscriptions = 0;
  for (const s of demo.subscriptions) {
    const orgId = orgIds[s.customer];
    const offerId = plans.get(s.plan);
    if (!orgId || !offerId) continue;
    await call("POST", `/api/v1/orgs/${orgId}/subscriptions`, { offer_id: offerId, quantity: s.quantity, interval: s.interval });
    subscriptions += 1;
  }
  return { subscriptions };
}

/**
 * The cooperative's fictional billing identity and a few invoices (demo/billing.json), through the
 * billing API with a coop_admin's key (`billing:write`): two issued (one partly credited), one draft.
 * Only when the cooperative has no invoice yet, so restarting adds nothing.
 */
export async function seedBilling(baseUrl, token, orgIds, demo = billingDemo()) {
  const call = async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await call("PUT", "/api/v1/coop/issuer", demo.issuer);
  if ((await call("GET", "/api/v1/invoices?limit=1")).items.length > 0) return { invoices: 0 };
  let invoices = 0;
  for (const inv of demo.invoices) {
    const orgId = orgIds[inv.customer];
    if (!orgId) continue;
    const draft = await call("POST", "/api/v1/invoices", { organisation_id: orgId, lines: inv.lines });
    invoices += 1;
    if (!inv.issue) continue;
    await call("POST", `/api/v1/invoices/${draft.id}/issue`);
    if (inv.credit) await call("POST", `/api/v1/invoices/${draft.id}/credit-note`, { lines: inv.credit });
  }
  return { invoices };
}

const pledgesDemo = () => JSON.parse(readFileSync(join(root, "demo/pledges.json"), "utf8"));

/**
 * A dozen fictional confirmed pledges spread over the last weeks (demo/pledges.json), as SQL for
 * `wrangler d1 execute`: a pledge confirmed weeks ago cannot come through the API (its link confirms
 * it now), and the chart needs a history. Fixed ids and INSERT OR IGNORE: restarting adds nothing.
 * The token hashes are random and their secrets never existed: no demo link can be confirmed.
 */
export function demoPledgesSql(now = new Date(), demo = pledgesDemo()) {
  return demo.pledges
    .map((p) => {
      const confirmed = new Date(now.getTime() - p.weeks_ago * 7 * 86_400_000 - 3_600_000).toISOString();
      const hash = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0")).join("");
      const values = [p.id, p.email, p.name, p.organisation, JSON.stringify(p.roles), JSON.stringify(p.services), p.monthly_cents, p.capital_cents, p.skills ?? null, p.language, "confirmed", hash, confirmed, confirmed, confirmed];
      return `INSERT OR IGNORE INTO pledges (id, email, name, organisation, roles, services, monthly_cents, capital_cents, skills, language, status, token_hash, token_expires_at, confirmed_at, created_at) VALUES (${values.map((v) => (v === null ? "NULL" : typeof v === "number" ? String(v) : quote(v))).join(", ")});`;
    })
    .join("\n");
}

/** The cooperative's demo targets, through the API with the coop_admin's key (audited like any change). */
export async function seedPledgeSettings(baseUrl, token, demo = pledgesDemo()) {
  const res = await fetch(`${baseUrl}/api/v1/coop/viability/settings`, { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(demo.settings) });
  if (!res.ok) throw new Error(`PUT /api/v1/coop/viability/settings failed: ${res.status} ${await res.text()}`);
  return { pledges: demo.pledges.length };
}

const sharesDemo = () => JSON.parse(readFileSync(join(root, "demo/shares.json"), "utf8"));

/** A camt.053.001.02 statement with one credit line paying `ogm` (structured) `cents` today: the demo pays capital calls as a bank would. */
export function camtPaying(ogm, cents, iban, ref) {
  const day = new Date().toISOString().slice(0, 10);
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>DEMO-${ref}</MsgId><CreDtTm>${day}T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>DEMO-${ref}</Id><CreDtTm>${day}T06:00:00</CreDtTm><Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><NtryRef>1</NtryRef><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt><AcctSvcrRef>DEMO-${ref}-1</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><EndToEndId>DEMO-${ref}</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">${amount}</Amt></TxAmt></AmtDtls>
<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp><Ref>${ogm}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
}

/**
 * The cooperative's share classes and a few requests (demo/shares.json) through the shares API with
 * the coop_admin's key: some approved (capital calls issued) and paid by a CAMT statement through
 * the reconciliation API, so the register has holders; one left pending; and a person holder whose
 * call stays unpaid (`execute` runs SQL on the local database). Only when no class exists yet, so
 * restarting adds nothing.
 */
export async function seedShares(baseUrl, token, orgIds, demo = sharesDemo(), execute = null) {
  const call = async (method, path, body, type = "application/json") => {
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": type }, ...(body ? { body: type === "application/json" ? JSON.stringify(body) : body } : {}) });
    if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
    return res.json();
  };
  if ((await call("GET", "/api/v1/coop/share-classes")).items.length > 0) return { requests: 0 };
  for (const c of demo.classes) await call("POST", "/api/v1/coop/share-classes", c);
  const iban = (await call("GET", "/api/v1/coop/issuer")).iban;
  const consents = { statutes: true, internal_rules: true, data_policy: true, financial_risk: true };
  let requests = 0;
  for (const [i, r] of demo.requests.entries()) {
    const orgId = orgIds[r.customer];
    if (!orgId) continue;
    const request = await call("POST", "/api/v1/coop/share-requests", { class: r.class, shares: r.shares, holder: { organisation_id: orgId }, consents });
    requests += 1;
    if (!r.approve) continue;
    const approved = await call("POST", `/api/v1/coop/share-requests/${request.id}/approve`, { decided_on: new Date().toISOString().slice(0, 10) });
    if (!r.pay) continue;
    const doc = await call("GET", `/api/v1/invoices/${approved.capital_call.id}`);
    await call("POST", "/api/v1/bank-statements", camtPaying(doc.ogm, doc.total_cents, iban, `${Date.now()}-${i}`), "application/xml");
  }
  // People hold shares in their own name; no key may request for someone else, so their account,
  // holder row and request go in by SQL (`execute`), and the board's approval through the API.
  if (execute && demo.people?.length) {
    await execute(demoPersonHoldersSql(demo.people));
    for (const p of demo.people) {
      await call("POST", `/api/v1/coop/share-requests/${p.request_id}/approve`, { decided_on: new Date().toISOString().slice(0, 10) });
      requests += 1;
    }
  }
  return { requests };
}

/** The demo people: an account, a person holder with its domicile, and a pending request for B shares at the class's nominal value. */
export function demoPersonHoldersSql(people) {
  const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
  // Each consent is kept as the instant it was given, as the service stores it.
  const at = new Date().toISOString();
  const consents = q(JSON.stringify({ statutes: at, internal_rules: at, data_policy: at, financial_risk: at }));
  return people
    .map((p) =>
      [
        `INSERT OR IGNORE INTO users (id, name, email, email_verified, language) VALUES (${q(p.user_id)}, ${q(p.name)}, ${q(p.email)}, 1, ${q(p.language)});`,
        `INSERT OR IGNORE INTO shareholders (id, kind, user_id, name, street, postcode, city, country_code, email, language) SELECT ${q(p.holder_id)}, 'person', id, ${q(p.name)}, ${q(p.street)}, ${q(p.postcode)}, ${q(p.city)}, ${q(p.country_code)}, email, ${q(p.language)} FROM users WHERE email = ${q(p.email)};`,
        `INSERT OR IGNORE INTO share_requests (id, holder_id, class_id, shares, nominal_cents, consents, requested_by) SELECT ${q(p.request_id)}, ${q(p.holder_id)}, c.id, ${Number(p.shares)}, c.nominal_cents, ${consents}, h.user_id FROM share_classes c, shareholders h WHERE c.code = ${q(p.class)} AND h.id = ${q(p.holder_id)};`,
      ].join("\n"),
    )
    .join("\n");
}

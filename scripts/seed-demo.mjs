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

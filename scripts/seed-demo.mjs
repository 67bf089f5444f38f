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
  const members = (await inventory.json()).organisations.length;
  return { providers, offers, members };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const base = process.argv[2] ?? `http://localhost:${process.env.PORT ?? 8787}`;
  const { providers, offers, members } = await seedDemo(base);
  console.log(`Demo data loaded: ${providers} providers, ${offers} offers, ${members} members' inventories (fictional).`);
}

// Loads the fictional demo providers (demo/chatonsinfos/*) through the ChatonsInfos import API itself.
// Idempotent: re-importing an organisation updates it. Usage: node scripts/seed-demo.mjs [baseUrl]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export function stewardToken() {
  const file = readFileSync(join(root, ".dev.vars"), "utf8");
  const line = file.split(/\r?\n/).find((l) => l.startsWith("STEWARD_TOKEN="));
  if (!line) throw new Error(".dev.vars has no STEWARD_TOKEN");
  return line.slice("STEWARD_TOKEN=".length).trim();
}

export async function seedDemo(baseUrl, token = stewardToken()) {
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
  return { providers, offers };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const base = process.argv[2] ?? `http://localhost:${process.env.PORT ?? 8787}`;
  const { providers, offers } = await seedDemo(base);
  console.log(`Demo data loaded: ${providers} providers, ${offers} offers (fictional).`);
}

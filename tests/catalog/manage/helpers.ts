// Fixtures for provider self-service tests: provider organisations, signed-in people, DB reads.
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { signIn, type Browser } from "../../accounts/helpers";
import { seed } from "../../helpers/catalog";
import { grantRole, makeOrg } from "../../helpers/people";

export const row = <T = Record<string, unknown>>(sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args).first<T>();
export const rows = async <T = Record<string, unknown>>(sql: string, ...args: unknown[]) => (await env.DB.prepare(sql).bind(...args).all<T>()).results;

/** A public imported provider with one published offer; returns their ids. */
export async function importedProvider(name: string, opts: { contactEmail?: string; website?: string } = {}) {
  const [result] = await seed({
    // The importers' identity: the website host, else a slug of the name.
    key: opts.website ? new URL(opts.website).hostname.replace(/^www\./, "") : undefined,
    provider: { name, contact_email: opts.contactEmail ?? null, website: opts.website ?? null, country_code: "BE" },
    offers: [{ service: "mailbox", name: `${name} mail`, pricing: { model: "paid", amount_cents: 300 } }],
  });
  return { providerId: result!.provider_id, offerId: result!.offer_ids[0]! };
}

/** A provider organisation with an owner (and more members), managing `providerId` when given. */
export async function providerOrg(owner: string, providerId?: string, more: { email: string; role: "owner" | "admin" | "member" }[] = []) {
  return makeOrg({ kind: "provider", providerId, members: [{ email: owner, role: "owner" }, ...more] });
}

export async function steward(email: string): Promise<Browser> {
  await grantRole(email, "steward");
  return signIn(email);
}

export async function expectRedirect(res: Response, to: string | RegExp) {
  expect(res.status, await res.clone().text()).toBe(303);
  const location = res.headers.get("location") ?? "";
  if (typeof to === "string") expect(location).toBe(to);
  else expect(location).toMatch(to);
}

export const CROSS_SITE = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

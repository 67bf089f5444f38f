// Issue 10's association on the demo catalogue (demo/chatonsinfos, read by the real ChatonsInfos
// importer): 12 mailboxes of 5 GB, 30 aliases, a domain with its DNS, a WordPress site and two lists.
// Its mail must no longer be split: mailboxes and aliases at one host, and the DNS where asked.
import { describe, expect, it } from "vitest";
import { importChatonsInfos } from "../../src/catalog/formats/chatonsinfos";
import { match } from "../../src/matching/engine";
import type { MatchOffer } from "../../src/matching/types";
import { request } from "./helpers";

const files = import.meta.glob("../../demo/chatonsinfos/*/*.properties", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** Every demo provider through the importer, then as the engine sees it (as matching/catalog.ts maps rows). */
function demoCatalogue(): MatchOffer[] {
  const bySlug = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const [, slug, file] = path.match(/chatonsinfos\/([^/]+)\/([^/]+)$/)!;
    bySlug.set(slug!, { ...bySlug.get(slug!), [file!]: text });
  }
  return [...bySlug].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([slug, fs]) => {
    const imp = importChatonsInfos({ organization: fs["organization.properties"]!, services: Object.entries(fs).filter(([f]) => f !== "organization.properties").map(([, t]) => t) });
    const p = imp.provider;
    return imp.offers.map((o) => ({
      offer_id: `off_${slug}_${o.key}`,
      provider_id: `prv_${slug}`,
      service: o.service,
      features: o.features,
      quotas: o.quotas,
      pricing: o.pricing,
      software: { name: o.software.name, license: o.software.license },
      hosting_country: o.hosting_country ?? p.country_code,
      registration: o.registration,
      load: o.load,
      status: o.status,
      provider: {
        country: p.country_code, languages: p.languages, lat: p.latitude, lon: p.longitude, legal_form: p.legal_form,
        networks: p.memberships.filter((m) => m.status === "ACTIVE").map((m) => m.network), commitments: p.commitments.length,
        accepting: p.accepting_members, capacity: p.capacity,
      },
    }));
  });
}

const needs = [
  { service: "mailbox" as const, quantity: 12, storage_gb: 5 },
  { service: "mail_alias" as const, quantity: 30 },
  { service: "domain_registration" as const },
  { service: "dns_hosting" as const },
  { service: "web_hosting" as const, software: "WordPress" },
  { service: "mailing_list" as const, quantity: 2 },
];

describe("the 12-person association on the demo catalogue", () => {
  const offers = demoCatalogue();
  const hostOf = (items: { provider_id: string; needs: number[] }[], need: number) => items.find((i) => i.needs.includes(need))?.provider_id;

  it("loads the demo catalogue", () => {
    expect(new Set(offers.map((o) => o.provider_id)).size).toBeGreaterThan(20);
    expect(offers.some((o) => o.service === "mailbox" && (o.quotas.aliases ?? 0) > 0)).toBe(true);
  });

  it.each([null, "domain", "mail"] as const)("keeps mailboxes and aliases at one host in every bundle (keep_dns_with %s)", (keep) => {
    const res = match(request({ needs, constraints: { keep_dns_with: keep } }), offers, { lang: "fr", memberCountry: "BE" });
    expect(res.unmet).toEqual([]);
    expect(res.bundles.length).toBeGreaterThan(0);
    for (const b of res.bundles) {
      expect(hostOf(b.items, 1)).toBe(hostOf(b.items, 0));
      if (keep === "domain") expect(hostOf(b.items, 3)).toBe(hostOf(b.items, 2));
      if (keep === "mail") expect(hostOf(b.items, 3)).toBe(hostOf(b.items, 0));
    }
  });
});

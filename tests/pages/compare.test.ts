// The comparison: up to four offers in a real table, prices per month and per year from the
// pricing, features as ✓/—, the provider's values; 400 above four, 404 for unknown or hidden offers.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seedProvider, type Seeded } from "../fixtures/catalog";
import { page, textOf } from "./helpers";

let P: Seeded, Q: Seeded;

beforeAll(async () => {
  P = await seedProvider(
    env.DB,
    { name: "Compare Chaton", countryCode: "BE", address: "Rue Haute 5, 1000 Bruxelles", legalForm: "ASSOCIATION", hardwareHosting: "HOSTEDSERVER" },
    [
      {
        service: "mailbox",
        name: "Boîte P",
        features: ["imap", "webmail", "caldav"],
        quotas: { storage_gb: 5, mailboxes: 1, aliases: 10, lists: null, subscribers: null, domains: null },
        pricingModel: "paid",
        amountCents: 150,
        period: "month",
        unit: "per_unit",
        setupFeeCents: 1000,
        softwareName: "Dovecot",
        softwareLicense: "MIT",
      },
      { service: "mailing_list", name: "Liste P", features: ["archives"], pricingModel: "free", amountCents: 0, unit: "flat" },
      { service: "dns_hosting", name: "Brouillon P", status: "draft" },
    ],
  );
  Q = await seedProvider(
    env.DB,
    { name: "Compare Coop", countryCode: "LU", address: null, legalForm: "COOPERATIVE", memberships: [], commitments: [], hardwareHosting: "OUTSOURCED" },
    [
      {
        service: "mailbox",
        name: "Boîte Q",
        features: ["imap"],
        quotas: { storage_gb: 20, mailboxes: null, aliases: null, lists: null, subscribers: null, domains: 3 },
        pricingModel: "membership",
        amountCents: 3000,
        period: "year",
        unit: "flat",
        hostingCountry: null,
        hardwareHosting: null,
        softwareName: "Stalwart",
        softwareLicense: "AGPL-3.0-only",
      },
      { service: "web_hosting", name: "Site Q" },
      { service: "cloud_storage", name: "Cloud Q" },
    ],
  );
});

const rowText = (html: string, label: string) => {
  const m = new RegExp(`<tr><th scope="row">${label}</th>(.*?)</tr>`).exec(html);
  return m ? [...m[1]!.matchAll(/<td>(.*?)<\/td>/g)].map((c) => textOf(`<td>${c[1]}</td>`, /<td>/)) : null;
};

describe("comparison table", () => {
  it("puts the chosen offers side by side in a real table", async () => {
    const ids = [P.offers[0]!.id, Q.offers[0]!.id];
    const { status, html } = await page(`/compare?offers=${ids.join(",")}`);
    expect(status).toBe(200);
    expect(html).toContain("<table");
    expect(html).toContain("<caption");
    expect(html.match(/<th scope="col">/g)).toHaveLength(2);
    expect(html).toMatch(/<th scope="row">/);
    expect(html).toMatch(/<th scope="rowgroup" colspan="3">/);
    expect(textOf(html, /<thead>/)).toContain("Boîte P");
    expect(textOf(html, /<thead>/)).toContain("Compare Coop");
    expect(rowText(html, "Service")).toEqual(["Boîtes mail", "Boîtes mail"]);
    expect(rowText(html, "Prix par mois")).toEqual(["1,50 € par mois par boîte mail", "2,50 € par mois"]);
    expect(rowText(html, "Prix par an")).toEqual(["18,00 € par an par boîte mail", "30,00 € par an"]);
    expect(rowText(html, "Frais d&#39;installation")).toEqual(["10,00 €", "Pas de frais"]);
    expect(rowText(html, "Modèle de prix")).toEqual(["Payant", "Cotisation de membre"]);
    expect(rowText(html, "Stockage")).toEqual(["5 Go", "20 Go"]);
    expect(rowText(html, "Domaines")).toEqual(["—", "3"]);
    expect(rowText(html, "IMAP")).toEqual(["✓Oui", "✓Oui"]);
    expect(rowText(html, "Agenda \\(CalDAV\\)")).toEqual(["✓Oui", "—Non"]);
    expect(rowText(html, "Logiciel")).toEqual(["Dovecot", "Stalwart"]);
    expect(rowText(html, "Licence")).toEqual(["MIT", "AGPL-3.0-only"]);
    // No hosting country on Q's offer: its provider's seat stands in.
    expect(rowText(html, "Pays d&#39;hébergement")).toEqual(["Belgique", "Luxembourg"]);
    expect(rowText(html, "Siège de l&#39;hébergeur")).toEqual(["Belgique — Rue Haute 5, 1000 Bruxelles", "Luxembourg"]);
    expect(rowText(html, "Membre des CHATONS")).toEqual(["✓Oui", "—Non"]);
    expect(rowText(html, "Engagements")).toEqual(["Charte CHATONS", "—"]);
    expect(rowText(html, "Forme juridique")).toEqual(["Association sans but lucratif", "Coopérative"]);
    expect(rowText(html, "Matériel")).toEqual(["Serveur à soi dans un centre de données", "Serveur loué chez un tiers"]);
  });

  it("accepts repeated offers= parameters, keeps their order and drops duplicates", async () => {
    const [a, b] = [Q.offers[1]!.id, P.offers[1]!.id];
    const { status, html } = await page(`/compare?offers=${a}&offers=${b}&offers=${a}`);
    expect(status).toBe(200);
    expect(html.match(/<th scope="col">/g)).toHaveLength(2);
    expect(html.indexOf("Site Q")).toBeLessThan(html.indexOf("Liste P"));
  });

  it("links to remove an offer and to add another from the directory", async () => {
    const [a, b] = [P.offers[0]!.id, Q.offers[0]!.id];
    const { html } = await page(`/compare?offers=${a},${b}`);
    expect(html).toContain(`href="/compare?offers=${b}"`);
    expect(html).toContain(`href="/providers?offers=${a}%2C${b}"`);
  });

  it("compares four offers but says the comparison is full", async () => {
    const ids = [P.offers[0]!, P.offers[1]!, Q.offers[0]!, Q.offers[1]!].map((o) => o.id);
    const { status, html } = await page(`/compare?offers=${ids.join(",")}`);
    expect(status).toBe(200);
    expect(html.match(/<th scope="col">/g)).toHaveLength(4);
    expect(html).toContain("La comparaison est complète (4 offres).");
  });

  it("is translated", async () => {
    const ids = `${P.offers[0]!.id},${Q.offers[0]!.id}`;
    const nl = await page(`/compare?offers=${ids}&lang=nl`);
    expect(rowText(nl.html, "Prijs per jaar")).toEqual(["€ 18,00 per jaar per mailbox", "€ 30,00 per jaar"]);
    const en = await page(`/compare?offers=${ids}&lang=en`);
    expect(rowText(en.html, "Price per month")).toEqual(["€1.50 per month per mailbox", "€2.50 per month"]);
    expect(rowText(en.html, "CHATONS member")).toEqual(["✓Yes", "—No"]);
  });
});

describe("without offers", () => {
  it("explains how to choose offers and links to the directory", async () => {
    for (const q of ["", "?offers=", "?offers=,,"]) {
      const { status, html } = await page(`/compare${q}`);
      expect(status).toBe(200);
      expect(html).toContain("Aucune offre n&#39;est choisie.");
      expect(html).toContain('<a href="/providers">Parcourir les hébergeurs</a>');
      expect(html).not.toContain("<table");
    }
  });
});

describe("errors", () => {
  it("refuses more than four offers with a translated 400 on the same page, every choice still ticked", async () => {
    const ids = [...P.offers.slice(0, 2), ...Q.offers].map((o) => o.id);
    expect(ids).toHaveLength(5);
    const fr = await page(`/compare?offers=${ids.join(",")}`);
    expect(fr.status).toBe(400);
    expect(fr.html).toContain("<h1>Comparer des offres</h1>");
    expect(textOf(fr.html, /<div class="error-summary" role="alert">/)).toContain("On peut comparer au plus 4 offres à la fois ; vous en avez choisi 5.");
    expect(fr.html).toContain('<a href="#compare-chosen">Offres à comparer</a>');
    expect(fr.html).toContain('<form method="get" action="/compare"');
    for (const id of ids) expect(fr.html).toContain(`<input type="checkbox" name="offers" value="${id}" checked=""`);
    expect(fr.html).not.toContain("<table");
    const en = await page(`/compare?${ids.map((id) => `offers=${id}`).join("&")}&lang=en`);
    expect(en.status).toBe(400);
    expect(en.html).toContain("You can compare at most 4 offers at a time; you chose 5.");
    expect(en.html).toContain('<input type="hidden" name="lang" value="en"');
  });

  it("answers 404 naming an unknown offer", async () => {
    const { status, html } = await page(`/compare?offers=${P.offers[0]!.id},off_missing&lang=nl`);
    expect(status).toBe(404);
    expect(html).toContain("Het aanbod ‘off_missing’ bestaat niet of is niet meer gepubliceerd.");
  });

  it("treats a draft like an unknown offer", async () => {
    const draft = P.offers[2]!.id;
    const { status, html } = await page(`/compare?offers=${draft}`);
    expect(status).toBe(404);
    expect(textOf(html, /<p class="error-message">/)).toBe(`L'offre « ${draft} » n'existe pas ou n'est plus publiée.`);
    expect(html).not.toContain("Brouillon P");
  });
});

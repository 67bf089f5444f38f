// The directory page: the API's filters through a GET form, reflected in results and in the form,
// cursor pagination that carries the filters, the empty state, and 400 pages naming the field.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDirectoryQuery } from "../../src/catalog/catalog.pages";
import { AppError } from "../../src/lib/problem";
import { seedProvider, type Seeded } from "../fixtures/catalog";
import { decode, page, resultNames, textOf } from "./helpers";

// A word only this file's providers carry, so other files' rows never disturb the counts.
const TOKEN = "Quokkadir";
let A: Seeded, B: Seeded, C: Seeded, D: Seeded;

beforeAll(async () => {
  A = await seedProvider(
    env.DB,
    { name: `${TOKEN} Alpha`, countryCode: "BE", languages: ["fr", "nl"], legalForm: "ASSOCIATION" },
    [
      { service: "mailing_list", name: "Listes Sympa", softwareName: "Sympa", pricingModel: "free", amountCents: 0, unit: "flat" },
      { service: "mailbox", name: "Boîte Alpha", pricingModel: "paid", amountCents: 150, unit: "per_unit" },
    ],
  );
  B = await seedProvider(
    env.DB,
    { name: `${TOKEN} Bravo`, countryCode: "FR", languages: ["fr"], legalForm: "COOPERATIVE", memberships: [] },
    [
      { service: "mailbox", name: "Boîte Bravo", pricingModel: "paid", amountCents: 300 },
      { service: "web_hosting", name: "Site Bravo", softwareName: "nginx", pricingModel: "paid", amountCents: 6000, period: "year", unit: "flat" },
    ],
  );
  C = await seedProvider(
    env.DB,
    { name: `${TOKEN} Charlie`, countryCode: "LU", languages: ["lb", "fr", "de"], legalForm: "MICROCOMPANY", acceptingMembers: false, memberships: [] },
    [{ service: "mailing_list", name: "Listes Mailman", softwareName: "Mailman", pricingModel: "membership", amountCents: 200, unit: "flat" }],
  );
  D = await seedProvider(
    env.DB,
    { name: `${TOKEN} Delta`, countryCode: "CH", languages: ["de", "en"], legalForm: "OTHER" },
    [{ service: "mailbox", name: "Boîte Delta", softwareName: "Stalwart", pricingModel: "donation", amountCents: 0, unit: "flat" }],
  );
});

const names = async (query: string) => {
  const { status, html } = await page(`/providers?q=${TOKEN}&${query}`);
  expect(status).toBe(200);
  return resultNames(html).map((n) => n.replace(`${TOKEN} `, ""));
};

describe("filters", () => {
  it("lists every match of the search text, by name", async () => {
    expect(await names("")).toEqual(["Alpha", "Bravo", "Charlie", "Delta"]);
  });

  it("filters by service kind, country, language and legal form", async () => {
    expect(await names("service=mailing_list")).toEqual(["Alpha", "Charlie"]);
    expect(await names("service=mailing_list&country=BE")).toEqual(["Alpha"]);
    expect(await names("country=LU&country=CH")).toEqual(["Charlie", "Delta"]);
    expect(await names("language=lb")).toEqual(["Charlie"]);
    expect(await names("legal_form=COOPERATIVE")).toEqual(["Bravo"]);
  });

  it("needs every service kind ticked (repeated or comma-separated)", async () => {
    expect(await names("service=mailing_list&service=mailbox")).toEqual(["Alpha"]);
    expect(await names("service=mailing_list,mailbox")).toEqual(["Alpha"]);
  });

  it("filters by software, pricing model, CHATONS membership and openness", async () => {
    expect(await names("software=sympa")).toEqual(["Alpha"]);
    expect(await names("pricing=donation")).toEqual(["Delta"]);
    expect(await names("chatons=on")).toEqual(["Alpha", "Delta"]);
    expect(await names("accepting=on")).toEqual(["Alpha", "Bravo", "Delta"]);
  });

  it("takes the maximum monthly price in euros, with a comma or a point", async () => {
    expect(await names("max_price=2")).toEqual(["Alpha", "Charlie", "Delta"]);
    expect(await names("max_price=1,50")).toEqual(["Alpha", "Delta"]);
    expect(await names("max_price=1.49")).toEqual(["Alpha", "Delta"]);
    // Bravo's yearly site (60 €/year) is 5 € a month.
    expect(await names("max_price=5&service=web_hosting")).toEqual(["Bravo"]);
    expect(await names("max_price=4.99&service=web_hosting")).toEqual([]);
  });

  it("also accepts the API's max_monthly_cents and shows it in euros", async () => {
    const { html } = await page(`/providers?q=${TOKEN}&max_monthly_cents=150`);
    expect(resultNames(html)).toHaveLength(2);
    expect(html).toContain('name="max_price" value="1.50"');
  });

  it("treats empty form fields as no filter", async () => {
    expect(await names("software=&pricing=&max_price=&legal_form=&country=")).toEqual(["Alpha", "Bravo", "Charlie", "Delta"]);
  });

  it("shows the filters back in the form", async () => {
    const { html } = await page(`/providers?q=${TOKEN}&service=mailbox&country=CH&pricing=donation&legal_form=OTHER&chatons=on&max_price=3,5&software=Stal`);
    expect(html).toContain(`name="q" value="${TOKEN}"`);
    expect(html).toContain('name="service" value="mailbox" checked=""');
    expect(html).not.toContain('name="service" value="mailing_list" checked=""');
    expect(html).toContain('name="country" value="CH" checked=""');
    expect(html).toContain('<option value="donation" selected="">');
    expect(html).toContain('<option value="OTHER" selected="">');
    expect(html).toContain('name="chatons" value="on" checked=""');
    expect(html).not.toContain('name="accepting" value="on" checked=""');
    expect(html).toContain('name="max_price" value="3,5"');
    expect(html).toContain('name="software" list="f-software-list" value="Stal"');
    expect(resultNames(html)).toEqual([`${TOKEN} Delta`]);
  });

  it("offers the countries and languages found in the data", async () => {
    const { html } = await page("/providers");
    for (const c of ["BE", "FR", "LU", "CH"]) expect(html).toContain(`name="country" value="${c}"`);
    for (const l of ["lb", "de", "en"]) expect(html).toContain(`name="language" value="${l}"`);
    expect(html).toContain('<option value="Sympa">');
  });
});

describe("result cards", () => {
  it("show country, languages, legal form, CHATONS, services and the cheapest price", async () => {
    const { html } = await page(`/providers?q=${TOKEN}%20Alpha`);
    const card = textOf(html, /<li class="card provider-card">/);
    expect(card).toContain("Belgique");
    expect(card).toContain("français et néerlandais");
    expect(card).toContain("Association sans but lucratif");
    expect(card).toContain("Membre des CHATONS");
    expect(card).toContain("Boîtes mail et Listes de diffusion");
    expect(card).toContain("À partir de Gratuit");
  });

  it("price from the cheapest offer of the kinds asked for", async () => {
    const { html } = await page(`/providers?q=${TOKEN}%20Alpha&service=mailbox&lang=en`);
    expect(textOf(html, /<li class="card provider-card">/)).toContain("From €1.50 per month per mailbox");
  });

  it("price from the cheapest offer answering every offer filter, not of any (issue 10)", async () => {
    const from = async (query: string) => textOf((await page(`/providers?q=${TOKEN}%20Bravo&lang=en&${query}`)).html, /<li class="card provider-card">/);
    expect(await from("")).toContain("From €3.00 per month"); // the mailbox
    expect(await from("software=nginx")).toContain("From €5.00 per month"); // only the site runs nginx
    expect(await from("service=web_hosting")).toContain("From €5.00 per month");
  });

  it("say 'pay what you want' plainly, with the provider's suggested amount (FR, NL, EN)", async () => {
    await seedProvider(env.DB, { name: "Wombatprixlibre" }, [
      { service: "web_hosting", name: "Site à prix libre", pricingModel: "donation", amountCents: 400, period: "month", unit: "flat", monthlyCents: 0 },
    ]);
    const card = async (lang: string) => textOf((await page(`/providers?q=Wombatprixlibre&lang=${lang}`)).html, /<li class="card provider-card">/);
    expect(await card("fr")).toContain("À partir de Prix libre (montant suggéré : 4,00");
    expect(await card("nl")).toContain("(voorgesteld bedrag: € 4,00 per maand)");
    expect(await card("en")).toContain("From Pay what you want (suggested: €4.00 per month)");
  });

  it("say when a provider is not taking new members", async () => {
    const { html } = await page(`/providers?q=${TOKEN}%20Charlie`);
    expect(textOf(html, /<li class="card provider-card">/)).toContain("N'accepte pas de nouveaux membres");
  });

  it("hold a compare checkbox per offer inside a GET form to /compare", async () => {
    const { html } = await page(`/providers?q=${TOKEN}`);
    expect(html).toContain('<form method="get" action="/compare" class="compare-form">');
    for (const o of [...A.offers, ...B.offers, ...C.offers, ...D.offers]) expect(html).toContain(`name="offers" value="${o.id}"`);
  });

  it("carry the comparison basket: ticked, in the filter form and in provider links", async () => {
    const chosen = B.offers[0]!.id;
    const { html } = await page(`/providers?q=${TOKEN}&offers=${chosen}`);
    expect(html).toContain(`name="offers" value="${chosen}" checked=""`);
    expect(html).toContain(`<input type="hidden" name="offers" value="${chosen}"/>`);
    expect(html).toContain(`href="/providers/${A.provider.id}?offers=${chosen}"`);
    // A chosen offer not on this page stays ticked in a fieldset of its own.
    const elsewhere = await page(`/providers?q=${TOKEN}%20Alpha&offers=${chosen}`);
    expect(textOf(elsewhere.html, /<fieldset class="selection">/)).toContain("Boîte Bravo");
  });
});

describe("pagination and empty state", () => {
  it("pages with a cursor and keeps the filters in the next link", async () => {
    const first = await page(`/providers?q=${TOKEN}&limit=3&lang=nl`);
    expect(resultNames(first.html)).toHaveLength(3);
    const next = /<a href="([^"]+)" rel="next">Volgende pagina<\/a>/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    const url = new URL(decode(next!), "https://chatiere.test");
    expect(url.searchParams.get("q")).toBe(TOKEN);
    expect(url.searchParams.get("limit")).toBe("3");
    expect(url.searchParams.get("lang")).toBe("nl");
    const second = await page(`${url.pathname}${url.search}`);
    expect(resultNames(second.html)).toEqual([`${TOKEN} Delta`]);
    expect(second.html).not.toContain('rel="next"');
    expect(second.html).toContain(">Eerste pagina<");
  });

  it("explains an empty result and offers to clear the filters", async () => {
    const { status, html } = await page(`/providers?q=${TOKEN}&country=CH&service=mailing_list`);
    expect(status).toBe(200);
    expect(resultNames(html)).toEqual([]);
    expect(html).toContain("Aucun hébergeur ne correspond à ces critères.");
    expect(html).toContain("0 hébergeur correspond à vos critères.");
  });
});

describe("bad input", () => {
  it("answers 400 with the directory itself: the message beside the euro field, the value as typed", async () => {
    const fr = await page("/providers?max_price=abc");
    expect(fr.status).toBe(400);
    expect(fr.res.headers.get("content-type")).toMatch(/^text\/html/);
    const summary = textOf(fr.html, /<div class="error-summary" role="alert">/);
    expect(summary).toContain("Certaines valeurs ne conviennent pas");
    expect(summary).toContain("Prix mensuel maximum (€) (max_price)");
    expect(fr.html).toContain('<a href="#f-max">');
    expect(fr.html).toContain('name="max_price" value="abc"');
    expect(fr.html).toMatch(/<input[^>]*id="f-max"[^>]*aria-invalid="true"/);
    expect(textOf(fr.html, /<p class="field-error" id="f-max-error">/)).toBe("Indiquez un montant en euros, par exemple 5 ou 4,50 (au plus deux décimales).");
    const nl = await page("/providers?max_price=abc&lang=nl");
    expect(nl.status).toBe(400);
    expect(nl.html).toContain("Maximumprijs per maand (€)");
  });

  it("keeps the visitor's other choices ticked and applied", async () => {
    const { status, html } = await page(`/providers?q=${TOKEN}&service=web_hosting&max_price=4.555&accepting=on&lang=en`);
    expect(status).toBe(400);
    expect(html).toContain('<input type="checkbox" name="service" value="web_hosting" checked=""');
    expect(html).toContain('<input type="checkbox" name="accepting" value="on" checked=""');
    expect(html).toContain(`value="${TOKEN}"`);
    expect(html).toContain('name="max_price" value="4.555"');
    expect(resultNames(html).map((n) => n.replace(`${TOKEN} `, ""))).toEqual(await names("service=web_hosting&accepting=on"));
  });

  it.each([
    ["max_price=-3", "max_price"],
    ["max_price=1e3", "max_price"],
    ["max_price=4.555", "max_price"],
    ["max_monthly_cents=abc", "max_monthly_cents"],
    ["pricing=gratis", "pricing"],
    ["legal_form=asbl", "legal_form"],
    ["country=Belgium", "country"],
    ["language=french", "language"],
    ["service=Mail%20box", "service"],
    ["chatons=maybe", "chatons"],
    ["limit=0", "limit"],
    ["cursor=not-a-cursor", "cursor"],
  ])("%s → 400 naming %s", async (query, field) => {
    const { status, html } = await page(`/providers?${query}&lang=en`);
    expect(status).toBe(400);
    expect(html).toContain("<h1>Hosts</h1>");
    expect(textOf(html, /<div class="error-summary" role="alert">/)).toContain(`(${field})`);
  });

  it("reports several bad fields at once, in the form's order", async () => {
    const { status, html } = await page("/providers?pricing=nope&max_price=abc");
    expect(status).toBe(400);
    const summary = textOf(html, /<div class="error-summary" role="alert">/);
    expect(summary).toContain("(max_price)");
    expect(summary).toContain("(pricing)");
    expect(summary.indexOf("(pricing)")).toBeLessThan(summary.indexOf("(max_price)"));
  });
});

describe("long search text", () => {
  // D1 refuses LIKE patterns longer than 50 bytes ("LIKE or GLOB pattern too complex"), while the
  // filter schema allows 200 characters: the search must not turn into a 500.
  it("answers 200 for a search of 200 characters", async () => {
    const { status } = await page(`/providers?q=${"é".repeat(200)}`);
    expect(status).toBe(200);
  });
});

describe("parseDirectoryQuery", () => {
  const cents = (v: string) => parseDirectoryQuery({ max_price: [v] }).filter.max_monthly_cents;

  it("turns euros into integer cents without floats", () => {
    expect(cents("10")).toBe(1000);
    expect(cents("4,5")).toBe(450);
    expect(cents("4.50")).toBe(450);
    expect(cents("0.29")).toBe(29);
    expect(cents(" 12,05 ")).toBe(1205);
    expect(cents("999999.99")).toBe(99_999_999);
  });

  it("rejects what is not an amount in euros", () => {
    for (const v of ["abc", "-1", "1e3", "4.555", "1 000", "1234567", "0x10", "Infinity"]) {
      expect(() => cents(v), v).toThrow(AppError);
    }
  });

  it("keeps repeatable fields as lists and the first value of the others", () => {
    const { filter } = parseDirectoryQuery({ service: ["mailbox", "mailing_list"], q: ["one", "two"], country: ["be"] });
    expect(filter.service).toEqual(["mailbox", "mailing_list"]);
    expect(filter.country).toEqual(["BE"]);
    expect(filter.q).toBe("one");
  });
});

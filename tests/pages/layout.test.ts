// Every page in fr/nl/en: <html lang>, translated chrome, the deadline in Brussels time with the
// days left, the language switcher and negotiation (query > cookie > Accept-Language).
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { daysLeft } from "../../web/components/format";
import { LOCALES, translator, type Lang } from "../../web/i18n";
import { seedProvider, type Seeded } from "../fixtures/catalog";
import { page, textOf } from "./helpers";

const LANGS: Lang[] = ["fr", "nl", "en"];
let seeded: Seeded;

beforeAll(async () => {
  seeded = await seedProvider(env.DB, { name: "Layout host" }, [{ service: "mailbox" }, { service: "mailing_list", pricingModel: "free", amountCents: 0 }]);
});

const paths = () => ({
  home: "/",
  directory: "/providers",
  provider: `/providers/${seeded.provider.id}`,
  compare: `/compare?offers=${seeded.offers.map((o) => o.id).join(",")}`,
  compareEmpty: "/compare",
});

describe.each(LANGS)("pages in %s", (lang) => {
  const t = translator(lang);
  it.each(["home", "directory", "provider", "compare", "compareEmpty"] as const)("%s answers 200 with the language, chrome and deadline", async (name) => {
    const { status, html, res } = await page(`${paths()[name]}${paths()[name].includes("?") ? "&" : "?"}lang=${lang}`);
    expect(status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-language")).toBe(lang);
    expect(html.startsWith("<!DOCTYPE html><html lang=\"" + lang + "\">")).toBe(true);
    // Navigation, skip link and language switcher in the page's language.
    for (const key of ["nav.home", "nav.providers", "nav.compare", "layout.skip", "nav.label", "lang.label"] as const) {
      expect(html).toContain(t(key).replaceAll("'", "&#39;"));
    }
    // The deadline as Brussels wall-clock time, formatted by Intl in the page's locale.
    const deadline = env.TRANSITION_DEADLINE;
    const shown = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Brussels" }).format(new Date(deadline));
    expect(html).toContain(`<time datetime="${deadline}">${shown}</time>`);
    const left = daysLeft(deadline, new Date());
    expect(textOf(html, /<strong class="days-left">/)).toContain(new Intl.NumberFormat(LOCALES[lang]).format(left));
    // The CSP is 'self' only: one stylesheet, no inline style or script.
    expect(html).toContain('<link rel="stylesheet" href="/styles.css"/>');
    expect(html).not.toMatch(/<script|\sstyle=|<style/);
  });

  it("marks the current language and links to the others, keeping path and query", async () => {
    const { html } = await page(`/providers?service=mailbox&lang=${lang}`);
    for (const other of LANGS) {
      expect(html).toContain(`href="/providers?service=mailbox&amp;lang=${other}" hreflang="${other}" lang="${other}"`);
      expect(html).toContain(`<link rel="alternate" hreflang="${other}" href="https://chatiere.test/providers?service=mailbox&amp;lang=${other}"/>`);
    }
    expect(html).toMatch(new RegExp(`hreflang="${lang}" lang="${lang}" aria-current="true"`));
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="https://chatiere.test/providers?service=mailbox"/>');
  });
});

describe("language negotiation", () => {
  const langOf = (html: string) => /<html lang="(\w+)">/.exec(html)?.[1];

  it("speaks French by default", async () => {
    const { html, res } = await page("/");
    expect(langOf(html)).toBe("fr");
    expect(html).toContain("Hébergeurs");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("follows Accept-Language by q-value", async () => {
    expect(langOf((await page("/", { "accept-language": "de-CH, en;q=0.5, nl-BE;q=0.8" })).html)).toBe("nl");
    expect(langOf((await page("/", { "accept-language": "en-US,en;q=0.9" })).html)).toBe("en");
    expect(langOf((await page("/", { "accept-language": "de, es" })).html)).toBe("fr");
  });

  it("prefers the cookie to Accept-Language", async () => {
    const { html, res } = await page("/providers", { cookie: "lang=en", "accept-language": "nl" });
    expect(langOf(html)).toBe("en");
    expect(html).toContain(">Hosts<");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("prefers ?lang= to the cookie and remembers it in a cookie", async () => {
    const { html, res } = await page("/providers?lang=nl", { cookie: "lang=en", "accept-language": "en" });
    expect(langOf(html)).toBe("nl");
    expect(html).toContain(">Hostingproviders<");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lang=nl;/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it("ignores an unknown ?lang= and sets no cookie", async () => {
    const { html, res } = await page("/?lang=de", { cookie: "lang=en" });
    expect(langOf(html)).toBe("en");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("keeps an explicit ?lang= in the forms, for visitors without cookies", async () => {
    const { html } = await page(`/providers?lang=en`);
    expect(html).toContain('<input type="hidden" name="lang" value="en"/>');
    const noLang = await page(`/providers`);
    expect(noLang.html).not.toContain('name="lang"');
  });
});

describe("page shell", () => {
  it("starts with a skip link to the main landmark and marks the current section", async () => {
    const { html } = await page("/providers");
    expect(html).toMatch(/<body><a class="skip-link" href="#main">Aller au contenu<\/a>/);
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<a href="/providers" aria-current="page">Hébergeurs</a>');
  });

  it("says that demo data is fictional only when the page shows some", async () => {
    expect((await page(paths().provider)).html).toContain('class="demo-notice"');
    const real = await seedProvider(env.DB, { name: "Real host", isDemo: false }, []);
    expect((await page(`/providers/${real.provider.id}`)).html).not.toContain('class="demo-notice"');
  });

  it("serves the stylesheet", async () => {
    // Workers Static Assets serves web/public before the worker runs.
    const res = await env.ASSETS.fetch("https://chatiere.test/styles.css");
    expect(res.status).toBe(200);
    const css = await res.text();
    expect(css).toContain(":focus-visible");
    expect(css).not.toMatch(/@import|url\(\s*["']?https?:/);
  });
});

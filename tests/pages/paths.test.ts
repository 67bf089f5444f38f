// The home page's three ways to move lead somewhere real: the directory, /together and /cooperative,
// pages that say what exists today, what is coming and how to get in touch (FR, NL, EN); the
// deadline stands once on the home page.
import { describe, expect, it } from "vitest";
import { page, textOf } from "./helpers";

describe("home page", () => {
  it("links each way to move to a page that answers 200", async () => {
    const { html } = await page("/");
    const paths = textOf(html, /<ul class="paths">/);
    expect(paths).toContain("Déménager avec d'autres membres");
    const links = [...(/<ul class="paths">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "").matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(["/providers", "/together", "/cooperative"]);
    for (const href of links) expect((await page(href!)).status).toBe(200);
  });

  it("shows the deadline once", async () => {
    for (const lang of ["fr", "nl", "en"]) {
      const { html } = await page(`/?lang=${lang}`);
      expect(html.match(/<time datetime=/g)).toHaveLength(1);
      expect(html).not.toContain('class="deadline-bar"');
    }
    // Other pages keep it in the header.
    expect((await page("/providers")).html).toContain('class="deadline-bar"');
  });
});

describe("/together and /cooperative", () => {
  it.each([
    ["/together", "fr", "Déménager avec d'autres membres", "Ils ne sont pas encore ouverts."],
    ["/together", "nl", "Samen met andere leden verhuizen", "Ze zijn nog niet open."],
    ["/together", "en", "Moving with other members", "They are not open yet."],
    ["/cooperative", "fr", "Devenir client de la coopérative", "n'est pas encore ouverte en ligne"],
    ["/cooperative", "nl", "Klant worden van de coöperatie", "dat kan nog niet online"],
    ["/cooperative", "en", "Becoming a client of the cooperative", "this cannot be done online yet"],
  ])("%s in %s says what exists, what is coming and how to get in touch", async (path, lang, title, notYet) => {
    const { status, html } = await page(`${path}?lang=${lang}`);
    expect(status).toBe(200);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(textOf(html, /<h1[^>]*>/)).toBe(title);
    const main = textOf(html, /<main[^>]*>/);
    expect(main).toContain(notYet);
    expect(html).toContain('id="exists-title"');
    expect(html).toContain('id="contact-title"');
  });

  it("leads on to the parts of the site that exist", async () => {
    expect((await page("/together")).html).toContain('href="/providers?accepting=on"');
    expect((await page("/together")).html).toContain('href="/match"');
    expect((await page("/cooperative")).html).toContain('href="/providers?legal_form=COOPERATIVE"');
  });
});

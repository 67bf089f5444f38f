// The form kit as rendered markup: every control is tied to its label, its hint and its error
// (aria-describedby in that order, aria-invalid when wrong), and the error summary links to the
// fields in the order they stand in the form.
import { describe, expect, it } from "vitest";
import type { Child } from "hono/jsx";
import { Checkbox, CheckboxGroup, ErrorSummary, inFieldOrder, RadioGroup, SelectField, TextArea, TextField } from "../../web/components/form";
import { Notice } from "../../web/components/notice";
import { PageHeader } from "../../web/components/page-header";

const render = async (node: Child) => String(await (node as { toString(): string | Promise<string> }).toString());

/** The opening tag of the element with this id. */
const tagOf = (html: string, id: string) => html.match(new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`))?.[0] ?? "";

describe("TextField", () => {
  it("ties label, hint and error to the input, in that order, and marks it invalid", async () => {
    const html = await render(<TextField id="site" name="website" type="url" label="Site web" hint="https://…" error="Doit commencer par https://" value="ftp://x" required />);
    expect(html).toContain('<label for="site">Site web</label>');
    const input = tagOf(html, "site");
    expect(input).toMatch(/^<input /);
    for (const attribute of ['type="url"', 'name="website"', 'value="ftp://x"', 'aria-describedby="site-hint site-error"', 'aria-invalid="true"', "required"]) {
      expect(input).toContain(attribute);
    }
    expect(html).toContain('<p id="site-hint" class="hint">https://…</p>');
    expect(html).toContain('<p class="field-error" id="site-error">Doit commencer par https://</p>');
    // Label, then hint, then error, then the control: read in that order.
    const at = (s: string) => html.indexOf(s);
    expect(at("<label")).toBeLessThan(at('id="site-hint"'));
    expect(at('id="site-hint"')).toBeLessThan(at('id="site-error"'));
    expect(at('id="site-error"')).toBeLessThan(at("<input"));
    // The required mark is seen, not read (the input's own `required` is).
    expect(html).toContain('<span class="required-mark" aria-hidden="true">*</span>');
    expect(html).toContain('class="field field-invalid"');
  });

  it("says nothing it does not have: no hint, no error, no aria, name from the id", async () => {
    const html = await render(<TextField id="city" label="Ville" type="tel" />);
    const input = tagOf(html, "city");
    expect(input).toContain('name="city"');
    expect(input).toContain('type="tel"');
    expect(input).not.toContain("aria-describedby");
    expect(input).not.toContain("aria-invalid");
    expect(html).not.toContain("field-error");
    expect(html).not.toContain("required-mark");
    expect(html).toContain('<div class="field">');
  });

  it("escapes what the visitor typed", async () => {
    const html = await render(<TextField id="n" label="Nom" value={'"><script>alert(1)</script>'} error="<b>x</b>" />);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("announces the error at once only when asked", async () => {
    expect(await render(<TextField id="a" label="A" error="Faux" alert />)).toContain('<p class="field-error" id="a-error" role="alert">Faux</p>');
    expect(await render(<TextField id="a" label="A" error="Faux" />)).not.toContain('role="alert"');
  });
});

describe("TextArea, SelectField and Checkbox", () => {
  it("keeps the typed text inside a labelled, described textarea", async () => {
    const html = await render(<TextArea id="commitments" label="Engagements" hint="Une par ligne" value={"a\nb"} />);
    expect(html).toContain('<label for="commitments">Engagements</label>');
    expect(tagOf(html, "commitments")).toContain('aria-describedby="commitments-hint"');
    expect(html).toMatch(/<textarea[^>]*>a\nb<\/textarea>/);
  });

  it("selects the current option and ties the error to the select", async () => {
    const html = await render(<SelectField id="lang" label="Langue" value="nl" error="Choisissez" options={[{ value: "fr", label: "Français", lang: "fr" }, { value: "nl", label: "Nederlands", lang: "nl" }]} />);
    expect(tagOf(html, "lang")).toMatch(/^<select [^>]*aria-describedby="lang-error"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/<option value="nl" lang="nl" selected="">Nederlands<\/option>/);
    expect(html).not.toMatch(/<option value="fr"[^>]*selected/);
  });

  it("puts a single checkbox before its label", async () => {
    const html = await render(<Checkbox id="accepting" label="Accueille" checked />);
    expect(html).toMatch(/<input type="checkbox" id="accepting" name="accepting" checked=""[^>]*\/?>\s*<label for="accepting">Accueille<\/label>/);
  });
});

describe("choice groups", () => {
  it("describes the fieldset by its hint and error and gives each option its label", async () => {
    const html = await render(
      <CheckboxGroup
        id="scopes"
        name="scopes"
        legend="Droits"
        hint="Au moins un"
        error="Choisissez un droit"
        checked={["audit:read"]}
        options={[
          { value: "catalog:import", label: "Importer" },
          { value: "audit:read", label: "Lire le journal", hint: "Pour les stewards" },
        ]}
      />,
    );
    expect(html).toMatch(/<fieldset class="field checks-group field-invalid" aria-describedby="scopes-hint scopes-error" aria-invalid="true"><legend>Droits<\/legend>/);
    expect(html).toMatch(/<input type="checkbox" id="scopes-catalog-import" name="scopes" value="catalog:import"\/?>/);
    expect(html).toMatch(/<input type="checkbox" id="scopes-audit-read" name="scopes" value="audit:read" checked="" aria-describedby="scopes-audit-read-hint"\/?>/);
    expect(html).toContain('<label for="scopes-catalog-import">Importer</label>');
    expect(html).toContain('<span id="scopes-audit-read-hint" class="hint"> — Pour les stewards</span>');
    // A required checkbox would demand that very box: none is.
    expect(html).not.toContain("required");
  });

  it("makes a required radio group required once, and checks the current value", async () => {
    const html = await render(<RadioGroup id="kind" name="kind" legend="Type" required value="provider" options={[{ value: "member", label: "Membre" }, { value: "provider", label: "Hébergeur" }]} />);
    expect(tagOf(html, "kind-member")).toContain("required");
    expect(tagOf(html, "kind-provider")).not.toContain("required");
    expect(tagOf(html, "kind-provider")).toContain('checked=""');
    expect(html).toContain('<legend>Type<span class="required-mark" aria-hidden="true">*</span></legend>');
  });
});

describe("ErrorSummary", () => {
  it("lists the fields at fault in form order, each a link to its control", async () => {
    const order = ["name", "website", "country_code", "commitments"];
    const reported = ["commitments", "name", "website"];
    const items = inFieldOrder(reported, order, (f) => f).map((f) => ({ id: f, label: f.toUpperCase() }));
    const html = await render(<ErrorSummary title="À corriger :" items={[...items, { label: "Lien périmé" }]} />);
    expect(html).toMatch(/^<div class="error-summary" role="alert"><p>À corriger :<\/p>/);
    const links = [...html.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(["name", "website", "commitments"]);
    // A problem no field fixes is said without a link.
    expect(html).toContain("<li>Lien périmé</li>");
  });

  it("keeps unknown fields last, in the order they came, and renders nothing without errors", async () => {
    expect(inFieldOrder(["zz", "b", "yy", "a"], ["a", "b"], (f) => f)).toEqual(["a", "b", "zz", "yy"]);
    expect(await render(<ErrorSummary title="x" items={[]} />)).toBe("");
  });
});

describe("Notice and PageHeader", () => {
  it("renders a status notice, an error tone and an alert", async () => {
    expect(await render(<Notice text="Enregistré." />)).toBe('<p class="notice" role="status">Enregistré.</p>');
    expect(await render(<Notice text="Attention" tone="error" alert />)).toBe('<p class="notice notice-error" role="alert">Attention</p>');
    expect(await render(<Notice />)).toBe("");
  });

  it("renders breadcrumb, title and lead", async () => {
    const html = await render(<PageHeader title="Clés" crumbs={[{ href: "/orgs/o", label: "Org" }, { href: "/orgs/o/keys", label: "Clés" }]} lead="Pour l'API" />);
    // The breadcrumb is a nav list (web/components/breadcrumb.tsx) ending on the current page.
    expect(html).toBe(
      '<nav class="breadcrumb" aria-label="Vous êtes ici"><ul><li><a href="/orgs/o">Org</a></li><li><a href="/orgs/o/keys">Clés</a></li><li aria-current="page">Clés</li></ul></nav><h1>Clés</h1><p class="lead">Pour l&#39;API</p>',
    );
    expect(await render(<PageHeader title="Seul" />)).toBe("<h1>Seul</h1>");
  });
});

// The provider profile and offer forms say what is wrong next to each field, in the visitor's
// language and naming the field ("must start with https://", "at most 200 characters"), list the
// fields in the order they stand in the form, and keep what was typed.
import { describe, expect, it } from "vitest";
import { signIn } from "../../accounts/helpers";
import { importedProvider, providerOrg, row } from "./helpers";

/** The text of the error under a control (web/components/form/field.tsx), or undefined. */
const errorOf = (html: string, id: string) => html.match(new RegExp(`<p class="field-error" id="${id}-error"[^>]*>([^<]*)</p>`))?.[1];
/** The error summary's links, in order. */
const summary = (html: string) => [...(html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? "").matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);

describe("provider profile form errors", () => {
  it("each bad value gets its own message next to its field, in field order, with what was typed kept", async () => {
    const orgId = await providerOrg("owner@formes.example");
    const owner = await signIn("owner@formes.example");
    const form = await (await owner.fetch(`/orgs/${orgId}/provider?lang=en`)).text();
    expect(form).toContain('type="url"');
    expect(form).toContain('id="name-hint"');
    expect(form).toMatch(/<input[^>]*type="date"[^>]*id="network_chatons_since"|<input[^>]*id="network_chatons_since"[^>]*type="date"/);

    const res = await owner.post(`/orgs/${orgId}/provider?lang=en`, {
      name: "N".repeat(201),
      website: "javascript:alert(1)",
      contact_email: "not an address",
      country_code: "Belgium",
      capacity: "lots",
      network_chatons: "on",
      network_chatons_since: "yesterday",
      address: "Rue du Chat 1",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(errorOf(html, "name")).toBe("“Name”: at most 200 characters.");
    expect(errorOf(html, "website")).toBe("“Website” must be a web address starting with https:// (or http://).");
    expect(errorOf(html, "contact_email")).toBe("“Contact address” must be an e-mail address, for example contact@example.be.");
    expect(errorOf(html, "country_code")).toBe("“Country” must be a two-letter country code, for example BE.");
    expect(errorOf(html, "capacity")).toBe("“Capacity (number of members)” must be a number, for example 50.");
    expect(errorOf(html, "network_chatons_since")).toBe("“Memberships” must be a date, for example 2024-03-01.");
    expect(summary(html)).toEqual(["name", "website", "contact_email", "country_code", "capacity", "network_chatons_since"]);
    // What was typed comes back, escaped.
    expect(html).toContain('value="javascript:alert(1)"');
    expect(html).toContain('value="Rue du Chat 1"');
    expect(html).toContain('value="not an address"');
    expect(html).not.toContain('href="javascript:alert(1)"');
    expect(await row("select provider_id from organisations where id = ?", orgId)).toEqual({ provider_id: null });

    // In French, the same rule in words.
    const fr = await (await owner.post(`/orgs/${orgId}/provider?lang=fr`, { name: "" })).text();
    expect(errorOf(fr, "name")).toBe("« Nom » est obligatoire.");
  });
});

describe("offer form errors", () => {
  it("a too long name, a bad price and a bad website are each said where they are", async () => {
    const { providerId } = await importedProvider("Chats Formels", { website: "https://formels.example" });
    const orgId = await providerOrg("owner@formels.example", providerId);
    const owner = await signIn("owner@formels.example");
    const res = await owner.post(`/orgs/${orgId}/offers?lang=en`, {
      service: "mailbox",
      name: "M".repeat(201),
      website: "ftp://formels.example",
      pricing_model: "paid",
      amount: "four",
      period: "month",
      unit: "flat",
      hosting_country: "B",
      quota_mailboxes: "many",
      registration: "Member",
      load: "OPEN",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(errorOf(html, "name")).toBe("“Name”: at most 200 characters.");
    expect(errorOf(html, "website")).toMatch(/must be a web address starting with https:\/\//);
    expect(errorOf(html, "amount")).toMatch(/must be an amount in euros, for example 4\.50\.$/);
    expect(errorOf(html, "quota_mailboxes")).toMatch(/must be a number, for example 50\.$/);
    expect(errorOf(html, "hosting_country")).toMatch(/must be a two-letter country code, for example BE\.$/);
    expect(summary(html)).toEqual(["name", "website", "quota_mailboxes", "amount", "hosting_country"]);
    expect(html).toContain('value="four"');
    expect(html).toContain('value="ftp://formels.example"');
  });
});

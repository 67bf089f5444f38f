// Pure pieces of provider self-service: the material/non-material classifier, the webmail list,
// the moderation diff, the form parsers and the version comparison.
import { describe, expect, it } from "vitest";
import { offerInputSchema, providerInputSchema } from "../../../src/catalog/model";
import { applyFields, classifyOfferChange, classifyProviderChange, setPath } from "../../../src/catalog/manage/classify";
import { eurosToCents, parseOfferForm, parseProviderForm, providerFormValues } from "../../../src/catalog/manage/forms";
import { emailDomain, isPublicWebmail, provesDomain } from "../../../src/catalog/manage/webmail";
import { diffFields } from "../../../src/catalog/moderation/diff";
import { differs } from "../../../src/catalog/versions";

const provider = providerInputSchema.parse({ name: "Les Chats", website: "https://chats.example", contact_email: "contact@chats.example", country_code: "BE" });
const offer = offerInputSchema.parse({ key: "mail", service: "mailbox", name: "Mail", pricing: { model: "paid", amount_cents: 300 } });

describe("classifyProviderChange", () => {
  it("puts identity, contact and commitments in moderation and applies the rest at once", () => {
    const next = { ...provider, name: "Les Chats Libres", description: "New text", languages: ["fr"], contact_email: "hello@chats.example" };
    expect(classifyProviderChange(provider, next)).toEqual({ material: ["name", "contact_email"], immediate: ["description", "languages"] });
  });

  it.each(["name", "legal_form", "country_code", "website", "contact_email", "memberships", "commitments"])("%s is material", (field) => {
    const values: Record<string, unknown> = {
      name: "X",
      legal_form: "COOPERATIVE",
      country_code: "FR",
      website: "https://other.example",
      contact_email: "x@other.example",
      memberships: [{ network: "chatons", status: "ACTIVE", since: null, until: null }],
      commitments: [{ charter: "CHATONS", evidence_url: null }],
    };
    expect(classifyProviderChange(provider, { ...provider, [field]: values[field] }).material).toEqual([field]);
  });

  it("sees no change when nothing differs, whatever the key order", () => {
    expect(classifyProviderChange(provider, JSON.parse(JSON.stringify(provider)))).toEqual({ material: [], immediate: [] });
  });
});

describe("classifyOfferChange", () => {
  it("treats price, quotas, features, software name and license, hosting country as material", () => {
    const next = setPath(setPath({ ...offer, description: "Better", load: "FULL" as const, pricing: { ...offer.pricing, amount_cents: 400 } }, "software.name", "Postfix"), "software.version", "3.8");
    expect(classifyOfferChange(offer, next)).toEqual({ material: ["software.name", "pricing"], immediate: ["description", "software.version", "load"] });
  });

  it("applies only the named fields", () => {
    const next = { ...offer, name: "Mail+", description: "Better" };
    expect(applyFields(offer, next, ["description"])).toEqual({ ...offer, description: "Better" });
  });
});

describe("webmail", () => {
  it.each(["gmail.com", "outlook.com", "hotmail.com", "yahoo.fr", "yahoo.co.uk", "proton.me", "protonmail.com", "laposte.net", "orange.fr", "free.fr", "skynet.be", "telenet.be", "icloud.com", "gmx.de", "gmx.net", "web.de", "GMAIL.COM"])(
    "%s is a public webmail",
    (d) => expect(isPublicWebmail(d)).toBe(true),
  );
  it.each(["chats.example", "cassiopea.org", "yahoogroups-fan.be", "gmxx.org"])("%s is not", (d) => expect(isPublicWebmail(d)).toBe(false));

  it("reads the domain of an address", () => {
    expect(emailDomain("Ana@Chats.Example")).toBe("chats.example");
    expect(emailDomain("nobody")).toBeNull();
    expect(emailDomain(null)).toBeNull();
  });

  it("proves a domain only with a verified address on the same, non-webmail domain", () => {
    expect(provesDomain({ email: "ana@chats.example", emailVerified: true }, "contact@chats.example")).toBe(true);
    expect(provesDomain({ email: "ana@chats.example", emailVerified: false }, "contact@chats.example")).toBe(false);
    expect(provesDomain({ email: "ana@other.example", emailVerified: true }, "contact@chats.example")).toBe(false);
    expect(provesDomain({ email: "ana@gmail.com", emailVerified: true }, "chats@gmail.com")).toBe(false);
    expect(provesDomain({ email: "ana@chats.example", emailVerified: true }, null)).toBe(false);
  });
});

describe("diffFields", () => {
  it("shows current → proposed for an update, and only proposed values for a creation", () => {
    expect(diffFields(provider, { ...provider, name: "Neuf" }, ["name", "website"], "update")).toEqual([{ field: "name", before: "Les Chats", after: "Neuf" }]);
    expect(diffFields(null, provider, ["name", "address"], "create")).toEqual([{ field: "name", before: null, after: "Les Chats" }]);
  });
});

describe("forms", () => {
  it("parses a provider form over the current profile and names fields at fault", () => {
    const ok = parseProviderForm({ name: "Chats", languages: "fr, NL", accepting_members: "on", country_code: "be", website: "" }, provider);
    expect(ok).toMatchObject({ ok: true, value: { name: "Chats", languages: ["fr", "nl"], country_code: "BE", website: null, contact_email: null } });
    const bad = parseProviderForm({ name: "", contact_email: "not-an-address", languages: "french", capacity: "many" }, null);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field).sort()).toEqual(["capacity", "contact_email", "languages", "name"]);
  });

  it("round-trips memberships and commitments through the form, so an unchanged form changes nothing", () => {
    const imported = providerInputSchema.parse({
      ...provider,
      memberships: [
        { network: "librehosters", status: "ACTIVE", since: "2021-05-01" },
        { network: "chatons", status: "ACTIVE", since: "2019-02-01" },
        { network: "fediverse-hosts", status: "ACTIVE" },
      ],
      commitments: [{ charter: "Charte CHATONS", evidence_url: "https://chats.example/charte" }, { charter: "Manifeste" }],
    });
    const values = providerFormValues(imported);
    expect(values).toMatchObject({ network_chatons: "on", network_chatons_since: "2019-02-01", commitments: "Charte CHATONS | https://chats.example/charte\nManifeste" });
    const again = parseProviderForm(values, imported);
    expect(again.ok && classifyProviderChange(imported, again.value)).toEqual({ material: [], immediate: [] });
  });

  it("adds and removes a network membership from its checkbox, keeping other networks, and names a bad date", () => {
    const unticked = parseProviderForm({ ...providerFormValues(provider), network_librehosters: "on" }, { ...provider, memberships: [{ network: "chatons", status: "ACTIVE", since: null, until: null }, { network: "x", status: "IDLE", since: null, until: null }] });
    expect(unticked.ok && unticked.value.memberships.map((m) => m.network)).toEqual(["x", "librehosters"]);
    const bad = parseProviderForm({ ...providerFormValues(provider), network_chatons: "on", network_chatons_since: "last year" }, provider);
    expect(!bad.ok && bad.errors.map((e) => e.field)).toEqual(["network_chatons_since"]);
    const badLink = parseProviderForm({ ...providerFormValues(provider), commitments: "Charte | not a link" }, provider);
    expect(!badLink.ok && badLink.errors.map((e) => e.field)).toEqual(["commitments"]);
  });

  it("parses an offer form with prices in euros and names fields at fault", () => {
    const ok = parseOfferForm({ service: "mailbox", name: "Mail", pricing_model: "paid", amount: "4,50", setup_fee: "10", quota_mailboxes: "5", features: "imap, webmail" }, null);
    expect(ok).toMatchObject({ ok: true, value: { pricing: { amount_cents: 450, setup_fee_cents: 1000, model: "paid" }, quotas: { mailboxes: 5 }, features: ["imap", "webmail"] } });
    const bad = parseOfferForm({ service: "Mail box", name: "", amount: "4.505", quota_storage_gb: "-1", hosting_country: "Belgium" }, null);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field).sort()).toEqual(["amount", "hosting_country", "name", "quota_storage_gb", "service"]);
  });

  it("reads euros without floats", () => {
    expect(eurosToCents("0.1")).toBe(10);
    expect(eurosToCents("19,99")).toBe(1999);
    expect(eurosToCents("")).toBe(0);
    expect(eurosToCents("1e3")).toBeNaN();
  });
});

describe("versions", () => {
  it("a version differs when public content differs, not when only timestamps move", () => {
    const a = { id: "off_1", name: "Mail", created_at: "2026-01-01", updated_at: "2026-01-01" };
    expect(differs({ ...a, updated_at: "2026-02-01" }, a)).toBe(false);
    expect(differs({ ...a, name: "Mail+" }, a)).toBe(true);
    expect(differs(a, null)).toBe(true);
  });
});

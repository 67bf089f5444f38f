// The shared feature vocabulary (issue 10 item 3) and safe links (item 4), as pure functions: codes per
// kind, words → codes with the rest kept as tags, labels in FR/NL/EN, the reasons that name features,
// the wizard's checkboxes, the form parser, and the one http(s) URL helper.
import { describe, expect, it } from "vitest";
import { allowsFeature, FEATURE_CODES, FEATURES_BY_KIND, featureCodeFor, featureLabel, featuresOf, splitFeatureWords, unknownFeatures } from "../../src/catalog/features";
import { classifyOfferChange } from "../../src/catalog/manage/classify";
import { parseOfferForm, parseProviderForm } from "../../src/catalog/manage/forms";
import { checkedOfferInputSchema, offerInputSchema, providerInputSchema } from "../../src/catalog/model";
import { HTTP_URL_MESSAGE, httpUrl, isHttpUrl, servedUrl } from "../../src/lib/http-url";
import { KIND_FEATURES, MATCH_KINDS } from "../../src/matching/form";
import { matchRequestSchema } from "../../src/matching/needs";
import { reasonMessage } from "../../src/matching/reasons";

describe("the vocabulary", () => {
  it("lists codes per kind, each with a label in every language (top-level domains as .be)", () => {
    expect(featuresOf("mailbox")).toEqual(expect.arrayContaining(["imap", "webmail", "antispam", "caldav"]));
    expect(featuresOf("domain_registration")).toEqual(expect.arrayContaining(["tld_be", "tld_eu", "transfer"]));
    for (const code of FEATURE_CODES) {
      for (const lang of ["fr", "nl", "en"] as const) expect(featureLabel(code, lang), `${code} ${lang}`).not.toMatch(/_/);
    }
    expect(featureLabel("tld_be", "nl")).toBe(".be");
    expect(featureLabel("wordpress", "fr")).toBe("WordPress");
    expect([featureLabel("antispam", "fr"), featureLabel("antispam", "nl"), featureLabel("antispam", "en")]).toEqual(["Filtre antispam", expect.any(String), expect.any(String)]);
    expect(new Set(["fr", "nl", "en"].map((l) => featureLabel("custom_domain", l as "fr")))).toHaveProperty("size", 3);
  });

  it("lets an open kind carry any code, a known kind only its own", () => {
    expect(allowsFeature("mailbox", "imap")).toBe(true);
    expect(allowsFeature("mailbox", "wordpress")).toBe(false);
    expect(allowsFeature("forum", "wordpress")).toBe(true);
    expect(unknownFeatures("mailbox", ["imap", "spam", "wordpress"]).map((u) => [u.index, u.code])).toEqual([[1, "spam"], [2, "wordpress"]]);
    expect(unknownFeatures("mailbox", ["spam"])[0]!.message).toMatch(/"spam".*allowed: imap, pop3, webmail/);
  });

  it("maps the words in use to codes and keeps the rest as free tags, as written", () => {
    expect(featureCodeFor("spam filter", "mailbox")).toBe("antispam");
    expect(featureCodeFor("Anti-Spam", "mailbox")).toBe("antispam");
    expect(featureCodeFor(".be", "domain_registration")).toBe("tld_be");
    expect(featureCodeFor("Agenda", "mailbox")).toBe("caldav");
    expect(featureCodeFor("imap", "mailing_list")).toBeNull();
    expect(splitFeatureWords(["IMAP", "spam filter", "Web Mail", "Support 24/7", "support 24/7", " "], "mailbox")).toEqual({
      features: ["imap", "antispam", "webmail"],
      tags: ["Support 24/7"],
    });
  });

  it("holds the wizard's checkboxes to the vocabulary of each kind", () => {
    for (const kind of MATCH_KINDS) for (const code of KIND_FEATURES[kind]) expect(allowsFeature(kind, code), `${kind} ${code}`).toBe(true);
    expect(Object.keys(FEATURES_BY_KIND)).toEqual(expect.arrayContaining([...MATCH_KINDS]));
  });
});

describe("features in the offer schema, the form and the needs", () => {
  const offer = { key: "mail", service: "mailbox", name: "Mail" };

  it("refuses a code the kind lacks, naming it (features.1) with the allowed ones", () => {
    expect(checkedOfferInputSchema.safeParse({ ...offer, features: ["imap", "imap"] }).success).toBe(true);
    const bad = checkedOfferInputSchema.safeParse({ ...offer, features: ["imap", "spam"] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["features.1", expect.stringMatching(/"spam".*allowed: .*antispam/)]]);
    // Tags never hold commas (they are written comma-separated) and are free otherwise.
    expect(offerInputSchema.safeParse({ ...offer, tags: ["Support 24/7"] }).success).toBe(true);
    expect(offerInputSchema.safeParse({ ...offer, tags: ["a, b"] }).success).toBe(false);
  });

  it("reads the form's checkboxes as codes and the tags field as free words", () => {
    const ok = parseOfferForm({ service: "mailbox", name: "Mail", features: "imap,antispam", tags: "Support 24/7, Formation ,Support 24/7" }, null);
    expect(ok).toMatchObject({ ok: true, value: { features: ["imap", "antispam"], tags: ["Support 24/7", "Formation"] } });
    const bad = parseOfferForm({ service: "mailbox", name: "Mail", features: "imap,wordpress" }, null);
    expect(bad).toMatchObject({ ok: false, errors: [{ field: "features", message: expect.stringMatching(/^not a feature of mailbox: "wordpress"/) }] });
  });

  it("refuses needs asking for an unknown feature, naming it", () => {
    const need = (features: string[]) => matchRequestSchema.safeParse({ needs: [{ service: "web_hosting", features }] });
    expect(need(["wordpress", "tls"]).success).toBe(true);
    const bad = need(["wordpress", "word_press"]);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["needs.0.features.1", expect.stringMatching(/"word_press".*allowed: php, mysql, wordpress/)]]);
  });

  it("names missing features in words in French, Dutch and English", () => {
    const p = { features: ["wordpress", "tld_be", "antispam"] };
    expect(reasonMessage("missing_feature", "fr", p)).toBe("Fonctionnalités manquantes : WordPress, .be, Filtre antispam.");
    expect(reasonMessage("missing_feature", "nl", p)).toBe(`Ontbrekende functies: WordPress, .be, ${featureLabel("antispam", "nl")}.`);
    expect(reasonMessage("missing_feature", "en", p)).toBe(`Missing features: WordPress, .be, ${featureLabel("antispam", "en")}.`);
    for (const lang of ["fr", "nl", "en"] as const) expect(reasonMessage("missing_feature", lang, p)).not.toMatch(/tld_be|antispam,|wordpress/);
  });
});

describe("safe links", () => {
  const unsafe = ["javascript:alert(1)", "JavaScript:alert(document.cookie)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://files.example", "//evil.example", "https:/x", "mailto:a@b.example", "https://", "java\tscript:alert(1)"];

  it("accepts http(s) URLs only", () => {
    expect(isHttpUrl("https://chats.example/path?q=1")).toBe(true);
    expect(isHttpUrl("http://chats.example")).toBe(true);
    for (const u of unsafe) expect(isHttpUrl(u), u).toBe(false);
    expect(httpUrl().safeParse("javascript:alert(1)").error!.issues[0]!.message).toBe(HTTP_URL_MESSAGE);
    expect(servedUrl("javascript:alert(1)")).toBeNull();
    expect(servedUrl("https://chats.example")).toBe("https://chats.example");
  });

  it("refuses them in every URL field of a provider and an offer", () => {
    for (const field of ["website", "logo_url", "contact_url", "legal_url", "user_guide_url", "technical_guide_url"]) {
      const r = providerInputSchema.safeParse({ name: "Chats", [field]: "javascript:alert(1)" });
      expect(r.error?.issues.map((i) => [i.path.join("."), i.message]), field).toEqual([[field, HTTP_URL_MESSAGE]]);
    }
    expect(providerInputSchema.safeParse({ name: "Chats", commitments: [{ charter: "CHATONS", evidence_url: "data:text/html,x" }] }).error?.issues[0]!.path).toEqual(["commitments", 0, "evidence_url"]);
    for (const path of ["website", "software.website", "software.license_url", "software.source_url"]) {
      const [a, b] = path.split(".");
      const input = b ? { key: "k", service: "mailbox", name: "M", software: { [b]: "javascript:alert(1)" } } : { key: "k", service: "mailbox", name: "M", [a!]: "javascript:alert(1)" };
      expect(offerInputSchema.safeParse(input).error?.issues.map((i) => i.path.join(".")), path).toEqual([path]);
    }
  });

  it("refuses them on the forms, naming the field", () => {
    const p = parseProviderForm({ name: "Chats", website: "javascript:alert(1)", contact_url: "data:text/html,x", commitments: "CHATONS | javascript:alert(1)" }, null);
    expect(p).toMatchObject({ ok: false });
    expect(!p.ok && p.errors.map((e) => [e.field, e.message])).toEqual([["website", HTTP_URL_MESSAGE], ["contact_url", HTTP_URL_MESSAGE], ["commitments", HTTP_URL_MESSAGE]]);
    const o = parseOfferForm({ service: "mailbox", name: "Mail", website: "javascript:alert(1)" }, null);
    expect(!o.ok && o.errors).toEqual([{ field: "website", message: HTTP_URL_MESSAGE, rule: { kind: "url" } }]);
  });

  it("makes an offer's website a material change", () => {
    const offer = offerInputSchema.parse({ key: "mail", service: "mailbox", name: "Mail", website: "https://mail.example" });
    expect(classifyOfferChange(offer, { ...offer, website: "https://elsewhere.example" })).toEqual({ material: ["website"], immediate: [] });
    expect(classifyOfferChange(offer, { ...offer, tags: ["Support 24/7"] })).toEqual({ material: [], immediate: ["tags"] });
  });
});

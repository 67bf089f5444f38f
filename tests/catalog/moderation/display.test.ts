// The moderation queue's per-field display model (web/pages/admin/moderation-model.ts): pure, so
// tested on values alone — labels translated, enums in words, money, lists, feature names, URLs as text.
import { describe, expect, it } from "vitest";
import { fieldChanges } from "../../../src/catalog/moderation/diff";
import { displayChanges, showValue } from "../../../web/pages/admin/moderation-model";
import { translator } from "../../../web/i18n";

const en = translator("en");
const fr = translator("fr");
const offerCtx = { t: en, lang: "en" as const, subject: "offer" as const, service: "mailbox" };

describe("displayChanges", () => {
  it("an offer update: price as money per unit, features by their names, lists as lists, website as text", () => {
    const before = { name: "Mail", website: "https://old.example", pricing: { model: "paid", amount_cents: 300, period: "month", unit: "flat", setup_fee_cents: 0 }, features: ["imap"], tags: [], quotas: { storage_gb: 5, mailboxes: null } };
    const after = { ...before, website: "javascript:alert(1)", pricing: { ...before.pricing, amount_cents: 450, unit: "per_unit", setup_fee_cents: 1000 }, features: ["imap", "webmail", "tld_be"], quotas: { storage_gb: 10, mailboxes: 3 } };
    const rows = displayChanges(en, "en", "offer", fieldChanges(before, after, ["name", "website", "pricing", "features", "quotas"], "update"), "mailbox");
    expect(rows.map((r) => r.label)).toEqual(["Offer page", "Price", "Features", "Quotas"]);
    const [website, price, features, quotas] = rows;
    expect(website).toMatchObject({ before: { kind: "url", text: "https://old.example" }, after: { kind: "url", text: "javascript:alert(1)" } });
    expect(price!.before).toEqual({ kind: "text", text: "€3.00 per month" });
    expect(price!.after).toEqual({ kind: "list", items: ["€4.50 per month per mailbox", "Setup fee: €10.00"] });
    expect(features).toMatchObject({ before: { kind: "list", items: ["IMAP"] }, after: { kind: "list", items: ["IMAP", "Webmail", ".be"] } });
    expect(quotas!.after).toEqual({ kind: "list", items: ["Storage: 10 GB", "Mailboxes: 3"] });
  });

  it("a creation has no current value and leaves out what is empty", () => {
    const rows = displayChanges(fr, "fr", "provider", fieldChanges(null, { name: "Chats", legal_form: "ASSOCIATION", address: "", languages: ["fr", "nl"], accepting_members: false }, ["name", "legal_form", "address", "languages", "accepting_members"], "create"), null);
    expect(rows).toEqual([
      { field: "name", label: "Nom", before: null, after: { kind: "text", text: "Chats" } },
      { field: "legal_form", label: "Forme juridique", before: null, after: { kind: "text", text: "Association sans but lucratif" } },
      { field: "languages", label: "Langues", before: null, after: { kind: "list", items: ["français", "néerlandais"] } },
      { field: "accepting_members", label: "Accueille de nouveaux membres", before: null, after: { kind: "text", text: "Non" } },
    ]);
  });
});

describe("showValue", () => {
  const provider = { t: en, lang: "en" as const, subject: "provider" as const, service: null };
  it("enums, dates, countries, memberships and commitments in words; nothing as none", () => {
    expect(showValue(provider, "status", "IDLE")).toEqual({ kind: "text", text: "Dormant" });
    expect(showValue(offerCtx, "status", "archived")).toEqual({ kind: "text", text: "Archived" });
    expect(showValue(offerCtx, "registration", "Member")).toMatchObject({ kind: "text" });
    expect(showValue(offerCtx, "service", "mailbox")).toEqual({ kind: "text", text: "Mailboxes" });
    expect(showValue(provider, "country_code", "BE")).toEqual({ kind: "text", text: "Belgium (BE)" });
    expect(showValue(provider, "memberships", [{ network: "chatons", status: "ACTIVE", since: "2021-03-01", until: null }])).toEqual({ kind: "list", items: ["CHATONS, Active, since 1 March 2021"] });
    expect(showValue(provider, "commitments", [{ charter: "Charte CHATONS", evidence_url: "https://chatons.org/charte" }])).toEqual({ kind: "list", items: ["Charte CHATONS — https://chatons.org/charte"] });
    expect(showValue(provider, "contact_url", null)).toEqual({ kind: "none" });
    expect(showValue(offerCtx, "features", [])).toEqual({ kind: "none" });
    expect(showValue(offerCtx, "pricing", { model: "donation", amount_cents: 0, period: "month", unit: "flat", setup_fee_cents: 0 })).toEqual({ kind: "text", text: "Pay what you want" });
  });
});

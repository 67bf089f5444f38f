// Pure view helpers: money from integer cents, days left, prices per month and year, safe links.
import { describe, expect, it } from "vitest";
import { countryName, daysLeft, formatDateTime, formatDay, formatList, formatMoney, formatNumber, languageName, safeHref } from "../../web/components/format";
import { priceText, setupFeeText } from "../../web/components/price";
import { translator } from "../../web/i18n";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("formats integer cents in each locale", () => {
    expect(plain(formatMoney(150, "fr"))).toBe("1,50 €");
    expect(plain(formatMoney(150, "nl"))).toBe("€ 1,50");
    expect(formatMoney(150, "en")).toBe("€1.50");
    expect(plain(formatMoney(123456789, "fr"))).toBe("1 234 567,89 €");
    expect(formatMoney(5, "en")).toBe("€0.05");
    expect(formatMoney(0, "en")).toBe("€0.00");
  });
});

describe("daysLeft", () => {
  const deadline = "2027-12-31T23:00:00Z";
  it("counts whole days, rounding up, and stops at zero", () => {
    expect(daysLeft(deadline, new Date("2027-12-30T23:00:00Z"))).toBe(1);
    expect(daysLeft(deadline, new Date("2027-12-30T22:59:59Z"))).toBe(2);
    expect(daysLeft(deadline, new Date("2027-12-31T22:00:00Z"))).toBe(1);
    expect(daysLeft(deadline, new Date("2027-12-31T23:00:00Z"))).toBe(0);
    expect(daysLeft(deadline, new Date("2028-06-01T00:00:00Z"))).toBe(0);
    expect(daysLeft("not a date", new Date())).toBe(0);
  });
});

describe("formatDay", () => {
  it("never shifts a calendar date by a time zone", () => {
    expect(formatDay("2021-04-04", "fr")).toBe("4 avril 2021");
    expect(formatDay("2021-04-04", "nl")).toBe("4 april 2021");
    expect(formatDay("2021-04-04", "en")).toBe("4 April 2021");
  });
});

describe("priceText", () => {
  const t = translator("en");
  // The price columns are typed by the catalogue's enums (src/db/schema/catalog.ts).
  type Priced = Parameters<typeof priceText>[2];
  const offer = (o: Partial<Priced>): Priced => ({
    pricingModel: "paid",
    amountCents: 0,
    period: "month",
    unit: "flat",
    service: "mailbox",
    ...o,
  });

  it("derives the other period from pricing.ts", () => {
    expect(priceText(t, "en", offer({ amountCents: 250 }), "month")).toBe("€2.50 per month");
    expect(priceText(t, "en", offer({ amountCents: 250 }), "year")).toBe("€30.00 per year");
    expect(priceText(t, "en", offer({ amountCents: 6000, period: "year" }), "month")).toBe("€5.00 per month");
    expect(priceText(t, "en", offer({ amountCents: 6000, period: "year" }), "year")).toBe("€60.00 per year");
  });

  it("marks a rounded monthly share of a yearly price", () => {
    expect(priceText(t, "en", offer({ amountCents: 1000, period: "year" }), "month")).toBe("≈ €0.83 per month");
  });

  it("names the unit of per-unit prices by service kind", () => {
    expect(priceText(t, "en", offer({ amountCents: 100, unit: "per_unit" }), "month")).toBe("€1.00 per month per mailbox");
    expect(priceText(t, "en", offer({ amountCents: 100, unit: "per_unit", service: "mailing_list" }), "month")).toBe("€1.00 per month per list");
    expect(priceText(t, "en", offer({ amountCents: 100, unit: "per_unit", service: "git_forge" }), "month")).toBe("€1.00 per month per unit");
  });

  it("says free and pay-what-you-want in words", () => {
    expect(priceText(t, "en", offer({ pricingModel: "free" }), "year")).toBe("Free");
    expect(priceText(t, "en", offer({ pricingModel: "donation", amountCents: 500 }), "month")).toBe("Pay what you want");
    expect(priceText(translator("fr"), "fr", offer({ pricingModel: "free" }), "month")).toBe("Gratuit");
  });

  it("shows a setup fee or says there is none", () => {
    expect(setupFeeText(t, "en", 2500)).toBe("€25.00");
    expect(setupFeeText(t, "en", 0)).toBe("None");
  });
});

describe("safeHref", () => {
  it("keeps web and mail links only", () => {
    expect(safeHref("https://example.org/a?b=c")).toBe("https://example.org/a?b=c");
    expect(safeHref("http://example.org")).toBe("http://example.org/");
    expect(safeHref("mailto:a@example.org")).toBe("mailto:a@example.org");
    for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "/relative", "", null, undefined, "#frag"]) {
      expect(safeHref(bad), String(bad)).toBeUndefined();
    }
  });
});

describe("formatters kept per language and options", () => {
  it("gives each language and each set of options its own formatter, whatever the order of calls", () => {
    // Interleaved on purpose: a formatter kept for one language or option set must never answer for another.
    for (let round = 0; round < 2; round++) {
      expect(formatMoney(150, "en")).toBe("€1.50");
      expect(plain(formatMoney(150, "fr"))).toBe("1,50 €");
      expect(formatNumber(1234.5, "en")).toBe("1,234.5");
      expect(formatNumber(1234.5, "en", { maximumFractionDigits: 0 })).toBe("1,235");
      expect(plain(formatNumber(1234.5, "fr"))).toBe("1 234,5");
      expect(formatDay("2021-04-04", "nl")).toBe("4 april 2021");
      expect(formatDay("2021-04-04", "en")).toBe("4 April 2021");
      expect(formatDateTime("2026-07-01T10:30:00Z", "en")).toBe("1 July 2026 at 12:30");
      expect(countryName("BE", "nl")).toBe("België");
      expect(countryName("BE", "en")).toBe("Belgium");
      expect(languageName("nl", "fr")).toBe("néerlandais");
      expect(formatList(["a", "b", "c"], "fr")).toBe("a, b et c");
      expect(formatList(["a", "b", "c"], "en")).toBe("a, b and c");
    }
  });
});

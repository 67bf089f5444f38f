// An offer included in a membership (pricing "membership", amount 0) says so plainly, and its price
// compares like free: 0 per month in the directory's price filter and sort.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { priceText } from "../../web/components/price";
import { translator } from "../../web/i18n";
import { seedProvider } from "../fixtures/catalog";
import { page, resultNames } from "./helpers";

const offer = { pricingModel: "membership", amountCents: 0, period: "year", unit: "flat", service: "mailbox" } as const;

describe("free with membership", () => {
  it("reads as words in every language, per month and per year", () => {
    expect(priceText(translator("fr"), "fr", offer, "month")).toBe("Gratuit avec l'adhésion");
    expect(priceText(translator("nl"), "nl", offer, "year")).toBe("Gratis met het lidmaatschap");
    expect(priceText(translator("en"), "en", offer, "month")).toBe("Free with membership");
    // A membership fee is still a price.
    expect(priceText(translator("en"), "en", { ...offer, amountCents: 3000 }, "year")).toBe("€30.00 per year");
  });

  describe("in the directory", () => {
    const TOKEN = "Capybaramember";
    beforeAll(async () => {
      await seedProvider(env.DB, { name: `${TOKEN} Inclus` }, [{ service: "mailbox", name: "Boîte incluse", pricingModel: "membership", amountCents: 0, period: "year", unit: "flat", monthlyCents: 0 }]);
      await seedProvider(env.DB, { name: `${TOKEN} Payant` }, [{ service: "mailbox", name: "Boîte payante", pricingModel: "paid", amountCents: 100, period: "month", unit: "flat" }]);
    });

    it("shows it plainly and compares it at 0 a month", async () => {
      const { html } = await page(`/providers?q=${TOKEN}&lang=en`);
      expect(html).toContain("Boîte incluse — Mailboxes, Free with membership");
      expect(resultNames((await page(`/providers?q=${TOKEN}&max_price=0`)).html)).toEqual([`${TOKEN} Inclus`]);
    });
  });
});

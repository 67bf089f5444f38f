// Pricing of one need by each pricing model, unit and period.
import { describe, expect, it } from "vitest";
import { membershipYearlyCents, priceForNeed } from "../../src/matching/price";
import { NO_QUOTAS, pricing } from "./helpers";

const need = (quantity: number, storage_gb: number | null = null, subscribers: number | null = null) => ({ quantity, storage_gb, subscribers });
const mailbox = (p: Parameters<typeof pricing>[0], quotas: Partial<typeof NO_QUOTAS> = {}) => ({ service: "mailbox", pricing: pricing(p), quotas: { ...NO_QUOTAS, ...quotas } });

describe("priceForNeed", () => {
  it("flat packs: one price up to the included quota, then whole packs", () => {
    const pack = mailbox({ amount_cents: 1000, unit: "flat" }, { mailboxes: 10, storage_gb: 2 });
    expect(priceForNeed(pack, need(10, 2))).toEqual({ ok: true, yearly_cents: 12_000, packs: 1 });
    expect(priceForNeed(pack, need(12, 2))).toEqual({ ok: true, yearly_cents: 24_000, packs: 2 });
    expect(priceForNeed(pack, need(30, 1))).toEqual({ ok: true, yearly_cents: 36_000, packs: 3 });
    expect(priceForNeed(pack, need(1, 5))).toEqual({ ok: false, quota: "storage_gb", needed: 5, included: 2 });
  });

  it("flat without a count quota covers any quantity; services without a count field take one unit per pack", () => {
    expect(priceForNeed(mailbox({ amount_cents: 500 }), need(40))).toEqual({ ok: true, yearly_cents: 6000, packs: 1 });
    const web = { service: "web_hosting", pricing: pricing({ amount_cents: 500 }), quotas: NO_QUOTAS };
    expect(priceForNeed(web, need(2))).toEqual({ ok: true, yearly_cents: 12_000, packs: 2 });
  });

  it("per unit: amount × quantity, capped by a stated quota", () => {
    const unit = mailbox({ amount_cents: 150, unit: "per_unit" }, { mailboxes: 20 });
    expect(priceForNeed(unit, need(12))).toEqual({ ok: true, yearly_cents: 150 * 12 * 12, packs: 1 });
    expect(priceForNeed(unit, need(21))).toEqual({ ok: false, quota: "mailboxes", needed: 21, included: 20 });
  });

  it("yearly periods count as they are, monthly ones twelve times", () => {
    expect(priceForNeed(mailbox({ amount_cents: 6000, period: "year", unit: "per_unit" }), need(2))).toEqual({ ok: true, yearly_cents: 12_000, packs: 1 });
    expect(priceForNeed(mailbox({ amount_cents: 500, period: "month" }), need(1))).toEqual({ ok: true, yearly_cents: 6000, packs: 1 });
  });

  it("free and donation cost nothing, and their quota is a cap", () => {
    for (const model of ["free", "donation"] as const) {
      const o = mailbox({ model, amount_cents: 999 }, { mailboxes: 5 });
      expect(priceForNeed(o, need(5))).toEqual({ ok: true, yearly_cents: 0, packs: 1 });
      expect(priceForNeed(o, need(6))).toEqual({ ok: false, quota: "mailboxes", needed: 6, included: 5 });
    }
  });

  it("membership: nothing per need, one yearly fee per provider", () => {
    const o = mailbox({ model: "membership", amount_cents: 3000, period: "year" }, { mailboxes: 20 });
    expect(priceForNeed(o, need(12))).toEqual({ ok: true, yearly_cents: 0, packs: 1 });
    expect(membershipYearlyCents(o.pricing)).toBe(3000);
    expect(membershipYearlyCents(pricing({ model: "membership", amount_cents: 300, period: "month" }))).toBe(3600);
    expect(membershipYearlyCents(pricing({ model: "paid", amount_cents: 300 }))).toBe(0);
  });

  it("checks subscribers per list and the list count", () => {
    const lists = { service: "mailing_list", pricing: pricing({ model: "free" }), quotas: { ...NO_QUOTAS, lists: 5, subscribers: 1000 } };
    expect(priceForNeed(lists, need(3, null, 800)).ok).toBe(true);
    expect(priceForNeed(lists, need(3, null, 1500))).toEqual({ ok: false, quota: "subscribers", needed: 1500, included: 1000 });
    expect(priceForNeed(lists, need(6))).toEqual({ ok: false, quota: "lists", needed: 6, included: 5 });
  });
});

// Plan checks: an offer that cannot take a service says why, in a stable code and a translated
// sentence; count quotas are checked over the whole plan as the matching engine prices them.
import { describe, expect, it } from "vitest";
import { LANGS } from "../../web/i18n";
import { parseInventory, type InventoryService } from "../../src/transition/inventory";
import { canTake, checkPlan, OFFER_KINDS, planMessage, PLAN_REASONS, type PlanOffer } from "../../src/transition/plan";

function services(raw: unknown[]): InventoryService[] {
  const r = parseInventory({ organisations: [{ external_ref: "m", name: "M", contact_email: "m@m.be", services: raw }] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.organisations[0]!.services;
}
const offer = (o: Partial<Omit<PlanOffer, "quotas" | "provider" | "pricing">> & { quotas?: Partial<PlanOffer["quotas"]>; provider?: Partial<PlanOffer["provider"]>; pricing?: Partial<PlanOffer["pricing"]> } = {}): PlanOffer => ({
  service: "mailbox",
  status: "published",
  load: "OPEN",
  ...o,
  quotas: { storage_gb: null, mailboxes: null, aliases: null, lists: null, subscribers: null, domains: null, ...o.quotas },
  pricing: { model: "free", amount_cents: 0, currency: "EUR", period: "month", unit: "flat", setup_fee_cents: 0, ...o.pricing },
  provider: { accepting: true, capacity: null, ...o.provider },
});

const [site, box, alias, list, domain, zone] = services([
  { kind: "web_hosting", host: "amis.be", software: "WordPress", disk_mb: 1800, database_mb: 300 },
  { kind: "mailbox", address: "a@amis.be", quota_mb: 4096, used_mb: 1500 },
  { kind: "mail_alias", address: "c@amis.be", targets: ["a@amis.be"] },
  { kind: "mailing_list", address: "l@amis.be", subscribers: 600, archive_mb: 50 },
  { kind: "domain_registration", name: "amis.be", dns_hosted: true },
  { kind: "dns_hosting", name: "amis.org" },
]) as [InventoryService, InventoryService, InventoryService, InventoryService, InventoryService, InventoryService];

describe("canTake", () => {
  it("takes a service of a compatible kind, including aliases on a mailbox offer and a zone at a registrar", () => {
    expect(canTake(box, offer())).toEqual({ ok: true, warnings: [] });
    expect(canTake(alias, offer({ service: "mailbox" })).ok).toBe(true);
    expect(canTake(zone, offer({ service: "domain_registration" })).ok).toBe(true);
    expect(canTake(site, offer({ service: "mailbox" }))).toEqual({ ok: false, refusal: { code: "wrong_kind", service: "web_hosting", needed: undefined, included: undefined } });
    expect(canTake(domain, offer({ service: "dns_hosting" })).ok).toBe(false);
  });

  it.each([
    [{ status: "archived" as const }, "archived"],
    [{ status: "draft" as const }, "not_published"],
    [{ status: "pending" as const }, "not_published"],
    [{ provider: { accepting: false } }, "not_accepting"],
    [{ provider: { capacity: 0 } }, "provider_full"],
    [{ load: "FULL" as const }, "offer_full"],
  ])("refuses an offer %j as %s", (o, code) => {
    const r = canTake(box, offer(o));
    expect(r.ok || r.refusal.code).toBe(code);
  });

  it("refuses storage the data does not fit in, and warns when only the quota shrinks", () => {
    expect(canTake(box, offer({ quotas: { storage_gb: 1 } }))).toEqual({ ok: false, refusal: { code: "storage_too_small", service: "mailbox", needed: 1500, included: 1024 } });
    expect(canTake(box, offer({ quotas: { storage_gb: 2 } }))).toEqual({ ok: true, warnings: [{ code: "quota_smaller", service: "mailbox", needed: 4096, included: 2048 }] });
    expect(canTake(box, offer({ quotas: { storage_gb: 4 } }))).toEqual({ ok: true, warnings: [] });
    // A site's files and database together.
    expect(canTake(site, offer({ service: "web_hosting", quotas: { storage_gb: 2 } })).ok).toBe(false);
    expect(canTake(site, offer({ service: "web_hosting", quotas: { storage_gb: 2.1 } })).ok).toBe(true);
  });

  it("refuses a list with more subscribers than the offer takes", () => {
    expect(canTake(list, offer({ service: "mailing_list", quotas: { subscribers: 500 } }))).toMatchObject({ ok: false, refusal: { code: "subscribers_too_small", needed: 600, included: 500 } });
    expect(canTake(list, offer({ service: "mailing_list", quotas: { subscribers: 600 } })).ok).toBe(true);
  });

  it("covers every inventory kind", () => {
    for (const kind of Object.keys(OFFER_KINDS)) expect(OFFER_KINDS[kind as keyof typeof OFFER_KINDS]).toContain(kind);
  });
});

describe("checkPlan", () => {
  const boxes = services([1, 2, 3].map((i) => ({ kind: "mailbox", address: `b${i}@amis.be` })));

  it("refuses every assignment to a free offer over its mailbox count, and keeps the others", () => {
    const small = offer({ quotas: { mailboxes: 2 } });
    const checks = checkPlan([...boxes.map((service) => ({ service, offer_id: "off_small", offer: small })), { service: alias, offer_id: "off_small", offer: small }]);
    expect(checks.map((c) => (c.ok ? "ok" : c.refusal.code))).toEqual(["count_too_small", "count_too_small", "count_too_small", "ok"]);
    expect(checks[0]).toEqual({ ok: false, refusal: { code: "count_too_small", service: "mailbox", needed: 3, included: 2 } });
  });

  it("lets paid flat packs be taken several times, as the matching engine prices them", () => {
    const packs = offer({ quotas: { mailboxes: 2 }, pricing: { model: "paid", amount_cents: 500 } });
    expect(checkPlan(boxes.map((service) => ({ service, offer_id: "off_pack", offer: packs }))).every((c) => c.ok)).toBe(true);
  });

  it("counts aliases on a mailbox offer against its alias quota", () => {
    const aliases = services([1, 2].map((i) => ({ kind: "mail_alias", address: `a${i}@amis.be`, targets: ["x@amis.be"] })));
    const o = offer({ quotas: { mailboxes: 100, aliases: 1 } });
    expect(checkPlan(aliases.map((service) => ({ service, offer_id: "off_m", offer: o }))).map((c) => c.ok)).toEqual([false, false]);
  });
});

describe("planMessage", () => {
  it("explains every reason in each language, with figures in the reader's format", () => {
    for (const lang of LANGS) {
      for (const code of PLAN_REASONS) {
        const text = planMessage({ code, service: "mailbox", needed: 1536, included: 1024 }, lang);
        expect(text, `${lang} ${code}`).not.toMatch(/\{\w+\}|transition\./);
      }
    }
    expect(planMessage({ code: "storage_too_small", service: "mailbox", needed: 1536, included: 1024 }, "fr")).toMatch(/1,5\s?Go.*1\s?Go/);
    expect(planMessage({ code: "storage_too_small", service: "mailbox", needed: 1536, included: 1024 }, "en")).toMatch(/1\.5\s?GB.*1\s?GB/);
    expect(planMessage({ code: "wrong_kind", service: "mail_alias" }, "nl")).toContain("Mailalias");
    expect(planMessage({ code: "quota_smaller", service: "mailbox", needed: 4096, included: 2048 }, "en")).toContain("4 GB");
  });
});

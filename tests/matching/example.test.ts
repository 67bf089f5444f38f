// The example: a member with a SPIP site, 12 mailboxes of 2 GB, 30 aliases, 3 Sympa lists
// and 2 domains, on a small hand-made catalogue.
import { describe, expect, it } from "vitest";
import { match } from "../../src/matching/engine";
import { offer, provider, request } from "./helpers";

const alpha = provider({ country: "BE", languages: ["fr", "nl"], networks: ["chatons"], commitments: 3 });
const beta = provider({ country: "BE", languages: ["fr"], networks: ["chatons", "librehosters"], legal_form: "COOPERATIVE", commitments: 2 });
const gamma = provider({ country: "FR", languages: ["fr"], networks: ["chatons"], commitments: 1 });
const delta = provider({ country: "DE", languages: ["en", "fr"], networks: [], legal_form: "COMPANY", commitments: 0 });
const epsilon = provider({ country: "BE", languages: ["fr"], accepting: false });
const membership = { model: "membership" as const, amount_cents: 3000, period: "year" as const };
const gpl = (name: string) => ({ name, license: "GPL-3.0" });

const catalogue = [
  // Alpha: everything but domains, for one yearly membership.
  offer({ id: "off_a_web", provider_id: "prv_alpha", service: "web_hosting", pricing: membership, quotas: { storage_gb: 5 }, software: gpl("SPIP"), provider: alpha }),
  offer({ id: "off_a_mail", provider_id: "prv_alpha", service: "mailbox", pricing: membership, quotas: { mailboxes: 20, storage_gb: 5 }, features: ["imap", "sieve"], software: gpl("SOGo"), provider: alpha }),
  offer({ id: "off_a_alias", provider_id: "prv_alpha", service: "mail_alias", pricing: membership, quotas: { aliases: 100 }, software: gpl("Postfix"), provider: alpha }),
  offer({ id: "off_a_lists", provider_id: "prv_alpha", service: "mailing_list", pricing: membership, quotas: { lists: 10, subscribers: 1000 }, software: gpl("Sympa"), provider: alpha }),
  // Beta: a paid cooperative that also registers domains.
  offer({ id: "off_b_web", provider_id: "prv_beta", service: "web_hosting", pricing: { amount_cents: 500 }, software: gpl("SPIP"), provider: beta }),
  offer({ id: "off_b_mail", provider_id: "prv_beta", service: "mailbox", pricing: { amount_cents: 100, unit: "per_unit" }, quotas: { storage_gb: 10 }, features: ["imap"], software: gpl("Roundcube"), provider: beta }),
  offer({ id: "off_b_alias", provider_id: "prv_beta", service: "mail_alias", pricing: { model: "free" }, quotas: { aliases: 50 }, software: gpl("Postfix"), provider: beta }),
  offer({ id: "off_b_lists", provider_id: "prv_beta", service: "mailing_list", pricing: { amount_cents: 300 }, quotas: { lists: 5 }, software: gpl("Sympa"), provider: beta }),
  offer({ id: "off_b_dom", provider_id: "prv_beta", service: "domain_registration", pricing: { amount_cents: 1500, period: "year", unit: "per_unit" }, software: { name: null, license: "GPL-3.0" }, provider: beta }),
  // Gamma: cheaper domains, but in France.
  offer({ id: "off_g_dom", provider_id: "prv_gamma", service: "domain_registration", pricing: { amount_cents: 1200, period: "year", unit: "per_unit" }, software: { name: null, license: "GPL-3.0" }, hosting_country: "FR", provider: gamma }),
  // Delta: cheapest of all, but in no network.
  offer({ id: "off_d_all", provider_id: "prv_delta", service: "mailbox", pricing: { amount_cents: 200 }, quotas: { mailboxes: 10, storage_gb: 2 }, features: ["imap"], hosting_country: "DE", provider: delta }),
  // Epsilon: not taking members; a draft; a proprietary webmail.
  offer({ id: "off_e_mail", provider_id: "prv_epsilon", service: "mailbox", pricing: { model: "free" }, quotas: { storage_gb: 1 }, features: ["imap"], provider: epsilon }),
  offer({ id: "off_g_draft", provider_id: "prv_gamma", service: "mailbox", pricing: { model: "free" }, status: "draft", provider: gamma }),
  offer({ id: "off_g_mail", provider_id: "prv_gamma", service: "mailbox", pricing: { amount_cents: 50, unit: "per_unit" }, features: ["imap"], software: { name: "Zimbra", license: "proprietary" }, provider: gamma }),
];

const body = {
  needs: [
    { service: "web_hosting" as const, software: "SPIP" },
    { service: "mailbox" as const, quantity: 12, storage_gb: 2, features: ["imap"], software: "SOGo" },
    { service: "mail_alias" as const, quantity: 30 },
    { service: "mailing_list" as const, quantity: 3, software: "Sympa" },
    { service: "domain_registration" as const, quantity: 2 },
  ],
  constraints: { networks: ["chatons" as const, "librehosters" as const], support_languages: ["fr"], free_software_only: true },
};

describe("the issue's example", () => {
  const res = match(request(body), catalogue, { lang: "fr", memberCountry: "BE", allReasons: true });

  it("picks Alpha's membership for the site, mail, aliases and lists, and Beta for the domains", () => {
    const best = res.bundles[0]!;
    expect(best.items).toEqual([
      { offer_id: "off_a_web", provider_id: "prv_alpha", needs: [0], monthly_cents: 0 },
      { offer_id: "off_a_mail", provider_id: "prv_alpha", needs: [1], monthly_cents: 0 },
      { offer_id: "off_a_alias", provider_id: "prv_alpha", needs: [2], monthly_cents: 250 }, // the membership, once (lowest id)
      { offer_id: "off_a_lists", provider_id: "prv_alpha", needs: [3], monthly_cents: 0 },
      { offer_id: "off_b_dom", provider_id: "prv_beta", needs: [4], monthly_cents: 250 },
    ]);
    expect(best).toMatchObject({ monthly_cents: 500, yearly_cents: 6000, setup_cents: 0, providers: 2, dominated: false });
    expect(best.breakdown.software.value).toBe(1);
    expect(res.unmet).toEqual([]);
  });

  it("ranks the alternatives after it, best first", () => {
    expect(res.bundles.length).toBe(5);
    const scores = res.bundles.map((b) => b.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const shape = (i: number) => res.bundles[i]!.items.map((it) => `${it.offer_id}:${it.needs.join(",")}`).join(" ");
    // Second: Gamma's cheaper domains; it is farther away (FR) and has fewer commitments. (Beta's free
    // aliases beside Alpha's mailboxes used to come second: mail now stays together, issue 10.)
    expect(shape(1)).toBe("off_a_web:0 off_a_mail:1 off_a_alias:2 off_a_lists:3 off_g_dom:4");
    expect(res.bundles[1]!.monthly_cents).toBe(450);
    expect(res.bundles[1]!.breakdown.proximity.value).toBeLessThan(1);
    // No bundle puts the aliases (need 2) with another host than the mailboxes (need 1).
    const hostOf = (b: (typeof res.bundles)[number], need: number) => b.items.find((it) => it.needs.includes(need))!.provider_id;
    for (const b of res.bundles) expect(hostOf(b, 2)).toBe(hostOf(b, 1));
  });

  it("says why the others were left out", () => {
    const reasons = Object.fromEntries(res.excluded.map((e) => [e.offer_id, e.reason]));
    expect(reasons).toEqual({
      off_d_all: "not_network_member",
      off_e_mail: "not_accepting",
      off_g_draft: "not_published",
      off_g_mail: "not_free_software",
    });
    const epsilon = res.excluded.find((e) => e.offer_id === "off_e_mail")!;
    expect(epsilon.reasons).toEqual(["not_accepting", "quota_too_small"]); // 1 GB mailboxes, 2 GB needed
    expect(epsilon.message).toBe("Cet hébergeur n'accepte pas de nouveaux membres pour le moment.");
  });

  it("keeps matching the other needs when one cannot be met", () => {
    const more = request({ ...body, needs: [...body.needs, { service: "video_conferencing" }, { service: "mailbox", features: ["carddav"] }] });
    const r = match(more, catalogue, { lang: "en", memberCountry: "BE" });
    expect(r.unmet.map((u) => [u.need, u.reason])).toEqual([[5, "no_offer"], [6, "missing_feature"]]);
    expect(r.unmet[1]!.message).toContain("Address book (CardDAV)");
    expect(r.bundles[0]!.items.flatMap((i) => i.needs).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

// Stewards hear when something waits: a change entering the moderation queue writes one mail per
// steward (in the steward's language, linking to the queue) in the same batch as the change; an
// edit folded into, or superseding, a change that already waits mails nobody. The queue page
// then shows the change readably, with proposed links as text.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mailTo, signIn } from "../../accounts/helpers";
import { expectRedirect, importedProvider, providerOrg, row, rows, steward } from "../manage/helpers";

const OFFER = { service: "mailbox", name: "Boîte Veillée", description: "IMAP", pricing_model: "paid", amount: "2,50", period: "month", unit: "per_unit", setup_fee: "0", quota_mailboxes: "10", features: "imap, webmail", registration: "Member", load: "OPEN" };

const waiting = () => rows<{ recipient: string; payload: string; created_at: string }>("select recipient, payload, created_at from outbox where kind = 'moderation_waiting' order by recipient");

describe("stewards are mailed when a change waits", () => {
  it("one mail per steward per change, in each steward's language, with the queue's link", async () => {
    await steward("anna@stewards.example");
    await steward("bram@stewards.example");
    await env.DB.prepare("update users set language = 'nl' where email = 'bram@stewards.example'").run();
    const { providerId, offerId } = await importedProvider("Chats Veillés", { website: "https://veilles.example" });
    const orgId = await providerOrg("owner@veilles.example", providerId);
    const owner = await signIn("owner@veilles.example");

    // A material edit (price, website) enters the queue.
    await expectRedirect(
      await owner.post(`/orgs/${orgId}/offers/${offerId}`, { ...OFFER, name: "Chats Veillés mail", amount: "4", website: "https://nouveau.veilles.example/offre" }),
      `/orgs/${orgId}/offers?notice=pending`,
    );
    const change = await row<{ id: string; created_at: string }>("select id, created_at from pending_changes where subject_id = ? and status = 'pending'", offerId);
    // Every steward (the seeding steward of the test catalogue too), once.
    const all = await waiting();
    expect(new Set(all.map((m) => m.recipient)).size).toBe(all.length);
    const mails = all.filter((m) => m.recipient.endsWith("@stewards.example"));
    expect(mails.map((m) => m.recipient)).toEqual(["anna@stewards.example", "bram@stewards.example"]);
    const [anna, bram] = mails.map((m) => JSON.parse(m.payload) as { lang: string; subject: string; text: string; html: string });
    expect(anna).toMatchObject({ lang: "fr", subject: "À modérer : Chats Veillés mail" });
    expect(bram).toMatchObject({ lang: "nl", subject: "Te modereren: Chats Veillés mail" });
    expect(bram!.text).toContain("Wijziging van het aanbod: Chats Veillés mail");
    expect(anna!.text).toMatch(/https?:\/\/[^\s]+\/admin\/moderation\n/);
    expect(anna!.html).toContain('/admin/moderation">');
    // Written together with the change (same batch, same instant).
    expect(mails[0]!.created_at.slice(0, 16)).toBe(change!.created_at.slice(0, 16));
    // The owner is not a steward: nothing for them.
    expect((await mailTo("owner@veilles.example")).filter((m) => m.kind === "moderation_waiting")).toEqual([]);

    // Another edit while the change waits (the description applied at once, the same material values
    // superseding the waiting change): the stewards were told already, no mail.
    await owner.post(`/orgs/${orgId}/offers/${offerId}`, { ...OFFER, name: "Chats Veillés mail", amount: "4", website: "https://nouveau.veilles.example/offre", description: "IMAP et plus" });
    expect(await waiting()).toHaveLength(all.length);

    // The queue, in English: the price as money, features by name, the proposed website as text, never a link.
    const boss = await signIn("anna@stewards.example");
    const queue = await (await boss.fetch("/admin/moderation?lang=en")).text();
    expect(queue).toMatch(/<th scope="row">Price<\/th><td>€3\.00 per month<\/td><td>€4\.00 per month per mailbox<\/td>/);
    expect(queue).toContain('<code class="url-text">https://nouveau.veilles.example/offre</code>');
    expect(queue).not.toContain('href="https://nouveau.veilles.example/offre"');
    expect(queue).toContain("<li>Webmail</li>");
  });

  it("a never-approved offer edited while its creation waits mails nobody again", async () => {
    await steward("carla@stewards2.example");
    const orgId = await providerOrg("owner@attente.example");
    const owner = await signIn("owner@attente.example");
    await owner.post(`/orgs/${orgId}/provider`, { name: "Chats en Attente", website: "https://attente.example", legal_form: "ASSOCIATION", country_code: "BE" });
    const first = (await mailTo("carla@stewards2.example")).filter((m) => m.kind === "moderation_waiting");
    expect(first).toHaveLength(1);
    expect(first[0]!.payload.subject).toBe("À modérer : Chats en Attente");
    await owner.post(`/orgs/${orgId}/provider/edit`, { name: "Chats en Attente", website: "https://attente.example", legal_form: "ASSOCIATION", country_code: "BE", address: "Rue 1" });
    expect((await mailTo("carla@stewards2.example")).filter((m) => m.kind === "moderation_waiting")).toHaveLength(1);
  });
});

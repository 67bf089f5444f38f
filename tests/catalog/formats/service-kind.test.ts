import { describe, expect, it } from "vitest";
import { inferServiceKind } from "../../../src/catalog/formats/service-kind";

describe("inferServiceKind", () => {
  it.each([
    ["Sympa", "mailing_list"],
    ["GNU Mailman 3", "mailing_list"],
    ["Postfix", "mailbox"],
    ["Dovecot", "mailbox"],
    ["Roundcube", "mailbox"],
    ["SOGo", "mailbox"],
    ["RainLoop", "mailbox"],
    ["SnappyMail", "mailbox"],
    ["Apache", "web_hosting"],
    ["nginx", "web_hosting"],
    ["SPIP", "web_hosting"],
    ["WordPress", "web_hosting"],
    ["Drupal", "web_hosting"],
    ["Joomla!", "web_hosting"],
    ["Grav", "web_hosting"],
    ["Nextcloud", "cloud_storage"],
    ["Seafile", "cloud_storage"],
    ["PowerDNS", "dns_hosting"],
    ["BIND", "dns_hosting"],
    ["Knot DNS", "dns_hosting"],
    ["Gandi", "domain_registration"],
    ["Etherpad", "collaborative_editing"],
    ["HedgeDoc", "collaborative_editing"],
    ["CryptPad", "collaborative_editing"],
    ["Jitsi Meet", "video_conferencing"],
    ["BigBlueButton", "video_conferencing"],
    ["Mattermost", "chat"],
    ["Matrix Synapse", "chat"],
    ["Element", "chat"],
    ["Prosody (XMPP)", "chat"],
  ])("knows the software %s as %s, confidently", (software, kind) => {
    expect(inferServiceKind({ software, name: "Service" })).toMatchObject({ kind, confident: true });
  });

  it("lets an explicit kind win over everything", () => {
    expect(inferServiceKind({ explicit: " Mail_Alias ", software: "Sympa" })).toEqual({ kind: "mail_alias", confident: true, reason: "declared explicitly" });
  });

  it("ignores a malformed explicit kind and infers instead", () => {
    expect(inferServiceKind({ explicit: "not a kind!", software: "Sympa" })).toMatchObject({ kind: "mailing_list", confident: true });
  });

  it("trusts a software named in the service name", () => {
    expect(inferServiceKind({ name: "Pad Etherpad de l'asso" })).toMatchObject({ kind: "collaborative_editing", confident: true });
  });

  it.each([
    ["Hébergement web", "", "web_hosting"],
    ["Listes de diffusion", "", "mailing_list"],
    ["Alias et redirections de courriel", "", "mail_alias"],
    ["Boîte mail avec alias", "", "mailbox"],
    ["Messagerie instantanée", "", "chat"],
    ["Messagerie", "", "mailbox"],
    ["Noms de domaine", "", "domain_registration"],
    ["Zones DNS", "", "dns_hosting"],
    ["Visio", "", "video_conferencing"],
    ["Stockage en ligne", "", "cloud_storage"],
    ["Service", "Sites web pour les associations", "web_hosting"],
  ])("guesses %j / %j as %s, without confidence", (name, description, kind) => {
    const guess = inferServiceKind({ name, description });
    expect(guess).toMatchObject({ kind, confident: false });
    expect(guess.reason).toMatch(/keyword/);
  });

  it("does not take prose for software (élément, matrice, apache license)", () => {
    expect(inferServiceKind({ name: "Un élément", description: "Sous licence Apache, grave" })).toEqual({
      kind: "other",
      confident: false,
      reason: "no known software or keyword",
    });
  });

  it("falls back to other", () => {
    expect(inferServiceKind({})).toMatchObject({ kind: "other", confident: false });
    expect(inferServiceKind({ software: "Gitea", name: "Forge" })).toMatchObject({ kind: "other", confident: false });
  });
});

// "Find hosts for all of this": the wizard's query from an inventory, read back by the wizard's own
// parser into a valid match request.
import { describe, expect, it } from "vitest";
import { parseMatchForm } from "../../src/matching/form";
import { parseInventory, type InventoryService } from "../../src/transition/inventory";
import { wizardHref, wizardQuery } from "../../src/transition/plan";

function services(raw: unknown[]): InventoryService[] {
  const r = parseInventory({ organisations: [{ external_ref: "m", name: "M", contact_email: "m@m.be", services: raw }] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value.organisations[0]!.services;
}

const INVENTORY = services([
  { kind: "web_hosting", host: "amis.be", software: "WordPress", disk_mb: 900, database_mb: 100 },
  { kind: "web_hosting", host: "blog.amis.be", software: "wordpress", disk_mb: 200 },
  { kind: "web_hosting", host: "fete.amis.be", software: "SPIP", disk_mb: 2000, database_mb: 48 },
  { kind: "web_hosting", host: "old.amis.be", software: "static" },
  { kind: "mailbox", address: "a@amis.be", quota_mb: 2048, used_mb: 300 },
  { kind: "mailbox", address: "b@amis.be", quota_mb: 1024, used_mb: 2600 },
  { kind: "mail_alias", address: "c@amis.be", targets: ["a@amis.be"] },
  { kind: "mailing_list", address: "l1@amis.be", subscribers: 40 },
  { kind: "mailing_list", address: "l2@amis.be", subscribers: 612, archive_mb: 80 },
  { kind: "domain_registration", name: "amis.be", dns_hosted: true },
  { kind: "domain_registration", name: "amis.org", dns_hosted: false },
  { kind: "domain_registration", name: "amis.brussels", dns_hosted: true },
  { kind: "dns_hosting", name: "amis.be" },
  { kind: "dns_hosting", name: "amis.eu" },
]);

describe("wizardQuery", () => {
  it("fills counts, storage from quotas and use, software, lists and domains", () => {
    expect(wizardQuery(INVENTORY, { language: "nl" })).toEqual({
      submitted: ["1"],
      accepting: ["1"],
      web_hosting_qty: ["4"],
      web_hosting_gb: ["2"], // 2048 MB → 2 GB, the largest site
      web_hosting_software: ["WordPress"], // two WordPress sites, whatever the case
      mailbox_qty: ["2"],
      mailbox_gb: ["2.6"], // 2600 MB used over a 1 GB quota: the data must fit
      mail_alias_qty: ["1"],
      mailing_list_qty: ["2"],
      mailing_list_subscribers: ["612"],
      mailing_list_features: ["archives"],
      domain_registration_qty: ["3"],
      domain_registration_features: ["tld_be", "tld_org"],
      dns_hosting_qty: ["3"], // amis.be (once), amis.brussels, amis.eu
      languages: ["nl"],
    });
  });

  it("gives a query the wizard reads into a valid request", () => {
    const r = parseMatchForm(wizardQuery(INVENTORY, { language: "fr" }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.kinds).toEqual(["web_hosting", "mailbox", "mail_alias", "mailing_list", "domain_registration", "dns_hosting"]);
    expect(r.request.needs.find((n) => n.service === "mailbox")).toMatchObject({ quantity: 2, storage_gb: 2.6 });
    expect(r.request.needs.find((n) => n.service === "mailing_list")).toMatchObject({ quantity: 2, subscribers: 612, features: ["archives"] });
    expect(r.request.constraints).toMatchObject({ accepting_only: true, support_languages: ["fr"] });
  });

  it("leaves out what the inventory does not have, and an empty inventory asks for nothing", () => {
    const q = wizardQuery(services([{ kind: "mailbox", address: "a@amis.be" }]));
    expect(q).toEqual({ submitted: ["1"], accepting: ["1"], mailbox_qty: ["1"] });
    expect(parseMatchForm(wizardQuery([]))).toMatchObject({ ok: false, reason: "empty" });
  });

  it("links to the wizard with that query", () => {
    expect(wizardHref({ submitted: ["1"], mailbox_qty: ["2"], domain_registration_features: ["tld_be", "tld_org"] })).toBe(
      "/match?submitted=1&mailbox_qty=2&domain_registration_features=tld_be&domain_registration_features=tld_org",
    );
  });
});

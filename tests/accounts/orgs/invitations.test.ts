// Invitations by email: the mail in the outbox (right language, working link) in the same batch as
// the row; the public invitation page; accepting; revoking; replacing; expiry.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashKey } from "../../../src/accounts/keys/secret";
import { newDevice, signIn } from "../helpers";
import { call } from "../../helpers/http";
import { makeOrg, person } from "../../helpers/people";
import { auditOf, EVIL, invitationMail, MANUAL, roleOf, userId } from "./helpers";

const path = (link: string) => new URL(link).pathname + new URL(link).search;
const tokenOf = (link: string) => new URL(link).pathname.split("/").pop()!;
const invitationRows = (orgId: string) =>
  env.DB.prepare("select id, email, role, status, token_hash, expires_at from invitations where org_id = ? order by created_at").bind(orgId).all<Record<string, string>>().then((r) => r.results);

async function org(prefix: string) {
  const owner = `${prefix}-owner@example.be`;
  const admin = `${prefix}-admin@example.be`;
  const member = `${prefix}-member@example.be`;
  const orgId = await makeOrg({ kind: "member", name: `Asbl ${prefix}`, members: [{ email: owner, role: "owner" }, { email: admin, role: "admin" }, { email: member, role: "member" }] });
  return { orgId, owner, admin, member };
}

describe("POST /orgs/:orgId/invitations (owners and admins)", () => {
  it("stores one hashed invitation and its mail, in the chosen language, with a link that works", async () => {
    const { orgId, owner } = await org("inv-a");
    const browser = await signIn(owner);
    const res = await browser.post(`/orgs/${orgId}/invitations`, { email: "Nieuw-Lid@Example.be", role: "admin", language: "nl" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}?notice=invited`);

    const mail = await invitationMail("nieuw-lid@example.be");
    expect(mail.payload.lang).toBe("nl");
    expect(mail.payload.subject).toBe("Uitnodiging om lid te worden van Asbl inv-a op Chatière");
    expect(mail.payload.text).toContain(`${owner} nodigt u uit om lid te worden van Asbl inv-a op Chatière als beheerder.`);
    expect(mail.payload.html).toContain('<html lang="nl">');
    expect(mail.link).toMatch(/^https:\/\/chatiere\.test\/invitations\/[0-9a-z]{40}\?lang=nl$/);

    const [row, ...more] = await invitationRows(orgId);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ email: "nieuw-lid@example.be", role: "admin", status: "pending", token_hash: await hashKey(tokenOf(mail.link)) });
    const days = (new Date(row!.expires_at!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect((await auditOf(orgId)).find((a) => a.action === "invitation.create")).toMatchObject({ subject_id: row!.id, detail: { email: "nieuw-lid@example.be", role: "admin", language: "nl" } });

    // The page opens in the mail's language and shows the organisation and role.
    const page = await call(path(mail.link));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="nl"');
    expect(html).toContain("Asbl inv-a");
    expect(html).toContain("beheerder");
    expect(html).toContain("n•••d@example.be");
    expect(html).toContain(`/sign-in?next=${encodeURIComponent(`/invitations/${tokenOf(mail.link)}`)}`);
    expect(page.headers.get("cache-control")).toBe("no-store");

    // The owner sees it pending.
    expect(await (await browser.fetch(`/orgs/${orgId}`)).text()).toContain("nieuw-lid@example.be");
  });

  it("writes French and English mail too", async () => {
    const { orgId, admin } = await org("inv-b");
    const b = await signIn(admin);
    await b.post(`/orgs/${orgId}/invitations`, { email: "fr@example.be", role: "member", language: "fr" });
    await b.post(`/orgs/${orgId}/invitations`, { email: "en@example.be", role: "member", language: "en" });
    expect((await invitationMail("fr@example.be")).payload.subject).toBe("Invitation à rejoindre Asbl inv-b sur Chatière");
    const en = await invitationMail("en@example.be");
    expect(en.payload.subject).toBe("Invitation to join Asbl inv-b on Chatière");
    expect(en.payload.text).toContain("as member");
    expect(en.link).toMatch(/\?lang=en$/);
  });

  it("replaces a pending invitation of the same address: the old link stops working (409)", async () => {
    const { orgId, owner } = await org("inv-c");
    const b = await signIn(owner);
    await b.post(`/orgs/${orgId}/invitations`, { email: "twice@example.be", role: "member", language: "fr" });
    const first = await invitationMail("twice@example.be");
    await b.post(`/orgs/${orgId}/invitations`, { email: "twice@example.be", role: "admin", language: "en" });
    const rows = await invitationRows(orgId);
    expect(rows.map((r) => r.status).sort()).toEqual(["pending", "revoked"]);
    const old = await call(`${path(first.link).split("?")[0]}?lang=en`);
    expect(old.status).toBe(409);
    expect(await old.text()).toContain("revoked or replaced by a newer one");
    const latest = (await env.DB.prepare("select payload from outbox where recipient = ? and kind = 'org_invitation' order by created_at desc, id desc").bind("twice@example.be").all<{ payload: string }>()).results;
    expect(latest).toHaveLength(2);
    const newest = JSON.parse(latest[0]!.payload).text as string;
    const newLink = /https?:\/\/\S+/.exec(newest)![0];
    expect(newLink).not.toBe(first.link);
    expect((await call(path(newLink))).status).toBe(200);
    const create = (await auditOf(orgId)).filter((a) => a.action === "invitation.create");
    expect(create.some((a) => (a.detail.replaces as string[]).length === 1)).toBe(true);
  });

  it("lets only an owner invite an owner (an admin gets 403)", async () => {
    const { orgId, owner, admin } = await org("inv-d");
    expect((await (await signIn(admin)).post(`/orgs/${orgId}/invitations`, { email: "boss@example.be", role: "owner", language: "fr" })).status).toBe(403);
    expect(await invitationRows(orgId)).toHaveLength(0);
    expect((await (await signIn(owner)).post(`/orgs/${orgId}/invitations`, { email: "boss@example.be", role: "owner", language: "fr" })).status).toBe(303);
  });

  it("re-renders the form with translated field errors (400), and says when the person is already a member (409)", async () => {
    const { orgId, owner, member } = await org("inv-e");
    const b = await signIn(owner);
    const bad = await b.post(`/orgs/${orgId}/invitations?lang=en`, { email: "not an address", role: "emperor", language: "de" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="invite-email-error"');
    expect(html).toContain("Enter a complete email address");
    expect(html).toContain("Choose a role: owner, administrator or member.");
    expect(html).toContain("Choose French, Dutch or English.");
    expect(html).toContain('value="not an address"');
    const already = await b.post(`/orgs/${orgId}/invitations?lang=en`, { email: member.toUpperCase(), role: "admin", language: "en" });
    expect(already.status).toBe(409);
    expect(await already.text()).toContain("This person already belongs to the organisation.");
    expect(await invitationRows(orgId)).toHaveLength(0);
  });

  it("refuses a plain member, another organisation's owner, anonymous visitors and cross-site posts", async () => {
    const { orgId, owner, member } = await org("inv-f");
    const stranger = "inv-f-stranger@example.be";
    await makeOrg({ kind: "member", members: [{ email: stranger, role: "owner" }] });
    const fields = { email: "x@example.be", role: "member", language: "fr" };
    expect((await (await signIn(member)).post(`/orgs/${orgId}/invitations`, fields)).status).toBe(403);
    expect((await (await signIn(stranger)).post(`/orgs/${orgId}/invitations`, fields)).status).toBe(403);
    expect((await newDevice().post(`/orgs/${orgId}/invitations`, fields)).status).toBe(401);
    expect((await (await signIn(owner)).post(`/orgs/${orgId}/invitations`, fields, EVIL)).status).toBe(403);
    expect(await invitationRows(orgId)).toHaveLength(0);
    expect((await env.DB.prepare("select count(*) as n from outbox where recipient = 'x@example.be'").first<{ n: number }>())!.n).toBe(0);
  });
});

describe("GET /invitations/:token (public) and POST …/accept (the invited person)", () => {
  it("lets the invited person sign in, come back and accept: member with the role, audited; the link then answers 409", async () => {
    const { orgId, owner } = await org("acc-a");
    await (await signIn(owner)).post(`/orgs/${orgId}/invitations`, { email: "joiner@example.be", role: "admin", language: "en" });
    const { link } = await invitationMail("joiner@example.be");
    const joiner = await signIn("joiner@example.be");
    const page = await joiner.fetch(path(link));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`action="/invitations/${tokenOf(link)}/accept"`);
    const res = await joiner.post(`/invitations/${tokenOf(link)}/accept`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}?notice=joined`);
    expect(await roleOf(orgId, "joiner@example.be")).toBe("admin");
    const status = await env.DB.prepare("select status, accepted_by from invitations where org_id = ?").bind(orgId).first();
    expect(status).toEqual({ status: "accepted", accepted_by: await userId("joiner@example.be") });
    const actions = (await auditOf(orgId)).map((a) => a.action);
    expect(actions).toContain("invitation.accept");
    expect(actions).toContain("membership.add");
    expect((await joiner.fetch(`/orgs/${orgId}`)).status).toBe(200);

    expect((await joiner.fetch(path(link))).status).toBe(409);
    const again = await joiner.post(`/invitations/${tokenOf(link)}/accept?lang=en`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already been accepted");
  });

  it("refuses someone signed in with another address (403), naming the invited address masked", async () => {
    const { orgId, owner } = await org("acc-b");
    await (await signIn(owner)).post(`/orgs/${orgId}/invitations`, { email: "rightful@example.be", role: "member", language: "en" });
    const { link } = await invitationMail("rightful@example.be");
    const intruder = await signIn("intruder@example.be");
    // The page already says so, and offers no Accept button.
    const page = await (await intruder.fetch(`/invitations/${tokenOf(link)}?lang=en`)).text();
    expect(page).toContain("but you are signed in as intruder@example.be");
    expect(page).not.toContain("/accept");
    const res = await intruder.post(`/invitations/${tokenOf(link)}/accept?lang=en`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("r•••l@example.be");
    expect(html).toContain("intruder@example.be");
    expect(html).not.toContain("rightful@example.be");
    expect(await roleOf(orgId, "intruder@example.be")).toBeNull();
    expect((await env.DB.prepare("select status from invitations where org_id = ?").bind(orgId).first<{ status: string }>())!.status).toBe("pending");
  });

  it("answers an expired invitation with 409 (page and accept), an unknown or malformed token with 404", async () => {
    const { orgId, owner } = await org("acc-c");
    await (await signIn(owner)).post(`/orgs/${orgId}/invitations`, { email: "late@example.be", role: "member", language: "fr" });
    const { link } = await invitationMail("late@example.be");
    await env.DB.prepare("update invitations set expires_at = ? where org_id = ?").bind(new Date(Date.now() - 1000).toISOString(), orgId).run();
    const page = await call(path(link));
    expect(page.status).toBe(409);
    expect(await page.text()).toContain("a expiré");
    const late = await signIn("late@example.be");
    expect((await late.post(`/invitations/${tokenOf(link)}/accept`)).status).toBe(409);
    expect(await roleOf(orgId, "late@example.be")).toBeNull();
    expect((await call(`/invitations/${"0".repeat(40)}`)).status).toBe(404);
    expect((await call("/invitations/..%2F..%2Fetc")).status).toBe(404);
    expect((await late.post(`/invitations/${"1".repeat(40)}/accept`)).status).toBe(404);
  });

  it("keeps an existing member's role when they accept (an invitation never demotes)", async () => {
    const { orgId, owner } = await org("acc-d");
    const b = await signIn(owner);
    await b.post(`/orgs/${orgId}/invitations`, { email: "promoted@example.be", role: "member", language: "fr" });
    const { link } = await invitationMail("promoted@example.be");
    // Made an admin another way between the invitation and its acceptance.
    await env.DB.prepare("insert into memberships (org_id, user_id, role) values (?, ?, 'admin')").bind(orgId, await person("promoted@example.be")).run();
    const p = await signIn("promoted@example.be");
    expect((await p.post(`/invitations/${tokenOf(link)}/accept`)).status).toBe(303);
    expect(await roleOf(orgId, "promoted@example.be")).toBe("admin");
  });

  it("refuses accepting anonymously (401) and cross-site (403)", async () => {
    const { orgId, owner } = await org("acc-e");
    await (await signIn(owner)).post(`/orgs/${orgId}/invitations`, { email: "csrf-invitee@example.be", role: "member", language: "fr" });
    const { link } = await invitationMail("csrf-invitee@example.be");
    expect((await newDevice().post(`/invitations/${tokenOf(link)}/accept`)).status).toBe(401);
    const invitee = await signIn("csrf-invitee@example.be");
    expect((await invitee.post(`/invitations/${tokenOf(link)}/accept`, {}, EVIL)).status).toBe(403);
    expect(await roleOf(orgId, "csrf-invitee@example.be")).toBeNull();
  });
});

describe("POST /orgs/:orgId/invitations/:id/revoke (owners and admins)", () => {
  it("revokes a pending invitation: audited, and its link answers 409", async () => {
    const { orgId, owner, admin } = await org("rev-a");
    await (await signIn(owner)).post(`/orgs/${orgId}/invitations`, { email: "revoked@example.be", role: "member", language: "en" });
    const { link } = await invitationMail("revoked@example.be");
    const [row] = await invitationRows(orgId);
    const res = await (await signIn(admin)).post(`/orgs/${orgId}/invitations/${row!.id}/revoke`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}?notice=revoked`);
    expect((await call(path(link))).status).toBe(409);
    expect((await auditOf(orgId)).find((a) => a.action === "invitation.revoke")).toMatchObject({ subject_id: row!.id });
    // Revoking again: nothing pending by that id.
    expect((await (await signIn(owner)).post(`/orgs/${orgId}/invitations/${row!.id}/revoke`)).status).toBe(404);
  });

  it("lets only an owner revoke an owner's invitation; refuses members, other organisations, anonymous, cross-site", async () => {
    const { orgId, owner, admin, member } = await org("rev-b");
    const ownerB = await signIn(owner);
    await ownerB.post(`/orgs/${orgId}/invitations`, { email: "future-owner@example.be", role: "owner", language: "fr" });
    const [row] = await invitationRows(orgId);
    const target = `/orgs/${orgId}/invitations/${row!.id}/revoke`;
    expect((await (await signIn(admin)).post(target)).status).toBe(403);
    expect((await (await signIn(member)).post(target)).status).toBe(403);
    const stranger = "rev-b-stranger@example.be";
    const otherOrg = await makeOrg({ kind: "member", members: [{ email: stranger, role: "owner" }] });
    expect((await (await signIn(stranger)).post(target)).status).toBe(403);
    // Their own organisation's URL with our invitation id: not found there.
    expect((await (await signIn(stranger)).post(`/orgs/${otherOrg}/invitations/${row!.id}/revoke`)).status).toBe(404);
    expect((await newDevice().post(target)).status).toBe(401);
    expect((await ownerB.post(target, {}, EVIL)).status).toBe(403);
    expect((await invitationRows(orgId))[0]!.status).toBe("pending");
    expect((await ownerB.post(target)).status).toBe(303);
  });
});

describe("anonymous GET of an invitation page", () => {
  it("redirect-free: the page itself is public", async () => {
    const { orgId, owner } = await org("anon-a");
    await (await signIn(owner)).post(`/orgs/${orgId}/invitations`, { email: "anon-invitee@example.be", role: "member", language: "fr" });
    const { link } = await invitationMail("anon-invitee@example.be");
    const res = await call(path(link), MANUAL);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Se connecter pour accepter");
  });
});

// Members: change a role, remove, leave; only owners make or unmake owners; the last owner stays.
import { describe, expect, it } from "vitest";
import { newDevice, signIn } from "../helpers";
import { makeOrg } from "../../helpers/people";
import { auditOf, EVIL, roleOf, userId } from "./helpers";

async function team(prefix: string) {
  const emails = { owner: `${prefix}-owner@example.be`, admin: `${prefix}-admin@example.be`, member: `${prefix}-member@example.be`, other: `${prefix}-other@example.be` };
  const orgId = await makeOrg({
    kind: "member",
    members: [
      { email: emails.owner, role: "owner" },
      { email: emails.admin, role: "admin" },
      { email: emails.member, role: "member" },
    ],
  });
  await makeOrg({ kind: "member", members: [{ email: emails.other, role: "owner" }] });
  return { orgId, emails };
}

describe("POST /orgs/:orgId/members/:userId/role (owners and admins; owners for owners)", () => {
  it("lets an owner promote a member to owner and demote another owner, each change audited", async () => {
    const { orgId, emails } = await team("role-a");
    const owner = await signIn(emails.owner);
    const memberId = await userId(emails.member);
    const res = await owner.post(`/orgs/${orgId}/members/${memberId}/role`, { role: "owner" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}?notice=role_changed`);
    expect(await roleOf(orgId, emails.member)).toBe("owner");
    // Two owners now: the first may step down to admin.
    expect((await owner.post(`/orgs/${orgId}/members/${await userId(emails.owner)}/role`, { role: "admin" })).status).toBe(303);
    expect(await roleOf(orgId, emails.owner)).toBe("admin");
    const audit = (await auditOf(orgId)).filter((a) => a.action === "membership.role");
    expect(audit.map((a) => a.detail)).toEqual(expect.arrayContaining([{ from: "member", to: "owner" }, { from: "owner", to: "admin" }]));
    expect(audit).toHaveLength(2);
  });

  it("lets an admin change members and admins, but not make or unmake owners (403)", async () => {
    const { orgId, emails } = await team("role-b");
    const admin = await signIn(emails.admin);
    expect((await admin.post(`/orgs/${orgId}/members/${await userId(emails.member)}/role`, { role: "admin" })).status).toBe(303);
    expect(await roleOf(orgId, emails.member)).toBe("admin");
    const promote = await admin.post(`/orgs/${orgId}/members/${await userId(emails.member)}/role?lang=en`, { role: "owner" });
    expect(promote.status).toBe(403);
    expect(await promote.text()).toContain("Only an owner can make or unmake an owner.");
    expect((await admin.post(`/orgs/${orgId}/members/${await userId(emails.owner)}/role`, { role: "member" })).status).toBe(403);
    expect(await roleOf(orgId, emails.owner)).toBe("owner");
  });

  it("never demotes the last owner (409, translated)", async () => {
    const { orgId, emails } = await team("role-c");
    const owner = await signIn(emails.owner);
    const res = await owner.post(`/orgs/${orgId}/members/${await userId(emails.owner)}/role?lang=nl`, { role: "admin" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Een organisatie houdt altijd minstens één eigenaar");
    expect(await roleOf(orgId, emails.owner)).toBe("owner");
    expect((await auditOf(orgId)).filter((a) => a.action === "membership.role")).toHaveLength(0);
  });

  it("answers a bad role with 400, an unknown member with 404", async () => {
    const { orgId, emails } = await team("role-d");
    const owner = await signIn(emails.owner);
    expect((await owner.post(`/orgs/${orgId}/members/${await userId(emails.member)}/role`, { role: "king" })).status).toBe(400);
    expect((await owner.post(`/orgs/${orgId}/members/${await userId(emails.other)}/role`, { role: "admin" })).status).toBe(404);
    expect(await roleOf(orgId, emails.member)).toBe("member");
  });

  it("refuses a plain member, an owner of another organisation, anonymous visitors, and cross-site posts", async () => {
    const { orgId, emails } = await team("role-e");
    const target = `/orgs/${orgId}/members/${await userId(emails.member)}/role`;
    expect((await (await signIn(emails.member)).post(`/orgs/${orgId}/members/${await userId(emails.admin)}/role`, { role: "member" })).status).toBe(403);
    expect((await (await signIn(emails.other)).post(target, { role: "admin" })).status).toBe(403);
    expect((await newDevice().post(target, { role: "admin" })).status).toBe(401);
    expect((await (await signIn(emails.owner)).post(target, { role: "admin" }, EVIL)).status).toBe(403);
    expect(await roleOf(orgId, emails.member)).toBe("member");
    expect(await roleOf(orgId, emails.admin)).toBe("admin");
  });
});

describe("POST /orgs/:orgId/members/:userId/remove (owners and admins; owners for owners)", () => {
  it("lets an admin remove a member, audited", async () => {
    const { orgId, emails } = await team("rm-a");
    const admin = await signIn(emails.admin);
    const res = await admin.post(`/orgs/${orgId}/members/${await userId(emails.member)}/remove`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orgs/${orgId}?notice=removed`);
    expect(await roleOf(orgId, emails.member)).toBeNull();
    expect((await auditOf(orgId)).find((a) => a.action === "membership.remove")).toMatchObject({ subject_id: await userId(emails.member), detail: { role: "member" } });
    // The removed person no longer sees the organisation.
    expect((await (await signIn(emails.member)).fetch(`/orgs/${orgId}`)).status).toBe(403);
  });

  it("refuses an admin removing an owner (403); an owner removes another owner but never the last (409)", async () => {
    const { orgId, emails } = await team("rm-b");
    const ownerId = await userId(emails.owner);
    expect((await (await signIn(emails.admin)).post(`/orgs/${orgId}/members/${ownerId}/remove`)).status).toBe(403);
    const owner = await signIn(emails.owner);
    expect((await owner.post(`/orgs/${orgId}/members/${ownerId}/remove`)).status).toBe(409);
    expect(await roleOf(orgId, emails.owner)).toBe("owner");
    await owner.post(`/orgs/${orgId}/members/${await userId(emails.admin)}/role`, { role: "owner" });
    expect((await owner.post(`/orgs/${orgId}/members/${await userId(emails.admin)}/remove`)).status).toBe(303);
    expect(await roleOf(orgId, emails.admin)).toBeNull();
  });

  it("refuses a plain member, another organisation's owner and cross-site posts", async () => {
    const { orgId, emails } = await team("rm-c");
    const target = `/orgs/${orgId}/members/${await userId(emails.admin)}/remove`;
    expect((await (await signIn(emails.member)).post(target)).status).toBe(403);
    expect((await (await signIn(emails.other)).post(target)).status).toBe(403);
    expect((await newDevice().post(target)).status).toBe(401);
    expect((await (await signIn(emails.owner)).post(target, {}, EVIL)).status).toBe(403);
    expect(await roleOf(orgId, emails.admin)).toBe("admin");
  });
});

describe("POST /orgs/:orgId/leave (any member, for themselves)", () => {
  it("lets a member and an admin leave, audited", async () => {
    const { orgId, emails } = await team("leave-a");
    const res = await (await signIn(emails.member)).post(`/orgs/${orgId}/leave`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account/organisations?notice=left");
    expect(await roleOf(orgId, emails.member)).toBeNull();
    expect((await auditOf(orgId)).find((a) => a.action === "membership.leave")).toMatchObject({ subject_id: await userId(emails.member) });
    expect((await (await signIn(emails.admin)).post(`/orgs/${orgId}/leave`)).status).toBe(303);
  });

  it("keeps the last owner (409, translated); once there is another owner, the first may leave", async () => {
    const { orgId, emails } = await team("leave-b");
    const owner = await signIn(emails.owner);
    const refused = await owner.post(`/orgs/${orgId}/leave?lang=en`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("always keeps at least one owner");
    await owner.post(`/orgs/${orgId}/members/${await userId(emails.admin)}/role`, { role: "owner" });
    expect((await owner.post(`/orgs/${orgId}/leave`)).status).toBe(303);
    expect(await roleOf(orgId, emails.owner)).toBeNull();
    expect(await roleOf(orgId, emails.admin)).toBe("owner");
  });

  it("refuses someone who is not a member (403), anonymous visitors (401) and cross-site posts (403)", async () => {
    const { orgId, emails } = await team("leave-c");
    expect((await (await signIn(emails.other)).post(`/orgs/${orgId}/leave`)).status).toBe(403);
    expect((await newDevice().post(`/orgs/${orgId}/leave`)).status).toBe(401);
    expect((await (await signIn(emails.member)).post(`/orgs/${orgId}/leave`, {}, EVIL)).status).toBe(403);
    expect(await roleOf(orgId, emails.member)).toBe("member");
  });
});

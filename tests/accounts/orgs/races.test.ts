// Two owners racing to unmake each other: the database's last-owner guard lets one through, and
// only the change that happened is in the audit log. An invitation revoked while someone accepts it
// adds nobody.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signIn } from "../helpers";
import { makeOrg } from "../../helpers/people";
import { freshInvitation } from "../../authz/world";
import { roleOf, userId } from "./helpers";

async function auditCount(orgId: string, action: string): Promise<number> {
  const row = await env.DB.prepare("select count(*) as n from audit_log where org_id = ? and action = ?").bind(orgId, action).first<{ n: number }>();
  return row?.n ?? 0;
}

describe("concurrent membership changes", () => {
  it("keeps one owner when two owners demote each other at once, and audits only what happened", async () => {
    const a = "race-a@example.be";
    const b = "race-b@example.be";
    const orgId = await makeOrg({ kind: "member", members: [{ email: a, role: "owner" }, { email: b, role: "owner" }] });
    const [browserA, browserB] = [await signIn(a), await signIn(b)];
    const [resA, resB] = await Promise.all([
      browserA.post(`/orgs/${orgId}/members/${await userId(b)}/role`, { role: "admin" }),
      browserB.post(`/orgs/${orgId}/members/${await userId(a)}/role`, { role: "admin" }),
    ]);
    const statuses = [resA.status, resB.status].sort();
    // Both read two owners; the second batch finds one left and changes nothing (409), or the
    // second request already sees its author demoted (403).
    expect(statuses[0]).toBe(303);
    expect([403, 409]).toContain(statuses[1]);
    const roles = [await roleOf(orgId, a), await roleOf(orgId, b)].sort();
    expect(roles).toEqual(["admin", "owner"]);
    expect(await auditCount(orgId, "membership.role")).toBe(1);
  });

  it("adds nobody and audits nothing when the invitation was revoked after its page was shown", async () => {
    const invitee = "race-invitee@example.be";
    const orgId = await makeOrg({ kind: "member", members: [{ email: "race-host@example.be", role: "owner" }] });
    const { id, token } = await freshInvitation(orgId, invitee);
    const browser = await signIn(invitee);
    // The page shows a pending invitation; it is revoked before the person presses Accept.
    expect((await browser.fetch(`/invitations/${token}`)).status).toBe(200);
    await env.DB.prepare("update invitations set status = 'revoked' where id = ?").bind(id).run();
    expect((await browser.post(`/invitations/${token}/accept`)).status).toBe(409);
    expect(await roleOf(orgId, invitee)).toBeNull();
    expect(await auditCount(orgId, "invitation.accept")).toBe(0);
    expect(await auditCount(orgId, "membership.add")).toBe(0);
  });
});

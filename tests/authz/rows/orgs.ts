// Organisations: one's own list, the export, a member organisation (memberOrg: `member` is its owner),
// invitations, and the stewards' list of organisations.
import { env } from "cloudflare:test";
import { makeOrg, person } from "../../helpers/people";
import { everyone, signedIn, only, PAGE, POST, unique, type Row } from "../kit";
import { EMAILS, freshInvitation } from "../world";

export const rows: Row[] = [
  { route: "GET /account/organisations", request: () => ({ path: "/account/organisations" }), expect: signedIn(200, PAGE) },
  { route: "POST /account/organisations", request: () => ({ path: "/account/organisations", form: { name: `New org ${unique()}`, kind: "member" } }), expect: signedIn(303, POST) },
  { route: "GET /api/v1/me/export", request: () => ({ path: "/api/v1/me/export" }), expect: signedIn(200, POST) },
  { route: "GET /orgs/:orgId", request: (w) => ({ path: `/orgs/${w.memberOrg}` }), expect: only(["member", "steward", "coopAdmin"], 200, PAGE) },
  {
    route: "POST /orgs/:orgId/members/:userId/role",
    request: async (w) => {
      const userId = await person(`plain-${unique()}@matrix.test`);
      await env.DB.prepare("insert into memberships (org_id, user_id, role) values (?, ?, 'member')").bind(w.memberOrg, userId).run();
      return { path: `/orgs/${w.memberOrg}/members/${userId}/role`, form: { role: "admin" } };
    },
    expect: only(["member"], 303, POST),
  },
  {
    route: "POST /orgs/:orgId/members/:userId/remove",
    request: async (w) => {
      const userId = await person(`plain-${unique()}@matrix.test`);
      await env.DB.prepare("insert into memberships (org_id, user_id, role) values (?, ?, 'member')").bind(w.memberOrg, userId).run();
      return { path: `/orgs/${w.memberOrg}/members/${userId}/remove`, form: {} };
    },
    expect: only(["member"], 303, POST),
  },
  // The owner is the last one: leaving would orphan the organisation (409); others are not members.
  { route: "POST /orgs/:orgId/leave", request: (w) => ({ path: `/orgs/${w.memberOrg}/leave`, form: {} }), expect: only(["member"], 409, POST) },
  { route: "POST /orgs/:orgId/invitations", request: (w) => ({ path: `/orgs/${w.memberOrg}/invitations`, form: { email: `invitee-${unique()}@matrix.test`, role: "member", language: "fr" } }), expect: only(["member"], 303, POST) },
  {
    route: "POST /orgs/:orgId/invitations/:invitationId/revoke",
    request: async (w) => ({ path: `/orgs/${w.memberOrg}/invitations/${(await freshInvitation(w.memberOrg, `invitee-${unique()}@matrix.test`)).id}/revoke`, form: {} }),
    expect: only(["member"], 303, POST),
  },
  { route: "GET /orgs/:orgId/profile", request: (w) => ({ path: `/orgs/${w.memberOrg}/profile` }), expect: only(["member", "steward", "coopAdmin"], 200, PAGE) },
  { route: "POST /orgs/:orgId/profile", request: (w) => ({ path: `/orgs/${w.memberOrg}/profile`, form: { legal_name: "Member A asbl", company_number: "BE0417497106", country: "BE", language: "fr" } }), expect: only(["member"], 303, POST) },
  // An invitation link is public; only the invited address may accept it (here: otherMember's).
  { route: "GET /invitations/:token", request: async (w) => ({ path: `/invitations/${(await freshInvitation(w.memberOrg, `invitee-${unique()}@matrix.test`)).token}` }), expect: everyone(200) },
  {
    route: "POST /invitations/:token/accept",
    request: async () => {
      const orgId = await makeOrg({ kind: "member", members: [{ email: `host-${unique()}@matrix.test`, role: "owner" }] });
      return { path: `/invitations/${(await freshInvitation(orgId, EMAILS.otherMember)).token}/accept`, form: {} };
    },
    expect: only(["otherMember"], 303, POST),
  },
  { route: "GET /admin/organisations", request: () => ({ path: "/admin/organisations" }), expect: only(["steward", "coopAdmin"], 200, PAGE) },
];

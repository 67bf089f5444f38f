// Collective assignment proposals (issue 15): stewards assign and send (transition.assign); the
// member organisation's owners/admins (memberOrg: `member` is its owner) and stewards read and
// answer its proposals (migrations.plan). Each cell that changes something gets fresh data.
import { env } from "cloudflare:test";
import { newId } from "../../../src/lib/ids";
import { makeOrg } from "../../helpers/people";
import { only, PAGE, POST, unique, type Row } from "../kit";
import type { World } from "../world";

/** A fresh member organisation with one mailbox and no plan, for a run of the assignment. */
async function freshMember(): Promise<string> {
  const org = await makeOrg({ kind: "member", name: `Matrix assign ${unique()}`, members: [] });
  const address = `prop-${unique()}@matrix.example.be`;
  await env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service) values (?, ?, 'mailbox', ?, ?)")
    .bind(newId("svc"), org, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: null, used_mb: null }))
    .run();
  return org;
}

/** A fresh open proposal to memberOrg: a fresh mailbox → offerX (memberOrg's open one, if any, superseded). */
async function freshProposal(w: World): Promise<string> {
  const svc = newId("svc");
  const id = newId("prp");
  const address = `prop-${unique()}@matrix.example.be`;
  const at = new Date(Date.now() - 60_000).toISOString();
  await env.DB.batch([
    env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service, updated_at) values (?, ?, 'mailbox', ?, ?, ?)").bind(svc, w.memberOrg, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: null, used_mb: null }), at),
    env.DB.prepare("update assignment_proposals set status = 'superseded' where org_id = ? and status = 'sent'").bind(w.memberOrg),
    env.DB.prepare("insert into assignment_proposals (id, org_id, mode, monthly_cents, status, sent_at, expires_at) values (?, ?, 'optimal', 300, 'sent', ?, ?)").bind(id, w.memberOrg, at, new Date(Date.now() + 86_400_000).toISOString()),
    env.DB.prepare("insert into assignment_proposal_lines (id, proposal_id, inventory_id, kind, offer_id, provider_id, inventory_updated_at) values (?, ?, ?, 'mailbox', ?, ?, ?)").bind(newId("prl"), id, svc, w.offerX, w.providerX, at),
  ]);
  return id;
}

/** The review token of a steward's run for `org` (the send form carries it). */
async function reviewed(w: World, org: string): Promise<string> {
  const res = await w.browsers.steward.post("/transition/assignments", { members: org, mode: "optimal", groups: "" });
  const token = /name="review_token" value="([0-9a-f]{16})"/.exec(await res.text())?.[1];
  if (!token) throw new Error(`no review token (${res.status})`);
  return token;
}

const STEWARDS = only(["steward"], 200, POST);
const MEMBER_SIDE = only(["member", "steward"], 303, POST);
const base = (w: World) => `/orgs/${w.memberOrg}/proposals`;

export const rows: Row[] = [
  { route: "POST /api/v1/transition/proposals", request: async () => ({ path: "/api/v1/transition/proposals", json: { organisation_ids: [await freshMember()], mode: "optimal" } }), expect: only(["steward"], 201, POST) },
  { route: "GET /api/v1/transition/proposals", request: () => ({ path: "/api/v1/transition/proposals?status=sent" }), expect: only(["steward"], 200, 401) },
  { route: "GET /api/v1/orgs/:id/proposals", request: (w) => ({ path: `/api/v1${base(w)}` }), expect: only(["member", "steward"], 200, 401) },
  { route: "POST /api/v1/orgs/:id/proposals/:pid/accept", request: async (w) => ({ path: `/api/v1${base(w)}/${await freshProposal(w)}/accept`, json: {} }), expect: only(["member", "steward"], 200, POST) },
  { route: "POST /api/v1/orgs/:id/proposals/:pid/decline", request: async (w) => ({ path: `/api/v1${base(w)}/${await freshProposal(w)}/decline`, json: { reason: "matrix" } }), expect: only(["member", "steward"], 200, POST) },
  { route: "GET /transition/assignments", request: () => ({ path: "/transition/assignments" }), expect: only(["steward"], 200, PAGE) },
  { route: "POST /transition/assignments", request: async () => ({ path: "/transition/assignments", form: { members: await freshMember(), mode: "optimal", groups: "" } }), expect: STEWARDS },
  {
    route: "POST /transition/assignments/send",
    request: async (w) => {
      const org = await freshMember();
      return { path: "/transition/assignments/send", form: { members: org, mode: "optimal", groups: "", review_token: await reviewed(w, org) } };
    },
    expect: only(["steward"], 303, POST),
  },
  { route: "GET /orgs/:orgId/proposals/:pid", request: async (w) => ({ path: `${base(w)}/${await freshProposal(w)}` }), expect: only(["member", "steward"], 200, PAGE) },
  { route: "POST /orgs/:orgId/proposals/:pid/accept", request: async (w) => ({ path: `${base(w)}/${await freshProposal(w)}/accept`, form: {} }), expect: MEMBER_SIDE },
  { route: "POST /orgs/:orgId/proposals/:pid/decline", request: async (w) => ({ path: `${base(w)}/${await freshProposal(w)}/decline`, form: { reason: "matrix" } }), expect: MEMBER_SIDE },
];

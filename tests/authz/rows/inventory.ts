// The transition's inventory: the stewards' bulk import (API), an organisation's inventory read by its
// members, stewards and coop_admins (API and page), and corrected and confirmed by its owners and
// admins (memberOrg: `member` is its owner).
import { env } from "cloudflare:test";
import { only, PAGE, POST, unique, type Row } from "../kit";

/** A fresh service of an organisation, for a cell that edits, removes or restores it. */
async function freshService(orgId: string, gone = false): Promise<string> {
  const id = `svc_${unique()}`;
  const address = `box-${unique()}@matrix.example.be`;
  await env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service, gone_at) values (?, ?, 'mailbox', ?, ?, ?)")
    .bind(id, orgId, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: 1024, used_mb: null }), gone ? new Date().toISOString() : null)
    .run();
  return id;
}

const IMPORT = () => {
  const ref = `matrix-${unique()}`;
  return { organisations: [{ external_ref: ref, name: `Matrix ${ref}`, contact_email: `bureau@${ref}.example.be`, services: [{ kind: "mailbox", address: `info@${ref}.example.be` }] }] };
};

export const rows: Row[] = [
  { route: "POST /api/v1/transition/inventory", request: () => ({ path: "/api/v1/transition/inventory", json: IMPORT() }), expect: only(["steward"], 200, POST) },
  { route: "GET /api/v1/orgs/:id/inventory", request: (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/inventory` }), expect: only(["member", "steward", "coopAdmin"], 200, POST) },
  { route: "GET /orgs/:orgId/inventory", request: (w) => ({ path: `/orgs/${w.memberOrg}/inventory` }), expect: only(["member", "steward", "coopAdmin"], 200, PAGE) },
  { route: "POST /orgs/:orgId/inventory", request: (w) => ({ path: `/orgs/${w.memberOrg}/inventory`, form: { kind: "mailbox", address: `new-${unique()}@matrix.example.be`, quota_mb: "500" } }), expect: only(["member"], 303, POST) },
  { route: "POST /orgs/:orgId/inventory/confirm", request: (w) => ({ path: `/orgs/${w.memberOrg}/inventory/confirm`, form: {} }), expect: only(["member"], 303, POST) },
  { route: "GET /orgs/:orgId/inventory/:id", request: async (w) => ({ path: `/orgs/${w.memberOrg}/inventory/${await freshService(w.memberOrg)}` }), expect: only(["member"], 200, PAGE) },
  {
    route: "POST /orgs/:orgId/inventory/:id",
    request: async (w) => ({ path: `/orgs/${w.memberOrg}/inventory/${await freshService(w.memberOrg)}`, form: { address: `edited-${unique()}@matrix.example.be`, quota_mb: "2048" } }),
    expect: only(["member"], 303, POST),
  },
  { route: "POST /orgs/:orgId/inventory/:id/gone", request: async (w) => ({ path: `/orgs/${w.memberOrg}/inventory/${await freshService(w.memberOrg)}/gone`, form: {} }), expect: only(["member"], 303, POST) },
  { route: "POST /orgs/:orgId/inventory/:id/restore", request: async (w) => ({ path: `/orgs/${w.memberOrg}/inventory/${await freshService(w.memberOrg, true)}/restore`, form: {} }), expect: only(["member"], 303, POST) },
];

// Saved needs and the shortlist of a member organisation (memberOrg: `member` is its owner).
import { env } from "cloudflare:test";
import { only, PAGE, POST, unique, type Row } from "../kit";

/** Fresh saved needs or a fresh shortlist entry of an organisation, for a cell that deletes it. */
async function freshSaved(orgId: string, table: "saved_needs" | "shortlist_items"): Promise<string> {
  const id = `${table === "saved_needs" ? "ned" : "sht"}_${unique()}`;
  const sql =
    table === "saved_needs"
      ? "insert into saved_needs (id, org_id, name, query, request) values (?, ?, 'matrix', 'mailbox_qty=1', '{}')"
      : "insert into shortlist_items (id, org_id, items, monthly_cents, yearly_cents, providers, score, query) values (?, ?, '[]', 0, 0, 1, 50, 'mailbox_qty=1')";
  await env.DB.prepare(sql).bind(id, orgId).run();
  return id;
}

/** A search Mail X answers: "submitted" without "accepting" means any provider. */
const MATCH_QUERY = "submitted=1&mailbox_qty=1";

export const rows: Row[] = [
  // Saved needs and the shortlist: read by the organisation (and stewards, coop_admins), changed by its owners and admins.
  { route: "GET /orgs/:orgId/needs", request: (w) => ({ path: `/orgs/${w.memberOrg}/needs` }), expect: only(["member", "steward", "coopAdmin"], 200, PAGE) },
  { route: "POST /orgs/:orgId/needs", request: (w) => ({ path: `/orgs/${w.memberOrg}/needs`, form: { query: MATCH_QUERY, name: `Needs ${unique()}` } }), expect: only(["member"], 303, POST) },
  { route: "POST /orgs/:orgId/needs/:id/delete", request: async (w) => ({ path: `/orgs/${w.memberOrg}/needs/${await freshSaved(w.memberOrg, "saved_needs")}/delete`, form: {} }), expect: only(["member"], 303, POST) },
  { route: "POST /orgs/:orgId/shortlist", request: (w) => ({ path: `/orgs/${w.memberOrg}/shortlist`, form: { query: MATCH_QUERY, bundle: "0" } }), expect: only(["member"], 303, POST) },
  { route: "POST /orgs/:orgId/shortlist/:id/delete", request: async (w) => ({ path: `/orgs/${w.memberOrg}/shortlist/${await freshSaved(w.memberOrg, "shortlist_items")}/delete`, form: {} }), expect: only(["member"], 303, POST) },
];

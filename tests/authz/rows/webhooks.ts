// Webhooks: an organisation's endpoints (owners/admins and stewards), the provider's inbound
// secret, stewards' view of received events, and the two inbound routes whose only credential is a
// signature (none here: 401 for everyone).
import { env } from "cloudflare:test";
import { newId } from "../../../src/lib/ids";
import { everyone, only, POST, type Row } from "../kit";

/** A fresh endpoint of an organisation, for a cell that changes or deletes it. */
async function freshEndpoint(orgId: string): Promise<string> {
  const id = newId("whe");
  await env.DB.prepare("insert into webhook_endpoints (id, org_id, url, event_types, secret) values (?, ?, 'https://hooks.matrix.example.org/in', '[\"*\"]', 'whsec_bWF0cml4LXNlY3JldC0wMTIzNDU2Nzg5')").bind(id, orgId).run();
  return id;
}

const ENDPOINT = { url: "https://hooks.matrix.example.org/in", event_types: ["offer.*"] };

export const rows: Row[] = [
  { route: "POST /api/v1/orgs/:orgId/webhook-endpoints", request: (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/webhook-endpoints`, json: ENDPOINT }), expect: only(["member", "steward"], 201, POST) },
  { route: "GET /api/v1/orgs/:orgId/webhook-endpoints", request: (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/webhook-endpoints` }), expect: only(["member", "steward"], 200, POST) },
  { route: "PATCH /api/v1/orgs/:orgId/webhook-endpoints/:id", request: async (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/webhook-endpoints/${await freshEndpoint(w.memberOrg)}`, json: { description: "x" }, method: "PATCH" }), expect: only(["member", "steward"], 200, POST) },
  { route: "DELETE /api/v1/orgs/:orgId/webhook-endpoints/:id", request: async (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/webhook-endpoints/${await freshEndpoint(w.memberOrg)}`, json: {}, method: "DELETE" }), expect: only(["member", "steward"], 204, POST) },
  { route: "POST /api/v1/orgs/:orgId/webhook-endpoints/:id/rotate", request: async (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/webhook-endpoints/${await freshEndpoint(w.memberOrg)}/rotate`, json: {} }), expect: only(["member", "steward"], 200, POST) },
  { route: "POST /api/v1/orgs/:orgId/webhook-endpoints/:id/test", request: async (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/webhook-endpoints/${await freshEndpoint(w.memberOrg)}/test`, json: {} }), expect: only(["member", "steward"], 202, POST) },
  { route: "GET /api/v1/orgs/:orgId/webhook-messages", request: (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/webhook-messages` }), expect: only(["member", "steward"], 200, POST) },
  { route: "POST /api/v1/orgs/:orgId/webhook-messages/replay", request: (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/webhook-messages/replay`, json: { since: "2026-01-01T00:00:00Z" } }), expect: only(["member", "steward"], 202, POST) },
  { route: "POST /api/v1/orgs/:orgId/inbound-webhook-secret", request: (w) => ({ path: `/api/v1/orgs/${w.providerOrg}/inbound-webhook-secret`, json: {} }), expect: only(["providerOwner", "steward"], 200, POST) },
  { route: "GET /api/v1/webhook-events/received", request: () => ({ path: "/api/v1/webhook-events/received" }), expect: only(["steward"], 200, POST) },
  { route: "POST /webhooks/stripe", request: () => ({ path: "/webhooks/stripe", json: { id: "evt_x", type: "invoice.paid" } }), expect: everyone(401) },
  { route: "POST /webhooks/providers/:providerId", request: (w) => ({ path: `/webhooks/providers/${w.providerX}`, json: { type: "migration.item.transition", data: {} } }), expect: everyone(401) },
];

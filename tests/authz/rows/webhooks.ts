// Webhooks: an organisation's endpoints (owners/admins and stewards), the provider's inbound
// secret, stewards' view of received events, and the two inbound routes whose only credential is a
// signature (none here: 401 for everyone).
import { env } from "cloudflare:test";
import { newId } from "../../../src/lib/ids";
import { everyone, only, PAGE, POST, type Row } from "../kit";

/** A fresh endpoint of an organisation, for a cell that changes or deletes it. */
async function freshEndpoint(orgId: string): Promise<string> {
  const id = newId("whe");
  await env.DB.prepare("insert into webhook_endpoints (id, org_id, url, event_types, secret) values (?, ?, 'https://hooks.matrix.example.org/in', '[\"*\"]', 'whsec_bWF0cml4LXNlY3JldC0wMTIzNDU2Nzg5')").bind(id, orgId).run();
  return id;
}

/** A received event kept with its raw body, for the steward's page. */
async function freshReceived(): Promise<string> {
  const id = newId("rcv");
  await env.DB.prepare("insert into received_events (id, source, sender, event_id, type, received_at, applied, reason, raw_body) values (?, 'provider', 'prv_matrix', ?, 'migration.item.transition', ?, 0, 'unsupported', '{}')").bind(id, `evt_${id}`, new Date().toISOString()).run();
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
  // The pages: the same people as the API, signed in; anonymous visitors are sent to sign in.
  { route: "GET /orgs/:orgId/webhooks", request: (w) => ({ path: `/orgs/${w.memberOrg}/webhooks` }), expect: only(["member", "steward"], 200, PAGE) },
  { route: "POST /orgs/:orgId/webhooks", request: (w) => ({ path: `/orgs/${w.memberOrg}/webhooks`, form: { url: ENDPOINT.url, description: "matrix", event_types: ["offer.*"] } }), expect: only(["member", "steward"], 201, POST) },
  { route: "POST /orgs/:orgId/webhooks/replay", request: (w) => ({ path: `/orgs/${w.memberOrg}/webhooks/replay`, form: { since: "2026-01-01" } }), expect: only(["member", "steward"], 303, POST) },
  { route: "POST /orgs/:orgId/webhooks/inbound-secret", request: (w) => ({ path: `/orgs/${w.providerOrg}/webhooks/inbound-secret`, form: {} }), expect: only(["providerOwner", "steward"], 200, POST) },
  { route: "GET /orgs/:orgId/webhooks/:id", request: async (w) => ({ path: `/orgs/${w.memberOrg}/webhooks/${await freshEndpoint(w.memberOrg)}` }), expect: only(["member", "steward"], 200, PAGE) },
  { route: "POST /orgs/:orgId/webhooks/:id", request: async (w) => ({ path: `/orgs/${w.memberOrg}/webhooks/${await freshEndpoint(w.memberOrg)}`, form: { url: ENDPOINT.url, description: "edited", event_types: ["*"] } }), expect: only(["member", "steward"], 303, POST) },
  { route: "POST /orgs/:orgId/webhooks/:id/enable", request: async (w) => ({ path: `/orgs/${w.memberOrg}/webhooks/${await freshEndpoint(w.memberOrg)}/enable`, form: {} }), expect: only(["member", "steward"], 303, POST) },
  { route: "POST /orgs/:orgId/webhooks/:id/disable", request: async (w) => ({ path: `/orgs/${w.memberOrg}/webhooks/${await freshEndpoint(w.memberOrg)}/disable`, form: {} }), expect: only(["member", "steward"], 303, POST) },
  { route: "POST /orgs/:orgId/webhooks/:id/test", request: async (w) => ({ path: `/orgs/${w.memberOrg}/webhooks/${await freshEndpoint(w.memberOrg)}/test`, form: {} }), expect: only(["member", "steward"], 303, POST) },
  { route: "POST /orgs/:orgId/webhooks/:id/rotate", request: async (w) => ({ path: `/orgs/${w.memberOrg}/webhooks/${await freshEndpoint(w.memberOrg)}/rotate`, form: {} }), expect: only(["member", "steward"], 200, POST) },
  { route: "GET /orgs/:orgId/webhooks/:id/delete", request: async (w) => ({ path: `/orgs/${w.memberOrg}/webhooks/${await freshEndpoint(w.memberOrg)}/delete` }), expect: only(["member", "steward"], 200, PAGE) },
  { route: "POST /orgs/:orgId/webhooks/:id/delete", request: async (w) => ({ path: `/orgs/${w.memberOrg}/webhooks/${await freshEndpoint(w.memberOrg)}/delete`, form: {} }), expect: only(["member", "steward"], 303, POST) },
  { route: "GET /admin/webhooks/received", request: () => ({ path: "/admin/webhooks/received" }), expect: only(["steward"], 200, PAGE) },
  { route: "GET /admin/webhooks/received/:id", request: async () => ({ path: `/admin/webhooks/received/${await freshReceived()}` }), expect: only(["steward"], 200, PAGE) },
  { route: "POST /webhooks/stripe", request: () => ({ path: "/webhooks/stripe", json: { id: "evt_x", type: "invoice.paid" } }), expect: everyone(401) },
  { route: "POST /webhooks/providers/:providerId", request: (w) => ({ path: `/webhooks/providers/${w.providerX}`, json: { type: "migration.item.transition", data: {} } }), expect: everyone(401) },
];

// Migrations (issue 11): plans by the member organisation's owners/admins (memberOrg: `member` is its
// owner) or stewards; reads by the member's people, the assigned provider's (providerOrg manages
// providerX) and stewards; moves by whichever side the state machine gives each one.
import { env } from "cloudflare:test";
import { newId } from "../../../src/lib/ids";
import type { ItemState } from "../../../src/transition/states";
import { only, POST, unique, type Row } from "../kit";
import type { World } from "../world";

async function freshService(orgId: string): Promise<string> {
  const id = newId("svc");
  const address = `mig-${unique()}@matrix.example.be`;
  await env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service) values (?, ?, 'mailbox', ?, ?)")
    .bind(id, orgId, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: 1024, used_mb: 10 }))
    .run();
  return id;
}

/** A fresh migration of memberOrg with one mailbox item at providerX (offerX), in `state`. */
async function freshMigration(w: World, state: ItemState): Promise<{ id: string; item: string }> {
  const id = newId("mig");
  const item = newId("mit");
  const at = new Date(Date.now() - 60_000).toISOString();
  await env.DB.prepare("insert into migrations (id, org_id) values (?, ?)").bind(id, w.memberOrg).run();
  await env.DB.prepare("insert into migration_items (id, migration_id, org_id, inventory_id, kind, offer_id, provider_id, state, last_move_at) values (?, ?, ?, ?, 'mailbox', ?, ?, ?, ?)")
    .bind(item, id, w.memberOrg, await freshService(w.memberOrg), w.offerX, w.providerX, state, at)
    .run();
  return { id, item };
}

const base = "/api/v1/migrations";
const MOVERS = ["member", "providerOwner", "steward"] as const;

export const rows: Row[] = [
  {
    route: "POST /api/v1/orgs/:id/migrations",
    request: async (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/migrations`, json: { items: [{ inventory_id: await freshService(w.memberOrg), offer_id: w.offerX }] } }),
    expect: only(["member", "steward"], 201, POST),
  },
  { route: "GET /api/v1/orgs/:id/migrations", request: (w) => ({ path: `/api/v1/orgs/${w.memberOrg}/migrations` }), expect: only(["member", "steward"], 200, POST) },
  { route: "GET /api/v1/migrations/:id", request: async (w) => ({ path: `${base}/${(await freshMigration(w, "requested")).id}` }), expect: only([...MOVERS], 200, POST) },
  { route: "GET /api/v1/migrations/:id/events", request: async (w) => ({ path: `${base}/${(await freshMigration(w, "requested")).id}/events` }), expect: only([...MOVERS], 200, POST) },
  { route: "POST /api/v1/migrations/:id/request", request: async (w) => ({ path: `${base}/${(await freshMigration(w, "planned")).id}/request`, json: { note: "matrix" } }), expect: only(["member", "steward"], 200, POST) },
  { route: "POST /api/v1/migrations/:id/cancel", request: async (w) => ({ path: `${base}/${(await freshMigration(w, "requested")).id}/cancel`, json: { note: "matrix" } }), expect: only(["member", "steward"], 200, POST) },
  {
    route: "POST /api/v1/migrations/:id/items/:itemId/transitions",
    request: async (w) => {
      const m = await freshMigration(w, "requested");
      return { path: `${base}/${m.id}/items/${m.item}/transitions`, json: { to: "blocked", note: "matrix" } };
    },
    expect: only([...MOVERS], 200, POST),
  },
  {
    route: "POST /api/v1/migrations/:id/items/:itemId/assign",
    request: async (w) => {
      const m = await freshMigration(w, "planned");
      return { path: `${base}/${m.id}/items/${m.item}/assign`, json: { offer_id: w.offerX } };
    },
    expect: only(["member", "steward"], 200, POST),
  },
  {
    route: "POST /api/v1/migrations/:id/items/:itemId/checklist",
    request: async (w) => {
      const m = await freshMigration(w, "requested");
      return { path: `${base}/${m.id}/items/${m.item}/checklist`, json: { step: "mx_switched", done: true } };
    },
    expect: only([...MOVERS], 200, POST),
  },
  {
    route: "POST /api/v1/migrations/:id/items/:itemId/data-copy",
    request: async (w) => {
      const m = await freshMigration(w, "cutover");
      return { path: `${base}/${m.id}/items/${m.item}/data-copy`, json: { method: "export_downloaded" } };
    },
    expect: only(["member", "steward"], 200, POST),
  },
];

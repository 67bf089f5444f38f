// The transition's control room (issue 15): stewards only, as a page and as the progress API; each
// person's reminder choice; an item's DNS targets (its host and stewards) and checks (both sides).
import { env } from "cloudflare:test";
import { newId } from "../../../src/lib/ids";
import { only, PAGE, POST, signedIn, unique, type Row } from "../kit";
import type { World } from "../world";

/** A fresh migration of memberOrg with one mailbox item at providerX, in cutover. */
async function cutoverItem(w: World): Promise<{ id: string; item: string }> {
  const svc = newId("svc");
  const address = `dns-${unique()}@matrix.example.be`;
  const id = newId("mig");
  const item = newId("mit");
  await env.DB.batch([
    env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service) values (?, ?, 'mailbox', ?, ?)").bind(svc, w.memberOrg, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: 1024, used_mb: 10 })),
    env.DB.prepare("insert into migrations (id, org_id) values (?, ?)").bind(id, w.memberOrg),
    env.DB.prepare("insert into migration_items (id, migration_id, org_id, inventory_id, kind, offer_id, provider_id, state, last_move_at) values (?, ?, ?, ?, 'mailbox', ?, ?, 'cutover', ?)").bind(item, id, w.memberOrg, svc, w.offerX, w.providerX, new Date().toISOString()),
  ]);
  return { id, item };
}

export const rows: Row[] = [
  { route: "GET /transition", request: () => ({ path: "/transition" }), expect: only(["steward"], 200, PAGE) },
  { route: "GET /api/v1/transition/progress", request: () => ({ path: "/api/v1/transition/progress" }), expect: only(["steward"], 200, POST) },
  { route: "GET /account/reminders", request: () => ({ path: "/account/reminders" }), expect: signedIn(200, PAGE) },
  { route: "POST /account/reminders", request: () => ({ path: "/account/reminders", form: { sent: "1" } }), expect: signedIn(303, POST) },
  {
    route: "PUT /api/v1/migrations/:id/items/:itemId/dns-targets",
    request: async (w) => {
      const m = await cutoverItem(w);
      return { path: `/api/v1/migrations/${m.id}/items/${m.item}/dns-targets`, method: "PUT", json: { mx: ["mail.new-host.example.org"] } };
    },
    expect: only(["providerOwner", "steward"], 200, POST),
  },
  {
    route: "GET /api/v1/migrations/:id/items/:itemId/dns-checks",
    request: async (w) => {
      const m = await cutoverItem(w);
      return { path: `/api/v1/migrations/${m.id}/items/${m.item}/dns-checks` };
    },
    expect: only(["member", "providerOwner", "steward"], 200, POST),
  },
];

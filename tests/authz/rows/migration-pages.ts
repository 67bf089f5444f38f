// The migrations' pages: a member organisation's move (memberOrg: `member` is its owner) read by its
// people and stewards, planned and moved by its owners/admins and stewards; a provider organisation's
// incoming requests (providerOrg, managing providerX: `providerOwner`) read by its people and stewards,
// moved and ticked by its owners/admins and stewards; the mails' link for whoever may read the
// migration. Each cell that changes something gets a fresh migration of a fresh mailbox.
import { env } from "cloudflare:test";
import { only, PAGE, POST, unique, type Row } from "../kit";
import type { World } from "../world";

/** A fresh mailbox of memberOrg in a fresh migration to providerX's mailbox offer, in `state`. */
async function freshItem(w: World, state: "planned" | "requested" | "declined"): Promise<{ migration: string; item: string; inventory: string }> {
  const inventory = `svc_${unique()}`;
  const address = `move-${unique()}@matrix.example.be`;
  const migration = `mig_${unique()}${unique()}`;
  const item = `mit_${unique()}${unique()}`;
  const at = new Date(Date.now() - 60_000).toISOString();
  await env.DB.batch([
    env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service) values (?, ?, 'mailbox', ?, ?)").bind(inventory, w.memberOrg, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: null, used_mb: null })),
    env.DB.prepare("insert into migrations (id, org_id, requested_at) values (?, ?, ?)").bind(migration, w.memberOrg, state === "planned" ? null : at),
    env.DB.prepare("insert into migration_items (id, migration_id, org_id, inventory_id, kind, offer_id, provider_id, state, last_move_at) values (?, ?, ?, ?, 'mailbox', ?, ?, ?, ?)").bind(
      item,
      migration,
      w.memberOrg,
      inventory,
      w.offerX,
      w.providerX,
      state,
      at,
    ),
  ]);
  return { migration, item, inventory };
}

/** A fresh live mailbox of memberOrg that no migration holds yet, for a plan. */
async function freshService(w: World): Promise<string> {
  const id = `svc_${unique()}`;
  const address = `plan-${unique()}@matrix.example.be`;
  await env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service) values (?, ?, 'mailbox', ?, ?)")
    .bind(id, w.memberOrg, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: null, used_mb: null }))
    .run();
  return id;
}

const member = (w: World) => `/orgs/${w.memberOrg}/migration`;
const provider = (w: World) => `/orgs/${w.providerOrg}/migrations`;
const MEMBER_SIDE = only(["member", "steward"], 303, POST);
const PROVIDER_SIDE = only(["providerOwner", "steward"], 303, POST);

export const rows: Row[] = [
  { route: "GET /orgs/:orgId/migration", request: (w) => ({ path: member(w) }), expect: only(["member", "steward"], 200, PAGE) },
  { route: "GET /orgs/:orgId/migration/plan", request: (w) => ({ path: `${member(w)}/plan` }), expect: only(["member", "steward"], 200, PAGE) },
  {
    route: "POST /orgs/:orgId/migration/plan",
    request: async (w) => ({ path: `${member(w)}/plan`, form: { [`offer.${await freshService(w)}`]: w.offerX, send: "0" } }),
    expect: MEMBER_SIDE,
  },
  {
    route: "POST /orgs/:orgId/migration/:migrationId/request",
    request: async (w) => ({ path: `${member(w)}/${(await freshItem(w, "planned")).migration}/request`, form: { note: "matrix" } }),
    expect: MEMBER_SIDE,
  },
  {
    route: "POST /orgs/:orgId/migration/:migrationId/items/:itemId/move",
    request: async (w) => {
      const f = await freshItem(w, "requested");
      return { path: `${member(w)}/${f.migration}/items/${f.item}/move`, form: { to: "cancelled", note: "matrix" } };
    },
    expect: MEMBER_SIDE,
  },
  {
    route: "POST /orgs/:orgId/migration/:migrationId/items/:itemId/checklist",
    request: async (w) => {
      const f = await freshItem(w, "requested");
      return { path: `${member(w)}/${f.migration}/items/${f.item}/checklist`, form: { step: "mx_switched", done: "1" } };
    },
    expect: MEMBER_SIDE,
  },
  {
    route: "POST /orgs/:orgId/migration/:migrationId/items/:itemId/reassign",
    request: async (w) => {
      const f = await freshItem(w, "declined");
      return { path: `${member(w)}/${f.migration}/items/${f.item}/reassign`, form: { offer_id: w.offerX, note: "matrix" } };
    },
    expect: MEMBER_SIDE,
  },
  { route: "GET /orgs/:orgId/migrations", request: (w) => ({ path: provider(w) }), expect: only(["providerOwner", "steward"], 200, PAGE) },
  {
    route: "POST /orgs/:orgId/migrations/:migrationId/items/:itemId/move",
    request: async (w) => {
      const f = await freshItem(w, "requested");
      return { path: `${provider(w)}/${f.migration}/items/${f.item}/move`, form: { to: "accepted", note: "matrix" } };
    },
    expect: PROVIDER_SIDE,
  },
  {
    route: "POST /orgs/:orgId/migrations/:migrationId/items/:itemId/checklist",
    request: async (w) => {
      const f = await freshItem(w, "requested");
      return { path: `${provider(w)}/${f.migration}/items/${f.item}/checklist`, form: { step: "mail_copied", done: "1" } };
    },
    expect: PROVIDER_SIDE,
  },
  // The member's people and stewards land on the member's page, the assigned provider's on its requests.
  { route: "GET /migrations/:migrationId", request: async (w) => ({ path: `/migrations/${(await freshItem(w, "requested")).migration}` }), expect: only(["member", "providerOwner", "steward"], 303, PAGE) },
];

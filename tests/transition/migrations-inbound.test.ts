// Providers' signed reports of moves (POST /webhooks/providers/{provider_id}, Standard Webhooks):
// applied as the provider's move with its event row and outbox rows; a duplicate applied once; an
// older report arriving after a newer one never moves the item back (stale); a refused move a 409;
// an item not assigned to the sender is never moved.
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { BASE, json, problem } from "../helpers/http";
import type { MigrationBody, PlanReplyBody } from "../../src/transition/migrations/migrations.api";
import { call, endpoint, member, provider, session } from "./migrations-helpers";

let P: Awaited<ReturnType<typeof provider>> & { secret: string };
let Q: Awaited<ReturnType<typeof provider>> & { secret: string };

async function withSecret(p: Awaited<ReturnType<typeof provider>>) {
  const res = await call(p.key, `/orgs/${p.orgId}/inbound-webhook-secret`, {});
  expect(res.status).toBe(200);
  return { ...p, secret: ((await res.json()) as { secret: string }).secret };
}

beforeAll(async () => {
  P = await withSecret(await provider());
  Q = await withSecret(await provider());
}, 60_000);

function send(providerId: string, secret: string, data: Record<string, unknown>, id = `msg_${crypto.randomUUID()}`) {
  const raw = JSON.stringify({ type: "migration.item.transition", data });
  const at = new Date();
  return SELF.fetch(`${BASE}/webhooks/providers/${providerId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, raw) },
    body: raw,
  });
}

/** A migration of a fresh member with one mailbox item at P, requested. */
async function requestedAtP() {
  const m = await member();
  const owner = await session(m.owner);
  const plan = await json<PlanReplyBody>(await call(owner, `/orgs/${m.orgId}/migrations`, { items: [{ inventory_id: m.services.mailbox, offer_id: P.offers.mail }] }));
  expect((await call(owner, `/migrations/${plan.id}/request`, {})).status).toBe(200);
  return { m, owner, migrationId: plan.id, itemId: plan.items[0]!.id };
}

const itemRow = (id: string) => env.DB.prepare("select state, scheduled_for, version from migration_items where id = ?").bind(id).first<{ state: string; scheduled_for: string | null; version: number }>();
/** Reports happen after the request (which set the item's last move): now, or minutes ahead (within the 5-minute skew). */
const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe("migration.item.transition from a provider", () => {
  it("is applied as the provider's move: state, event row (via webhook), audit and the member's webhook", async () => {
    const { m, owner, migrationId, itemId } = await requestedAtP();
    const hook = await endpoint(m.orgId);
    const res = await send(P.providerId, P.secret, { migration_id: migrationId, item_id: itemId, to: "accepted", occurred_at: soon(0) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, duplicate: false, applied: true, reason: null });
    expect(await itemRow(itemId)).toMatchObject({ state: "accepted", version: 3 });
    const view = await json<MigrationBody>(await call(owner, `/migrations/${migrationId}`));
    expect(view.items[0]!.history.at(-1)).toMatchObject({ kind: "move", from: "requested", to: "accepted", role: "provider" });
    expect(await env.DB.prepare("select actor_via from migration_events where item_id = ? and to_state = 'accepted'").bind(itemId).first("actor_via")).toBe("webhook");
    expect(await env.DB.prepare("select actor_system from audit_log where action = 'migration.item.move' and subject_id = ? and detail like '%accepted%'").bind(itemId).first("actor_system")).toBe("provider-webhook");
    expect(await env.DB.prepare("select count(*) as n from outbox where kind = 'migration.item.accepted' and recipient = ?").bind(hook).first("n")).toBe(1);
  });

  it("a duplicate (same webhook-id) is applied once", async () => {
    const { migrationId, itemId } = await requestedAtP();
    const data = { migration_id: migrationId, item_id: itemId, to: "accepted", occurred_at: soon(0) };
    expect(await (await send(P.providerId, P.secret, data, "msg_dup_migration")).json()).toMatchObject({ duplicate: false, applied: true });
    expect(await (await send(P.providerId, P.secret, data, "msg_dup_migration")).json()).toMatchObject({ duplicate: true, applied: true });
    expect(await itemRow(itemId)).toMatchObject({ state: "accepted", version: 3 });
    expect(await env.DB.prepare("select count(*) as n from migration_events where item_id = ? and to_state = 'accepted'").bind(itemId).first("n")).toBe(1);
  });

  it("a reordered pair: the older report, arriving second, is stale and never moves the item back", async () => {
    const { migrationId, itemId } = await requestedAtP();
    await send(P.providerId, P.secret, { migration_id: migrationId, item_id: itemId, to: "accepted", occurred_at: soon(1) });
    const newer = await send(P.providerId, P.secret, { migration_id: migrationId, item_id: itemId, to: "scheduled", scheduled_for: "2027-04-02", occurred_at: soon(3) });
    expect(await newer.json()).toMatchObject({ applied: true });
    const older = await send(P.providerId, P.secret, { migration_id: migrationId, item_id: itemId, to: "scheduled", scheduled_for: "2027-03-01", occurred_at: soon(2) });
    expect(older.status).toBe(200);
    expect(await older.json()).toEqual({ received: true, duplicate: false, applied: false, reason: "stale" });
    expect(await itemRow(itemId)).toMatchObject({ state: "scheduled", scheduled_for: "2027-04-02" });
  });

  it("a move the machine refuses is a 409 problem, recorded as refused, the item unchanged", async () => {
    const { migrationId, itemId } = await requestedAtP();
    const id = `msg_${crypto.randomUUID()}`;
    const p = await problem(await send(P.providerId, P.secret, { migration_id: migrationId, item_id: itemId, to: "done", occurred_at: soon(0) }, id), 409);
    expect(p.errors!.filter((e) => e.field === "allowed").map((e) => e.message)).toEqual(["accepted", "declined (needs note)", "blocked (needs note)"]);
    expect(await itemRow(itemId)).toMatchObject({ state: "requested" });
    expect(await env.DB.prepare("select applied, reason from received_events where event_id = ?").bind(id).first()).toMatchObject({ applied: 0, reason: expect.stringMatching(/^refused: /) });
  });

  it("an item assigned to another provider (or no item) is never moved: applied false, unknown_item", async () => {
    const { migrationId, itemId } = await requestedAtP();
    const res = await send(Q.providerId, Q.secret, { migration_id: migrationId, item_id: itemId, to: "accepted", occurred_at: soon(0) });
    expect(await res.json()).toEqual({ received: true, duplicate: false, applied: false, reason: "unknown_item" });
    const none = await send(P.providerId, P.secret, { migration_id: migrationId, item_id: "mit_nope", to: "accepted", occurred_at: soon(0) });
    expect(await none.json()).toMatchObject({ applied: false, reason: "unknown_item" });
    expect(await itemRow(itemId)).toMatchObject({ state: "requested" });
  });

  it("a body without occurred_at, or with an unknown state, is a 400 naming the field", async () => {
    const { migrationId, itemId } = await requestedAtP();
    const p = await problem(await send(P.providerId, P.secret, { migration_id: migrationId, item_id: itemId, to: "accepted" }), 400);
    expect(p.errors!.map((e) => e.field)).toContain("data.occurred_at");
    const q = await problem(await send(P.providerId, P.secret, { migration_id: migrationId, item_id: itemId, to: "teleported", occurred_at: soon(0) }), 400);
    expect(q.errors!.map((e) => e.field)).toContain("data.to");
  });
});

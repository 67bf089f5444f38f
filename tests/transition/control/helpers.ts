// Fixtures of the control room, reminders and DNS tests: migration items written straight into D1 in
// a chosen state and age (the state machine's own tests cover how items get there).
import { env } from "cloudflare:test";
import { newId } from "../../../src/lib/ids";
import type { ItemState } from "../../../src/transition/states";

export const daysAgo = (n: number, now = new Date()) => new Date(now.getTime() - n * 86_400_000).toISOString();

export async function migrationOf(orgId: string, createdAt = daysAgo(30)): Promise<string> {
  const id = newId("mig");
  await env.DB.prepare("insert into migrations (id, org_id, requested_at, created_at, updated_at) values (?, ?, ?, ?, ?)").bind(id, orgId, createdAt, createdAt, createdAt).run();
  return id;
}

export interface ItemSeed {
  migrationId: string;
  orgId: string;
  inventoryId: string;
  kind: string;
  offerId: string;
  providerId: string;
  state: ItemState;
  /** When the last move happened (also the item's creation unless `createdAt`). */
  lastMoveAt: string;
  createdAt?: string;
  scheduledFor?: string | null;
  /** Events recorded at these instants (the history the stuck figure reads). */
  events?: string[];
}

export async function item(s: ItemSeed): Promise<string> {
  const id = newId("mit");
  const created = s.createdAt ?? s.lastMoveAt;
  const stmts = [
    env.DB.prepare("insert into migration_items (id, migration_id, org_id, inventory_id, kind, offer_id, provider_id, state, scheduled_for, last_move_at, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").bind(
      id, s.migrationId, s.orgId, s.inventoryId, s.kind, s.offerId, s.providerId, s.state, s.scheduledFor ?? null, s.lastMoveAt, (s.events?.length ?? 0) + 1, created, s.lastMoveAt,
    ),
    ...(s.events ?? []).map((at, i) =>
      env.DB.prepare("insert into migration_events (id, migration_id, item_id, item_version, kind, to_state, role, occurred_at, recorded_at) values (?, ?, ?, ?, 'move', ?, 'provider', ?, ?)").bind(newId("mev"), s.migrationId, id, i + 2, s.state, at, at),
    ),
  ];
  await env.DB.batch(stmts);
  return id;
}

/** Sets a service's creation time (the burn-down counts a service from the day it entered the inventory). */
export async function serviceCreated(id: string, at: string) {
  await env.DB.prepare("update inventory_services set created_at = ? where id = ?").bind(at, id).run();
}

/** An env whose D1 binding counts what reaches D1: each prepared statement and each batch or query sent. */
export function countingEnv() {
  const counts = { prepared: 0, sent: 0 };
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === "__target") return target;
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args));
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw")
          return (...args: unknown[]) => {
            counts.sent++;
            return (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args);
          };
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare")
        return (q: string) => {
          counts.prepared++;
          return wrap(target.prepare(q));
        };
      if (prop === "batch")
        return (stmts: D1PreparedStatement[]) => {
          counts.sent++;
          return target.batch(stmts.map((s) => (s as unknown as { __target?: D1PreparedStatement }).__target ?? s));
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { env: { ...env, DB: db }, counts };
}

// Fixtures of the weekly-rate tests: a host's stated rate, and member migrations already under way
// there, written straight into D1 in one batch (one service, one migration, one item each).
import { env } from "cloudflare:test";
import { newId } from "../../src/lib/ids";
import { weeksLeft } from "../../src/transition/capacity/throughput";
import { makeOrg } from "../helpers/people";

/** Weeks left to the suite's deadline now: a host with N per week can run N × this many. */
export const weeksNow = () => weeksLeft(new Date(), env.TRANSITION_DEADLINE);

export async function setRate(providerId: string, perWeek: number | null, units: Record<string, number> = {}) {
  await env.DB.prepare(
    "insert into provider_capacities (provider_id, units, migrations_per_week, updated_at) values (?, ?, ?, ?) on conflict (provider_id) do update set units = excluded.units, migrations_per_week = excluded.migrations_per_week",
  )
    .bind(providerId, JSON.stringify(units), perWeek, new Date().toISOString())
    .run();
}

/** `n` member migrations under way at a host (one requested mailbox each, of a filler member). */
export async function fillMigrations(providerId: string, offerId: string, n: number): Promise<string> {
  const orgId = await makeOrg({ kind: "member", name: `Filler ${crypto.randomUUID().slice(0, 8)}`, members: [] });
  const at = new Date().toISOString();
  const stmts: D1PreparedStatement[] = [];
  for (let k = 0; k < n; k++) {
    const svc = newId("svc");
    const mig = newId("mig");
    const address = `box${k}@${orgId.toLowerCase()}.test`;
    stmts.push(
      env.DB.prepare("insert into inventory_services (id, org_id, kind, natural_key, service) values (?, ?, 'mailbox', ?, ?)").bind(svc, orgId, `mailbox:${address}`, JSON.stringify({ kind: "mailbox", address, quota_mb: null, used_mb: null })),
      env.DB.prepare("insert into migrations (id, org_id, requested_at, created_at, updated_at) values (?, ?, ?, ?, ?)").bind(mig, orgId, at, at, at),
      env.DB.prepare("insert into migration_items (id, migration_id, org_id, inventory_id, kind, offer_id, provider_id, state, last_move_at, version, created_at, updated_at) values (?, ?, ?, ?, 'mailbox', ?, ?, 'requested', ?, 1, ?, ?)").bind(
        newId("mit"), mig, orgId, svc, offerId, providerId, at, at, at,
      ),
    );
  }
  if (stmts.length) await env.DB.batch(stmts);
  return orgId;
}

// The DNS targets of an item (what the new host expects after the cut-over, set by its provider or a
// steward) and the checks made against them (read by both sides and stewards).
import { and, eq } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { migrationItems, type DnsCheckRow } from "../../db/schema";
import { actingPrincipal, type ServiceContext } from "../../lib/context";
import { AppError } from "../../lib/problem";
import { findItem, findMigration, roleFor, seesAll } from "../migrations/service";
import type { DnsTargets } from "./dns";

export interface DnsView {
  item_id: string;
  dns_targets: DnsTargets | null;
  dns_verified_at: string | null;
  checks: { checked_at: string; domain: string; matched: boolean; found: DnsCheckRow["found"]; mismatches: DnsCheckRow["mismatches"] }[];
}

async function itemOr404(ctx: ServiceContext, migrationId: string, itemId: string) {
  const [m, item] = await Promise.all([findMigration(ctx.db, migrationId), findItem(ctx.db, migrationId, itemId)]);
  if (!m || !item) throw new AppError("NOT_FOUND", `No item ${itemId} in migration ${migrationId}`);
  return { m, item };
}

/** The last checks of each item (newest first), for pages that show several items. */
export async function dnsViews(ctx: ServiceContext, itemIds: readonly string[], limit = 5): Promise<Map<string, DnsView>> {
  const out = new Map<string, DnsView>();
  if (!itemIds.length) return out;
  const placeholders = itemIds.map(() => "?").join(",");
  const [items, checks] = await ctx.env.DB.batch([
    ctx.env.DB.prepare(`select id, dns_targets, dns_verified_at from migration_items where id in (${placeholders})`).bind(...itemIds),
    ctx.env.DB.prepare(
      `select item_id, checked_at, domain, matched, found, mismatches from (
         select c.*, row_number() over (partition by c.item_id order by c.checked_at desc, c.id desc) as n from dns_checks c where c.item_id in (${placeholders})
       ) where n <= ? order by item_id, checked_at desc`,
    ).bind(...itemIds, limit),
  ]);
  for (const r of items!.results as { id: string; dns_targets: string | null; dns_verified_at: string | null }[])
    out.set(r.id, { item_id: r.id, dns_targets: r.dns_targets ? (JSON.parse(r.dns_targets) as DnsTargets) : null, dns_verified_at: r.dns_verified_at, checks: [] });
  for (const c of checks!.results as { item_id: string; checked_at: string; domain: string; matched: number; found: string; mismatches: string }[])
    out.get(c.item_id)?.checks.push({ checked_at: c.checked_at, domain: c.domain, matched: !!c.matched, found: JSON.parse(c.found), mismatches: JSON.parse(c.mismatches) });
  return out;
}

export async function getDns(ctx: ServiceContext, migrationId: string, itemId: string): Promise<DnsView> {
  const { m, item } = await itemOr404(ctx, migrationId, itemId);
  const p = actingPrincipal(ctx);
  if (!seesAll(p, m.orgId) && roleFor(p, m.orgId, item.providerId) === null) throw new AppError("FORBIDDEN", "Only the item's member, its host and stewards see its DNS checks");
  return (await dnsViews(ctx, [itemId], 20)).get(itemId)!;
}

/** Sets (or replaces) the targets; a replaced target starts the checks over (dns_verified_at cleared). */
export async function setDnsTargets(ctx: ServiceContext, migrationId: string, itemId: string, targets: DnsTargets): Promise<DnsView> {
  const { m, item } = await itemOr404(ctx, migrationId, itemId);
  const role = roleFor(actingPrincipal(ctx), m.orgId, item.providerId);
  if (role !== "provider" && role !== "steward") throw new AppError("FORBIDDEN", "Only the receiving host (or a steward) declares where the DNS must point");
  if (item.state === "done" || item.state === "cancelled") throw new AppError("CONFLICT", `The item is ${item.state}`);
  const at = ctx.now().toISOString();
  await ctx.db.batch([
    ctx.db.update(migrationItems).set({ dnsTargets: targets, dnsVerifiedAt: null, updatedAt: at }).where(and(eq(migrationItems.id, itemId), eq(migrationItems.migrationId, migrationId))),
    auditInsert(ctx, { action: "migration.item.dns_targets", subjectType: "migration_item", subjectId: itemId, orgId: m.orgId, detail: { migration_id: migrationId, dns_targets: targets, role } }),
  ]);
  return (await dnsViews(ctx, [itemId], 20)).get(itemId)!;
}


// DNS cut-over checks (quarter-hour cron, each item at most once an hour): for every item in
// `cutover` whose host declared `dns_targets`, resolve the service's domain through DNS over HTTPS
// (DNS_RESOLVER_URL, else WEBHOOK_DNS_RESOLVER; `off` = no checks) and compare with the targets.
// Every check is stored with what was found; the second match in a row marks the item
// `dns_verified_at` and writes a `dns_verified` history event, in one batch. The member still
// confirms `verified` itself: DNS only says the records point at the new host.
import { sql } from "drizzle-orm";
import { dnsChecks, migrationEvents, migrationItems } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import { lookupRecords, resolverOf, type Fetch, type RecordType, type Resolver } from "../../webhooks/resolve";
import type { InventoryService } from "../inventory";
import { becomesVerified, compareDns, normaliseFound, typesToCheck, type DnsFound, type DnsTargets } from "./dns";

/** One check per item per hour, though the cron fires every quarter hour. */
export const CHECK_EVERY_MINUTES = 55;
/** At most this many items per run; the rest wait for the next quarter hour. */
export const BATCH_SIZE = 50;

/** The name whose records tell where the service lives: the mail domain, the web host, the domain. */
export function domainOf(s: InventoryService): string {
  switch (s.kind) {
    case "mailbox":
    case "mail_alias":
    case "mailing_list":
      return s.address.slice(s.address.lastIndexOf("@") + 1);
    case "web_hosting":
      return s.host;
    case "domain_registration":
    case "dns_hosting":
      return s.name;
  }
}

interface DueRow {
  id: string;
  migration_id: string;
  version: number;
  dns_targets: string;
  service: string;
  last_matched: number | null;
}

export interface DnsRunResult {
  checked: number;
  matched: number;
  verified: number;
  /** Lookups that failed (resolver down, timeout): nothing stored, tried again next run. */
  failed: number;
  skipped?: string;
}

export async function runDnsChecks(ctx: ServiceContext, fetchImpl?: Fetch): Promise<DnsRunResult> {
  const setting = ctx.settings.DNS_RESOLVER_URL ?? ctx.settings.WEBHOOK_DNS_RESOLVER;
  const resolver = resolverOf(setting, fetchImpl);
  if (!resolver) return { checked: 0, matched: 0, verified: 0, failed: 0, skipped: "resolver off" };
  const now = ctx.now();
  const due = (
    await ctx.env.DB.prepare(
      `select i.id, i.migration_id, i.version, i.dns_targets, s.service,
         (select c.matched from dns_checks c where c.item_id = i.id order by c.checked_at desc, c.id desc limit 1) as last_matched
       from migration_items i join inventory_services s on s.id = i.inventory_id
       where i.state = 'cutover' and i.dns_targets is not null and i.dns_verified_at is null
         and not exists (select 1 from dns_checks c where c.item_id = i.id and c.checked_at > ?1)
       order by i.last_move_at limit ${BATCH_SIZE}`,
    )
      .bind(new Date(now.getTime() - CHECK_EVERY_MINUTES * 60_000).toISOString())
      .all<DueRow>()
  ).results;
  const out: DnsRunResult = { checked: 0, matched: 0, verified: 0, failed: 0 };
  for (const row of due) {
    const targets = JSON.parse(row.dns_targets) as DnsTargets;
    const domain = domainOf(JSON.parse(row.service) as InventoryService);
    const found = await resolve(domain, targets, resolver);
    if (!found) {
      out.failed++;
      continue;
    }
    const mismatches = compareDns(targets, found);
    const matched = mismatches.length === 0;
    const at = now.toISOString();
    const check = ctx.db.insert(dnsChecks).values({ id: newId("dnc"), itemId: row.id, domain, checkedAt: at, matched, found, mismatches });
    const verify = becomesVerified(matched, row.last_matched === null ? null : !!row.last_matched, false);
    if (verify) {
      const version = row.version + 1;
      // The event takes the item's next version: a move racing this batch takes the same one, and one of the two batches fails whole.
      await ctx.db.batch([
        check,
        ctx.db.update(migrationItems).set({ dnsVerifiedAt: at, version: sql`${migrationItems.version} + 1`, updatedAt: at }).where(sql`${migrationItems.id} = ${row.id} and ${migrationItems.version} = ${row.version}`),
        ctx.db.insert(migrationEvents).values({ id: newId("mev"), migrationId: row.migration_id, itemId: row.id, itemVersion: version, kind: "dns_verified", role: "steward", actorVia: "dns-check", occurredAt: at, recordedAt: at, detail: { domain, found } }),
      ]);
      out.verified++;
    } else await ctx.db.batch([check]);
    out.checked++;
    if (matched) out.matched++;
  }
  return out;
}

const RECORD: Record<keyof DnsFound, RecordType> = { mx: "MX", a: "A", aaaa: "AAAA", cname: "CNAME", ns: "NS" };

/** Every declared type's records, normalised; null when a lookup failed. */
async function resolve(domain: string, targets: DnsTargets, r: Resolver): Promise<DnsFound | null> {
  const found: DnsFound = { mx: [], a: [], aaaa: [], cname: [], ns: [] };
  try {
    for (const type of typesToCheck(targets)) found[type] = normaliseFound(type, await lookupRecords(domain, RECORD[type], r));
  } catch {
    return null;
  }
  return found;
}

// "Find hosts for all of this": the matching wizard's GET query (src/matching/form.ts reads it)
// filled from an inventory — how many of each kind, the storage each unit needs, the subscribers of
// the largest list, the usual website software, the domains' extensions. Pure.
import { KIND_FEATURES, SUBMITTED } from "../matching/form";
import type { InventoryService } from "./inventory";

/** The largest of some MB figures, as the wizard's "GB each" (one decimal, rounded up so it fits). */
function gbEach(mbs: readonly (number | null)[]): string | null {
  const max = Math.max(0, ...mbs.map((m) => m ?? 0));
  if (max === 0) return null;
  return String(Math.ceil((max / 1024) * 10) / 10);
}

/** The software most sites use (case-insensitive, first seen wins a tie); static sites have none. */
function usualSoftware(names: readonly (string | null)[]): string | null {
  const counts = new Map<string, { name: string; n: number }>();
  for (const name of names) {
    if (!name || name.toLowerCase() === "static") continue;
    const c = counts.get(name.toLowerCase());
    if (c) c.n++;
    else counts.set(name.toLowerCase(), { name, n: 1 });
  }
  let best: { name: string; n: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.name ?? null;
}

/**
 * The query for the inventory's live services (leave gone ones out). A domain whose zone the old
 * host serves also needs DNS hosting; so does each zone listed on its own (counted once per name).
 * `language` is the member's, asked as the support language.
 */
export function wizardQuery(services: readonly InventoryService[], opts: { language?: string } = {}): Record<string, string[]> {
  const q: Record<string, string[]> = { [SUBMITTED]: ["1"], accepting: ["1"] };
  const set = (name: string, value: string | number | null) => {
    if (value !== null && value !== 0 && value !== "") q[name] = [String(value)];
  };
  const of = <K extends InventoryService["kind"]>(kind: K) => services.filter((s): s is Extract<InventoryService, { kind: K }> => s.kind === kind);

  const sites = of("web_hosting");
  set("web_hosting_qty", sites.length);
  set("web_hosting_gb", gbEach(sites.map((s) => (s.disk_mb ?? 0) + (s.database_mb ?? 0))));
  set("web_hosting_software", usualSoftware(sites.map((s) => s.software)));

  const boxes = of("mailbox");
  set("mailbox_qty", boxes.length);
  set("mailbox_gb", gbEach(boxes.map((b) => Math.max(b.quota_mb ?? 0, b.used_mb ?? 0))));

  set("mail_alias_qty", of("mail_alias").length);

  const lists = of("mailing_list");
  set("mailing_list_qty", lists.length);
  set("mailing_list_subscribers", Math.max(0, ...lists.map((l) => l.subscribers)));
  if (lists.some((l) => (l.archive_mb ?? 0) > 0)) q.mailing_list_features = ["archives"];

  const domains = of("domain_registration");
  set("domain_registration_qty", domains.length);
  // Only the extensions the wizard offers as a feature (tld_be, tld_eu, tld_org).
  const tlds = [...new Set(domains.map((d) => `tld_${d.name.slice(d.name.lastIndexOf(".") + 1)}`))].filter((f) => (KIND_FEATURES.domain_registration as readonly string[]).includes(f));
  if (tlds.length > 0) q.domain_registration_features = tlds.sort();

  const zones = new Set([...domains.filter((d) => d.dns_hosted).map((d) => d.name), ...of("dns_hosting").map((z) => z.name)]);
  set("dns_hosting_qty", zones.size);

  if (opts.language) q.languages = [opts.language];
  return q;
}

/** The wizard's address with that query. */
export function wizardHref(query: Record<string, string[]>): string {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(query)) for (const v of values) params.append(name, v);
  return `/match?${params.toString()}`;
}

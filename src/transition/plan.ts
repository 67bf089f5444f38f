// Can this offer take that inventory service? Pure checks a migration plan runs before it is stored:
// the offer's kind, whether it is published and open, and whether the service's data fits its
// quotas. Each refusal has a stable code (for the API) and a translated sentence (for pages).
import { translator, LOCALES, type Lang } from "../../web/i18n";
import { priceForNeed } from "../matching/price";
import type { MatchOffer, MatchProvider } from "../matching/types";
import type { InventoryKind, InventoryService } from "./inventory";

export { wizardHref, wizardQuery } from "./wizard";

/** What the checks read of an offer: a MatchOffer (src/matching/catalog.ts builds them) fits as is. */
export type PlanOffer = Pick<MatchOffer, "service" | "status" | "load" | "quotas" | "pricing"> & { provider: Pick<MatchProvider, "accepting" | "capacity"> };

/**
 * The catalogue's service kinds that may take each inventory kind. A mailbox offer may hold
 * aliases (hosts create them next to the mailboxes), and a registrar usually serves the zone of
 * the names it registers, so a domain_registration offer may take a DNS zone.
 */
export const OFFER_KINDS: Record<InventoryKind, readonly string[]> = {
  web_hosting: ["web_hosting"],
  mailbox: ["mailbox"],
  mail_alias: ["mail_alias", "mailbox"],
  mailing_list: ["mailing_list"],
  domain_registration: ["domain_registration"],
  dns_hosting: ["dns_hosting", "domain_registration"],
};

export const PLAN_REASONS = [
  "wrong_kind", "archived", "not_published", "not_accepting", "provider_full", "offer_full",
  "storage_too_small", "subscribers_too_small", "count_too_small",
] as const;
export type PlanReason = (typeof PLAN_REASONS)[number];
export type PlanWarningCode = "quota_smaller";

/** `needed`/`included` are MB for storage, subscribers per list, or services for counts. */
export interface PlanProblem<C extends string> {
  code: C;
  service: InventoryKind;
  needed?: number;
  included?: number;
}
export type PlanRefusal = PlanProblem<PlanReason>;
export type PlanWarning = PlanProblem<PlanWarningCode>;
export type PlanCheck = { ok: true; warnings: PlanWarning[] } | { ok: false; refusal: PlanRefusal };

/** Offers state storage in GB per unit; hosts report MB as 1024ths of a GB (MiB), so do we. */
export const MB_PER_GB = 1024;

/** The storage a service's data takes at the old host (hard: it must fit), and its current quota (soft). */
export function storageMb(s: InventoryService): { used: number | null; quota: number | null } {
  switch (s.kind) {
    case "web_hosting":
      return { used: s.disk_mb === null && s.database_mb === null ? null : (s.disk_mb ?? 0) + (s.database_mb ?? 0), quota: null };
    case "mailbox":
      return { used: s.used_mb, quota: s.quota_mb };
    case "mailing_list":
      return { used: s.archive_mb, quota: null };
    default:
      return { used: null, quota: null };
  }
}

/** One service against one offer, first failed check first (kind, availability, then quotas). */
export function canTake(service: InventoryService, offer: PlanOffer): PlanCheck {
  const refuse = (code: PlanReason, needed?: number, included?: number): PlanCheck => ({ ok: false, refusal: { code, service: service.kind, needed, included } });
  if (!OFFER_KINDS[service.kind].includes(offer.service)) return refuse("wrong_kind");
  if (offer.status === "archived") return refuse("archived");
  if (offer.status !== "published") return refuse("not_published");
  if (!offer.provider.accepting) return refuse("not_accepting");
  if (offer.provider.capacity === 0) return refuse("provider_full");
  if (offer.load === "FULL") return refuse("offer_full");

  const warnings: PlanWarning[] = [];
  const gb = offer.quotas.storage_gb;
  if (gb !== null) {
    const includedMb = Math.floor(gb * MB_PER_GB);
    const { used, quota } = storageMb(service);
    if (used !== null && used > includedMb) return refuse("storage_too_small", used, includedMb);
    if (quota !== null && quota > includedMb) warnings.push({ code: "quota_smaller", service: service.kind, needed: quota, included: includedMb });
  }
  const maxSubscribers = offer.quotas.subscribers;
  if (service.kind === "mailing_list" && maxSubscribers !== null && service.subscribers > maxSubscribers) {
    return refuse("subscribers_too_small", service.subscribers, maxSubscribers);
  }
  return { ok: true, warnings };
}

export interface PlanAssignment<O extends PlanOffer = PlanOffer> {
  service: InventoryService;
  offer_id: string;
  offer: O;
}

/**
 * A whole plan: each assignment alone, then how many services of a kind go to one offer against
 * its count quota (mailboxes, aliases, lists, domains) as the matching engine prices them — a free
 * pack or a per-unit order is capped, paid flat packs can be taken several times.
 * Returns one check per assignment, in order; every assignment to an offer that is over its count fails.
 */
export function checkPlan(assignments: readonly PlanAssignment[]): PlanCheck[] {
  const checks = assignments.map((a) => canTake(a.service, a.offer));
  const groups = new Map<string, number[]>();
  assignments.forEach((a, i) => {
    const key = `${a.offer_id}\u0000${a.service.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const indexes of groups.values()) {
    const a = assignments[indexes[0]!]!;
    // The count quota of the service's own kind (aliases on a mailbox offer count as aliases).
    const price = priceForNeed({ ...a.offer, service: a.service.kind }, { quantity: indexes.length, storage_gb: null, subscribers: null });
    if (price.ok) continue;
    for (const i of indexes) {
      if (checks[i]!.ok) checks[i] = { ok: false, refusal: { code: "count_too_small", service: a.service.kind, needed: price.needed, included: price.included } };
    }
  }
  return checks;
}

/** The sentence for a refusal or a warning, in the reader's language. */
export function planMessage(problem: PlanRefusal | PlanWarning, lang: Lang): string {
  const t = translator(lang);
  const storage = (mb = 0) => new Intl.NumberFormat(LOCALES[lang], { style: "unit", unit: "gigabyte", maximumFractionDigits: 2 }).format(mb / MB_PER_GB);
  const count = (n = 0) => new Intl.NumberFormat(LOCALES[lang]).format(n);
  const fmt = problem.code === "storage_too_small" || problem.code === "quota_smaller" ? storage : count;
  const params = { service: t(`transition.kind.${problem.service}`), needed: fmt(problem.needed), included: fmt(problem.included) };
  return t(problem.code === "quota_smaller" ? "transition.plan.warning_quota_smaller" : `transition.plan.${problem.code}`, params);
}

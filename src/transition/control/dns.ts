// DNS cut-over checks, pure: what the new host expects the domain to show (`dns_targets` on the
// item, set by the provider), what a lookup found, and what does not match. Names compare without
// case or trailing dot; MX compares hosts (the preference is the host's business). A declared type
// matches when the set found equals the set expected: an old MX left beside the new one still
// splits the mail, so it is a mismatch.
import { z } from "zod";
import { normaliseDomain } from "../names";

export const DNS_TYPES = ["mx", "a", "aaaa", "cname", "ns"] as const;
export type DnsType = (typeof DNS_TYPES)[number];

export type DnsTargets = Partial<Record<DnsType, string[]>>;
export type DnsFound = Record<DnsType, string[]>;
export interface DnsMismatch {
  type: DnsType;
  expected: string[];
  found: string[];
}

/** Two matching checks in a row mark the item verified by DNS. */
export const MATCHES_NEEDED = 2;

const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .transform((v, ctx) => {
    const h = normaliseDomain(v);
    if (!h) ctx.addIssue({ code: "custom", message: "a host name, e.g. mail.example.org" });
    return h ?? "";
  });
const v4 = z.ipv4({ message: "an IPv4 address" });
const v6 = z.ipv6({ message: "an IPv6 address" }).transform((v) => v.toLowerCase());
const list = <T extends z.ZodType<string>>(item: T) => z.array(item).min(1).max(10).optional();

/** `{"mx": [...], "a": [...], "aaaa": [...], "cname": [...] | "…", "ns": [...]}`, at least one type. */
export const dnsTargetsSchema = z
  .strictObject({
    mx: list(hostName),
    a: list(v4),
    aaaa: list(v6),
    cname: z.union([hostName.transform((h) => [h]), z.array(hostName).min(1).max(1)]).optional(),
    ns: list(hostName),
  })
  .refine((t) => DNS_TYPES.some((k) => t[k]?.length), { message: "declare at least one of mx, a, aaaa, cname, ns" });

const name = (s: string) => s.trim().toLowerCase().replace(/\.$/, "");

/** DoH data → comparable values: MX `10 mx.example.org.` → `mx.example.org`; names lower case without the dot. */
export function normaliseFound(type: DnsType, data: readonly string[]): string[] {
  const values = data.map((d) => (type === "mx" ? name(d.split(/\s+/).at(-1) ?? "") : type === "a" ? d.trim() : type === "aaaa" ? d.trim().toLowerCase() : name(d)));
  return [...new Set(values.filter(Boolean))].sort();
}

export function compareDns(targets: DnsTargets, found: DnsFound): DnsMismatch[] {
  const out: DnsMismatch[] = [];
  for (const type of DNS_TYPES) {
    const expected = targets[type];
    if (!expected?.length) continue;
    const want = [...new Set(expected.map((e) => (type === "a" || type === "aaaa" ? e.toLowerCase() : name(e))))].sort();
    const got = found[type];
    if (want.length !== got.length || want.some((w, i) => w !== got[i])) out.push({ type, expected: want, found: got });
  }
  return out;
}

/** The types to look up: only those declared (a CNAME lookup also answers the chain for A). */
export const typesToCheck = (targets: DnsTargets): DnsType[] => DNS_TYPES.filter((t) => targets[t]?.length);

/**
 * Whether this check makes the item verified by DNS: it matched and so did the one before it
 * (`previousMatched`), and the item is not marked yet.
 */
export function becomesVerified(matched: boolean, previousMatched: boolean | null, alreadyVerified: boolean): boolean {
  return !alreadyVerified && matched && previousMatched === true && MATCHES_NEEDED === 2;
}

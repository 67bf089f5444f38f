// Where a webhook's host name leads: Workers have no DNS API, so the name is resolved with
// DNS-over-HTTPS JSON (`?name=…&type=A` and `AAAA`, `accept: application/dns-json`, Cloudflare's and
// Google's format) against WEBHOOK_DNS_RESOLVER. A name is refused when any address it resolves to
// is private, loopback, link-local, unique-local or reserved (IPv4, IPv6, IPv4-mapped IPv6: the rules
// of ./urls), or when its CNAME chain reaches our own host. Checked at registration and before every
// delivery; a lookup that fails is neither a pass nor a refusal: the caller decides (registration
// refuses, delivery retries). The fetch is injectable; by default the global one, looked up at call time.
import { privateV4, privateV6 } from "./urls";

export const DOH_TIMEOUT_MS = 5_000;
/** The setting's value that turns the lookup off (development without network, tests that do not exercise it). */
export const RESOLVER_OFF = "off";

export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface Resolver {
  /** The DoH JSON endpoint, e.g. `https://cloudflare-dns.com/dns-query`. */
  url: string;
  fetch?: Fetch;
  timeoutMs?: number;
}

export type Resolution =
  | { ok: true; addresses: string[]; cnames: string[] }
  /** `nxdomain`: the name does not exist (an answer, not a failure). */
  | { ok: false; error: string; nxdomain?: boolean };

interface DohAnswer {
  Status?: number;
  Answer?: { name?: string; type?: number; data?: string }[];
}

const TYPE = { A: 1, AAAA: 28, CNAME: 5, NS: 2, MX: 15 } as const;
export type RecordType = keyof typeof TYPE;

async function query(name: string, type: RecordType, r: Resolver): Promise<DohAnswer> {
  const url = new URL(r.url);
  url.searchParams.set("name", name);
  url.searchParams.set("type", type);
  const doFetch: Fetch = r.fetch ?? ((input, init) => fetch(input, init));
  const res = await doFetch(url.toString(), { headers: { accept: "application/dns-json" }, signal: AbortSignal.timeout(r.timeoutMs ?? DOH_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`the resolver answered HTTP ${res.status}`);
  const body = (await res.json()) as DohAnswer;
  if (typeof body !== "object" || body === null || typeof body.Status !== "number") throw new Error("the resolver's answer is not DNS JSON");
  return body;
}

/** The A and AAAA addresses of `name` (and the CNAMEs met on the way). Never throws. */
export async function resolveHost(name: string, r: Resolver): Promise<Resolution> {
  let answers: DohAnswer[];
  try {
    answers = await Promise.all([query(name, "A", r), query(name, "AAAA", r)]);
  } catch (err) {
    const e = err as { name?: string; message?: string };
    return { ok: false, error: e.name === "TimeoutError" || e.name === "AbortError" ? `no answer from the resolver within ${(r.timeoutMs ?? DOH_TIMEOUT_MS) / 1000} s` : `DNS lookup failed: ${String(e.message ?? err).slice(0, 200)}` };
  }
  if (answers.some((a) => a.Status === 3)) return { ok: false, error: `${name} does not exist (NXDOMAIN)`, nxdomain: true };
  const bad = answers.find((a) => a.Status !== 0);
  if (bad) return { ok: false, error: `DNS lookup failed: resolver status ${bad.Status}` };
  const records = answers.flatMap((a) => a.Answer ?? []);
  const addresses = records.filter((x) => (x.type === TYPE.A || x.type === TYPE.AAAA) && typeof x.data === "string").map((x) => x.data!.trim());
  const cnames = records.filter((x) => x.type === TYPE.CNAME && typeof x.data === "string").map((x) => x.data!.trim().toLowerCase().replace(/\.$/, ""));
  return { ok: true, addresses: [...new Set(addresses)], cnames: [...new Set(cnames)] };
}

/**
 * The records of one type at `name`, as DoH writes their data (`10 mx.example.org.` for MX); the
 * DNS cut-over checks (src/transition/control/dns-job.ts) read MX, A, AAAA, CNAME and NS with it.
 * NXDOMAIN and an empty answer are both "no records"; a failed lookup throws.
 */
export async function lookupRecords(name: string, type: RecordType, r: Resolver): Promise<string[]> {
  const answer = await query(name, type, r);
  if (answer.Status === 3) return [];
  if (answer.Status !== 0) throw new Error(`DNS lookup failed: resolver status ${answer.Status}`);
  return (answer.Answer ?? []).filter((x) => x.type === TYPE[type] && typeof x.data === "string").map((x) => x.data!.trim());
}

/** An address as DoH writes it (`192.0.2.1`, `2001:db8::1`, `::ffff:10.0.0.1`) is not a public one. */
export function privateAddress(address: string): boolean {
  if (!address.includes(":")) return privateV4(address);
  // A dotted tail (`::ffff:10.0.0.1`) into two hex groups, so ./urls reads it as IPv4-mapped.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const p = dotted[2]!.split(".").map(Number);
    if (p.length !== 4 || p.some((n) => !(n >= 0 && n <= 255))) return true;
    return privateV6(`${dotted[1]}${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`);
  }
  return privateV6(address);
}

export type ResolvedProblem = "resolves_private" | "own_host" | "unresolvable";

/** What is wrong with where a name resolves to, given our own hosts; null when every address is public. */
export function resolvedProblem(res: Extract<Resolution, { ok: true }>, ownHosts: readonly string[]): ResolvedProblem | null {
  const own = new Set(ownHosts.map((h) => h.toLowerCase()));
  if (res.cnames.some((c) => own.has(c))) return "own_host";
  if (res.addresses.some(privateAddress)) return "resolves_private";
  if (!res.addresses.length) return "unresolvable";
  return null;
}

/** The resolver the settings name, or null when turned off. */
export function resolverOf(setting: string | undefined, fetchImpl?: Fetch): Resolver | null {
  if (!setting || setting === RESOLVER_OFF) return null;
  return { url: setting, fetch: fetchImpl };
}

/** Whether a URL's host is a name (to resolve) rather than an address literal. */
export function hostName(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return null;
  }
  if (host.startsWith("[") || /^[0-9.]+$/.test(host)) return null;
  return host;
}

// Where a webhook may be sent: https to a public host, never a private, loopback, link-local or
// reserved address, nor our own host; plain http to localhost in development only. Pure, checked at
// registration and again before every delivery. Only literal addresses can be judged here: a name
// that resolves to a private address is not reachable from a Worker's fetch (Cloudflare's edge
// does not route to private networks), which is the second line of defence.
export type UrlProblem = "invalid" | "not_https" | "credentials" | "private_address" | "local_name" | "own_host";

export interface UrlRules {
  environment: string;
  /** Our own hosts (the site's), never a target. */
  ownHosts: readonly string[];
}

const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".intranet", ".lan", ".home", ".home.arpa", ".localdomain", ".corp", ".private"];

export function urlProblem(raw: string, rules: UrlRules): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "invalid";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "not_https";
  if (url.username || url.password) return "credentials";
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const loopbackName = host === "localhost" || host === "127.0.0.1" || host === "[::1]";
  const dev = rules.environment === "development";
  if (url.protocol === "http:" && !(dev && loopbackName)) return "not_https";
  if (dev && loopbackName) return null;
  if (rules.ownHosts.some((h) => h.toLowerCase() === host)) return "own_host";
  if (host.startsWith("[")) return privateV6(host.slice(1, -1)) ? "private_address" : null;
  if (/^[0-9.]+$/.test(host)) return privateV4(host) ? "private_address" : null;
  if (host === "localhost" || LOCAL_SUFFIXES.some((s) => host.endsWith(s)) || !host.includes(".")) return "local_name";
  return null;
}

function v4Parts(host: string): number[] | null {
  const parts = host.split(".").map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts : null;
}

/** Private, loopback, link-local, shared, benchmark, documentation, multicast and reserved IPv4. */
export function privateV4(host: string): boolean {
  const p = v4Parts(host);
  if (!p) return true; // the URL parser normalises every IPv4 form; anything else is not a public address
  const [a, b, c] = p as [number, number, number, number];
  return (
    a === 0 || a === 10 || a === 127 || a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  );
}

/** Expands an IPv6 literal (as the URL parser writes it) into eight 16-bit groups. */
function v6Groups(addr: string): number[] | null {
  const [head, tail, more] = addr.split("::");
  if (more !== undefined) return null;
  const read = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const h = read(head);
  const t = tail === undefined ? [] : read(tail);
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill(0), ...t];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** Unspecified, loopback, IPv4-mapped/compatible/NAT64 of a private v4, unique-local, link-local, multicast, documentation. */
export function privateV6(addr: string): boolean {
  const g = v6Groups(addr.toLowerCase());
  if (!g) return true;
  const [g0, g1] = g as [number, number];
  if (g.slice(0, 7).every((x) => x === 0) && (g[7] === 0 || g[7] === 1)) return true;
  const embedded = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return privateV4(embedded(g[6]!, g[7]!));
  if (g0 === 0x64 && g1 === 0xff9b) return privateV4(embedded(g[6]!, g[7]!));
  return (g0 & 0xfe00) === 0xfc00 || (g0 & 0xffc0) === 0xfe80 || (g0 & 0xff00) === 0xff00 || (g0 === 0x2001 && g1 === 0xdb8) || g0 === 0;
}

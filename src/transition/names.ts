// Domain names, host names and mail addresses as the inventory stores them: IDN allowed on input,
// normalised to lower-case ASCII (punycode, by the URL API's UTS #46 mapping) so that "Bücher.be",
// "BÜCHER.be." and "xn--bcher-kva.be" are one natural key. Pure.

/** Characters that would make the URL API read something else than a host (path, port, user…). */
const NOT_A_HOST = /[\s/\\?#@:[\]%<>^|"`{}]/u;
/** One LDH label after punycode: letters, digits, inner hyphens; 63 octets at most (RFC 1035). */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Two hyphens in positions 3–4 are reserved for A-labels ("xn--"); anything else there is not a valid IDNA label. */
const RESERVED = /^..--/;

/**
 * A host or domain name → its ASCII form, or null when it is not one. Needs two labels at least
 * (a registrable name, not "localhost"), refuses IP literals and a numeric top-level label.
 */
export function normaliseDomain(input: string): string | null {
  const raw = input.trim();
  if (raw === "" || raw.length > 1000 || NOT_A_HOST.test(raw)) return null;
  let host: string;
  try {
    host = new URL(`http://${raw}`).hostname;
  } catch {
    return null; // invalid punycode, forbidden code points, empty
  }
  if (host.endsWith(".")) host = host.slice(0, -1); // the root's dot is not part of the key
  if (host.length === 0 || host.length > 253) return null;
  const labels = host.split(".");
  if (labels.length < 2) return null;
  for (const label of labels) {
    if (!LABEL.test(label)) return null;
    if (RESERVED.test(label) && !label.startsWith("xn--")) return null;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return null; // 192.168.1.1 and friends
  return host;
}

/** The message a refused name gets. */
export const DOMAIN_HINT = "a domain name such as example.be or bücher.be";

/** RFC 5321 dot-atom local part, ASCII only (Cassiopea's servers never offered SMTPUTF8). */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * A mail address → `local@ascii-domain`, the local part lower-cased: the old host treats addresses
 * without regard to case, so `Info@X.be` and `info@x.be` are the same mailbox and must not be two rows.
 */
export function normaliseAddress(input: string): string | null {
  const raw = input.trim();
  const at = raw.lastIndexOf("@");
  if (at <= 0 || raw.length > 320) return null;
  const local = raw.slice(0, at);
  if (local.length > 64 || !LOCAL.test(local)) return null;
  const domain = normaliseDomain(raw.slice(at + 1));
  return domain ? `${local.toLowerCase()}@${domain}` : null;
}

/** The message a refused address gets. */
export const ADDRESS_HINT = "a mail address such as info@example.be";

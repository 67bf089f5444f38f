// Email addresses as mail allows them today: an internationalised domain (IDNA) is normalised to its
// ASCII (punycode) form, which every mail server understands, so `exämple.be` and
// `xn--exmple-cua.be` are one address; the local part stays UTF-8 (SMTPUTF8, RFC 6531), NFC.
// Pure: tested without a database.
import { z } from "zod";

/** RFC 5322 atext, plus any non-ASCII character (RFC 6531 UTF8-non-ascii). */
const ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\u{10FFFF}]+$/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const encoder = new TextEncoder();

/** Why an address is refused, for the form's message. */
export type EmailProblem = "format" | "local_part" | "domain" | "too_long";

/**
 * `Anaïs@Exämple.BE` → `anaïs@xn--exmple-cua.be`; a reason when it cannot be an address. The whole
 * address is lower-cased (as sign-in always has), the local part NFC-normalised.
 */
export function normaliseEmail(raw: string): { ok: true; email: string } | { ok: false; problem: EmailProblem } {
  const text = raw.trim().normalize("NFC");
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1) return { ok: false, problem: "format" };
  const local = text.slice(0, at).toLowerCase();
  const domain = toAsciiDomain(text.slice(at + 1));
  if (encoder.encode(local).length > 64 || !local.split(".").every((atom) => ATOM.test(atom)) || /[\p{Cc}\p{Cf}\p{Z}]/u.test(local)) {
    return { ok: false, problem: "local_part" };
  }
  if (domain === null) return { ok: false, problem: "domain" };
  const email = `${local}@${domain}`;
  if (encoder.encode(email).length > 254) return { ok: false, problem: "too_long" };
  return { ok: true, email };
}

/** `Exämple.BE` → `xn--exmple-cua.be` (UTS 46 through the URL parser); null when not a host name with a top-level domain. */
export function toAsciiDomain(domain: string): string | null {
  if (!domain || /[\s/\\?#@:[\]%]/.test(domain)) return null;
  let host: string;
  try {
    host = new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
  const labels = host.split(".");
  const tld = labels[labels.length - 1] ?? "";
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !/^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return null;
  return host;
}

/** A form field holding an address: normalised as above, the reason in the message when refused. */
export const emailSchema = z.string().max(320).transform((raw, ctx) => {
  const r = normaliseEmail(raw);
  if (r.ok) return r.email;
  ctx.addIssue({ code: "custom", message: r.problem });
  return z.NEVER;
});

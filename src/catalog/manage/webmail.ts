// Public webmail domains: an address there proves nothing about who controls an organisation, so a
// claim by such a domain always goes to a steward. Pure; the one list of them.

/** Exact domains. */
const WEBMAIL = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "outlook.fr", "outlook.be", "hotmail.com", "hotmail.fr", "hotmail.be",
  "live.com", "live.fr", "live.be", "msn.com", "proton.me", "protonmail.com", "pm.me", "laposte.net", "orange.fr",
  "wanadoo.fr", "free.fr", "sfr.fr", "skynet.be", "telenet.be", "proximus.be", "icloud.com", "me.com", "mac.com",
  "web.de", "aol.com", "mail.com", "zoho.com", "tutanota.com", "tuta.io", "yandex.com", "yandex.ru", "mail.ru",
]);

/** Families whose every country domain is a webmail: yahoo.fr, yahoo.co.uk, gmx.de, gmx.net… */
const WEBMAIL_FAMILIES = ["yahoo", "ymail", "gmx"];

/** The domain of an address, lower-cased; null when there is none. */
export function emailDomain(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return null;
  return email.slice(at + 1).trim().toLowerCase().replace(/\.$/, "") || null;
}

export function isPublicWebmail(domain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, "");
  if (WEBMAIL.has(d)) return true;
  const first = d.split(".")[0] ?? "";
  return WEBMAIL_FAMILIES.includes(first) && d.includes(".");
}

/**
 * May a person's address prove control of a profile's contact domain? Only a verified address whose
 * domain is exactly the contact's, and not a public webmail (anyone can open an account there).
 */
export function provesDomain(person: { email: string; emailVerified: boolean }, contactEmail: string | null): boolean {
  if (!person.emailVerified) return false;
  const mine = emailDomain(person.email);
  const theirs = emailDomain(contactEmail);
  return !!mine && mine === theirs && !isPublicWebmail(mine);
}

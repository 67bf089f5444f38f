// The first-steward command's SQL, as a pure module with no node imports, so the CLI
// (scripts/steward.mjs) and a test inside workerd (tests/admin/steward-sql.test.ts) run the very
// same statements. The caller hashes the key (SHA-256, hex): node:crypto in the CLI, WebCrypto in tests.
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
export const ROLES = ["steward", "coop_admin"];
/** What a steward's personal key may do: every steward scope (the same list as src/accounts/keys/model.ts). */
export const STEWARD_KEY_SCOPES = ["catalog:import", "audit:read", "outbox:manage", "health:read", "transition:import", "transition:read", "migrations:write"];
/** What a coop_admin's personal key may do: bill for the cooperative (src/coop/invoices). */
export const COOP_ADMIN_KEY_SCOPES = ["billing:write"];
/** The scopes of a key minted with a role. */
export const KEY_SCOPES = { steward: STEWARD_KEY_SCOPES, coop_admin: COOP_ADMIN_KEY_SCOPES };
/** The first characters of a key kept in clear, so lists can tell keys apart (`chk_` + 8). */
export const KEY_START_LENGTH = 12;

/** Random base-36 text from the global WebCrypto (node ≥ 19 and workerd both have it). */
export function randomString(length) {
  let out = "";
  while (out.length < length) for (const b of globalThis.crypto.getRandomValues(new Uint8Array(length * 2))) if (b < 252 && out.length < length) out += ALPHABET[b % 36];
  return out;
}

/** A new key secret, `chk_` + 37 base-36 characters (the same shape as src/accounts/keys/secret.ts). */
export const newKeySecret = () => `chk_${randomString(37)}`;

const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;

export function normaliseEmail(email) {
  const address = String(email ?? "").trim().toLowerCase();
  if (!/^[^\s@'"]+@[^\s@'"]+\.[^\s@'"]+$/.test(address)) throw new Error(`Not an email address: ${email}`);
  return address;
}

/**
 * The SQL of one grant, one statement per line: create the person if the address never signed in
 * (unverified, so they can sign in later), grant the role, write the audit record, and with `key`
 * store a personal key by its hash, with the role's scopes (KEY_SCOPES: a coop_admin's bills).
 * @param {{ email: string, role?: string, key?: { name: string, start: string, hash: string }, keyExpiresAt?: string, now?: string }} grant
 */
export function grantSql({ email, role = "steward", key, keyExpiresAt, now = new Date().toISOString() }) {
  const address = normaliseEmail(email);
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(", ")}`);
  if (key && !/^[0-9a-f]{64}$/.test(key.hash)) throw new Error("key.hash must be the SHA-256 of the secret, in hex");
  if (keyExpiresAt !== undefined && keyExpiresAt !== null && Number.isNaN(Date.parse(keyExpiresAt))) throw new Error(`Not a date: ${keyExpiresAt}`);
  const person = `FROM users WHERE email = ${quote(address)}`;
  const lines = [
    `INSERT INTO users (id, name, email, email_verified, language, created_at, updated_at) VALUES (${quote(`usr_${randomString(16)}`)}, '', ${quote(address)}, 0, 'fr', ${quote(now)}, ${quote(now)}) ON CONFLICT(email) DO NOTHING;`,
    // The audit row only when the role is new, so re-running the command records nothing twice.
    `INSERT INTO audit_log (id, at, actor_system, action, subject_type, subject_id, detail) SELECT ${quote(`aud_${randomString(16)}`)}, ${quote(now)}, 'cli', 'role.grant', 'user', id, ${quote(JSON.stringify({ role, email: address, via: "cli" }))} ${person} AND NOT EXISTS (SELECT 1 FROM platform_roles WHERE platform_roles.user_id = users.id AND role = ${quote(role)});`,
    `INSERT INTO platform_roles (user_id, role, granted_by, created_at) SELECT id, ${quote(role)}, 'cli', ${quote(now)} ${person} ON CONFLICT DO NOTHING;`,
  ];
  if (key) {
    const keyId = `key_${randomString(16)}`;
    const scopes = KEY_SCOPES[role];
    const expires = keyExpiresAt ? quote(new Date(keyExpiresAt).toISOString()) : "NULL";
    lines.push(
      `INSERT INTO api_keys (id, user_id, name, start, hash, scopes, expires_at, created_at) SELECT ${quote(keyId)}, id, ${quote(key.name)}, ${quote(key.start)}, ${quote(key.hash)}, ${quote(JSON.stringify(scopes))}, ${expires}, ${quote(now)} ${person};`,
      `INSERT INTO audit_log (id, at, actor_system, action, subject_type, subject_id, detail) SELECT ${quote(`aud_${randomString(16)}`)}, ${quote(now)}, 'cli', 'key.create', 'api_key', ${quote(keyId)}, ${quote(JSON.stringify({ name: key.name, start: key.start, scopes, expiresAt: keyExpiresAt ?? null, via: "cli" }))};`,
    );
  }
  return lines.join("\n");
}

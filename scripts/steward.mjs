// The first-steward command (and any later platform role from the command line):
//   npm run steward -- <email> [--role steward|coop_admin] [--key <name>] [--remote] [--persist-to <dir>]
// Creates the person if they have never signed in, grants the role, writes the audit record, and with
// --key mints a steward API key (printed once; only its SHA-256 is stored). Local D1 by default;
// --remote writes to the deployed database. Later roles are granted by a steward at /admin/people.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const ROLES = ["steward", "coop_admin"];

function randomString(length) {
  let out = "";
  while (out.length < length) for (const b of randomBytes(length * 2)) if (b < 252 && out.length < length) out += ALPHABET[b % 36];
  return out;
}
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** The SQL for one grant; pure, so tests and --dry-run can show it. */
export function grantSql({ email, role, key, keyExpiresAt, now = new Date().toISOString() }) {
  const userId = `usr_${randomString(16)}`;
  const lines = [
    `INSERT INTO users (id, name, email, email_verified, language, created_at, updated_at) VALUES (${quote(userId)}, '', ${quote(email)}, 0, 'fr', ${quote(now)}, ${quote(now)}) ON CONFLICT(email) DO NOTHING;`,
    `INSERT INTO platform_roles (user_id, role, granted_by, created_at) SELECT id, ${quote(role)}, 'cli', ${quote(now)} FROM users WHERE email = ${quote(email)} ON CONFLICT DO NOTHING;`,
    `INSERT INTO audit_log (id, at, action, subject_type, subject_id, detail) SELECT ${quote(`aud_${randomString(16)}`)}, ${quote(now)}, 'role.grant', 'user', id, ${quote(JSON.stringify({ role, via: "cli" }))} FROM users WHERE email = ${quote(email)};`,
  ];
  if (key) {
    lines.push(
      `INSERT INTO api_keys (id, user_id, name, start, hash, scopes, expires_at, created_at) SELECT ${quote(`key_${randomString(16)}`)}, id, ${quote(key.name)}, ${quote(key.secret.slice(0, 12))}, ${quote(createHash("sha256").update(key.secret).digest("hex"))}, ${quote(JSON.stringify(["catalog:import", "audit:read"]))}, ${keyExpiresAt ? quote(keyExpiresAt) : "NULL"}, ${quote(now)} FROM users WHERE email = ${quote(email)};`,
    );
  }
  return lines.join("\n");
}

export const newKey = (name) => ({ name, secret: `chk_${randomString(37)}` });

/** Runs the grant through `wrangler d1 execute`; returns the key's secret when one was asked for. */
export function grant({ email, role = "steward", keyName, keyExpiresAt, remote = false, persistTo }) {
  email = String(email ?? "").trim().toLowerCase();
  if (!/^[^\s@'"]+@[^\s@'"]+\.[^\s@'"]+$/.test(email)) throw new Error(`Not an email address: ${email}`);
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(", ")}`);
  const key = keyName ? newKey(keyName) : undefined;
  const where = remote ? ["--remote"] : ["--local", ...(persistTo ? ["--persist-to", persistTo] : [])];
  const run = spawnSync(join(root, "node_modules/.bin/wrangler"), ["d1", "execute", "DB", ...where, "--command", grantSql({ email, role, key, keyExpiresAt })], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
  });
  if (run.status !== 0) throw new Error(`wrangler d1 execute failed:\n${run.stderr || run.stdout}`);
  return key?.secret;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const remote = args.includes("--remote");
  const options = { role: flag("--role"), keyName: flag("--key"), persistTo: flag("--persist-to"), remote };
  const [email] = args.filter((a) => !a.startsWith("--"));
  if (!email) {
    console.error("Usage: npm run steward -- <email> [--role steward|coop_admin] [--key <name>] [--remote] [--persist-to <dir>]");
    process.exit(2);
  }
  try {
    const secret = grant({ email, ...options, role: options.role ?? "steward" });
    console.log(`${email} is now ${options.role ?? "steward"} (${remote ? "remote" : "local"} D1). They sign in at /sign-in with this address.`);
    if (secret) console.log(`API key (shown once, keep it secret): ${secret}`);
  } catch (err) {
    console.error(String(err.message ?? err));
    process.exit(1);
  }
}

// The first-steward command (and any later platform role from the command line):
//   npm run steward -- <email> [--role steward|coop_admin] [--key <name>] [--remote] [--persist-to <dir>]
// Creates the person if they have never signed in, grants the role, writes the audit record, and with
// --key mints a personal API key with the role's scopes (a steward's, or a coop_admin's billing:write;
// printed once; only its SHA-256 is stored). Local D1 by default;
// --remote writes to the deployed database. Later roles are granted by a steward at /admin/people.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { grantSql, KEY_START_LENGTH, newKeySecret, normaliseEmail, ROLES } from "./steward-sql.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

export { grantSql };

/** A new steward key: the secret to print once, and what the database keeps (its start and SHA-256). */
export function newKey(name) {
  const secret = newKeySecret();
  return { secret, stored: { name, start: secret.slice(0, KEY_START_LENGTH), hash: createHash("sha256").update(secret).digest("hex") } };
}

/** Runs the grant through `wrangler d1 execute`; returns the key's secret when one was asked for. */
export function grant({ email, role = "steward", keyName, keyExpiresAt, remote = false, persistTo }) {
  email = normaliseEmail(email);
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(", ")}`);
  const key = keyName ? newKey(keyName) : undefined;
  const where = remote ? ["--remote"] : ["--local", ...(persistTo ? ["--persist-to", persistTo] : [])];
  const args = ["d1", "execute", "DB", ...where, "--command", grantSql({ email, role, key: key?.stored, keyExpiresAt })];
  // Locally, the previous wrangler's workerd (npm start's migrations, the grant before) may still
  // hold the SQLite file for a moment as it exits: SQLITE_BUSY, seen once in a Playwright start-up.
  // The grant is one statement batch, so running it again is safe.
  for (let attempt = 1; ; attempt++) {
    const run = spawnSync(join(root, "node_modules/.bin/wrangler"), args, {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    });
    if (run.status === 0) return key?.secret;
    const out = `${run.stderr ?? ""}${run.stdout ?? ""}`;
    if (remote || attempt >= 5 || !out.includes("SQLITE_BUSY")) throw new Error(`wrangler d1 execute failed:\n${out}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500 * attempt);
  }
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

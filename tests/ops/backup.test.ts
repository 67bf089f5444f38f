// The nightly backup, end to end on real D1 and R2 (miniflare): the demo catalogue through the real
// importer, a signed-in person, and a row in every other table; the backup job writes the bucket;
// the restore SQL fills a second, empty D1 (RESTORE_DB) migrated the same way; every table compares equal
// but the derived catalogue version, which the restore draws anew so no directory page cached before
// it is served again.
import { applyD1Migrations, createExecutionContext, env } from "cloudflare:test";
import { getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../../src/db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { runBackup, gunzipText } from "../../src/ops/backup/export";
import { parseBackup } from "../../src/ops/backup/format";
import { restoreStatements, targetProblems } from "../../src/ops/backup/restore-sql";
import { backupKey } from "../../src/ops/backup/retention";
import { createApp } from "../../src/app";
import { catalogVersion, CATALOG_DERIVED_TABLES, NEW_CATALOG_VERSION_SQL } from "../../src/catalog/version";
import { signIn } from "../accounts/helpers";
import { BASE, json, postJson } from "../helpers/http";
import { apiKey, grantRole, makeOrg, person } from "../helpers/people";

declare global {
  namespace Cloudflare {
    interface Env {
      RESTORE_DB: D1Database;
    }
  }
}

const DEMO = import.meta.glob("../../demo/chatonsinfos/*/*.properties", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

async function importDemo() {
  const byOrg = new Map<string, { organization?: string; services: string[] }>();
  for (const [path, text] of Object.entries(DEMO).sort()) {
    const [, slug, file] = /chatonsinfos\/([^/]+)\/([^/]+)$/.exec(path)!;
    const entry = byOrg.get(slug!) ?? { services: [] };
    if (file === "organization.properties") entry.organization = text;
    else entry.services.push(text);
    byOrg.set(slug!, entry);
  }
  for (const [slug, body] of byOrg) {
    const res = await postJson("/api/v1/import/chatonsinfos", body);
    if (res.status !== 201 && res.status !== 200) throw new Error(`demo ${slug}: ${res.status} ${await res.text()}`);
  }
  return byOrg.size;
}

/** One row in each table the flows above do not fill, with awkward values (quotes, newlines, unicode, NULLs, reals). */
async function everyOtherTable() {
  const userId = await grantRole("backup-steward@chatiere.test", "steward");
  const providerId = (await env.DB.prepare("select id from providers order by id limit 1").first<{ id: string }>())!.id;
  const orgId = await makeOrg({ kind: "provider", name: "L'Atelier « ünïcode » \n two lines", members: [{ email: "owner@backup.test", role: "owner" }], providerId });
  await apiKey({ email: "owner@backup.test", orgId, scopes: ["offers:write"] });
  const sql = [
    ["insert into auth_accounts (id, user_id, account_id, provider_id) values ('acc_backup', ?, 'x', 'credential')", userId],
    ["insert into passkeys (id, user_id, public_key, credential_id, counter, device_type, backed_up) values ('pky_backup', ?, 'pk''ey', 'cred', 3, 'singleDevice', 0)", userId],
    ["insert into verifications (id, identifier, value, expires_at) values ('vrf_backup', 'id', 'v', '2030-01-01T00:00:00.000Z')"],
    ["insert into pending_changes (id, subject_type, subject_id, org_id, kind, payload) values ('chg_backup', 'provider', ?, ?, 'profile', '{\"a\":\"b\"}')", providerId, orgId],
    ["insert into provider_claims (id, org_id, provider_id, method) values ('clm_backup', ?, ?, 'steward')", orgId, providerId],
    ["insert into invitations (id, org_id, email, role, token_hash, expires_at) values ('inv_backup', ?, 'guest@backup.test', 'member', 'h', '2030-01-01T00:00:00Z')", orgId],
    ["insert into audit_log (id, action, subject_type, subject_id, detail) values ('aud_backup', 'backup.test', 'user', ?, '{}')", userId],
    ["insert into saved_needs (id, org_id, name, query, request) values ('ned_backup', ?, 'Needs', 'mailbox_qty=1', '{}')", orgId],
    ["insert into shortlist_items (id, org_id, items, monthly_cents, yearly_cents, providers, score, query) values ('sht_backup', ?, '[]', 1234, 14808, 1, 61.25, 'mailbox_qty=1')", orgId],
    ["insert into incidents (id, \"check\", opened_at, value, threshold, worst) values ('inc_backup', 'backups.age', '2026-01-01T00:00:00Z', 30.5, 26, 31)"],
    ["insert into inventory_services (id, org_id, kind, natural_key, service) values ('svc_backup', ?, 'mailbox', 'mailbox:info@backup.test', '{\"kind\":\"mailbox\",\"address\":\"info@backup.test\",\"quota_mb\":5120}')", orgId],
    ["insert into migrations (id, org_id, requested_at) values ('mig_backup', ?, '2026-01-02T00:00:00Z')", orgId],
    ["insert into migration_items (id, migration_id, org_id, inventory_id, kind, offer_id, provider_id, state, scheduled_for, data_copy, last_move_at, checklist, version) values ('mit_backup', 'mig_backup', ?, 'svc_backup', 'mailbox', (select id from offers where provider_id = ? limit 1), ?, 'scheduled', '2027-03-01', null, '2026-01-03T00:00:00Z', '{\"mailbox_created\":{\"by\":\"provider\",\"at\":\"2026-01-03T00:00:00Z\"}}', 4)", orgId, providerId, providerId],
    ["insert into migration_events (id, migration_id, item_id, item_version, kind, from_state, to_state, role, actor_via, note, scheduled_for, occurred_at, recorded_at, warnings, detail) values ('mev_backup', 'mig_backup', 'mit_backup', 4, 'move', 'accepted', 'scheduled', 'provider', 'webhook', 'L''équipe « ünïcode »\nligne 2', '2027-03-01', '2026-01-03T00:00:00Z', '2026-01-03T00:00:01Z', '[]', '{}')"],
    ["insert into webhook_endpoints (id, org_id, url, event_types, secret) values ('whe_backup', ?, 'https://hooks.backup.example.org/in', '[\"offer.*\"]', 'whsec_c2VjcmV0')", orgId],
    ["insert into webhook_attempts (id, message_id, endpoint_id, attempted_at, status_code, duration_ms, response, ok) values ('wha_backup', 'msg_backup', 'whe_backup', '2026-01-01T00:00:00Z', 503, 120, 'down', 0)"],
    ["insert into inbound_webhook_secrets (org_id, secret) values (?, 'whsec_aW5ib3VuZA==')", orgId],
    ["insert into received_events (id, source, sender, event_id, type, received_at, applied, reason, raw_body) values ('rcv_backup', 'stripe', 'stripe', 'evt_backup', 'invoice.paid', '2026-01-01T00:00:00Z', 0, 'unsupported', '{}')"],
    ["insert into billing_issuers (org_id, vat_status, iban, bic, payment_terms_days, language, email) values (?, 'franchise', 'BE68539007547034', 'GKCCBEBB', 14, 'nl', 'factuur@backup.test')", orgId],
    ["insert into billing_series (series, next, last_issue_date) values ('F2026', 2, '2026-01-02')"],
    [
      "insert into billing_documents (id, type, status, org_id, language, series, sequence, number, ogm, issue_date, due_date, lines, vat, net_cents, vat_cents, total_cents, credited_cents, paid_cents, issuer, customer, notes) values ('bil_backup', 'invoice', 'open', ?, 'nl', 'F2026', 1, 'F2026-000001', '126000000120', '2026-01-02', '2026-01-16', ?, ?, 1235, 0, 1235, 0, 0, '{\"legalName\":\"Coöp «x»\"}', '{\"legalName\":\"L''Atelier\"}', '[\"Bijzondere vrijstellingsregeling kleine ondernemingen\"]')",
      orgId,
      JSON.stringify([{ position: 1, description: "Hébergement « 12 » mois\nligne 2", quantity: 1.2345, unitCode: "MON", unitPriceCents: 1000, vatCategory: "E", vatRatePercent: 0, netCents: 1235 }]),
      JSON.stringify([{ category: "E", ratePercent: 0, taxableCents: 1235, vatCents: 0, exemptionReason: "Bijzondere vrijstellingsregeling kleine ondernemingen" }]),
    ],
    ["insert into bank_statements (id, statement_id, message_id, version, iban, entries, matched, partial, unmatched, duplicates) values ('bst_backup', 'STMT ''1''', 'MSG « 1 »', 'camt.053.001.02', 'BE68539007547034', 2, 1, 0, 1, 0)"],
    ["insert into bank_entries (id, line_key, upload_id, iban, amount_cents, currency, booking_date, remittance, ogm, outcome, reason) values ('ben_backup', 'ref:BE68539007547034:1', 'bst_backup', 'BE68539007547034', 1235, 'EUR', '2026-01-10', '+++126/0000/00120+++ « merci »', '126000000120', 'unmatched', 'already_settled')"],
    ["insert into payments (id, org_id, method, amount_cents, refunded_cents, received_on, stripe_payment_intent, stripe_state, stripe_event_created, invoice_id) values ('pay_backup', ?, 'sepa_debit', 1235, 200, '2026-01-11', 'pi_backup', 'succeeded', 1767000000, 'bil_backup')", orgId],
    ["insert into payment_allocations (id, payment_id, invoice_id, amount_cents, source) values ('alc_backup', 'pay_backup', 'bil_backup', -200, 'refund')"],
    ["insert into dunning_notices (id, invoice_id, step, sent_on, outbox_id) values ('dun_backup', 'bil_backup', 'reminder', '2026-01-23', NULL)"],
    ["insert into subscriptions (id, org_id, offer_id, interval, started_on, ends_on, billed, last_run_on) values ('sub_backup', ?, (select id from offers where provider_id = ? limit 1), 'month', '2026-01-10', '2026-03-01', '{\"periodStart\":\"2026-02-01\",\"quantity\":2.5,\"unitPriceCents\":300}', '2026-02-01')", orgId, providerId],
    ["insert into subscription_versions (subscription_id, from_day, quantity, unit_price_cents) values ('sub_backup', '2026-01-10', 2.5, 300)"],
    ["insert into subscription_runs (id, org_id, run_day, lines, net_cents, outcome, document_id) values ('srn_backup', ?, '2026-02-01', '[{\"kind\":\"charge\",\"amountCents\":-12}]', -12, 'carried', NULL)", orgId],
    ["insert into billing_customers (org_id, stripe_customer_id, payment_method_id, payment_method_type, mandate_id, last4, method_saved_at, auto_debit, auto_debit_since, auto_debit_by, auto_debit_off) values (?, 'cus_backup', 'pm_backup', 'sepa_debit', 'mandate_backup', '3000', '2026-01-10T00:00:00Z', 1, '2026-01-10T00:00:01Z', 'usr_backup', NULL)", orgId],
    ["insert into offsession_charges (invoice_id, org_id, amount_cents, idempotency_key, payment_method_id, payment_intent, state, error, failure_mail_id) values ('bil_backup', ?, 1235, 'offsession:bil_backup:1235', 'pm_backup', 'pi_backup_off', 'failed', 'insufficient_funds: « ünïcode »', 'msg_backup')", orgId],
    ["insert into pledges (id, email, name, organisation, roles, services, monthly_cents, capital_cents, skills, language, status, token_hash, token_expires_at, confirmed_at) values ('plg_backup', 'pledge@backup.test', 'Anaïs « L''Écluse »', 'L''Atelier asbl', '[\"client\",\"supporter\"]', '[{\"service\":\"mailbox\",\"quantity\":12}]', 4500, 25000, 'compta\nligne 2', 'nl', 'confirmed', 'h_pledge', '2026-01-08T00:00:00Z', '2026-01-02T00:00:00Z')"],
    ["insert into pledge_settings (id, fixed_monthly_cents, cost_per_unit_cents, target_capital_cents, opens_on, opened_at) values ('coop', 120000, '{\"mailbox\":150,\"web_hosting\":400}', 2000000, '2026-09-01', '2026-01-05T00:00:00Z')"],
    ["insert into pledge_invitations (pledge_id, outbox_id, invited_at) values ('plg_backup', 'msg_backup', '2026-01-05T00:00:00Z')"],
    ["insert into share_classes (id, code, name, nominal_cents, min_shares, max_shares, required_for_users) values ('scl_backup', 'B', 'Usagers « ünïcode »', 5000, 1, 100, 1)"],
    ["insert into shareholders (id, kind, org_id, name, street, postcode, city, country_code, enterprise_number, language) values ('shh_backup', 'organisation', ?, 'L''Atelier asbl', 'Rue « Haute » 5', '1000', 'Bruxelles', 'BE', '0403170701', 'nl')", orgId],
    ["insert into share_requests (id, holder_id, class_id, shares, nominal_cents, status, consents, decided_on, document_id) values ('srq_backup', 'shh_backup', 'scl_backup', 4, 5000, 'approved', '{\"statutes\":\"2026-01-01T00:00:00Z\"}', '2026-01-02', 'bil_backup')"],
    ["insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date, request_id, document_id, note) values ('sre_backup', 'shh_backup', 'scl_backup', 'subscription', 4, 20000, '2026-01-11', 'srq_backup', 'bil_backup', 'ligne 1\nligne « 2 »')"],
    ["insert into job_runs (id, job, cron, started_at, status) values ('job_backup', 'sweep', '*/15 * * * *', '2026-01-01T00:00:00Z', 'ok')"],
    ["insert into reminders_sent (id, kind, subject, \"window\", recipients, sent_at) values ('rms_backup', 'no_plan', ?, 'd120', 2, '2026-01-04T07:00:00Z')", orgId],
    ["insert into reminder_preferences (user_id, non_essential_off, updated_at) values ((select id from users order by created_at limit 1), 1, '2026-01-04T07:00:00Z')"],
    ["insert into dns_checks (id, item_id, domain, checked_at, matched, found, mismatches) values ('dnc_backup', 'mit_backup', 'backup.test', '2026-01-04T07:15:00Z', 0, '{\"mx\":[\"mx.old-host.be\"],\"a\":[],\"aaaa\":[],\"cname\":[],\"ns\":[]}', '[{\"type\":\"mx\",\"expected\":[\"mail.new-host.org\"],\"found\":[\"mx.old-host.be\"]}]')"],
    ["insert into provider_capacities (provider_id, units, migrations_per_week, updated_at) values (?, '{\"mailbox\":40,\"web_hosting\":3}', 5, '2026-01-04T00:00:00Z')", providerId],
    ["insert into assignment_proposals (id, org_id, mode, monthly_cents, status, sent_at, expires_at, decided_at, decline_reason) values ('prp_backup', ?, 'optimal', 450, 'declined', '2026-01-05T07:00:00Z', '2026-01-26T07:00:00Z', '2026-01-06T09:00:00Z', 'Nous restons « ensemble »\nligne 2')", orgId],
    ["insert into assignment_proposal_lines (id, proposal_id, inventory_id, kind, offer_id, provider_id, inventory_updated_at) values ('prl_backup', 'prp_backup', 'svc_backup', 'mailbox', (select id from offers where provider_id = ? limit 1), ?, '2026-01-01T00:00:00Z')", providerId, providerId],
  ] as const;
  for (const [statement, ...params] of sql) await env.DB.prepare(statement).bind(...params).run();
  await person("nobody@backup.test");
}

const tables = async (d1: D1Database) =>
  (await d1.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations' order by name").all<{ name: string }>()).results.map((r) => r.name);
const rowsOf = async (d1: D1Database, table: string) => (await d1.prepare(`select * from "${table}" order by rowid`).all()).results;
/** Drops every table of `d1`, children before the tables they reference (a child's implicit delete looks its parent up). */
async function dropEverything(d1: D1Database) {
  const names = (await tables(d1)).concat("d1_migrations");
  const parents = new Map<string, string[]>();
  for (const t of names) parents.set(t, (await d1.prepare(`select "table" as parent from pragma_foreign_key_list('${t}')`).all<{ parent: string }>()).results.map((r) => r.parent));
  const order: string[] = [];
  const left = new Set(names);
  while (left.size) {
    const leaf = [...left].find((t) => ![...left].some((other) => other !== t && parents.get(other)!.includes(t)));
    if (!leaf) throw new Error(`a cycle among ${[...left].join(", ")}`);
    order.push(leaf);
    left.delete(leaf);
  }
  await d1.batch([d1.prepare("PRAGMA defer_foreign_keys = on"), ...order.map((t) => d1.prepare(`drop table "${t}"`))]);
}

/** Tables the backup holds: all but the derived ones (the catalogue's version, rebuilt by the restore). */
const backedUp = (names: string[]) => names.filter((n) => !(CATALOG_DERIVED_TABLES as readonly string[]).includes(n));

let providers = 0;
/** The restore of the round trip, run again by the cache test. */
let plan: ReturnType<typeof restoreStatements> | undefined;
beforeAll(async () => {
  providers = await importDemo();
  await signIn("member@backup.test"); // users, sessions, verifications, outbox, rate_limits as a real sign-in writes them
  await everyOtherTable();
}, 120_000);

describe("backup → restore round trip", () => {
  it("every table has rows before the backup (a new table needs a row here)", async () => {
    expect(providers).toBeGreaterThanOrEqual(20);
    const source = await tables(env.DB);
    const empty: string[] = [];
    for (const t of source) if (t !== "backups" && !(await rowsOf(env.DB, t)).length) empty.push(t);
    expect(empty).toEqual([]);

    // Every table the drizzle schema declares is one the backup reads (the list above comes from the database).
    const declared = Object.values(schema).filter((v) => is(v, SQLiteTable)).map((t) => getTableName(t as SQLiteTable));
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((name) => !source.includes(name))).toEqual([]);
  });

  it("writes a gzipped JSON-lines object, records it, and restores every row into an empty database", async () => {
    const now = new Date("2026-11-28T02:30:00Z");
    const result = await runBackup(env, now);
    expect(result.key).toBe(backupKey(now));
    const recorded = await env.DB.prepare("select status, rows, tables, bytes from backups where key = ?").bind(result.key).first();
    expect(recorded).toEqual({ status: "ok", rows: result.rows, tables: result.tables, bytes: result.bytes });

    const object = await env.BACKUPS.get(result.key);
    expect(object?.httpMetadata?.contentEncoding).toBe("gzip");
    const raw = new Uint8Array(await object!.arrayBuffer());
    expect([raw[0], raw[1]]).toEqual([0x1f, 0x8b]); // a gzip stream
    const { header, lines } = parseBackup(await gunzipText(raw));
    const all = await tables(env.DB);
    expect(all).toContain("catalog_version");
    const source = backedUp(all);
    expect(header.tables.map((t) => t.name)).toEqual(source);

    // The target: empty, migrated like the source, as `npm run restore` checks before it writes.
    await applyD1Migrations(env.RESTORE_DB, env.TEST_MIGRATIONS);
    const applied = (await env.RESTORE_DB.prepare("select name from d1_migrations order by id").all<{ name: string }>()).results.map((r) => r.name);
    const counts = Object.fromEntries(await Promise.all((await tables(env.RESTORE_DB)).map(async (t) => [t, (await rowsOf(env.RESTORE_DB, t)).length])));
    expect(targetProblems(header, applied, counts)).toEqual([]);

    plan = restoreStatements(header, lines);
    expect(plan.statements.at(-1)).toBe(NEW_CATALOG_VERSION_SQL);
    await env.RESTORE_DB.batch(plan.statements.map((s) => env.RESTORE_DB.prepare(s)));

    const compared: Record<string, number> = {};
    for (const table of source) {
      // The backups row of this very run was written after the snapshot: compare what the backup holds.
      const before = table === "backups" ? (await rowsOf(env.DB, table)).filter((r) => r.key !== result.key) : await rowsOf(env.DB, table);
      const after = await rowsOf(env.RESTORE_DB, table);
      expect(after, table).toEqual(before);
      compared[table] = after.length;
    }
    expect(plan.counts).toEqual(compared);
    // The derived table: one row, a version of the restored database's own, not the source's.
    const version = await catalogVersion(env.RESTORE_DB);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(await rowsOf(env.RESTORE_DB, "catalog_version")).toEqual([{ id: 1, version }]);
    expect(version).not.toBe(await catalogVersion(env.DB));
    console.log(`backup round trip: ${result.tables} tables, ${result.rows} rows, ${result.bytes} bytes gzipped`, JSON.stringify(compared));

    // A second restore into the same database is refused: it is no longer empty.
    const again = Object.fromEntries(await Promise.all(source.map(async (t) => [t, (await rowsOf(env.RESTORE_DB, t)).length])));
    expect(targetProblems(header, applied, again).join("; ")).toMatch(/table providers is not empty/);
  });

  it("a directory page cached before a restore is never served after it", async () => {
    // This isolate's app, against the source and against the restored database: one cache for both.
    const app = createApp();
    const directory = async (db: D1Database) => {
      const res = await app.fetch(new Request(`${BASE}/api/v1/providers?limit=100`), { ...env, DB: db, CATALOG_RECHECK_MS: "0" }, createExecutionContext());
      expect(res.status).toBe(200);
      return (await json<{ data: { name: string }[] }>(res)).data.map((p) => p.name);
    };
    const restored = await directory(env.RESTORE_DB);
    expect(restored.length).toBeGreaterThanOrEqual(20);
    const first = (await env.RESTORE_DB.prepare("select id from providers where visibility = 'public' order by name, id limit 1").first<{ id: string }>())!.id;

    // A change in the source after the backup shows there, never in the restored database.
    await env.DB.prepare("update providers set name = 'Après la sauvegarde' where id = ?").bind(first).run();
    expect(await directory(env.DB)).toContain("Après la sauvegarde");
    expect(await directory(env.RESTORE_DB)).toEqual(restored);

    // The database the Worker is bound to changes, the page showing it is cached; then the database is
    // emptied (every table dropped, migrated again) and the backup restored into it, as `npm run
    // restore` would: the directory shows the backup's catalogue at once.
    await env.RESTORE_DB.prepare("update providers set name = 'Avant la restauration' where id = ?").bind(first).run();
    expect(await directory(env.RESTORE_DB)).toContain("Avant la restauration");
    expect(await directory(env.RESTORE_DB)).toContain("Avant la restauration");
    await dropEverything(env.RESTORE_DB);
    await applyD1Migrations(env.RESTORE_DB, env.TEST_MIGRATIONS);
    expect(await directory(env.RESTORE_DB)).toEqual([]);
    await env.RESTORE_DB.batch(plan!.statements.map((s) => env.RESTORE_DB.prepare(s)));
    expect(await directory(env.RESTORE_DB)).toEqual(restored);
  });
});

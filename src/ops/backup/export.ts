// The nightly backup: every table, read in one D1 batch, written as gzipped JSON lines to R2.
// Consistency: D1 runs the statements of one batch() as a single transaction, so every table is read
// from the same state of the database — no write can land between two tables' reads.
import { CATALOG_DERIVED_TABLES } from "../../catalog/version";
import { newId } from "../../lib/ids";
import { backupLines, BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from "./format";
import { BACKUP_PREFIX, backupKey, toPrune } from "./retention";
import { quoteIdent } from "./restore-sql";

/** Tables that are not ours to restore: SQLite's, D1's, and the migration ledger (restore re-runs migrations). */
const SKIP = /^(sqlite_|_cf_|d1_migrations$)/;
/** Derived state, rebuilt by the restore itself (restore-sql.ts): the catalogue's version. */
const DERIVED = new Set<string>(CATALOG_DERIVED_TABLES);

export interface BackupResult {
  key: string;
  tables: number;
  rows: number;
  bytes: number;
  pruned: string[];
}

/** Reads every table (names and columns from the schema itself, so new tables are backed up without a change here). */
export async function snapshot(d1: D1Database, now: Date): Promise<{ header: BackupHeader; rows: Map<string, Record<string, unknown>[]> }> {
  const names = (await d1.prepare("select name from sqlite_master where type = 'table' order by name").all<{ name: string }>()).results
    .map((r) => r.name)
    .filter((n) => !SKIP.test(n) && !DERIVED.has(n));
  const [migrations, ...results] = await d1.batch<Record<string, unknown>>([
    d1.prepare("select name from d1_migrations order by id"),
    ...names.map((n) => d1.prepare(`select * from ${quoteIdent(n)} order by rowid`)),
  ]);
  // Column lists come from pragma (a table with no rows still has them).
  const infos = await d1.batch<{ name: string }>(names.map((n) => d1.prepare(`PRAGMA table_info(${quoteIdent(n)})`)));
  const rows = new Map<string, Record<string, unknown>[]>();
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    migrations: migrations!.results.map((r) => String(r.name)),
    tables: names.map((name, i) => {
      rows.set(name, results[i]!.results);
      return { name, columns: infos[i]!.results.map((c) => c.name), rows: results[i]!.results.length };
    }),
  };
  return { header, rows };
}

async function gzip(lines: Iterable<string>): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const line of lines) controller.enqueue(encoder.encode(`${line}\n`));
      controller.close();
    },
  }).pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function gunzipText(body: ReadableStream<Uint8Array> | ArrayBuffer | Uint8Array): Promise<string> {
  const stream = body instanceof ReadableStream ? body : new Response(body).body!;
  return new Response(stream.pipeThrough(new DecompressionStream("gzip"))).text();
}

/** Writes tonight's backup, records it, then applies the retention rule to the bucket. */
export async function runBackup(env: { DB: D1Database; BACKUPS: R2Bucket }, now: Date): Promise<BackupResult> {
  const key = backupKey(now);
  try {
    const { header, rows } = await snapshot(env.DB, now);
    const body = await gzip(backupLines(header, rows));
    const total = header.tables.reduce((n, t) => n + t.rows, 0);
    await env.BACKUPS.put(key, body, {
      httpMetadata: { contentType: "application/x-ndjson", contentEncoding: "gzip" },
      customMetadata: { tables: String(header.tables.length), rows: String(total), migrations: String(header.migrations.length) },
    });
    const pruned = await prune(env.BACKUPS, now);
    await env.DB.prepare("insert into backups (id, key, status, tables, rows, bytes, pruned, created_at) values (?, ?, 'ok', ?, ?, ?, ?, ?)")
      .bind(newId("bak"), key, header.tables.length, total, body.byteLength, pruned.length, now.toISOString())
      .run();
    return { key, tables: header.tables.length, rows: total, bytes: body.byteLength, pruned };
  } catch (err) {
    await env.DB.prepare("insert into backups (id, key, status, error, created_at) values (?, ?, 'failed', ?, ?)").bind(newId("bak"), key, String(err).slice(0, 1000), now.toISOString()).run();
    throw err;
  }
}

async function prune(bucket: R2Bucket, now: Date): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: BACKUP_PREFIX, cursor });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  const doomed = toPrune(keys, now);
  for (let i = 0; i < doomed.length; i += 1000) await bucket.delete(doomed.slice(i, i + 1000));
  return doomed;
}

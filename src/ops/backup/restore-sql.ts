// Pure: a parsed backup → the SQL statements that put its rows into an empty database whose schema
// was created by the same migrations. `npm run restore` writes them to a file for `wrangler d1
// execute`; tests run them on a second D1. Foreign keys are deferred so the order of tables does
// not matter, and every row is one INSERT (D1 caps a statement at 100 KB). Derived tables (the
// catalogue's version) are not in backups: inserting providers and offers fires the triggers that
// rebuild it, and the last statement draws a fresh version, so no isolate serves a directory page it
// cached before the restore (nor one read while the rows were going in).
import { CATALOG_DERIVED_TABLES, NEW_CATALOG_VERSION_SQL } from "../../catalog/version";
import type { BackupHeader, BackupLine, Cell } from "./format";

const DERIVED = new Set<string>(CATALOG_DERIVED_TABLES);

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function sqlLiteral(cell: Cell): string {
  if (cell === null) return "NULL";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) throw new Error(`Cannot restore the number ${cell}`);
    return String(cell);
  }
  if (typeof cell === "string") return `'${cell.replace(/'/g, "''")}'`;
  if (!/^(?:[0-9a-f]{2})*$/i.test(cell.$hex)) throw new Error("A blob is not hexadecimal");
  return `X'${cell.$hex}'`;
}

export interface RestorePlan {
  statements: string[];
  /** Rows per table, to compare with the target afterwards. */
  counts: Record<string, number>;
}

export function restoreStatements(header: BackupHeader, lines: BackupLine[]): RestorePlan {
  const tables = header.tables.filter((t) => !DERIVED.has(t.name)); // a hand-made file may list one: rebuilt, not copied
  const columns = new Map(tables.map((t) => [t.name, `(${t.columns.map(quoteIdent).join(", ")})`]));
  const counts: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  const statements = ["PRAGMA defer_foreign_keys = on"];
  for (const line of lines) {
    if (DERIVED.has(line.t)) continue;
    statements.push(`INSERT INTO ${quoteIdent(line.t)} ${columns.get(line.t)} VALUES (${line.r.map(sqlLiteral).join(", ")})`);
    counts[line.t] = (counts[line.t] ?? 0) + 1;
  }
  for (const table of tables) {
    if (counts[table.name] !== table.rows) throw new Error(`The backup says ${table.name} has ${table.rows} rows but holds ${counts[table.name]}`);
  }
  statements.push(NEW_CATALOG_VERSION_SQL); // last: whatever an isolate read during the restore is stale now
  return { statements, counts };
}

/** The check a restore starts with: the target has the backup's migrations and no rows. */
export function targetProblems(header: BackupHeader, applied: string[], rowCounts: Record<string, number>): string[] {
  const problems: string[] = [];
  const missing = header.migrations.filter((m) => !applied.includes(m));
  const extra = applied.filter((m) => !header.migrations.includes(m));
  if (missing.length) problems.push(`the target lacks migrations ${missing.join(", ")}`);
  if (extra.length) problems.push(`the target has migrations the backup does not: ${extra.join(", ")} (restore with the code of that time, then migrate)`);
  for (const [table, n] of Object.entries(rowCounts)) if (n > 0 && !DERIVED.has(table)) problems.push(`table ${table} is not empty (${n} rows)`);
  return problems;
}

/** One query that counts the rows of every table the backup holds (for the pre-check and the check after). */
export function countRowsSql(tables: string[]): string {
  return tables.map((t) => `select '${t.replace(/'/g, "''")}' as t, count(*) as n from ${quoteIdent(t)}`).join(" union all ");
}

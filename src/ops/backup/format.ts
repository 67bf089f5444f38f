// The backup file format, pure: one JSON object per line. The first line is a header naming the
// tables (in the order to restore them), their columns and the migrations the schema had; then one
// line per row: {"t": table, "r": [values in column order]}. Blobs are {"$hex": "…"}.
export const BACKUP_FORMAT = "chatiere-d1-backup";
export const BACKUP_VERSION = 1;

export interface BackupTable {
  name: string;
  columns: string[];
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** Names of the migrations applied when the backup was taken: the target must have the same. */
  migrations: string[];
  tables: BackupTable[];
}

export type Cell = string | number | null | { $hex: string };

export interface BackupLine {
  t: string;
  r: Cell[];
}

/** A value D1 returned → a JSON cell. D1 gives blobs as arrays of bytes (or ArrayBuffers). */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : Array.isArray(value) ? Uint8Array.from(value as number[]) : undefined;
  if (!bytes) throw new Error(`Cannot back up a value of type ${typeof value}`);
  return { $hex: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("") };
}

/** Header first, then each table's rows as lines. */
export function* backupLines(header: BackupHeader, rowsByTable: Map<string, Record<string, unknown>[]>): Generator<string> {
  yield JSON.stringify(header);
  for (const table of header.tables) {
    for (const row of rowsByTable.get(table.name) ?? []) {
      yield JSON.stringify({ t: table.name, r: table.columns.map((c) => toCell(row[c])) } satisfies BackupLine);
    }
  }
}

/** Reads a whole backup back: the header and the lines, checked. */
export function parseBackup(text: string): { header: BackupHeader; lines: BackupLine[] } {
  const all = text.split("\n").filter((l) => l.trim() !== "");
  if (!all.length) throw new Error("The backup is empty");
  const header = JSON.parse(all[0]!) as BackupHeader;
  if (header.format !== BACKUP_FORMAT) throw new Error(`Not a Chatière backup (format ${String(header.format)})`);
  if (header.version !== BACKUP_VERSION) throw new Error(`Backup version ${String(header.version)} is not supported (expected ${BACKUP_VERSION})`);
  const known = new Map(header.tables.map((t) => [t.name, t.columns.length]));
  const lines = all.slice(1).map((l, i) => {
    const line = JSON.parse(l) as BackupLine;
    const width = known.get(line.t);
    if (width === undefined) throw new Error(`Line ${i + 2}: table ${line.t} is not in the header`);
    if (!Array.isArray(line.r) || line.r.length !== width) throw new Error(`Line ${i + 2}: ${line.t} expects ${width} values`);
    return line;
  });
  return { header, lines };
}

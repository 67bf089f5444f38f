// The inventory import as CSV, for stewards who export it from a spreadsheet: one line per service,
// the organisation's columns repeated on each of its lines. The lines become the JSON body and go
// through the same parseInventory, so both forms accept and refuse exactly the same things; errors
// are given back by line and column. Papaparse reads the CSV (RFC 4180: quotes, doubled quotes,
// line breaks inside quoted cells, CRLF); it is plain JavaScript, so it runs in workerd as is.
//
// The format:
// - a header line naming the columns, in any order; unknown columns are refused;
// - the delimiter is the one the header line uses most: "," or ";" (Belgian spreadsheets write ";")
//   or a tab; a UTF-8 byte order mark is ignored; blank lines are skipped;
// - organisation columns: external_ref, name, legal_name, enterprise_number, country,
//   contact_email, language. The first line of an external_ref gives them; later lines of the same
//   organisation may leave them blank or repeat them, but must not say something else;
// - kind, then the kind's columns: web_hosting: host, software, disk_mb, database_mb;
//   mailbox: address, quota_mb, used_mb; mail_alias: address, targets; mailing_list: address,
//   subscribers, archive_mb, owners; domain_registration: domain, registrar, expires_on,
//   dns_hosted, records; dns_hosting: domain, records. ("domain" is the JSON `name`, since the
//   organisation has the `name` column.) A line with an empty kind is an organisation without services;
// - lists (targets, owners) separate addresses with ";" or line breaks: an address never holds
//   either, and a spreadsheet quotes the cell when ";" is also the delimiter;
// - dns_hosted: true/false, yes/no, 1/0, oui/non, ja/nee; records: a JSON array of records, as in
//   the JSON body (a zone does not fit in columns);
// - an empty cell is an absent field. Line numbers are the spreadsheet's rows (the header is 1),
//   so a line break inside a quoted cell does not shift them.
import Papa from "papaparse";
import type { FieldError } from "../lib/problem";
import { INVENTORY_KINDS, parseInventory, type InventoryImport, type InventoryKind } from "./inventory";

export const ORGANISATION_COLUMNS = ["external_ref", "name", "legal_name", "enterprise_number", "country", "contact_email", "language"] as const;
export const KIND_COLUMNS: Record<InventoryKind, readonly string[]> = {
  web_hosting: ["host", "software", "disk_mb", "database_mb"],
  mailbox: ["address", "quota_mb", "used_mb"],
  mail_alias: ["address", "targets"],
  mailing_list: ["address", "subscribers", "archive_mb", "owners"],
  domain_registration: ["domain", "registrar", "expires_on", "dns_hosted", "records"],
  dns_hosting: ["domain", "records"],
};
const SERVICE_COLUMNS = [...new Set(Object.values(KIND_COLUMNS).flat())];
const KNOWN = new Set<string>([...ORGANISATION_COLUMNS, "kind", ...SERVICE_COLUMNS]);
const REQUIRED = ["external_ref", "name", "contact_email"];
const NUMBERS = new Set(["disk_mb", "database_mb", "quota_mb", "used_mb", "subscribers", "archive_mb"]);
const LISTS = new Set(["targets", "owners"]);
const BOOLEANS: Record<string, boolean> = { true: true, yes: true, "1": true, oui: true, ja: true, false: false, no: false, "0": false, non: false, nee: false };
/** A bound well above any real inventory, so a wrong file fails fast. */
export const MAX_CSV_LINES = 100_000;

export interface CsvError extends FieldError {
  /** The spreadsheet row (the header is 1). */
  line: number;
  column: string;
}
export type InventoryCsvParse = { ok: true; value: InventoryImport } | { ok: false; errors: CsvError[] };

const error = (line: number, column: string, message: string): CsvError => ({ field: `lines.${line}.${column}`, line, column, message });

function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [",", ";", "\t"].map((d) => ({ d, n: header.split(d).length }));
  return counts.reduce((a, b) => (b.n > a.n ? b : a)).d;
}

/** A cell → the JSON value its column takes; text that is not a number or a boolean stays text, for zod to name. */
function cellValue(column: string, raw: string): unknown {
  if (NUMBERS.has(column)) return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (LISTS.has(column)) return raw.split(/[;\r\n]/).map((s) => s.trim()).filter(Boolean);
  if (column === "dns_hosted") return BOOLEANS[raw.toLowerCase()] ?? raw;
  return raw;
}

interface OrgDraft {
  line: number;
  body: Record<string, unknown> & { services: Record<string, unknown>[] };
  /** The line of each service, by index. */
  lines: number[];
}

export function parseInventoryCsv(input: string): InventoryCsvParse {
  const text = input.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { delimiter: delimiterOf(text) });
  const errors: CsvError[] = parsed.errors.map((e) => error((e.row ?? 0) + 1, "(line)", e.message));
  const [header, ...rows] = parsed.data;
  if (!header || header.every((h) => h.trim() === "")) return { ok: false, errors: [error(1, "(header)", "the file is empty: a header line is needed")] };
  if (rows.length > MAX_CSV_LINES) return { ok: false, errors: [error(1, "(file)", `at most ${MAX_CSV_LINES} lines`)] };
  const columns = header.map((h) => h.trim());
  columns.forEach((c) => {
    if (!KNOWN.has(c)) errors.push(error(1, c || "(empty)", "unknown column"));
  });
  for (const c of REQUIRED) if (!columns.includes(c)) errors.push(error(1, c, "missing column"));
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) errors.push(error(1, dup, "column given twice"));
  if (errors.length > 0) return { ok: false, errors };

  const orgs = new Map<string, OrgDraft>();
  rows.forEach((row, r) => {
    const line = r + 2;
    // Blank lines are skipped here rather than by the parser, so that later lines keep their row number.
    if (row.every((c) => c.trim() === "")) return;
    if (row.length !== columns.length) errors.push(error(line, "(line)", `${row.length} cells for ${columns.length} columns`));
    const cell = (c: string) => (row[columns.indexOf(c)] ?? "").trim();
    const ref = cell("external_ref");
    let org = orgs.get(ref);
    if (!org) {
      const body: OrgDraft["body"] = { services: [] };
      for (const c of ORGANISATION_COLUMNS) if (cell(c) !== "") body[c] = cell(c);
      org = { line, body, lines: [] };
      orgs.set(ref, org);
    } else {
      for (const c of ORGANISATION_COLUMNS) {
        if (cell(c) !== "" && cell(c) !== (org.body[c] ?? "")) errors.push(error(line, c, `differs from line ${org.line} of the same external_ref`));
      }
    }
    const kind = cell("kind");
    const filled = SERVICE_COLUMNS.filter((c) => cell(c) !== "");
    if (kind === "") {
      if (filled.length > 0) errors.push(error(line, "kind", "a line with service columns needs a kind"));
      return;
    }
    if (!(INVENTORY_KINDS as readonly string[]).includes(kind)) {
      errors.push(error(line, "kind", `one of ${INVENTORY_KINDS.join(", ")}`));
      return;
    }
    const service: Record<string, unknown> = { kind };
    for (const c of filled) {
      if (!KIND_COLUMNS[kind as InventoryKind].includes(c)) {
        errors.push(error(line, c, `not a column of ${kind}`));
        continue;
      }
      if (c === "records") {
        try {
          service.records = JSON.parse(cell(c));
        } catch {
          errors.push(error(line, c, "a JSON array of records"));
        }
      } else service[c === "domain" ? "name" : c] = cellValue(c, cell(c));
    }
    org.body.services.push(service);
    org.lines.push(line);
  });
  if (errors.length > 0) return { ok: false, errors };

  const drafts = [...orgs.values()];
  const result = parseInventory({ organisations: drafts.map((d) => d.body) });
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map((e) => locate(e, drafts)) };
}

/** `organisations.2.services.5.quota_mb` → the line of that service and its column. */
function locate(e: FieldError, drafts: readonly OrgDraft[]): CsvError {
  const [head, o, sub, s, field, ...rest] = e.field.split(".");
  const org = head === "organisations" && o !== undefined ? drafts[Number(o)] : undefined;
  if (!org) return error(1, "(file)", e.message);
  if (sub !== "services") return error(org.line, sub ?? "(line)", e.message);
  const line = org.lines[Number(s)] ?? org.line;
  if (field === undefined) return error(line, "(line)", e.message);
  const column = field === "name" ? "domain" : field;
  // "the same address as services.1" → "… as line 3": a spreadsheet has no service indexes.
  const message = e.message.replace(/services\.(\d+)/, (m, n: string) => (org.lines[Number(n)] ? `line ${org.lines[Number(n)]}` : m));
  return error(line, column, rest.length > 0 ? `${rest.join(".")}: ${message}` : message);
}

// Pure parts of backups: the retention rule, the file format, the restore SQL and its pre-checks.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { backupLines, parseBackup, toCell, type BackupHeader } from "../../src/ops/backup/format";
import { restoreStatements, sqlLiteral, targetProblems } from "../../src/ops/backup/restore-sql";
import { backupKey, KEEP_DAILY, KEEP_MONTHLY, toPrune } from "../../src/ops/backup/retention";
import { NEW_CATALOG_VERSION_SQL } from "../../src/catalog/version";

const day = (iso: string) => backupKey(new Date(`${iso}T02:30:00Z`));

describe("retention: 30 daily + 12 monthly", () => {
  const now = new Date("2026-11-28T02:31:00Z");
  // Two years of nightly backups, newest last.
  const keys: string[] = [];
  for (let t = Date.parse("2024-11-01T02:30:00Z"); t <= now.getTime(); t += 86_400_000) keys.push(backupKey(new Date(t)));

  it("keeps the last 30 days and the newest backup of each of the 12 months before", () => {
    const pruned = new Set(toPrune(keys, now));
    const kept = keys.filter((k) => !pruned.has(k));
    expect(kept.length).toBe(KEEP_DAILY + KEEP_MONTHLY);
    expect(kept.slice(-KEEP_DAILY)[0]).toBe(day("2026-10-30"));
    const monthly = kept.slice(0, KEEP_MONTHLY);
    expect(monthly).toEqual([
      day("2025-11-30"), day("2025-12-31"), day("2026-01-31"), day("2026-02-28"), day("2026-03-31"), day("2026-04-30"),
      day("2026-05-31"), day("2026-06-30"), day("2026-07-31"), day("2026-08-31"), day("2026-09-30"), day("2026-10-29"),
    ]);
  });

  it("is idempotent and never touches keys it did not write", () => {
    const once = new Set(toPrune(keys, now));
    const left = [...keys.filter((k) => !once.has(k)), "d1/manual-copy.jsonl.gz", "other/2020-01-01T00-00-00Z.jsonl.gz"];
    expect(toPrune(left, now)).toEqual([]);
  });

  it("keeps everything while there are fewer backups than the rule allows", () => {
    expect(toPrune([day("2026-11-27"), day("2026-11-28")], now)).toEqual([]);
  });
});

const header: BackupHeader = {
  format: "chatiere-d1-backup",
  version: 1,
  createdAt: "2026-11-28T02:30:00.000Z",
  migrations: ["0000_catalog.sql"],
  tables: [{ name: "t", columns: ["id", "name", "n", "b"], rows: 2 }],
};

describe("format and restore SQL", () => {
  it("round-trips awkward values through lines, SQL and SQLite", async () => {
    const rows = new Map([["t", [
      { id: "a", name: "L'Été \"quoted\"\nline two ☃ 🐈", n: 1.5, b: new Uint8Array([0, 255, 16]).buffer },
      { id: "b", name: null, n: -3, b: null },
    ]]]);
    const text = [...backupLines(header, rows)].join("\n");
    const parsed = parseBackup(text);
    expect(parsed.lines[0]!.r).toEqual(["a", "L'Été \"quoted\"\nline two ☃ 🐈", 1.5, { $hex: "00ff10" }]);
    const plan = restoreStatements(parsed.header, parsed.lines);
    expect(plan.counts).toEqual({ t: 2 });
    expect(plan.statements[0]).toBe("PRAGMA defer_foreign_keys = on");
    // Run on a real SQLite (D1) to prove the quoting: a scratch table in the test's database.
    await env.DB.exec("create table if not exists t (id text primary key, name text, n real, b blob)");
    await env.DB.batch(plan.statements.map((s) => env.DB.prepare(s)));
    const back = await env.DB.prepare("select id, name, n, hex(b) as b from t order by id").all();
    expect(back.results).toEqual([
      { id: "a", name: "L'Été \"quoted\"\nline two ☃ 🐈", n: 1.5, b: "00FF10" },
      { id: "b", name: null, n: -3, b: "" },
    ]);
    await env.DB.exec("drop table t");
  });

  it("refuses what is not a backup, a table missing from the header, and a wrong row count", () => {
    expect(() => parseBackup("")).toThrow(/empty/);
    expect(() => parseBackup(JSON.stringify({ format: "other" }))).toThrow(/Not a Chatière backup/);
    expect(() => parseBackup(`${JSON.stringify(header)}\n${JSON.stringify({ t: "x", r: [] })}`)).toThrow(/table x is not in the header/);
    expect(() => parseBackup(`${JSON.stringify(header)}\n${JSON.stringify({ t: "t", r: [1] })}`)).toThrow(/expects 4 values/);
    const one = parseBackup(`${JSON.stringify(header)}\n${JSON.stringify({ t: "t", r: ["a", null, 1, null] })}`);
    expect(() => restoreStatements(one.header, one.lines)).toThrow(/says t has 2 rows but holds 1/);
  });

  it("quotes literals and rejects values SQL cannot hold", () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(42)).toBe("42");
    expect(() => sqlLiteral(Number.NaN)).toThrow();
    expect(() => sqlLiteral({ $hex: "zz'); drop table t; --" })).toThrow(/hexadecimal/);
    expect(toCell(true)).toBe(1);
    expect(() => toCell({})).toThrow();
  });

  it("checks the target: same migrations, every table empty", () => {
    expect(targetProblems(header, ["0000_catalog.sql"], { t: 0 })).toEqual([]);
    expect(targetProblems(header, [], { t: 0 })).toEqual(["the target lacks migrations 0000_catalog.sql"]);
    expect(targetProblems(header, ["0000_catalog.sql", "0001_x.sql"], { t: 3 })).toEqual([
      "the target has migrations the backup does not: 0001_x.sql (restore with the code of that time, then migrate)",
      "table t is not empty (3 rows)",
    ]);
  });

  it("leaves the derived catalogue version out and ends by drawing a new one", () => {
    // A hand-made file listing catalog_version: its rows are not copied (the restore rebuilds it).
    const derived: BackupHeader = { ...header, tables: [...header.tables, { name: "catalog_version", columns: ["id", "version"], rows: 1 }] };
    const text = [...backupLines(derived, new Map([["t", [{ id: "a", name: "x", n: 1, b: null }, { id: "b", name: "y", n: 2, b: null }]], ["catalog_version", [{ id: 1, version: "00ff00ff00ff00ff" }]]]))].join("\n");
    const parsed = parseBackup(text);
    const plan = restoreStatements(parsed.header, parsed.lines);
    expect(plan.counts).toEqual({ t: 2 });
    expect(plan.statements.filter((s) => s.includes("catalog_version"))).toEqual([NEW_CATALOG_VERSION_SQL]);
    expect(plan.statements.at(-1)).toBe(NEW_CATALOG_VERSION_SQL);
    // A target whose only row is the derived one is empty as far as a restore goes.
    expect(targetProblems(header, ["0000_catalog.sql"], { t: 0, catalog_version: 1 })).toEqual([]);
  });
});

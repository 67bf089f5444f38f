// Pure readers of what the wrangler CLI prints. `d1 list --json` and `secret list --format json` are
// JSON; `queues list` prints a cli-table3 box table and `r2 bucket list` labelled values, so those
// are read as text (colours stripped). Fakes of each live in tests/ops/deploy-plan.test.ts.
const ANSI = /\u001b\[[0-9;]*m/g;

export interface D1Listed {
  uuid: string;
  name: string;
}

/** `wrangler d1 list --json`: an array of databases (uuid, name, created_at, …). */
export function parseD1List(json: string): D1Listed[] {
  const start = json.search(/^\[/m); // the JSON array starts a line; a banner or "✘ [ERROR]" does not
  if (start < 0) throw new Error(`Unexpected output from wrangler d1 list --json: ${json.slice(0, 200)}`);
  const rows = JSON.parse(json.slice(start)) as { uuid?: string; name?: string }[];
  return rows.filter((r) => r.uuid && r.name).map((r) => ({ uuid: r.uuid!, name: r.name! }));
}

/** `wrangler queues list`: a table whose header has a `name` column. */
export function parseQueuesList(text: string): string[] {
  const rows = text
    .replace(ANSI, "")
    .split("\n")
    .filter((l) => l.trim().startsWith("│"))
    .map((l) => l.trim().slice(1, -1).split("│").map((cell) => cell.trim()));
  if (!rows.length) return [];
  const col = rows[0]!.indexOf("name");
  if (col < 0) throw new Error("Unexpected output from wrangler queues list: no name column");
  return rows.slice(1).map((r) => r[col]!).filter(Boolean);
}

/** `wrangler r2 bucket list`: blocks of `name:` / `creation_date:` lines. */
export function parseR2BucketList(text: string): string[] {
  return [...text.replace(ANSI, "").matchAll(/^\s*name:\s+(\S+)\s*$/gm)].map((m) => m[1]!);
}

/** `wrangler secret list --format json`: [{name, type}]. */
export function parseSecretList(json: string): string[] {
  const start = json.search(/^\[/m); // the JSON array starts a line; a banner or "✘ [ERROR]" does not
  if (start < 0) throw new Error(`Unexpected output from wrangler secret list: ${json.slice(0, 200)}`);
  return (JSON.parse(json.slice(start)) as { name: string }[]).map((s) => s.name);
}

/** The workers.dev or route URL `wrangler deploy` prints, if any. */
export function deployedUrl(text: string): string | undefined {
  return text.replace(ANSI, "").match(/https:\/\/[\w.-]+\.workers\.dev\b/)?.[0];
}

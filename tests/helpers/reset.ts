// Puts a test file's storage back to what a fresh Miniflare gave it: the workers project reuses one
// workerd per vitest worker across files (vitest.config.ts, `isolate: false`), so tests/setup.ts calls
// these before each file instead of paying for a new runtime.

/** Drops every trigger, view and table of a D1 database (indexes go with their tables). */
export async function emptyD1(db: D1Database): Promise<void> {
  const { results } = await db
    .prepare("select type, name from sqlite_master where type in ('trigger', 'view', 'table') and name not like 'sqlite_%' and name not like '_cf_%'")
    .all<{ type: "trigger" | "view" | "table"; name: string }>();
  if (results.length === 0) return;
  const references = (
    await db
      .prepare("select m.name as child, p.\"table\" as parent from sqlite_master m join pragma_foreign_key_list(m.name) p where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like '_cf_%'")
      .all<{ child: string; parent: string }>()
  ).results;
  // Triggers first (a table's implicit DELETE would fire them into tables already gone), then children
  // before the parents they reference (a child's rows are checked against its parent as they go).
  const order: string[] = [];
  let left = results.filter((r) => r.type === "table").map((r) => r.name);
  while (left.length > 0) {
    const free = left.filter((t) => !references.some((r) => r.parent === t && r.child !== t && left.includes(r.child)));
    const next = free.length > 0 ? free : left; // a cycle: the deferral below covers it
    order.push(...next);
    left = left.filter((t) => !next.includes(t));
  }
  await db.batch([
    db.prepare("pragma defer_foreign_keys = on"),
    ...results.filter((r) => r.type === "trigger").map((r) => db.prepare(`drop trigger "${r.name}"`)),
    ...results.filter((r) => r.type === "view").map((r) => db.prepare(`drop view "${r.name}"`)),
    ...order.map((t) => db.prepare(`drop table "${t}"`)),
  ]);
}

/** Deletes every object of an R2 bucket. */
export async function emptyR2(bucket: R2Bucket): Promise<void> {
  for (;;) {
    const listed = await bucket.list({ limit: 1000 });
    if (listed.objects.length === 0) return;
    await bucket.delete(listed.objects.map((o) => o.key));
  }
}

// Checks that a test file starts as tests/setup.ts promises, then leaves everything dirty for the next
// file. isolation-a and isolation-b both call it: whichever runs second in the same workerd (the workers
// project runs its files one after another in one runtime, vitest.config.ts) sees the first's mess
// unless setup reset it.
import { env } from "cloudflare:test";
import { expect } from "vitest";
import { STEWARD_EMAIL } from "../helpers/http";
import { marks } from "./state";

export async function expectFreshThenDirty(file: string): Promise<void> {
  // Module state starts over.
  expect(marks).toEqual([]);
  marks.push(file);

  // D1: every migration applied, nobody but the steward and its key.
  const applied = (await env.DB.prepare("select name from d1_migrations order by id").all<{ name: string }>()).results.map((r) => r.name);
  expect(applied).toEqual(env.TEST_MIGRATIONS.map((m) => m.name));
  const users = (await env.DB.prepare("select email from users").all<{ email: string }>()).results.map((r) => r.email);
  expect(users).toEqual([STEWARD_EMAIL]);
  expect(await env.DB.prepare("select count(*) as n from api_keys").first("n")).toBe(1);
  await env.DB.prepare("insert into users (id, email, email_verified) values (?, ?, 1)").bind(`usr_${file}`, `${file}@isolation.test`).run();

  // The restore D1 has no table at all; the backups bucket holds nothing.
  const tables = (await env.RESTORE_DB.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%'").all()).results;
  expect(tables).toEqual([]);
  await env.RESTORE_DB.prepare(`create table left_by_${file} (id integer primary key)`).run();
  expect((await env.BACKUPS.list()).objects).toEqual([]);
  await env.BACKUPS.put(`left-by-${file}`, "x");
}

import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export type Db = ReturnType<typeof build>;

const build = (d1: D1Database) => drizzle(d1, { schema });

// drizzle() walks the whole schema to build its relational config: once per D1 binding (they live
// as long as the isolate), not once per request. The instance keeps no per-request state.
const cache = new WeakMap<D1Database, Db>();

export function createDb(d1: D1Database): Db {
  let db = cache.get(d1);
  if (!db) cache.set(d1, (db = build(d1)));
  return db;
}

// One D1 batch for a write that must land whole. A unique index that refuses it (two people
// racing for the same key or profile) is a 409, not a 500.
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { AppError } from "../lib/problem";

export async function runBatch(db: Db, statements: BatchItem<"sqlite">[], conflict: string): Promise<unknown[]> {
  try {
    return (await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[];
  } catch (err) {
    if (/UNIQUE constraint failed/i.test(String((err as { cause?: unknown }).cause ?? err))) throw new AppError("CONFLICT", conflict);
    throw err;
  }
}

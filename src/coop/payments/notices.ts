// Reads of the dunning notices an invoice received, oldest first, for its history on the pages.
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { dunningNotices, type DunningNoticeRow } from "../../db/schema";

export function noticesOf(db: Db, invoiceId: string): Promise<DunningNoticeRow[]> {
  return db.select().from(dunningNotices).where(eq(dunningNotices.invoiceId, invoiceId)).orderBy(asc(dunningNotices.sentOn), asc(dunningNotices.createdAt));
}

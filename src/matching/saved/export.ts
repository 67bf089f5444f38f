// A member organisation's saved needs and shortlisted bundles in the member export, as stored.
import { asc, eq } from "drizzle-orm";
import { savedNeeds, shortlistItems } from "../../db/schema";
import { snakeRow, type ExportPart } from "../../lib/export";

export const savedExport: ExportPart = {
  feature: "matching/saved",
  kinds: ["member"],
  async build(db, org) {
    const [needs, shortlist] = await db.batch([
      db.select().from(savedNeeds).where(eq(savedNeeds.orgId, org.id)).orderBy(asc(savedNeeds.createdAt), asc(savedNeeds.id)),
      db.select().from(shortlistItems).where(eq(shortlistItems.orgId, org.id)).orderBy(asc(shortlistItems.createdAt), asc(shortlistItems.id)),
    ]);
    return { saved_needs: needs.map((n) => snakeRow(n)), shortlist: shortlist.map((s) => snakeRow(s)) };
  },
};

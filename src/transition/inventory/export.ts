// A member organisation's inventory in the member export: every service as stored, gone ones too
// (with their gone_at); who confirmed it and when is in the organisation's profile.
import { asc, eq } from "drizzle-orm";
import { inventoryServices } from "../../db/schema";
import { snakeRow, type ExportPart } from "../../lib/export";

export const inventoryExport: ExportPart = {
  feature: "transition/inventory",
  kinds: ["member"],
  async build(db, org) {
    const rows = await db.select().from(inventoryServices).where(eq(inventoryServices.orgId, org.id)).orderBy(asc(inventoryServices.kind), asc(inventoryServices.naturalKey));
    return { inventory: rows.map((r) => snakeRow(r)) };
  },
};

// A member organisation's shares in the member export: the register's identity of the organisation
// as a holder, its share requests (with their consents and decisions) and its register entries.
import { eq } from "drizzle-orm";
import { shareRequests } from "../../db/schema";
import { snakeRow, type ExportPart } from "../../lib/export";
import { holderOf, registerEntries } from "./repository";

export const sharesExport: ExportPart = {
  feature: "coop/shares",
  kinds: ["member"],
  async build(db, org) {
    const holder = await holderOf(db, { orgId: org.id });
    if (!holder) return { shareholder: null, share_requests: [], share_register: [] };
    const [requests, entries] = await Promise.all([db.select().from(shareRequests).where(eq(shareRequests.holderId, holder.id)), registerEntries(db, [holder.id])]);
    return { shareholder: snakeRow(holder), share_requests: requests.map((r) => snakeRow(r)), share_register: entries.map((e) => snakeRow(e)) };
  },
};

// The proposals' part of the member export: every proposal a member organisation received, with
// its lines (each inventory service → the offer proposed).
import { asc, eq, inArray } from "drizzle-orm";
import { assignmentProposalLines, assignmentProposals } from "../../db/schema";
import { snakeRow, type ExportPart } from "../../lib/export";

export const proposalsExport: ExportPart = {
  feature: "transition/proposals",
  kinds: ["member"],
  async build(db, org) {
    const rows = await db.select().from(assignmentProposals).where(eq(assignmentProposals.orgId, org.id)).orderBy(asc(assignmentProposals.sentAt), asc(assignmentProposals.id));
    // A subquery, not an id list: D1 binds at most 100 parameters per statement.
    const mine = db.select({ id: assignmentProposals.id }).from(assignmentProposals).where(eq(assignmentProposals.orgId, org.id));
    const lines = await db.select().from(assignmentProposalLines).where(inArray(assignmentProposalLines.proposalId, mine)).orderBy(asc(assignmentProposalLines.proposalId), asc(assignmentProposalLines.inventoryId));
    return { assignment_proposals: rows.map((r) => ({ ...snakeRow(r), lines: lines.filter((l) => l.proposalId === r.id).map((l) => snakeRow(l, ["proposalId"])) })) };
  },
};

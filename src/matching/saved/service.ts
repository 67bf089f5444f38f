// Writes for saved needs and shortlists: each change and its audit row in one D1 batch.
import { eq } from "drizzle-orm";
import type { AppEnv } from "../../env";
import { savedNeeds, shortlistItems } from "../../db/schema";
import { auditInsert } from "../../accounts/audit";
import { newId } from "../../lib/ids";
import type { MatchRequest } from "../needs";
import type { ShortlistEntry } from "./forms";
import { actingPrincipal, type ServiceContext } from "../../lib/context";

type C = ServiceContext;

export async function saveNeeds(ctx: C, orgId: string, input: { name: string; query: string; request: MatchRequest }): Promise<string> {
  const db = ctx.db;
  const id = newId("ned");
  await db.batch([
    db.insert(savedNeeds).values({ id, orgId, name: input.name, query: input.query, request: input.request, createdBy: actingPrincipal(ctx).userId }),
    auditInsert(ctx, { action: "needs.save", subjectType: "saved_needs", subjectId: id, orgId, detail: { name: input.name, needs: input.request.needs.length } }),
  ]);
  return id;
}

export async function deleteNeeds(ctx: C, orgId: string, needs: { id: string; name: string }): Promise<void> {
  const db = ctx.db;
  await db.batch([
    db.delete(savedNeeds).where(eq(savedNeeds.id, needs.id)),
    auditInsert(ctx, { action: "needs.delete", subjectType: "saved_needs", subjectId: needs.id, orgId, detail: { name: needs.name } }),
  ]);
}

export async function addToShortlist(ctx: C, orgId: string, input: { entry: ShortlistEntry; query: string; note: string; savedNeedsId: string | null; bundle: number }): Promise<string> {
  const db = ctx.db;
  const id = newId("sht");
  const { entry } = input;
  await db.batch([
    db.insert(shortlistItems).values({ id, orgId, savedNeedsId: input.savedNeedsId, ...entry, query: input.query, note: input.note, createdBy: actingPrincipal(ctx).userId }),
    auditInsert(ctx, {
      action: "shortlist.add",
      subjectType: "shortlist_item",
      subjectId: id,
      orgId,
      detail: { bundle: input.bundle, offers: entry.items.map((i) => i.offer_id), monthly_cents: entry.monthlyCents },
    }),
  ]);
  return id;
}

export async function removeFromShortlist(ctx: C, orgId: string, id: string): Promise<void> {
  const db = ctx.db;
  await db.batch([
    db.delete(shortlistItems).where(eq(shortlistItems.id, id)),
    auditInsert(ctx, { action: "shortlist.remove", subjectType: "shortlist_item", subjectId: id, orgId }),
  ]);
}

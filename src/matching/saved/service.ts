// Writes for saved needs and shortlists: each change and its audit row in one D1 batch.
import type { Context } from "hono";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../../env";
import { savedNeeds, shortlistItems } from "../../db/schema";
import { auditInsert } from "../../accounts/audit";
import { actorUserId } from "../../accounts/guard";
import { newId } from "../../lib/ids";
import type { MatchRequest } from "../needs";
import type { ShortlistEntry } from "./forms";

type C = Context<AppEnv>;

export async function saveNeeds(c: C, orgId: string, input: { name: string; query: string; request: MatchRequest }): Promise<string> {
  const db = c.var.db;
  const id = newId("ned");
  await db.batch([
    db.insert(savedNeeds).values({ id, orgId, name: input.name, query: input.query, request: input.request, createdBy: actorUserId(c) }),
    auditInsert(c, { action: "needs.save", subjectType: "saved_needs", subjectId: id, orgId, detail: { name: input.name, needs: input.request.needs.length } }),
  ]);
  return id;
}

export async function deleteNeeds(c: C, orgId: string, needs: { id: string; name: string }): Promise<void> {
  const db = c.var.db;
  await db.batch([
    db.delete(savedNeeds).where(eq(savedNeeds.id, needs.id)),
    auditInsert(c, { action: "needs.delete", subjectType: "saved_needs", subjectId: needs.id, orgId, detail: { name: needs.name } }),
  ]);
}

export async function addToShortlist(c: C, orgId: string, input: { entry: ShortlistEntry; query: string; note: string; savedNeedsId: string | null; bundle: number }): Promise<string> {
  const db = c.var.db;
  const id = newId("sht");
  const { entry } = input;
  await db.batch([
    db.insert(shortlistItems).values({ id, orgId, savedNeedsId: input.savedNeedsId, ...entry, query: input.query, note: input.note, createdBy: actorUserId(c) }),
    auditInsert(c, {
      action: "shortlist.add",
      subjectType: "shortlist_item",
      subjectId: id,
      orgId,
      detail: { bundle: input.bundle, offers: entry.items.map((i) => i.offer_id), monthly_cents: entry.monthlyCents },
    }),
  ]);
  return id;
}

export async function removeFromShortlist(c: C, orgId: string, id: string): Promise<void> {
  const db = c.var.db;
  await db.batch([
    db.delete(shortlistItems).where(eq(shortlistItems.id, id)),
    auditInsert(c, { action: "shortlist.remove", subjectType: "shortlist_item", subjectId: id, orgId }),
  ]);
}

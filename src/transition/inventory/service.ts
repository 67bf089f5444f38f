// The inventory's writes and reads. An import (stewards) is one D1 batch: member organisations it
// does not know yet (by external_ref) with their owner's invitation and its mail, services added,
// updated, marked gone or back, and the audit rows — a refused file or a failed batch stores nothing.
// Members then correct their own inventory service by service, and confirm it.
// Existing organisations keep their profile: after the first import it is the member's.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { auditInsert } from "../../accounts/audit";
import { expiryFrom, newInvitationToken } from "../../accounts/orgs/tokens";
import { runBatch } from "../../db/batch";
import type { Db } from "../../db/client";
import { inventoryServices, invitations, organisations, users, type InventoryServiceRow } from "../../db/schema";
import { actingPrincipal, originOf, type ServiceContext } from "../../lib/context";
import { newId } from "../../lib/ids";
import { PageError } from "../../lib/problem";
import { mailInsert } from "../../mail/outbox";
import { invitationMail } from "../../mail/templates";
import { enqueue, type OutboxInsert } from "../../outbox/write";
import { translator } from "../../../web/i18n";
import { canonical, diffCounts, diffInventory, type StoredService } from "../diff";
import { naturalKey, type InventoryImport, type InventoryService } from "../inventory";

type C = ServiceContext;
type Statement = BatchItem<"sqlite">;

/** Members invited by an import may take a while to open their mail: a month, not the usual week. */
export const IMPORT_INVITATION_DAYS = 30;
/** D1 binds at most 100 parameters per statement: look-ups by a list go in chunks. */
const CHUNK = 90;

export interface ImportReply {
  organisations: { external_ref: string; organisation_id: string; created: boolean; services: { added: number; updated: number; unchanged: number; gone: number } }[];
}

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

const storedOf = (row: Pick<InventoryServiceRow, "service" | "goneAt">): StoredService => ({ service: row.service, gone: row.goneAt !== null });

export async function importInventory(ctx: C, data: InventoryImport, format: "json" | "csv"): Promise<ImportReply> {
  const db = ctx.db;
  const who = actingPrincipal(ctx);
  const at = ctx.now().toISOString();
  const refs = data.organisations.map((o) => o.external_ref);

  const known = new Map<string, { id: string; kind: string }>();
  for (const part of chunks(refs)) {
    const rows = await db.select({ id: organisations.id, ref: organisations.externalRef, kind: organisations.kind }).from(organisations).where(inArray(organisations.externalRef, part));
    for (const r of rows) if (r.ref) known.set(r.ref, { id: r.id, kind: r.kind });
  }
  const orgIds = [...known.values()].map((o) => o.id);
  const rowsByOrg = new Map<string, InventoryServiceRow[]>(orgIds.map((id) => [id, []]));
  for (const part of chunks(orgIds)) {
    for (const row of await db.select().from(inventoryServices).where(inArray(inventoryServices.orgId, part))) rowsByOrg.get(row.orgId)!.push(row);
  }
  const existing = new Map<string, StoredService[]>();
  for (const [ref, org] of known) existing.set(ref, rowsByOrg.get(org.id)!.map(storedOf));

  const diffs = diffInventory(existing, data);
  const statements: Statement[] = [];
  const mails: OutboxInsert[] = [];
  const reply: ImportReply = { organisations: [] };
  const inviter = (lang: "fr" | "nl" | "en") => translator(lang)("transition.inventory.inviter");

  for (const [i, org] of data.organisations.entries()) {
    const diff = diffs[i]!;
    const orgId = known.get(org.external_ref)?.id ?? newId("org");
    if (diff.created) {
      statements.push(
        db.insert(organisations).values({
          id: orgId,
          kind: "member",
          name: org.name,
          legalName: org.legal_name,
          companyNumber: org.enterprise_number,
          countryCode: org.country,
          contactEmail: org.contact_email,
          language: org.language,
          externalRef: org.external_ref,
          createdBy: who.userId,
          createdAt: at,
          updatedAt: at,
        }),
        auditInsert(ctx, { action: "org.create", subjectType: "organisation", subjectId: orgId, orgId, detail: { kind: "member", name: org.name, via: "inventory.import", external_ref: org.external_ref } }),
      );
      // The contact becomes the owner by accepting, as with any invitation (token hashed, same mail).
      const { token, hash } = await newInvitationToken();
      const invitationId = newId("inv");
      const url = new URL(`/invitations/${token}`, originOf(ctx));
      url.searchParams.set("lang", org.language);
      const mail = mailInsert(db, {
        kind: "org_invitation",
        to: org.contact_email,
        ...invitationMail(org.language, { orgName: org.name, role: "owner", inviter: inviter(org.language), url: url.href, days: IMPORT_INVITATION_DAYS }),
      });
      mails.push(mail);
      statements.push(
        db.insert(invitations).values({ id: invitationId, orgId, email: org.contact_email, role: "owner", tokenHash: hash, invitedBy: who.userId, expiresAt: expiryFrom(ctx.now(), IMPORT_INVITATION_DAYS) }),
        mail.query,
        auditInsert(ctx, { action: "invitation.create", subjectType: "invitation", subjectId: invitationId, orgId, detail: { email: org.contact_email, role: "owner", language: org.language, via: "inventory.import" } }),
      );
    }
    const byKey = new Map((rowsByOrg.get(orgId) ?? []).map((r) => [r.naturalKey, r]));
    for (const s of diff.services.added) {
      statements.push(db.insert(inventoryServices).values({ id: newId("svc"), orgId, kind: s.kind, naturalKey: naturalKey(s), service: s, source: "import", updatedBy: who.userId, createdAt: at, updatedAt: at }));
    }
    for (const { after } of diff.services.updated) {
      const row = byKey.get(naturalKey(after))!;
      statements.push(db.update(inventoryServices).set({ service: after, source: "import", goneAt: null, updatedBy: who.userId, updatedAt: at }).where(eq(inventoryServices.id, row.id)));
    }
    for (const g of diff.services.gone) {
      const row = byKey.get(naturalKey(g.service))!;
      statements.push(db.update(inventoryServices).set({ goneAt: at, updatedBy: who.userId, updatedAt: at }).where(and(eq(inventoryServices.id, row.id), isNull(inventoryServices.goneAt))));
    }
    const counts = diffCounts(diff.services);
    if (diff.created || counts.added + counts.updated + counts.gone > 0) {
      statements.push(auditInsert(ctx, { action: "inventory.import", subjectType: "organisation", subjectId: orgId, orgId, detail: { format, external_ref: org.external_ref, created: diff.created, ...counts } }));
    }
    reply.organisations.push({ external_ref: org.external_ref, organisation_id: orgId, created: diff.created, services: counts });
  }
  // The import itself is recorded even when it changed nothing: who sent which file, and when.
  const totals = reply.organisations.reduce(
    (t, o) => ({ created: t.created + (o.created ? 1 : 0), added: t.added + o.services.added, updated: t.updated + o.services.updated, gone: t.gone + o.services.gone }),
    { created: 0, added: 0, updated: 0, gone: 0 },
  );
  statements.push(auditInsert(ctx, { action: "inventory.import.file", subjectType: "inventory_import", subjectId: newId("req"), detail: { format, organisations: reply.organisations.length, ...totals } }));
  await runBatch(db, statements, "Another import or a member changed these organisations meanwhile; send the file again");
  enqueue(ctx, mails);
  return reply;
}

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────
export function listInventory(db: Db, orgId: string) {
  return db.select().from(inventoryServices).where(eq(inventoryServices.orgId, orgId)).orderBy(asc(inventoryServices.kind), asc(inventoryServices.naturalKey));
}

export function findService(db: Db, orgId: string, id: string) {
  return db.query.inventoryServices.findFirst({ where: and(eq(inventoryServices.orgId, orgId), eq(inventoryServices.id, id)) });
}

/** Who confirmed the inventory (their address), for the page. */
export async function confirmerEmail(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db.query.users.findFirst({ columns: { email: true }, where: eq(users.id, userId) });
  return row?.email ?? null;
}

// ── Members' corrections ──────────────────────────────────────────────────────────────────────
/** The natural key is taken by another service of the organisation: the form says so next to the field. */
export class DuplicateService extends Error {}

async function taken(db: Db, orgId: string, key: string, except?: string): Promise<boolean> {
  const row = await db.query.inventoryServices.findFirst({ columns: { id: true }, where: and(eq(inventoryServices.orgId, orgId), eq(inventoryServices.naturalKey, key)) });
  return !!row && row.id !== except;
}

export async function addService(ctx: C, orgId: string, service: InventoryService): Promise<string> {
  const db = ctx.db;
  const key = naturalKey(service);
  if (await taken(db, orgId, key)) throw new DuplicateService(key);
  const id = newId("svc");
  const userId = actingPrincipal(ctx).userId;
  await runBatch(
    db,
    [
      db.insert(inventoryServices).values({ id, orgId, kind: service.kind, naturalKey: key, service, source: "member", updatedBy: userId }),
      auditInsert(ctx, { action: "inventory.service.add", subjectType: "inventory_service", subjectId: id, orgId, detail: { kind: service.kind, key } }),
    ],
    "This service is already in the inventory",
  );
  return id;
}

export async function updateService(ctx: C, orgId: string, row: InventoryServiceRow, service: InventoryService): Promise<"changed" | "unchanged"> {
  const db = ctx.db;
  if (canonical(row.service) === canonical(service)) return "unchanged";
  const key = naturalKey(service);
  if (await taken(db, orgId, key, row.id)) throw new DuplicateService(key);
  const at = ctx.now().toISOString();
  await runBatch(
    db,
    [
      db.update(inventoryServices).set({ service, naturalKey: key, source: "member", updatedBy: actingPrincipal(ctx).userId, updatedAt: at }).where(and(eq(inventoryServices.id, row.id), eq(inventoryServices.orgId, orgId))),
      auditInsert(ctx, { action: "inventory.service.update", subjectType: "inventory_service", subjectId: row.id, orgId, detail: { kind: service.kind, from: row.naturalKey, to: key } }),
    ],
    "This service is already in the inventory",
  );
  return "changed";
}

/** Marks a service gone (`gone: true`) or brings it back; never deletes. */
export async function setGone(ctx: C, orgId: string, row: InventoryServiceRow, gone: boolean): Promise<void> {
  if ((row.goneAt !== null) === gone) return;
  const db = ctx.db;
  const at = ctx.now().toISOString();
  await db.batch([
    db.update(inventoryServices).set({ goneAt: gone ? at : null, source: "member", updatedBy: actingPrincipal(ctx).userId, updatedAt: at }).where(and(eq(inventoryServices.id, row.id), eq(inventoryServices.orgId, orgId))),
    auditInsert(ctx, { action: gone ? "inventory.service.gone" : "inventory.service.restore", subjectType: "inventory_service", subjectId: row.id, orgId, detail: { key: row.naturalKey } }),
  ]);
}

export async function confirmInventory(ctx: C, orgId: string): Promise<void> {
  const db = ctx.db;
  const userId = actingPrincipal(ctx).userId;
  const at = ctx.now().toISOString();
  const live = sql<number>`(select count(*) from ${inventoryServices} where ${inventoryServices.orgId} = ${orgId} and ${inventoryServices.goneAt} is null)`;
  const [row] = await db.select({ n: live }).from(organisations).where(eq(organisations.id, orgId));
  if (!row) throw new PageError("NOT_FOUND", `No organisation ${orgId}`, "orgs.error.not_found");
  await db.batch([
    db.update(organisations).set({ inventoryConfirmedAt: at, inventoryConfirmedBy: userId, updatedAt: at }).where(eq(organisations.id, orgId)),
    auditInsert(ctx, { action: "inventory.confirm", subjectType: "organisation", subjectId: orgId, orgId, detail: { services: row.n } }),
  ]);
}

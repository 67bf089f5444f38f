// Reads of billing documents and of the issuer (the cooperative organisation and its settings).
import { and, asc, desc, eq, gte, inArray, lte, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { billingDocuments, billingIssuers, organisations, type BillingDocumentRow } from "../../db/schema";
import { toBillingDocument } from "./document";
import type { DocumentStatus } from "./status";
import type { DocumentType } from "./model";
import { inChunks } from "../../db/chunks";

/** The cooperative organisation (the first, should there ever be more) and its billing settings, if set. */
export async function findIssuer(db: Db) {
  const [org] = await db.select().from(organisations).where(eq(organisations.kind, "cooperative")).orderBy(asc(organisations.createdAt)).limit(1);
  if (!org) return null;
  const [settings] = await db.select().from(billingIssuers).where(eq(billingIssuers.orgId, org.id)).limit(1);
  return { org, settings: settings ?? null };
}

export async function findDocument(db: Db, id: string): Promise<BillingDocumentRow | undefined> {
  const [row] = await db.select().from(billingDocuments).where(eq(billingDocuments.id, id)).limit(1);
  return row;
}

export interface DocumentFilters {
  orgId?: string;
  status?: DocumentStatus;
  type?: DocumentType;
  /** Issue date from / to, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  limit?: number;
}

export const LIST_LIMIT = 200;

/** Newest first: issued documents by date and number, drafts (no date yet) by creation. */
export function listDocuments(db: Db, f: DocumentFilters): Promise<BillingDocumentRow[]> {
  const where: SQL[] = [];
  if (f.orgId) where.push(eq(billingDocuments.orgId, f.orgId));
  if (f.status) where.push(eq(billingDocuments.status, f.status));
  if (f.type) where.push(eq(billingDocuments.type, f.type));
  if (f.from) where.push(gte(billingDocuments.issueDate, f.from));
  if (f.to) where.push(lte(billingDocuments.issueDate, f.to));
  return db
    .select()
    .from(billingDocuments)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(billingDocuments.issueDate), desc(billingDocuments.series), desc(billingDocuments.sequence), desc(billingDocuments.createdAt))
    .limit(Math.min(f.limit ?? LIST_LIMIT, LIST_LIMIT));
}

/** The credit notes issued against an invoice. */
export function creditNotesOf(db: Db, invoiceId: string): Promise<BillingDocumentRow[]> {
  return db
    .select()
    .from(billingDocuments)
    .where(and(eq(billingDocuments.correctsId, invoiceId), eq(billingDocuments.type, "credit_note")))
    .orderBy(asc(billingDocuments.sequence));
}

export async function documentsById(db: Db, ids: string[]): Promise<Map<string, BillingDocumentRow>> {
  if (ids.length === 0) return new Map();
  const rows = await inChunks(ids, (chunk) => db.select().from(billingDocuments).where(inArray(billingDocuments.id, chunk)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The model of an issued document (a credit note with the invoice it corrects), for the renderers. */
export async function issuedModel(db: Db, row: BillingDocumentRow) {
  const corrects = row.correctsId ? await findDocument(db, row.correctsId) : null;
  return toBillingDocument(row, { corrects });
}

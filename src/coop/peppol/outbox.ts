// The Peppol row of an issued document, for the batch that issues it. The document's number and OGM
// are handed out by that same batch (SQL reads them from the series counter), so the UBL is rendered
// with two placeholders which the INSERT … SELECT replaces with the row's own number and OGM, read
// after the batch's update froze them; the row is only written when this batch issued the document
// (its `issued_at` is this batch's). Customers without a Belgian enterprise number have no Peppol
// endpoint here: they get the PDF by mail only, and no row is written.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { billingDocuments, outbox } from "../../db/schema";
import { outboxRowColumns } from "../../outbox/write";
import { newId } from "../../lib/ids";
import { invoiceUbl } from "../documents/ubl";
import type { BillingDocument } from "../invoices/model";

const NUMBER_TOKEN = "@@chatiere-number@@";
const OGM_TOKEN = "@@chatiere-ogm@@";

export interface PeppolInsert {
  id: string;
  channel: "peppol";
  query: ReturnType<typeof insertQuery>;
}

/** `0208:0123456749`, or null when the party has no Belgian enterprise number. */
export function peppolEndpoint(party: { enterpriseNumber?: string }): string | null {
  return party.enterpriseNumber && /^\d{10}$/.test(party.enterpriseNumber) ? `0208:${party.enterpriseNumber}` : null;
}

function insertQuery(db: Db, id: string, doc: BillingDocument, receiver: string, sender: string, issuedAt: string) {
  const template = invoiceUbl({ ...doc, number: NUMBER_TOKEN, ogm: doc.type === "credit_note" ? doc.ogm : OGM_TOKEN });
  const ubl = sql<string>`replace(replace(${template}, ${NUMBER_TOKEN}, ${billingDocuments.number}), ${OGM_TOKEN}, coalesce(${billingDocuments.ogm}, ''))`;
  return db.insert(outbox).select(
    db
      .select(
        outboxRowColumns({
          id,
          channel: "peppol",
          kind: `${doc.type}.issued`,
          recipient: receiver,
          payload: sql<string>`json_object('document_id', ${billingDocuments.id}, 'number', ${billingDocuments.number}, 'type', ${doc.type}, 'receiver', ${receiver}, 'sender', ${sender}, 'ubl', ${ubl})`,
        }),
      )
      .from(billingDocuments)
      .where(and(eq(billingDocuments.id, doc.id), eq(billingDocuments.issuedAt, issuedAt), sql`${billingDocuments.number} is not null`)),
  );
}

/**
 * The insert to put in the issuing batch AFTER the statement that numbers the document, or null when
 * the customer has no Peppol endpoint. `doc` is the frozen document (its number and OGM still unknown).
 */
export function peppolInsert(db: Db, doc: BillingDocument, issuedAt: string): PeppolInsert | null {
  if (doc.type !== "invoice" && doc.type !== "credit_note") return null;
  const receiver = peppolEndpoint(doc.customer);
  const sender = peppolEndpoint(doc.issuer);
  if (!receiver || !sender) return null;
  const id = newId("msg");
  return { id, channel: "peppol", query: insertQuery(db, id, doc, receiver, sender, issuedAt) };
}

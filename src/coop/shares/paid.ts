// The one seam between billing and the register: when a capital call (a billing document of type
// `share_call`) becomes paid in full, its shares enter the register — a `subscription` entry and a
// `payment` entry — in the very batch that moved the document's paid amount. Payments call
// `capitalCallPaidStatements` right after `allocationUpdate` (src/coop/payments/service.ts), for
// bank statements, hand assignment and Stripe alike. The statements insert nothing unless the
// document is a share call, now `paid` (or `overpaid`), and its request has no such entry yet (a
// unique index backs that up), so they are safe after every allocation, even twice in one batch.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { shareRegister } from "../../db/schema";
import { newId } from "../../lib/ids";

/** Written by this hook rather than a person. */
export const PAYMENT_HOOK = "payment";

export function capitalCallPaidStatements(db: Db, documentId: string, on: string, at: string) {
  // Every column of share_register, in the table's order (insert … select takes them all).
  const entry = (kind: "subscription" | "payment", shares: ReturnType<typeof sql>, amount: ReturnType<typeof sql>) =>
    db.insert(shareRegister).select(
      sql`select ${newId("sre")}, r.holder_id, r.class_id, ${kind}, ${shares}, ${amount}, ${on}, r.id, d.id, null, null, null, ${PAYMENT_HOOK}, ${at}
        from share_requests r join billing_documents d on d.id = r.document_id
        where d.id = ${documentId} and d.type = 'share_call' and d.status in ('paid', 'overpaid')
          and not exists (select 1 from share_register e where e.request_id = r.id and e.kind = ${kind})`,
    );
  return [entry("subscription", sql`r.shares`, sql`r.shares * r.nominal_cents`), entry("payment", sql`0`, sql`d.total_cents - d.credited_cents`)] as const;
}

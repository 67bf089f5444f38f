// The one seam between billing and the register: when a capital call (a billing document of type
// `share_call`) becomes paid in full, its shares enter the register — a `subscription` entry and a
// `payment` entry — in the very batch that moved the document's paid amount. Payments call
// `capitalCallPaidStatements` right after `allocationUpdate` (src/coop/payments/service.ts), for
// bank statements, hand assignment and Stripe alike. The statements insert nothing unless the
// document is a share call, now `paid` (or `overpaid`), and its request has no such entry yet (a
// unique index backs that up), so they are safe after every allocation, even twice in one batch.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { newId } from "../../lib/ids";

export function capitalCallPaidStatements(db: Db, documentId: string, on: string, at: string) {
  const paidRequest = sql`from share_requests r join billing_documents d on d.id = r.document_id
    where d.id = ${documentId} and d.type = 'share_call' and d.status in ('paid', 'overpaid')`;
  return [
    db.run(sql`insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date, request_id, document_id, created_by, created_at)
      select ${newId("sre")}, r.holder_id, r.class_id, 'subscription', r.shares, r.shares * r.nominal_cents, ${on}, r.id, d.id, 'payment', ${at}
      ${paidRequest} and not exists (select 1 from share_register e where e.request_id = r.id and e.kind = 'subscription')`),
    db.run(sql`insert into share_register (id, holder_id, class_id, kind, shares, amount_cents, on_date, request_id, document_id, created_by, created_at)
      select ${newId("sre")}, r.holder_id, r.class_id, 'payment', 0, d.total_cents - d.credited_cents, ${on}, r.id, d.id, 'payment', ${at}
      ${paidRequest} and not exists (select 1 from share_register e where e.request_id = r.id and e.kind = 'payment')`),
  ] as const;
}

// Peppol as a channel of the outbox (src/outbox/channels.ts): each row carries one issued document's
// UBL (Peppol BIS Billing 3.0), written in the batch that issued it (./outbox.ts), and is POSTed to
// the access point's HTTP API at PEPPOL_AP_URL with PEPPOL_AP_TOKEN. Provider-neutral like the mail
// API: the body is the UBL itself, the envelope in headers, the outbox id as Idempotency-Key (a
// retried delivery is transmitted at most once by an access point that honours it); a small relay
// maps it to a given provider's API. Retried on the outbox's shared backoff, failed rows shown to
// stewards at /admin/outbox. In record mode (development without a URL, or PEPPOL_AP_MODE=record)
// nothing leaves: the row, UBL included, is the record, as the dev mailbox is for mail.
// Imports nothing that writes to the outbox, so the channel registry has no import cycle.
import { z } from "zod";
import type { OutboxRow } from "../../db/schema";
import type { Settings } from "../../env";
import type { ServiceContext } from "../../lib/context";
import { postDelivery } from "../../outbox/post";
import type { DeliveryOutcome, OutboxChannel } from "../../outbox/channel";

export const PEPPOL_TIMEOUT_MS = 30_000;

export const peppolPayloadSchema = z.object({
  document_id: z.string(),
  number: z.string(),
  type: z.enum(["invoice", "credit_note"]),
  /** `0208:0123456749`: scheme and identifier of the buyer's Peppol endpoint. */
  receiver: z.string(),
  sender: z.string(),
  ubl: z.string(),
});
export type PeppolPayload = z.infer<typeof peppolPayloadSchema>;

/** BIS Billing 3.0 document type identifiers, as the access point routes them. */
export const PEPPOL_DOCUMENT_TYPES = {
  invoice: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1",
  credit_note: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1",
} as const;

/** Record instead of sending: asked for, or development without an access point. */
export function peppolRecords(settings: Pick<Settings, "ENVIRONMENT" | "PEPPOL_AP_URL" | "PEPPOL_AP_MODE">): boolean {
  return settings.PEPPOL_AP_MODE === "record" || (settings.ENVIRONMENT === "development" && !settings.PEPPOL_AP_URL);
}

/** The request the access point receives for a row. */
export function peppolRequest(row: Pick<OutboxRow, "id">, payload: PeppolPayload, token: string | undefined): { headers: Record<string, string>; body: string } {
  return {
    headers: {
      "content-type": "application/xml; charset=utf-8",
      "idempotency-key": row.id,
      "peppol-sender": payload.sender,
      "peppol-receiver": payload.receiver,
      "peppol-document-type": PEPPOL_DOCUMENT_TYPES[payload.type],
      "peppol-process": "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
      "user-agent": "Chatiere-Peppol/1",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: payload.ubl,
  };
}

export async function deliverPeppol(row: OutboxRow, ctx: Pick<ServiceContext, "settings" | "env">, fetcher: typeof fetch = fetch): Promise<DeliveryOutcome> {
  const parsed = peppolPayloadSchema.safeParse(row.payload);
  if (!parsed.success) return { ok: false, retry: false, error: "not a peppol row: the payload lacks document_id, number, type, receiver, sender or ubl" };
  if (peppolRecords(ctx.settings)) {
    console.log(JSON.stringify({ level: "info", msg: "peppol: recorded, not sent", id: row.id, number: parsed.data.number, receiver: parsed.data.receiver }));
    return { ok: true };
  }
  const url = ctx.settings.PEPPOL_AP_URL;
  if (!url) return { ok: false, retry: true, error: "PEPPOL_AP_URL is not set (or set PEPPOL_AP_MODE=record)" };
  const request = peppolRequest(row, parsed.data, ctx.env.PEPPOL_AP_TOKEN);
  // 400/413/415/422: the access point refuses the document itself (a validation error): retrying cannot help.
  return postDelivery(fetcher, url, { headers: request.headers, body: request.body, redirect: "manual", signal: AbortSignal.timeout(PEPPOL_TIMEOUT_MS) });
}

export const peppolChannel: OutboxChannel = {
  name: "peppol",
  queue: "chatiere-peppol",
  deadLetterQueue: "chatiere-peppol-dlq",
  producer: (env) => env.PEPPOL_QUEUE,
  deliver: (row, ctx) => deliverPeppol(row, ctx),
};

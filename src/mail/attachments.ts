// The files a mail names (MailAttachmentRef), made into bytes at delivery. Billing documents are
// rendered from their frozen rows, so the PDF is the document as issued. A reference to something
// that no longer exists is the message's own fault: its delivery fails for good.
import type { MailAttachmentRef } from "../db/schema";
import type { ServiceContext } from "../lib/context";
import type { MailApiAttachment } from "./api";

export type ResolvedAttachments = { ok: true; files: MailApiAttachment[] } | { ok: false; error: string };

/** Base64 of bytes, in chunks (String.fromCharCode takes a bounded argument list). */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function resolveAttachments(ctx: Pick<ServiceContext, "db">, refs: readonly MailAttachmentRef[] = []): Promise<ResolvedAttachments> {
  if (refs.length === 0) return { ok: true, files: [] };
  // Loaded only for mails with files: the PDF renderer is heavy and most mail has none.
  const [{ findDocument, issuedModel }, { renderInvoicePdf }] = await Promise.all([import("../coop/invoices/repository"), import("../coop/documents/pdf")]);
  const files: MailApiAttachment[] = [];
  for (const ref of refs) {
    const row = await findDocument(ctx.db, ref.id);
    if (!row || row.status === "draft") return { ok: false, error: `attachment ${ref.filename}: no issued document ${ref.id}` };
    const pdf = await renderInvoicePdf(await issuedModel(ctx.db, row));
    files.push({ filename: ref.filename, content_type: "application/pdf", content: base64(pdf) });
  }
  return { ok: true, files };
}

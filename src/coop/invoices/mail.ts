// The mail telling a customer an invoice was issued: written to the outbox in the issuing batch,
// in the invoice's language. The number is given by the batch itself, so the mail names the amount
// and the due date and links to the organisation's billing page, where the number is. Pure.
import { formatDay, formatMoney } from "../../../web/components/format";
import { translator, type Lang } from "../../../web/i18n";
import { escapeHtml, type RenderedMail } from "../../mail/templates";

export interface InvoiceIssuedInput {
  orgName: string;
  totalCents: number;
  dueDate: string;
  /** The organisation's billing page, when the request knows the site's origin. */
  billingUrl: string | null;
}

export function invoiceIssuedMail(lang: Lang, input: InvoiceIssuedInput): RenderedMail {
  const t = translator(lang);
  const params = { org: input.orgName, total: formatMoney(input.totalCents, lang), due: formatDay(input.dueDate, lang) };
  const subject = t("billing.mail.issued.subject", params);
  const body = t("billing.mail.issued.body", params);
  const text = [t("billing.mail.issued.greeting"), "", body, ...(input.billingUrl ? ["", input.billingUrl] : []), "", "-- ", t("mail.signature"), ""].join("\n");
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(t("billing.mail.issued.greeting"))}</p><p>${escapeHtml(body)}</p>${input.billingUrl ? `<p><a href="${escapeHtml(input.billingUrl)}">${escapeHtml(input.billingUrl)}</a></p>` : ""}<p>— ${escapeHtml(t("mail.signature"))}</p></body></html>`;
  return { lang, subject, text, html };
}

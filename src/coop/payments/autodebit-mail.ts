// The mail telling a member that an automatic debit failed, in the organisation's language: which
// invoice, how much, that automatic debit is now off, and how to pay instead. Pure.
import { formatMoney } from "../../../web/components/format";
import { translator, type Lang } from "../../../web/i18n";
import { escapeHtml, type RenderedMail } from "../../mail/templates";

export function debitFailedMail(lang: Lang, input: { number: string; amountCents: number; billingUrl: string | null }): RenderedMail {
  const t = translator(lang);
  const params = { number: input.number, amount: formatMoney(input.amountCents, lang) };
  const subject = t("autodebit.mail.failed.subject", params);
  const body = t("autodebit.mail.failed.body", params);
  const text = [t("autodebit.mail.greeting"), "", body, ...(input.billingUrl ? ["", input.billingUrl] : []), "", "-- ", t("mail.signature"), ""].join("\n");
  const link = input.billingUrl ? `<p><a href="${escapeHtml(input.billingUrl)}">${escapeHtml(input.billingUrl)}</a></p>` : "";
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(t("autodebit.mail.greeting"))}</p><p>${escapeHtml(body)}</p>${link}<p>— ${escapeHtml(t("mail.signature"))}</p></body></html>`;
  return { lang, subject, text, html };
}

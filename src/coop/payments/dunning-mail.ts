// The reminder mails (reminder, second reminder, formal notice), in the invoice's language, with what
// a transfer needs: the amount still due, the IBAN and BIC, the payee and the structured
// communication. The PDF travels as an attachment (src/mail/attachments.ts). A capital call's
// reminders say so (its own words, never a formal notice: ./dunning.ts `STEPS_OF`) and, when the
// call can be paid online, where. Pure.
import { formatDay, formatMoney } from "../../../web/components/format";
import { translator, type Lang } from "../../../web/i18n";
import { escapeHtml, type RenderedMail } from "../../mail/templates";
import { groupIban } from "../documents/present";
import { formatOgm } from "../invoices/ogm";
import type { DunningStep } from "./dunning";

export interface DunningMailInput {
  number: string;
  issueDate: string;
  dueDate: string;
  dueCents: number;
  ogm: string;
  iban: string;
  bic: string;
  payee: string;
  /** A capital call (src/coop/shares) rather than an invoice. */
  shareCall?: boolean;
  /** Where the call is paid online (Stripe configured and the site's origin known), else null. */
  payUrl?: string | null;
}

export function dunningMail(lang: Lang, step: DunningStep, input: DunningMailInput): RenderedMail {
  const t = translator(lang);
  const params = { number: input.number, date: formatDay(input.issueDate, lang), due_date: formatDay(input.dueDate, lang), due: formatMoney(input.dueCents, lang) };
  const callStep = input.shareCall && step !== "formal_notice" ? step : null;
  const subject = callStep ? t(`sharepay.mail.${callStep}.subject`, params) : t(`dunning.mail.${step}.subject`, params);
  const body = callStep ? t(`sharepay.mail.${callStep}.body`, params) : t(`dunning.mail.${step}.body`, params);
  const payment = [
    t("dunning.mail.amount", { due: params.due }),
    t("dunning.mail.iban", { iban: groupIban(input.iban), bic: input.bic }),
    t("dunning.mail.payee", { payee: input.payee }),
    t("dunning.mail.ogm", { ogm: formatOgm(input.ogm) }),
  ];
  const online = callStep && input.payUrl ? [t("sharepay.mail.online", { url: input.payUrl })] : [];
  const closing = [...online, t(callStep ? "sharepay.mail.attached" : "dunning.mail.attached"), ...(step === "formal_notice" ? [] : [t("dunning.mail.paid_meanwhile")])];
  const text = [t("dunning.mail.greeting"), "", body, "", t("dunning.mail.payment"), ...payment.map((p) => `  ${p}`), "", ...closing, "", "-- ", t("mail.signature"), ""].join("\n");
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(t("dunning.mail.greeting"))}</p><p>${escapeHtml(body)}</p><p>${escapeHtml(t("dunning.mail.payment"))}</p><ul>${payment.map((p) => `<li>${escapeHtml(p)}</li>`).join("")}</ul>${closing.map((c) => `<p>${escapeHtml(c)}</p>`).join("")}<p>— ${escapeHtml(t("mail.signature"))}</p></body></html>`;
  return { lang, subject, text, html };
}

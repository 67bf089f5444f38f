// The mails a requester receives on each decision, in the holder's language. Pure.
import { formatDay, formatMoney } from "../../../web/components/format";
import { translator, type Lang } from "../../../web/i18n";
import { escapeHtml, type RenderedMail } from "../../mail/templates";

function render(lang: Lang, subject: string, body: string, url: string | null): RenderedMail {
  const t = translator(lang);
  const text = [t("shares.mail.greeting"), "", body, ...(url ? ["", url] : []), "", "-- ", t("mail.signature"), ""].join("\n");
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(t("shares.mail.greeting"))}</p><p>${escapeHtml(body)}</p>${url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : ""}<p>— ${escapeHtml(t("mail.signature"))}</p></body></html>`;
  return { lang, subject, text, html };
}

export function approvedMail(lang: Lang, input: { classCode: string; shares: number; holder: string; decidedOn: string; totalCents: number; url: string | null }): RenderedMail {
  const t = translator(lang);
  const params = { class: input.classCode, shares: String(input.shares), holder: input.holder, date: formatDay(input.decidedOn, lang), total: formatMoney(input.totalCents, lang) };
  return render(lang, t("shares.mail.approved.subject", params), t("shares.mail.approved.body", params), input.url);
}

export function refusedMail(lang: Lang, input: { classCode: string; shares: number; holder: string; reason: string; url: string | null }): RenderedMail {
  const t = translator(lang);
  const params = { class: input.classCode, shares: String(input.shares), holder: input.holder, reason: input.reason };
  return render(lang, t("shares.mail.refused.subject", params), t("shares.mail.refused.body", params), input.url);
}

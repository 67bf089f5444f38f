// The pledge mails, in the pledger's language: the confirmation link (written in the pledge's batch)
// and the invitation to join when the cooperative opens. Pure.
import { translator, type Lang, type MessageKey } from "../../../web/i18n";
import { escapeHtml, type RenderedMail } from "../../mail/templates";

function render(lang: Lang, subject: string, paragraphs: string[], link: { url: string; action: string }, after: string[]): RenderedMail {
  const t = translator(lang);
  // The link comes right after the body in the text part: it is what people (and tests) look for.
  const text = [...paragraphs.flatMap((p) => [p, ""]), link.url, "", ...after.flatMap((p) => [p, ""]), "-- ", t("mail.signature"), ""].join("\n");
  const html =
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>` +
    paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("") +
    `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.action)}</a></p><p>${escapeHtml(link.url)}</p>` +
    after.map((p) => `<p>${escapeHtml(p)}</p>`).join("") +
    `<p>— ${escapeHtml(t("mail.signature"))}</p></body></html>`;
  return { lang, subject, text, html };
}

export function pledgeConfirmMail(lang: Lang, input: { name: string; url: string; days: number }): RenderedMail {
  const t = translator(lang);
  const k = (key: string) => t(`coop.mail.confirm.${key}` as MessageKey, { days: input.days });
  return render(lang, k("subject"), [t("coop.mail.greeting", { name: input.name }), k("body")], { url: input.url, action: k("action") }, [k("expiry"), k("ignore")]);
}

export function pledgeInviteMail(lang: Lang, input: { name: string; url: string }): RenderedMail {
  const t = translator(lang);
  return render(lang, t("coop.mail.invite.subject"), [t("coop.mail.greeting", { name: input.name }), t("coop.mail.invite.body")], { url: input.url, action: t("coop.mail.invite.action") }, [t("coop.mail.invite.free")]);
}

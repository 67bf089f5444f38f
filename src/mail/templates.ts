// Mail templates in the recipient's language: subject, plain text and a simple HTML part, rendered
// when the outbox row is written so the message stays as it was sent. Pure functions.
import { translator, type Lang } from "../../web/i18n";

export interface RenderedMail {
  lang: Lang;
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/** A minimal, client-friendly HTML document: no styles to strip, no images to block. */
function htmlDocument(lang: Lang, title: string, body: string): string {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

export function signInLinkMail(lang: Lang, url: string, minutes: number): RenderedMail {
  const t = translator(lang);
  const subject = t("mail.sign_in.subject");
  const expiry = t("mail.sign_in.expiry", { minutes });
  const text = [t("mail.sign_in.greeting"), "", t("mail.sign_in.body"), url, "", expiry, "", t("mail.sign_in.ignore"), "", "-- ", t("mail.signature"), ""].join("\n");
  const html = htmlDocument(
    lang,
    subject,
    [
      `<p>${escapeHtml(t("mail.sign_in.greeting"))}</p>`,
      `<p>${escapeHtml(t("mail.sign_in.body"))}</p>`,
      `<p><a href="${escapeHtml(url)}">${escapeHtml(t("mail.sign_in.action"))}</a></p>`,
      `<p>${escapeHtml(url)}</p>`, // for clients that show no links
      `<p>${escapeHtml(expiry)}</p>`,
      `<p>${escapeHtml(t("mail.sign_in.ignore"))}</p>`,
      `<p>— ${escapeHtml(t("mail.signature"))}</p>`,
    ].join(""),
  );
  return { lang, subject, text, html };
}

export interface InvitationMailInput {
  orgName: string;
  role: "owner" | "admin" | "member";
  /** Who invited: their address, so the invitee knows whom to ask. */
  inviter: string;
  url: string;
  days: number;
}

/** An invitation to join an organisation; the link is its only way in. */
export function invitationMail(lang: Lang, input: InvitationMailInput): RenderedMail {
  const t = translator(lang);
  const role = t(`orgs.role.${input.role}`);
  const subject = t("orgs.mail.invite.subject", { org: input.orgName });
  const body = t("orgs.mail.invite.body", { inviter: input.inviter, org: input.orgName, role });
  const expiry = t("orgs.mail.invite.expiry", { days: input.days });
  const ignore = t("orgs.mail.invite.ignore");
  // The link comes first in the text part: it is what people (and tests) look for.
  const text = [t("orgs.mail.greeting"), "", body, "", t("orgs.mail.invite.open"), input.url, "", expiry, "", ignore, "", "-- ", t("mail.signature"), ""].join("\n");
  const html = htmlDocument(
    lang,
    subject,
    [
      `<p>${escapeHtml(t("orgs.mail.greeting"))}</p>`,
      `<p>${escapeHtml(body)}</p>`,
      `<p><a href="${escapeHtml(input.url)}">${escapeHtml(t("orgs.mail.invite.action"))}</a></p>`,
      `<p>${escapeHtml(input.url)}</p>`,
      `<p>${escapeHtml(expiry)}</p>`,
      `<p>${escapeHtml(ignore)}</p>`,
      `<p>— ${escapeHtml(t("mail.signature"))}</p>`,
    ].join(""),
  );
  return { lang, subject, text, html };
}

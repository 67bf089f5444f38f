// The notice an organisation's owners and admins get when a steward decides on what they
// submitted, in the organisation's language. Pure; rendered when the outbox row is written.
import { translator, type Lang } from "../../../web/i18n";
import { escapeHtml, type RenderedMail } from "../../mail/templates";

export interface Decision {
  approved: boolean;
  /** What was decided on, e.g. the offer's or the profile's name. */
  subject: string;
  what: "provider" | "offer" | "claim";
  reason: string | null;
  url: string;
}

export function decisionMail(lang: Lang, d: Decision): RenderedMail {
  const t = translator(lang);
  const verdict = d.approved ? "approved" : "rejected";
  const subject = t(`manage.mail.${verdict}.subject`, { name: d.subject });
  const body = t(`manage.mail.${verdict}.${d.what}`, { name: d.subject });
  const reason = d.reason ? t("manage.mail.reason", { reason: d.reason }) : null;
  const text = [t("manage.mail.greeting"), "", body, ...(reason ? ["", reason] : []), "", d.url, "", "-- ", t("mail.signature"), ""].join("\n");
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${[
    `<p>${escapeHtml(t("manage.mail.greeting"))}</p>`,
    `<p>${escapeHtml(body)}</p>`,
    reason ? `<p>${escapeHtml(reason)}</p>` : "",
    `<p><a href="${escapeHtml(d.url)}">${escapeHtml(d.url)}</a></p>`,
    `<p>— ${escapeHtml(t("mail.signature"))}</p>`,
  ].join("")}</body></html>`;
  return { lang, subject, text, html };
}

export interface Waiting {
  /** The organisation that submitted. */
  org: string;
  subjectType: "provider" | "offer";
  kind: "create" | "update";
  /** The profile's or offer's name as proposed. */
  name: string;
  /** The moderation queue. */
  url: string;
}

/** The notice each steward gets when a change enters the moderation queue, in the steward's language. */
export function waitingMail(lang: Lang, w: Waiting): RenderedMail {
  const t = translator(lang);
  const subject = t("moderation.mail.subject", { name: w.name });
  const body = t("moderation.mail.body", { org: w.org, what: t(`moderation.kind.${w.subjectType}_${w.kind}`, { name: w.name }) });
  const open = t("moderation.mail.open");
  const text = [t("manage.mail.greeting"), "", body, "", open, w.url, "", "-- ", t("mail.signature"), ""].join("\n");
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${[
    `<p>${escapeHtml(t("manage.mail.greeting"))}</p>`,
    `<p>${escapeHtml(body)}</p>`,
    `<p>${escapeHtml(open)} <a href="${escapeHtml(w.url)}">${escapeHtml(w.url)}</a></p>`,
    `<p>— ${escapeHtml(t("mail.signature"))}</p>`,
  ].join("")}</body></html>`;
  return { lang, subject, text, html };
}

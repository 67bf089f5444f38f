// The migrations' mails, rendered in the recipient's language when the outbox row is written:
// a provider's migration request, and a move that the other side must act on. Pure.
import { translator, type Lang } from "../../../web/i18n";
import { escapeHtml, type RenderedMail } from "../../mail/templates";
import type { InventoryKind } from "../inventory";
import type { ItemState, Role } from "../states";

/** Moves that ask something of the other side, who is mailed (the webhook goes to both sides always). */
export const MAIL_STATES: ReadonlySet<ItemState> = new Set(["requested", "declined", "scheduled", "cutover", "failed", "blocked", "cancelled"]);

function render(lang: Lang, subject: string, paragraphs: string[], link: string | null): RenderedMail {
  const t = translator(lang);
  const lines = [t("migrations.mail.greeting"), "", ...paragraphs.flatMap((p) => [p, ""])];
  if (link) lines.push(t("migrations.mail.open"), link, "");
  lines.push("-- ", t("mail.signature"), "");
  const html = [
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p>${escapeHtml(t("migrations.mail.greeting"))}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`),
    link ? `<p>${escapeHtml(t("migrations.mail.open"))} <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : "",
    `<p>— ${escapeHtml(t("mail.signature"))}</p></body></html>`,
  ].join("");
  return { lang, subject, text: lines.join("\n"), html };
}

export interface RequestedService {
  kind: InventoryKind;
  label: string;
  offerName: string;
}

export function requestMail(lang: Lang, input: { org: string; services: readonly RequestedService[]; link: string | null }): RenderedMail {
  const t = translator(lang);
  const list = input.services.map((s) => `- ${t(`transition.kind.${s.kind}`)} ${s.label} → ${s.offerName}`).join("\n");
  return render(lang, t("migrations.mail.requested.subject", { org: input.org }), [t("migrations.mail.requested.body", { org: input.org }), list, t("migrations.mail.requested.act")], input.link);
}

export interface MoveMailInput {
  org: string;
  provider: string;
  kind: InventoryKind;
  label: string;
  state: ItemState;
  by: Role;
  note: string | null;
  scheduledFor: string | null;
  afterDeadline: boolean;
  link: string | null;
}

export function moveMail(lang: Lang, input: MoveMailInput): RenderedMail {
  const t = translator(lang);
  const state = t(`transition.state.${input.state}`);
  const service = `${t(`transition.kind.${input.kind}`)} ${input.label}`;
  const paragraphs = [t("migrations.mail.moved.body", { service, org: input.org, provider: input.provider, state, who: t(`transition.role.${input.by}`) })];
  if (input.scheduledFor) paragraphs.push(t("migrations.mail.scheduled_for", { date: input.scheduledFor }) + (input.afterDeadline ? `\n${t("migrations.mail.after_deadline")}` : ""));
  if (input.note) paragraphs.push(t("migrations.mail.note", { note: input.note }));
  const act = ACT[input.state];
  if (act) paragraphs.push(t(act));
  return render(lang, t("migrations.mail.moved.subject", { service, state }), paragraphs, input.link);
}

const ACT: Partial<Record<ItemState, Parameters<ReturnType<typeof translator>>[0]>> = {
  requested: "migrations.mail.requested.act",
  declined: "migrations.mail.act.declined",
  scheduled: "migrations.mail.act.scheduled",
  cutover: "migrations.mail.act.cutover",
  failed: "migrations.mail.act.failed",
  blocked: "migrations.mail.act.blocked",
  cancelled: "migrations.mail.act.cancelled",
};

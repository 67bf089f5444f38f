// The proposal's mail to a member organisation's owners and admins, rendered in the recipient's
// language when the outbox row is written. Pure.
import { formatDay, formatMoney } from "../../../web/components/format";
import { translator, type Lang } from "../../../web/i18n";
import { escapeHtml, type RenderedMail } from "../../mail/templates";
import type { InventoryKind } from "../inventory";

export interface ProposalMailInput {
  org: string;
  monthlyCents: number;
  expiresAt: string;
  items: readonly { kind: InventoryKind; label: string; offer: string; provider: string }[];
  link: string | null;
}

export function proposalMail(lang: Lang, input: ProposalMailInput): RenderedMail {
  const t = translator(lang);
  const subject = t("proposals.mail.subject", { org: input.org });
  const intro = t("proposals.mail.body", { org: input.org, monthly: formatMoney(input.monthlyCents, lang) });
  const list = input.items.map((i) => `- ${t(`transition.kind.${i.kind}`)} ${i.label} → ${i.offer} (${i.provider})`);
  const act = t("proposals.mail.act", { date: formatDay(input.expiresAt.slice(0, 10), lang) });
  const text = [t("migrations.mail.greeting"), "", intro, "", ...list, "", act, "", ...(input.link ? [t("migrations.mail.open"), input.link, ""] : []), "-- ", t("mail.signature"), ""].join("\n");
  const html = [
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p>${escapeHtml(t("migrations.mail.greeting"))}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<ul>${input.items.map((i) => `<li>${escapeHtml(`${t(`transition.kind.${i.kind}`)} ${i.label} → ${i.offer} (${i.provider})`)}</li>`).join("")}</ul>`,
    `<p>${escapeHtml(act)}</p>`,
    input.link ? `<p>${escapeHtml(t("migrations.mail.open"))} <a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>` : "",
    `<p>— ${escapeHtml(t("mail.signature"))}</p></body></html>`,
  ].join("");
  return { lang, subject, text, html };
}

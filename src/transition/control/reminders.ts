// Reminders, pure: which window of the "no plan yet" series applies on a day, which reminders are
// essential, and the mails in each person's language. The job (reminders-job.ts) reads and writes.
//
// Essential or not: only the last "no plan" reminder, 7 days before the deadline, is essential — it
// is the one notice left before the member's services stop, so it reaches owners who turned
// reminders off (the mail says why). The 120/90/60/30-day ones, the "stuck for 14 days" ones and
// the stewards' weekly digest are not essential: a person who turned them off gets none.
import { translator, type Lang, type MessageKey } from "../../../web/i18n";
import { formatDay, formatNumber } from "../../../web/components/format";
import { escapeHtml, type RenderedMail } from "../../mail/templates";
import type { ReminderKind } from "../../db/schema/control";
import type { InventoryKind } from "../inventory";
import type { ItemState } from "../states";

export const NO_PLAN_DAYS = [120, 90, 60, 30, 7] as const;
export const ESSENTIAL_WINDOWS: ReadonlySet<string> = new Set(["d7"]);

/** `d120` while 90 < days left ≤ 120, … `d7` while 0 < days left ≤ 7; null outside the series. */
export function noPlanWindow(daysLeft: number): string | null {
  if (daysLeft <= 0) return null;
  const t = [...NO_PLAN_DAYS].reverse().find((d) => daysLeft <= d);
  return t === undefined ? null : `d${t}`;
}

export const isEssential = (kind: ReminderKind, window: string) => kind === "no_plan" && ESSENTIAL_WINDOWS.has(window);

/** Mondays in Brussels: the stewards' digest day. */
export function isDigestDay(brusselsDay: string): boolean {
  return new Date(`${brusselsDay}T12:00:00Z`).getUTCDay() === 1;
}

export interface Recipient {
  email: string;
  lang: Lang;
  /** Non-essential reminders turned off. */
  optedOut: boolean;
}

/** Who gets a reminder: everyone for an essential one, else those who did not turn them off. */
export const recipientsOf = (people: readonly Recipient[], essential: boolean) => {
  const seen = new Set<string>();
  return people.filter((p) => (essential || !p.optedOut) && !seen.has(p.email) && seen.add(p.email));
};

function render(lang: Lang, subject: string, paragraphs: string[], link: string, optOut: { link: string; essential: boolean }): RenderedMail {
  const t = translator(lang);
  const foot = optOut.essential ? t("control.mail.essential") : t("control.mail.opt_out");
  const lines = [t("migrations.mail.greeting"), "", ...paragraphs.flatMap((p) => [p, ""]), link, "", foot, optOut.link, "", "-- ", t("mail.signature"), ""];
  const html = [
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p>${escapeHtml(t("migrations.mail.greeting"))}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    `<p><small>${escapeHtml(foot)} <a href="${escapeHtml(optOut.link)}">${escapeHtml(optOut.link)}</a></small></p>`,
    `<p>— ${escapeHtml(t("mail.signature"))}</p></body></html>`,
  ].join("");
  return { lang, subject, text: lines.join("\n"), html };
}

export interface Links {
  /** Absolute when the site's origin is known (PUBLIC_ORIGIN), else a path. */
  to(path: string): string;
}

export function noPlanMail(lang: Lang, x: { org: string; orgId: string; services: number; daysLeft: number; deadline: string; window: string }, links: Links): RenderedMail {
  const t = translator(lang);
  const essential = ESSENTIAL_WINDOWS.has(x.window);
  return render(
    lang,
    t("control.mail.no_plan.subject", { org: x.org, days: formatNumber(x.daysLeft, lang) }),
    [t("control.mail.no_plan.body", { org: x.org, services: formatNumber(x.services, lang), deadline: formatDay(x.deadline.slice(0, 10), lang), days: formatNumber(x.daysLeft, lang) }), t("control.mail.no_plan.act")],
    links.to(`/orgs/${encodeURIComponent(x.orgId)}/migration/plan`),
    { link: links.to("/account/reminders"), essential },
  );
}

export function stuckMail(lang: Lang, x: { org: string; provider: string; kind: InventoryKind; label: string; state: ItemState; since: string; path: string }, links: Links): RenderedMail {
  const t = translator(lang);
  const kind = t(`transition.kind.${x.kind}` as MessageKey);
  return render(
    lang,
    t("control.mail.stuck.subject", { org: x.org, kind, label: x.label }),
    [t("control.mail.stuck.body", { org: x.org, provider: x.provider, kind, label: x.label, state: t(`transition.state.${x.state}` as MessageKey), since: formatDay(x.since.slice(0, 10), lang) }), t("control.mail.stuck.act")],
    links.to(x.path),
    { link: links.to("/account/reminders"), essential: false },
  );
}

export interface DigestFigures {
  moved: number;
  total: number;
  daysLeft: number;
  withoutPlan: number;
  stuck: number;
  late: number;
}

export function digestMail(lang: Lang, f: DigestFigures, links: Links): RenderedMail {
  const t = translator(lang);
  const n = (v: number) => formatNumber(v, lang);
  return render(
    lang,
    t("control.mail.digest.subject", { moved: n(f.moved), total: n(f.total) }),
    [
      t("control.mail.digest.body", { days: n(f.daysLeft) }),
      [
        `- ${t("control.mail.digest.moved", { moved: n(f.moved), total: n(f.total) })}`,
        `- ${t("control.without_plan.title")}: ${n(f.withoutPlan)}`,
        `- ${t("control.stuck.title")}: ${n(f.stuck)}`,
        `- ${t("control.late.title")}: ${n(f.late)}`,
      ].join("\n"),
    ],
    links.to("/transition"),
    { link: links.to("/account/reminders"), essential: false },
  );
}

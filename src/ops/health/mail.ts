// The mail stewards get when figures cross their thresholds. Pure: figures in, a rendered mail out.
import { translator, type Lang } from "../../../web/i18n";
import { escapeHtml, type RenderedMail } from "../../mail/templates";
import type { Figure } from "./figures";
import { formatFigure } from "./format";

export function incidentMail(lang: Lang, figures: Figure[]): RenderedMail {
  const t = translator(lang);
  const subject = t("ops.mail.subject", { count: figures.length });
  const lines = figures.map((f) => `${t(f.label, f.params)}: ${formatFigure(lang, f.unit, f.value)} (${t("ops.threshold")} ${formatFigure(lang, f.unit, f.threshold)})`);
  const text = [t("ops.mail.body"), "", ...lines.map((l) => `- ${l}`), "", t("ops.mail.open"), "", "-- ", t("mail.signature"), ""].join("\n");
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(t("ops.mail.body"))}</p><ul>${lines
    .map((l) => `<li>${escapeHtml(l)}</li>`)
    .join("")}</ul><p>${escapeHtml(t("ops.mail.open"))}</p><p>— ${escapeHtml(t("mail.signature"))}</p></body></html>`;
  return { lang, subject, text, html };
}

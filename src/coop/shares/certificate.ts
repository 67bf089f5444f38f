// A holder's certificate: the extract of the share register for one holder, as an A4 PDF in the
// holder's language — who issues it, the holder (name and domicile, or registered office and
// enterprise number), its entries and its shares per class. pdf-lib with Helvetica, every text
// through billing's `winAnsiSafe` (src/coop/documents/pdf.ts), so no name makes rendering throw. Pure.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatDay, formatMoney } from "../../../web/components/format";
import { translator, type Lang, type MessageKey } from "../../../web/i18n";
import { winAnsiSafe } from "../documents/pdf";
import type { ShareholderRow } from "../../db/schema";
import type { Position, RunningEntry } from "./register";
import type { EntryView } from "./repository";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const KIND: Record<EntryView["kind"], MessageKey> = { subscription: "shares.kind.subscription", payment: "shares.kind.payment", transfer: "shares.kind.transfer", redemption: "shares.kind.redemption" };

export interface CertificateInput {
  lang: Lang;
  /** The cooperative's legal name. */
  issuer: string;
  holder: Pick<ShareholderRow, "kind" | "name" | "street" | "postcode" | "city" | "countryCode" | "enterpriseNumber">;
  entries: RunningEntry<EntryView>[];
  positions: (Position & { code: string })[];
  /** YYYY-MM-DD. */
  day: string;
}

export async function renderCertificate(input: CertificateInput): Promise<Uint8Array> {
  const t = translator(input.lang);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set([...regular.getCharacterSet(), ...bold.getCharacterSet()].filter((cp) => cp >= 0x20));
  const safe = (s: string) => winAnsiSafe(s, supported);
  const title = t("shares.cert.title");
  pdf.setTitle(safe(`${title} — ${input.holder.name}`));
  pdf.setAuthor(safe(input.issuer));
  pdf.setLanguage({ fr: "fr-BE", nl: "nl-BE", en: "en-GB" }[input.lang]);
  pdf.setCreator("Chatière");
  pdf.setProducer("Chatière (pdf-lib)");

  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const line = (text: string, size = 10, font: PDFFont = regular, x = MARGIN) => {
    if (y < MARGIN + size) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
    }
    page.drawText(safe(text), { x, y, size, font, color: rgb(0.1, 0.1, 0.12) });
    y -= size + 5;
  };

  line(input.issuer, 10, bold);
  y -= 8;
  line(title, 18, bold);
  y -= 6;
  line(`${t("shares.cert.holder")}: ${input.holder.name}`, 11, bold);
  const address = `${input.holder.street}, ${input.holder.postcode} ${input.holder.city} (${input.holder.countryCode})`;
  line(`${t(input.holder.kind === "organisation" ? "shares.cert.office" : "shares.cert.domicile")}: ${address}`);
  if (input.holder.enterpriseNumber) line(`${t("shares.cert.enterprise")}: ${input.holder.enterpriseNumber}`);
  y -= 10;
  line(t("shares.cert.totals"), 12, bold);
  if (input.positions.length === 0) line(t("shares.mine.none"));
  for (const p of input.positions) line(t("shares.cert.total_line", { class: p.code, shares: String(p.shares), nominal: formatMoney(p.nominalCents, input.lang), paid: formatMoney(p.paidInCents, input.lang) }));
  y -= 10;
  line(t("shares.cert.entries"), 12, bold);
  const cols = [MARGIN, MARGIN + 110, MARGIN + 160, MARGIN + 280, MARGIN + 340];
  const head = [t("shares.col.date"), t("shares.col.class"), t("shares.col.kind"), t("shares.col.shares"), t("shares.col.amount")];
  const row = (cells: string[], font: PDFFont) => {
    if (y < MARGIN + 10) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
    }
    cells.forEach((c, i) => page.drawText(safe(c), { x: cols[i]!, y, size: 9.5, font, color: rgb(0.1, 0.1, 0.12) }));
    y -= 14;
  };
  row(head, bold);
  for (const r of input.entries) {
    row([formatDay(r.entry.on, input.lang), r.entry.classCode, t(KIND[r.entry.kind]), String(r.entry.shares), formatMoney(r.entry.amountCents, input.lang)], regular);
    // A transfer names the other holder, on a line of its own (a name is longer than the column).
    if (r.entry.kind === "transfer" && r.entry.counterpartName) line(t(r.entry.shares < 0 ? "shares.kind.transfer_to" : "shares.kind.transfer_from", { holder: r.entry.counterpartName }), 8.5, regular, cols[2]);
  }
  y -= 12;
  line(t("shares.cert.issued", { date: formatDay(input.day, input.lang) }), 9);
  return pdf.save();
}

// The billing document as an A4 PDF (pdf-lib, runs in workerd): issuer and customer, number and
// dates, the lines (descriptions wrapped, pages broken), the VAT breakdown with exemption reasons,
// totals, legal mentions, and the payment block with the structured communication and the EPC QR
// code drawn as vector squares. Helvetica's WinAnsi encoding covers French and Dutch; any other
// character is approximated (accents stripped) or replaced by "?", so no text makes rendering throw.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { BillingDocument } from "../invoices/model";
import { epcQrMatrix, qrPathData } from "./epc";
import { hasTransferQr, presentDocument, type DocumentView } from "./present";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const BOTTOM = 60; // room for the page footer
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);
const RULE = rgb(0.75, 0.75, 0.78);

// Unicode spaces and dashes WinAnsi lacks but has a close equivalent for.
const EQUIVALENTS: Record<string, string> = {
  "\u00A0": " ", "\u202F": " ", "\u2007": " ", "\u2009": " ", "\u200A": " ", "\u2002": " ", "\u2003": " ",
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\u2032": "'", "\u2033": '"',
};

/** Text the font can draw: NFC, line breaks and tabs as spaces, unknown characters without their
 * accents when that helps (ő → o), else "?"; invisible formatting characters are dropped. */
export function winAnsiSafe(text: string, supported: ReadonlySet<number>): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const cp = ch.codePointAt(0)!;
    if (supported.has(cp)) {
      out += ch;
      continue;
    }
    if (/[\t\n\r\u2028\u2029\u0085\v\f]/.test(ch)) {
      out += " ";
      continue;
    }
    const equivalent = EQUIVALENTS[ch];
    if (equivalent !== undefined) {
      out += equivalent;
      continue;
    }
    // Combining marks, zero-width and bidi controls, variation selectors, other control characters.
    if (/[\p{M}\p{Cf}\p{Cc}\uFE00-\uFE0F]/u.test(ch)) continue;
    const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    out += base !== "" && [...base].every((c) => supported.has(c.codePointAt(0)!)) ? base : "?";
  }
  return out;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  supported: ReadonlySet<number>;
}

/** Lays text out top-down over as many pages as it takes. */
class Writer {
  page: PDFPage;
  y: number;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    readonly fonts: Fonts,
    private readonly onNewPage: (w: Writer) => void = () => {},
  ) {
    this.page = this.addPage();
    this.y = A4[1] - MARGIN;
  }

  private addPage(): PDFPage {
    const page = this.pdf.addPage(A4);
    this.pages.push(page);
    return page;
  }

  safe(text: string): string {
    return winAnsiSafe(text, this.fonts.supported);
  }

  width(text: string, size: number, bold = false): number {
    return (bold ? this.fonts.bold : this.fonts.regular).widthOfTextAtSize(this.safe(text), size);
  }

  /** A new page when fewer than `height` points are left above the footer. */
  ensure(height: number): void {
    if (this.y - height >= BOTTOM) return;
    this.page = this.addPage();
    this.y = A4[1] - MARGIN;
    this.onNewPage(this);
  }

  text(text: string, x: number, y: number, size: number, opts: { bold?: boolean; color?: ReturnType<typeof rgb>; align?: "left" | "right"; width?: number } = {}): void {
    const safe = this.safe(text);
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const w = font.widthOfTextAtSize(safe, size);
    const left = opts.align === "right" ? x + (opts.width ?? 0) - w : x;
    this.page.drawText(safe, { x: left, y, size, font, color: opts.color ?? INK });
  }

  /** Lines of at most `width` points: breaks at spaces, and inside words longer than a line. */
  wrap(text: string, width: number, size: number, bold = false): string[] {
    const font = bold ? this.fonts.bold : this.fonts.regular;
    const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
    const lines: string[] = [];
    let current = "";
    for (const word of this.safe(text).split(/ +/)) {
      const candidate = current === "" ? word : `${current} ${word}`;
      if (fits(candidate)) {
        current = candidate;
        continue;
      }
      if (current !== "") lines.push(current);
      current = "";
      // A word wider than the line is cut where it must be.
      let rest = word;
      while (!fits(rest)) {
        let cut = 1;
        while (cut < rest.length && fits(rest.slice(0, cut + 1))) cut++;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      current = rest;
    }
    if (current !== "" || lines.length === 0) lines.push(current);
    return lines;
  }

  /** A wrapped paragraph below the current position, breaking pages as needed. */
  paragraph(text: string, x: number, width: number, size: number, opts: { bold?: boolean; color?: ReturnType<typeof rgb> } = {}): void {
    const leading = size * 1.35;
    for (const line of this.wrap(text, width, size, opts.bold)) {
      this.ensure(leading);
      this.y -= leading;
      this.text(line, x, this.y, size, opts);
    }
  }

  rule(y = this.y - 4): void {
    this.page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.6, color: RULE });
  }
}

const CONTENT = A4[0] - 2 * MARGIN;
// Lines table: description, quantity, unit price, VAT, net (x offsets and widths in points).
const COLS = { description: [0, 215], quantity: [220, 70], unitPrice: [295, 80], vat: [380, 40], net: [425, CONTENT - 425] } as const;

function lineHeader(w: Writer, v: DocumentView): void {
  w.ensure(30);
  w.y -= 16;
  const size = 8.5;
  const h = v.lineHeadings;
  w.text(h.description, MARGIN + COLS.description[0], w.y, size, { bold: true, color: MUTED });
  w.text(h.quantity, MARGIN + COLS.quantity[0], w.y, size, { bold: true, color: MUTED, align: "right", width: COLS.quantity[1] });
  w.text(h.unitPrice, MARGIN + COLS.unitPrice[0], w.y, size, { bold: true, color: MUTED, align: "right", width: COLS.unitPrice[1] });
  w.text(h.vat, MARGIN + COLS.vat[0], w.y, size, { bold: true, color: MUTED, align: "right", width: COLS.vat[1] });
  w.text(h.net, MARGIN + COLS.net[0], w.y, size, { bold: true, color: MUTED, align: "right", width: COLS.net[1] });
  w.rule();
  w.y -= 6;
}

function partyBlock(w: Writer, p: DocumentView["issuer"], x: number, top: number, width: number): number {
  let y = top;
  w.text(p.heading, x, y, 8.5, { bold: true, color: MUTED });
  y -= 14;
  for (const line of w.wrap(p.name, width, 11, true)) {
    w.text(line, x, y, 11, { bold: true });
    y -= 14;
  }
  for (const l of p.lines) {
    for (const line of w.wrap(l, width, 9)) {
      w.text(line, x, y, 9);
      y -= 12;
    }
  }
  return y;
}

/** The A4 PDF of `doc`, in `doc.language`. */
export async function renderInvoicePdf(doc: BillingDocument): Promise<Uint8Array> {
  const v = presentDocument(doc);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const supported = new Set([...regular.getCharacterSet(), ...bold.getCharacterSet()].filter((cp) => cp >= 0x20));
  const fonts: Fonts = { regular, bold, supported };
  const safe = (s: string) => winAnsiSafe(s, supported);
  pdf.setTitle(safe(`${v.title} ${doc.number}`));
  pdf.setAuthor(safe(doc.issuer.legalName));
  pdf.setSubject(safe(`${v.title} ${doc.number} — ${doc.customer.legalName}`));
  pdf.setLanguage({ fr: "fr-BE", nl: "nl-BE", en: "en-GB" }[doc.language]);
  pdf.setCreator("Chatière");
  pdf.setProducer("Chatière (pdf-lib)");
  const issued = new Date(`${doc.issueDate}T00:00:00Z`);
  if (!Number.isNaN(issued.getTime())) {
    pdf.setCreationDate(issued);
    pdf.setModificationDate(issued);
  }

  let inLines = false;
  const w = new Writer(pdf, fonts, (writer) => {
    // Every page after the first repeats who and what, and the table header when a table runs on.
    writer.y -= 4;
    writer.text(`${v.title} ${doc.number}`, MARGIN, writer.y, 9, { bold: true, color: MUTED });
    writer.text(doc.issuer.legalName, MARGIN, writer.y, 9, { color: MUTED, align: "right", width: CONTENT });
    writer.y -= 10;
    if (inLines) lineHeader(writer, v);
  });

  // Header: issuer on the left, title, number and dates on the right.
  const top = w.y;
  const issuerBottom = partyBlock(w, v.issuer, MARGIN, top, 250);
  w.text(v.title, MARGIN + 260, top - 8, 20, { bold: true, align: "right", width: CONTENT - 260 });
  let metaY = top - 30;
  const sep = doc.language === "fr" ? " : " : ": ";
  for (const m of v.meta) {
    for (const line of w.wrap(`${m.label}${sep}${m.value}`, CONTENT - 260, 9.5)) {
      w.text(line, MARGIN + 260, metaY, 9.5, { align: "right", width: CONTENT - 260 });
      metaY -= 13;
    }
  }
  // Customer block where a window envelope shows it.
  const customerTop = Math.min(issuerBottom, metaY) - 18;
  const customerBottom = partyBlock(w, v.customer, MARGIN + 280, customerTop, CONTENT - 280);
  w.y = Math.min(customerBottom, customerTop - 40);
  if (v.corrects) w.paragraph(v.corrects, MARGIN, CONTENT, 10, { bold: true });

  // Lines.
  w.y -= 8;
  inLines = true;
  lineHeader(w, v);
  const size = 9.5;
  const leading = size * 1.3;
  for (const line of v.lines) {
    const desc = w.wrap(line.description, COLS.description[1], size);
    // Long descriptions flow over pages line by line; the figures sit on the row's first line.
    w.ensure(leading + 2);
    w.y -= leading;
    w.text(line.quantity, MARGIN + COLS.quantity[0], w.y, size, { align: "right", width: COLS.quantity[1] });
    w.text(line.unitPrice, MARGIN + COLS.unitPrice[0], w.y, size, { align: "right", width: COLS.unitPrice[1] });
    w.text(line.vat, MARGIN + COLS.vat[0], w.y, size, { align: "right", width: COLS.vat[1] });
    w.text(line.net, MARGIN + COLS.net[0], w.y, size, { align: "right", width: COLS.net[1] });
    desc.forEach((text, i) => {
      if (i > 0) {
        w.ensure(leading);
        w.y -= leading;
      }
      w.text(text, MARGIN + COLS.description[0], w.y, size);
    });
    w.y -= 3;
  }
  inLines = false;
  w.rule(w.y - 2);
  w.y -= 6;

  // VAT breakdown and totals.
  w.ensure(40);
  w.y -= 16;
  w.text(v.vatHeadings.caption, MARGIN, w.y, 10, { bold: true });
  w.y -= 4;
  const vatCols = { category: [0, 250], taxable: [255, 100], vat: [360, CONTENT - 360] } as const;
  w.ensure(14);
  w.y -= 12;
  w.text(v.vatHeadings.category, MARGIN, w.y, 8.5, { bold: true, color: MUTED });
  w.text(v.vatHeadings.taxable, MARGIN + vatCols.taxable[0], w.y, 8.5, { bold: true, color: MUTED, align: "right", width: vatCols.taxable[1] });
  w.text(v.vatHeadings.vat, MARGIN + vatCols.vat[0], w.y, 8.5, { bold: true, color: MUTED, align: "right", width: vatCols.vat[1] });
  for (const row of v.vatRows) {
    w.ensure(14);
    w.y -= 13;
    w.text(row.category, MARGIN, w.y, 9.5);
    w.text(row.taxable, MARGIN + vatCols.taxable[0], w.y, 9.5, { align: "right", width: vatCols.taxable[1] });
    w.text(row.vat, MARGIN + vatCols.vat[0], w.y, 9.5, { align: "right", width: vatCols.vat[1] });
    if (row.reason) w.paragraph(row.reason, MARGIN + 10, 340, 8.5, { color: MUTED });
  }
  w.y -= 10;
  for (const total of v.totals) {
    w.ensure(16);
    w.y -= total.strong ? 16 : 13;
    const sizeT = total.strong ? 11.5 : 9.5;
    w.text(total.label, MARGIN + 250, w.y, sizeT, { bold: total.strong, align: "right", width: 150 });
    w.text(total.value, MARGIN + 405, w.y, sizeT, { bold: total.strong, align: "right", width: CONTENT - 405 });
  }

  // Legal mentions.
  if (v.notes.length > 0) {
    w.y -= 12;
    w.ensure(30);
    w.y -= 12;
    w.text(v.notesHeading, MARGIN, w.y, 10, { bold: true });
    for (const note of v.notes) w.paragraph(note, MARGIN, CONTENT, 8.5);
  }

  // Payment block, kept whole on one page (the QR code beside the details).
  const qrModules = v.payment.qr ? epcQrMatrix(v.payment.qr.payload) : undefined;
  const qrSide = 118; // points, quiet zone included (≈ 42 mm)
  const detailsWidth = qrModules ? CONTENT - qrSide - 16 : CONTENT;
  const messageLines = w.wrap(v.payment.message, detailsWidth, 9.5);
  const blockHeight = 30 + messageLines.length * 13 + v.payment.rows.length * 15 + (qrModules ? 30 : 0);
  w.y -= 14;
  w.ensure(Math.max(blockHeight, qrModules ? qrSide + 40 : 0));
  w.rule(w.y);
  w.y -= 18;
  const blockTop = w.y;
  w.text(v.payment.heading, MARGIN, w.y, 11, { bold: true });
  for (const line of messageLines) {
    w.y -= 13;
    w.text(line, MARGIN, w.y, 9.5);
  }
  w.y -= 6;
  for (const row of v.payment.rows) {
    w.y -= 15;
    const strong = row === v.payment.rows[v.payment.rows.length - 1];
    w.text(row.label, MARGIN, w.y, 9, { color: MUTED });
    for (const [i, line] of w.wrap(row.value, detailsWidth - 120, strong ? 12 : 10, strong).entries()) {
      w.text(line, MARGIN + 120, w.y - i * 12, strong ? 12 : 10, { bold: strong });
    }
  }
  if (qrModules && v.payment.qr) {
    const quiet = 4;
    const moduleSize = qrSide / (qrModules.length + 2 * quiet);
    const x = A4[0] - MARGIN - qrSide;
    const yTop = blockTop + 6;
    // Dark modules as one vector path of unit squares, scaled to the module size (y grows downwards in SVG paths).
    w.page.drawSvgPath(qrPathData(qrModules, quiet), { x, y: yTop, scale: moduleSize, color: rgb(0, 0, 0), borderWidth: 0 });
    const caption = w.wrap(v.payment.qr.caption, qrSide, 7.5);
    caption.forEach((line, i) => w.text(line, x, yTop - qrSide - 9 - i * 9, 7.5, { color: MUTED }));
    w.y = Math.min(w.y, yTop - qrSide - 9 - caption.length * 9);
  }

  // Footer: page n / total on every page.
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    const label = safe(v.pageLabel(i + 1, total));
    const width = regular.widthOfTextAtSize(label, 8);
    page.drawText(label, { x: A4[0] - MARGIN - width, y: 30, size: 8, font: regular, color: MUTED });
    page.drawText(safe(`${doc.issuer.legalName} · ${doc.number}`), { x: MARGIN, y: 30, size: 8, font: regular, color: MUTED });
  });

  return pdf.save({ useObjectStreams: true });
}

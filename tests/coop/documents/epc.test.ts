// EPC069-12 payload and QR matrix: pure, run inside workerd like the rest.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EPC_MAX_BYTES, epcAmount, epcPayload, epcQrMatrix, isValidIban, qrPathData } from "../../../src/coop/documents/epc";

const base = { bic: "GKCCBEBB", name: "Cassiopea Hébergement SC", iban: "BE68 5390 0754 7034", amountCents: 12345 };

describe("epcPayload", () => {
  it("writes the eleven EPC lines with a structured reference, trailing empty lines left out", () => {
    expect(epcPayload({ ...base, reference: "202700004201" }).split("\n")).toEqual([
      "BCD", "002", "1", "SCT", "GKCCBEBB", "Cassiopea Hébergement SC", "BE68539007547034", "EUR123.45", "", "202700004201",
    ]);
  });

  it("puts a text on the eleventh line, with an empty reference line before it", () => {
    expect(epcPayload({ ...base, purpose: "GDDS", text: "Facture F2027-000042" })).toBe(
      "BCD\n002\n1\nSCT\nGKCCBEBB\nCassiopea Hébergement SC\nBE68539007547034\nEUR123.45\nGDDS\n\nFacture F2027-000042",
    );
  });

  it("never carries both a reference and a text", () => {
    expect(() => epcPayload({ ...base, reference: "202700004201", text: "x" })).toThrow(RangeError);
  });

  it("formats amounts from cents without floats", () => {
    expect(epcAmount(123456)).toBe("EUR1234.56");
    expect(epcAmount(1)).toBe("EUR0.01");
    expect(epcAmount(100)).toBe("EUR1.00");
    expect(epcAmount(99_999_999_999)).toBe("EUR999999999.99");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), (cents) => {
        const [euros, dec] = epcAmount(cents).slice(3).split(".");
        expect(BigInt(euros!) * 100n + BigInt(dec!)).toBe(BigInt(cents));
        expect(dec).toHaveLength(2);
      }),
    );
  });

  it("refuses amounts outside 0.01 to 999 999 999.99 and fractions of a cent", () => {
    for (const amountCents of [0, -1, 1.5, 100_000_000_000, Number.NaN]) expect(() => epcPayload({ ...base, amountCents })).toThrow(RangeError);
  });

  it("enforces the field limits: name ≤ 70, reference ≤ 35, text ≤ 140, purpose of 4", () => {
    expect(() => epcPayload({ ...base, name: "n".repeat(70) })).not.toThrow();
    expect(() => epcPayload({ ...base, name: "n".repeat(71) })).toThrow(RangeError);
    expect(() => epcPayload({ ...base, name: "  " })).toThrow(RangeError);
    expect(() => epcPayload({ ...base, reference: "1".repeat(35) })).not.toThrow();
    expect(() => epcPayload({ ...base, reference: "1".repeat(36) })).toThrow(RangeError);
    expect(() => epcPayload({ ...base, text: "t".repeat(140) })).not.toThrow();
    expect(() => epcPayload({ ...base, text: "t".repeat(141) })).toThrow(RangeError);
    expect(() => epcPayload({ ...base, purpose: "GDS" })).toThrow(RangeError);
    // Emoji count as one character each, not two UTF-16 units.
    expect(() => epcPayload({ ...base, name: "🐈".repeat(70) })).not.toThrow();
  });

  it("refuses line breaks inside a field, a bad IBAN or BIC, and payloads over 331 bytes", () => {
    expect(() => epcPayload({ ...base, name: "A\nB" })).toThrow(RangeError);
    expect(() => epcPayload({ ...base, text: "a\r\nb" })).toThrow(RangeError);
    expect(() => epcPayload({ ...base, iban: "BE68539007547035" })).toThrow(RangeError);
    expect(() => epcPayload({ ...base, bic: "GKCC" })).toThrow(RangeError);
    expect(epcPayload({ ...base, bic: "" }).split("\n")[4]).toBe("");
    // 70 four-byte characters + 140 four-byte characters exceed the byte limit.
    expect(() => epcPayload({ ...base, name: "🐈".repeat(70), text: "🐈".repeat(140) })).toThrow(new RangeError(`the EPC payload is at most ${EPC_MAX_BYTES} bytes`));
  });

  it("checks IBANs with ISO 13616 mod 97", () => {
    expect(isValidIban("BE68539007547034")).toBe(true);
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("BE68539007547043")).toBe(false);
    expect(isValidIban("")).toBe(false);
  });
});

describe("epcQrMatrix", () => {
  it("is a square QR matrix (version size 17 + 4v) with its three finder patterns", () => {
    const m = epcQrMatrix(epcPayload({ ...base, reference: "202700004201" }));
    const n = m.length;
    expect((n - 17) % 4).toBe(0);
    expect(m.every((row) => row.length === n)).toBe(true);
    // Finder pattern corners: dark 7×7 border with a light ring, at three corners.
    for (const [r, c] of [[0, 0], [0, n - 7], [n - 7, 0]] as const) {
      expect(m[r]![c]).toBe(true);
      expect(m[r + 1]![c + 1]).toBe(false);
      expect(m[r + 3]![c + 3]).toBe(true);
    }
    expect(qrPathData(m).match(/M/g)!.length).toBe(m.flat().filter(Boolean).length);
  });

  it("grows with the payload: a payload near the 331-byte limit still fits level M", () => {
    const small = epcQrMatrix("BCD\n002\n1\nSCT\n\nA\nBE68539007547034\nEUR1.00").length;
    const full = epcPayload({ ...base, text: "é".repeat(120) });
    expect(new TextEncoder().encode(full).length).toBeGreaterThan(310);
    const big = epcQrMatrix(full).length;
    expect(big).toBeGreaterThan(small);
  });
});

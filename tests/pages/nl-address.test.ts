// Dutch addresses the reader one way throughout: "u" (formal), never "je", "jij", "jou", "jouw",
// "jullie" or "jezelf". Every Dutch catalog file (web/i18n/nl.ts and web/i18n/*.nl.ts) is scanned.
import { describe, expect, it } from "vitest";

const modules = import.meta.glob<Record<string, Record<string, string>>>(["../../web/i18n/nl.ts", "../../web/i18n/*.nl.ts"], { eager: true });
const INFORMAL = /(?<![\p{L}\p{N}_])(je|jij|jou|jouw|jouwe|jullie|jezelf|je-zelf)(?![\p{L}\p{N}_])/iu;

/** Every message of every Dutch catalog file: [file, key, text]. */
const messages = Object.entries(modules).flatMap(([file, exports]) =>
  Object.values(exports).flatMap((catalog) => Object.entries(catalog).map(([key, text]) => [file.replace(/^.*\//, ""), key, text] as const)),
);

describe("Dutch form of address", () => {
  it("scans every Dutch catalog file", () => {
    const files = Object.keys(modules).map((f) => f.replace(/^.*\//, ""));
    expect(files).toContain("nl.ts");
    expect(files).toContain("accounts.nl.ts");
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(messages.length).toBeGreaterThan(500);
  });

  it("the pattern finds the informal pronouns as words, not inside other words", () => {
    for (const s of ["Kies je provider", "Jij kiest", "Van jou", "Jouw gegevens", "Jullie samen", "Schrijf je (kort)", "je."]) expect(s).toMatch(INFORMAL);
    for (const s of ["Uw gegevens", "u kiest", "jeugd", "project", "bijeenkomst", "JSON-object", "Jeroen"]) expect(s).not.toMatch(INFORMAL);
  });

  it("uses 'u' throughout: no je, jij, jou, jouw or jullie", () => {
    const informal = messages.filter(([, , text]) => INFORMAL.test(text)).map(([file, key, text]) => `${file} ${key}: ${text}`);
    expect(informal).toEqual([]);
  });
});

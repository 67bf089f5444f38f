// isHttpUrl keeps its answers (the directory checks the same stored links on every request): the kept
// answers must be the computed ones, also after the bound has emptied the store.
import { describe, expect, it } from "vitest";
import { isHttpUrl, servedUrl } from "../../src/lib/http-url";

const cases: [string, boolean][] = [
  ["https://example.org", true],
  ["http://example.org/path?q=1", true],
  [" https://example.org", true],
  ["javascript:alert(1)", false],
  ["data:text/html,hi", false],
  ["https://", false],
  ["example.org", false],
  ["mailto:a@example.org", false],
  ["", false],
];

describe("isHttpUrl", () => {
  it("answers the same on a second call as on the first", () => {
    for (const [value, ok] of cases) expect(isHttpUrl(value), value).toBe(ok);
    for (const [value, ok] of cases) expect(isHttpUrl(value), value).toBe(ok);
    expect(servedUrl("javascript:alert(1)")).toBeNull();
    expect(servedUrl("https://example.org")).toBe("https://example.org");
  });

  it("stays right past the bound on kept answers", () => {
    for (let i = 0; i < 5000; i++) expect(isHttpUrl(i % 2 ? `https://h${i}.example.org` : `javascript:void(${i})`)).toBe(i % 2 === 1);
    for (const [value, ok] of cases) expect(isHttpUrl(value), value).toBe(ok);
  });
});

// Every route the app serves has exactly one row in the authorisation matrix (tests/authz/rows/),
// and the matrix's parts together run every row once.
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ROWS, rowsOfPart } from "./matrix";
import { MATRIX_PARTS } from "./parts";

describe("the authorisation matrix", () => {
  it("has a row for every route the app serves", () => {
    const served = new Set(createApp().routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    const covered = new Set(ROWS.map((r) => r.route));
    expect([...served].filter((r) => !covered.has(r)).sort(), "routes without a row").toEqual([]);
    expect([...covered].filter((r) => !served.has(r)).sort(), "rows without a route").toEqual([]);
    expect(ROWS.length, "one row per route, whichever feature file holds it").toBe(covered.size);
  });

  it("runs every row in exactly one part", () => {
    const parts = Array.from({ length: MATRIX_PARTS }, (_, i) => rowsOfPart(i, MATRIX_PARTS)).flat();
    expect(parts).toEqual(ROWS);
    const files = Object.keys(import.meta.glob("./matrix.part*.test.ts")).sort();
    expect(files, "one test file per part").toEqual(Array.from({ length: MATRIX_PARTS }, (_, i) => `./matrix.part${i + 1}.test.ts`));
  });
});

import { describe, expect, it } from "vitest";
import { D1_MAX_PARAMS, inChunks } from "../../src/db/chunks";

describe("inChunks", () => {
  it("never binds more than D1's 100 parameters, counting the query's others, and keeps the order", async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `id_${i}`);
    const sizes: number[] = [];
    const rows = await inChunks(ids, async (chunk) => (sizes.push(chunk.length), chunk), 2);
    expect(rows).toEqual(ids);
    expect(Math.max(...sizes) + 2).toBeLessThan(D1_MAX_PARAMS);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(250);
  });

  it("runs no query for no ids", async () => {
    let calls = 0;
    expect(await inChunks([], async () => (calls++, []))).toEqual([]);
    expect(calls).toBe(0);
  });
});

// What a proposal tells its member about the run that made it (proposals/review.ts replyProved):
// `optimal` claims the least total only when the search proved it, `stable` claims no blocking pair
// only when one exists.
import { describe, expect, it } from "vitest";
import { replyProved } from "../../src/transition/proposals/review";

describe("replyProved", () => {
  it("follows proved_optimal in optimal mode and stable in stable mode", () => {
    expect(replyProved({ mode: "optimal", proved_optimal: true, stable: null })).toBe(true);
    expect(replyProved({ mode: "optimal", proved_optimal: false, stable: null })).toBe(false);
    expect(replyProved({ mode: "stable", proved_optimal: false, stable: true })).toBe(true);
    expect(replyProved({ mode: "stable", proved_optimal: false, stable: false })).toBe(false);
  });
});

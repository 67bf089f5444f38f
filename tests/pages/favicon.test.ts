// The site's icon: served from web/public by Workers Static Assets and linked from every page.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { page } from "./helpers";

describe("favicon", () => {
  it("answers /favicon.ico with a real ICO image", async () => {
    const res = await env.ASSETS.fetch("https://chatiere.test/favicon.ico");
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), at least one image, 32×32.
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(bytes[4]).toBeGreaterThanOrEqual(1);
    expect([bytes[6], bytes[7]]).toEqual([32, 32]);
  });

  it("serves a scalable icon too", async () => {
    const res = await env.ASSETS.fetch("https://chatiere.test/favicon.svg");
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it("is linked from the layout", async () => {
    const { html } = await page("/");
    expect(html).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32"/>');
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
  });
});

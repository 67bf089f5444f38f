// Offer versions: written by imports only when the public JSON changes, readable by anyone while
// the provider is public; pending providers and offers stay out of every public read.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seed } from "../helpers/catalog";
import { call, json, problem } from "../helpers/http";
import { row } from "./manage/helpers";

const chats = (amount: number, description = "") => ({
  key: "versions.example",
  provider: { name: "Chats Versions", website: "https://versions.example", country_code: "BE" },
  offers: [{ service: "mailbox", name: "Mail", description, pricing: { model: "paid" as const, amount_cents: amount } }],
});

describe("offer versions (public)", () => {
  it("imports write a version only when the public offer changes, and old versions stay readable", async () => {
    const [first] = await seed(chats(300));
    const offerId = first!.offer_ids[0]!;
    await seed(chats(300));
    expect((await json(await call(`/api/v1/offers/${offerId}/versions`))).data).toHaveLength(1);
    await seed(chats(450, "Nouveau"));
    const list = await json(await call(`/api/v1/offers/${offerId}/versions`));
    expect(list).toMatchObject({ offer_id: offerId, current: 2 });
    expect(list.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await json(await call(`/api/v1/offers/${offerId}/versions/1`))).snapshot).toMatchObject({ id: offerId, provider_name: "Chats Versions", pricing: { amount_cents: 300 } });
    expect((await json(await call(`/api/v1/offers/${offerId}/versions/2`))).snapshot).toMatchObject({ description: "Nouveau", pricing: { amount_cents: 450 } });
    expect(await row("select version from offers where id = ?", offerId)).toEqual({ version: 2 });

    for (const lang of ["fr", "nl", "en"]) {
      const page = await call(`/offers/${offerId}/versions/1?lang=${lang}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<html lang="${lang}"`);
      expect(html).toContain(`href="/offers/${offerId}/versions/2"`);
      expect(html.match(/<h1/g)).toHaveLength(1);
    }
    const latest = await (await call(`/offers/${offerId}/versions/2?lang=en`)).text();
    expect(latest).not.toContain("A newer version exists");
  });

  it("answers 404 for unknown offers and versions, 400 for a version that is not a number", async () => {
    const [first] = await seed({ ...chats(100), key: "versions-404.example", provider: { name: "Chats 404", website: "https://versions-404.example" } });
    const offerId = first!.offer_ids[0]!;
    await problem(await call(`/api/v1/offers/${offerId}/versions/9`), 404);
    await problem(await call("/api/v1/offers/off_nope/versions"), 404);
    await problem(await call(`/api/v1/offers/${offerId}/versions/zero`), 400);
    expect((await call(`/offers/${offerId}/versions/9`)).status).toBe(404);
    expect((await call(`/offers/${offerId}/versions/abc`)).status).toBe(404);
  });

  it("hides pending providers and their offers from every public read", async () => {
    const [hidden] = await seed({ key: "cachés.example", provider: { name: "Chats Cachés", country_code: "LU" }, offers: [{ service: "chat", name: "Chat caché", software: { name: "Caché-Soft" } }] });
    await env.DB.prepare("update providers set visibility = 'pending' where id = ?").bind(hidden!.provider_id).run();
    const offerId = hidden!.offer_ids[0]!;
    await problem(await call(`/api/v1/providers/${hidden!.provider_id}`), 404);
    await problem(await call(`/api/v1/providers/${hidden!.provider_id}/librehost.json`), 404);
    await problem(await call(`/api/v1/offers/${offerId}`), 404);
    await problem(await call(`/api/v1/offers/${offerId}/versions`), 404);
    await problem(await call(`/api/v1/offers/${offerId}/versions/1`), 404);
    expect((await json(await call("/api/v1/offers?service=chat"))).data).toEqual([]);
    expect((await json(await call("/api/v1/providers?country=LU"))).data).toEqual([]);
    expect((await call(`/compare?offers=${offerId}`)).status).toBe(404);
    expect(await (await call("/providers")).text()).not.toContain("Caché-Soft");
    const match = await call("/api/v1/match", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ needs: [{ service: "chat" }] }) });
    expect(await match.text()).not.toContain(offerId);
  });
});

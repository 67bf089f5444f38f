import { beforeAll, describe, expect, it } from "vitest";
import organization from "../fixtures/chatonsinfos/organization.properties?raw";
import courriel from "../fixtures/chatonsinfos/service-courriel.properties?raw";
import listes from "../fixtures/chatonsinfos/service-listes.properties?raw";
import nuage from "../fixtures/chatonsinfos/service-nuage.properties?raw";
import pad from "../fixtures/chatonsinfos/service-pad.properties?raw";
import web from "../fixtures/chatonsinfos/service-web.properties?raw";
import librehost from "../fixtures/librehosters/librehost.json";
import { call, json, postJson, problem } from "../helpers/http";

let created: { provider_id: string; offer_ids: string[] };
beforeAll(async () => {
  const res = await postJson("/api/v1/import/chatonsinfos", { organization, services: [courriel, listes, nuage, pad, web] });
  expect(res.status, await res.clone().text()).toBe(201);
  created = await json(res);
});

/** The provider and its offers as the API shows them, without what changes on every write. */
async function snapshot(id: string) {
  const { created_at, updated_at, source, offers, ...provider } = await json(await call(`/api/v1/providers/${id}`));
  const stable = offers.map(({ created_at, updated_at, ...o }: Record<string, unknown>) => o);
  return { provider, offers: stable };
}

describe("ChatonsInfos export (public)", () => {
  it("exports the organisation with subs lines to each published service file", async () => {
    const res = await call(`/api/v1/providers/${created.provider_id}/organization.properties`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await res.text();
    expect(text).toMatch(/^file\.class\s*=\s*organization$/m);
    expect(text).toContain("Les Chatons de la Meuse");
    const { offers } = await json(await call(`/api/v1/providers/${created.provider_id}`));
    expect(offers.length).toBeGreaterThan(0);
    expect(text.match(/^subs\./gm)).toHaveLength(offers.length); // published offers only
    for (const { id } of offers) expect(text).toContain(`/api/v1/offers/${id}/service.properties`);
  });

  it("round-trips: re-importing the exports changes nothing and keeps every id", async () => {
    const before = await snapshot(created.provider_id);
    const org = await (await call(`/api/v1/providers/${created.provider_id}/organization.properties`)).text();
    const services = await Promise.all(created.offer_ids.map(async (id) => (await call(`/api/v1/offers/${id}/service.properties`)).text()));
    const res = await postJson("/api/v1/import/chatonsinfos", { organization: org, services });
    expect(res.status, await res.clone().text()).toBe(200);
    const again = await json(res);
    expect(again.provider_id).toBe(created.provider_id);
    expect(again.offer_ids).toEqual(created.offer_ids);
    expect(await snapshot(created.provider_id)).toEqual(before);
  });

  it("answers 404 for unknown providers and offers", async () => {
    await problem(await call("/api/v1/providers/prv_unknown/organization.properties"), 404);
    await problem(await call("/api/v1/offers/off_unknown/service.properties"), 404);
    await problem(await call("/api/v1/providers/prv_unknown/librehost.json"), 404);
  });
});

describe("LibreHosters import and export", () => {
  it("imports a librehost.json (201), exports it, and re-imports to the same provider (200)", async () => {
    const first = await postJson("/api/v1/import/librehosters", librehost);
    expect(first.status, await first.clone().text()).toBe(201);
    const { provider_id } = await json(first);
    const provider = await json(await call(`/api/v1/providers/${provider_id}`));
    expect(provider.memberships.map((m: { network: string }) => m.network)).toContain("librehosters");

    const before = await snapshot(provider_id);
    const exported = await call(`/api/v1/providers/${provider_id}/librehost.json`);
    expect(exported.headers.get("content-type")).toContain("application/json");
    const again = await postJson("/api/v1/import/librehosters", await json(exported));
    expect(again.status).toBe(200);
    expect((await json(again)).provider_id).toBe(provider_id);
    expect(await snapshot(provider_id)).toEqual(before);
  });

  it("answers 400 naming the field for a malformed librehost.json", async () => {
    const body = await problem(await postJson("/api/v1/import/librehosters", { ...librehost, name: 42 }), 400);
    expect(body.errors?.map((e) => e.field)).toContain("name");
  });
});

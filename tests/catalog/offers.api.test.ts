import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../helpers/catalog";
import { call, json, problem } from "../helpers/http";
import { directory } from "../fixtures/directory";

beforeAll(async () => {
  await seed(...directory);
});

const offers = async (query: string) => {
  const res = await call(`/api/v1/offers${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json<{ data: { name: string; monthly_cents: number; id: string }[] }>(res)).data;
};

describe("GET /api/v1/offers (public)", () => {
  it("lists published offers cheapest first", async () => {
    const list = await offers("");
    expect(list.map((o) => o.name)).not.toContain("Brouillon");
    expect(list).toHaveLength(8);
    const prices = list.map((o) => o.monthly_cents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it.each([
    ["?service=mailbox", ["Mail annuel", "Boîte mail"]],
    ["?service=mailbox&service=domain_registration", ["Domaine", "Mail annuel", "Boîte mail"]],
    ["?country=DE", ["Nextcloud"]], // the offer's hosting country wins over its provider's seat
    ["?country=CH", ["Statische Seiten"]],
    ["?max_monthly_cents=0", ["Listes", "Statische Seiten"]],
    ["?pricing=donation", ["Statische Seiten"]],
    ["?accepting=true&service=cloud_storage", []],
    ["?q=mailman", ["Listes Mailman"]],
    ["?chatons=true&service=mailbox", ["Boîte mail"]],
  ])("filters %s", async (query, expected) => {
    const names = (await offers(query)).map((o) => o.name);
    expect(names.sort()).toEqual([...expected].sort());
  });

  it("pages through all offers with a cursor", async () => {
    const all = (await offers("")).map((o) => o.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; next_cursor: string | null } = await json(await call(`/api/v1/offers?limit=3${cursor ? `&cursor=${cursor}` : ""}`));
      seen.push(...page.data.map((o) => o.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("refuses a providers cursor on offers (400 cursor)", async () => {
    const page = await json(await call("/api/v1/providers?limit=1"));
    const body = await problem(await call(`/api/v1/offers?cursor=${page.next_cursor}`), 400);
    expect(body.errors?.[0]?.field).toBe("cursor");
  });
});

describe("GET /api/v1/offers/{id} (public)", () => {
  it("returns one offer with its provider's name and yearly price", async () => {
    const [mail] = await offers("?q=annuel");
    const body = await json(await call(`/api/v1/offers/${mail!.id}`));
    expect(body).toMatchObject({ name: "Mail annuel", provider_name: "Beta Coop", monthly_cents: 200, yearly_cents: 2400, service: "mailbox" });
  });

  it("hides drafts behind a 404", async () => {
    const gamma = (await json(await call("/api/v1/providers?q=gamma"))).data[0];
    const { results } = await env.DB.prepare("select id from offers where status = 'draft' and provider_id = ?")
      .bind(gamma.id)
      .all<{ id: string }>();
    await problem(await call(`/api/v1/offers/${results[0]!.id}`), 404);
    await problem(await call(`/api/v1/offers/${results[0]!.id}/service.properties`), 404);
  });

  it("answers 404 for an unknown id", async () => {
    await problem(await call("/api/v1/offers/off_nope"), 404);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../helpers/catalog";
import { call, json, problem } from "../helpers/http";
import { directory } from "../fixtures/directory";

let ids: Record<string, string> = {};
beforeAll(async () => {
  const results = await seed(...directory);
  ids = Object.fromEntries(directory.map((d, i) => [d.provider.name.split(" ")[0]!, results[i]!.provider_id]));
});

const names = async (query: string) => {
  const res = await call(`/api/v1/providers${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json<{ data: { name: string }[] }>(res)).data.map((p) => p.name.split(" ")[0]);
};

describe("GET /api/v1/providers (public)", () => {
  it("lists every provider by name", async () => {
    expect(await names("")).toEqual(["Alpha", "Beta", "Delta", "Gamma"]);
  });

  it.each([
    ["?q=alpha", ["Alpha"]],
    ["?q=sympa", ["Alpha"]], // found through an offer's software
    ["?q=%25", []], // LIKE wildcards are literal
    ["?service=mailbox", ["Alpha", "Beta"]], // Gamma's mailbox is a draft
    ["?service=mailbox&service=mailing_list", ["Alpha"]], // every kind given
    ["?service=mailbox,mailing_list", ["Alpha"]],
    ["?software=SYMPA", ["Alpha"]],
    ["?pricing=membership", ["Gamma"]],
    ["?service=mailbox&max_monthly_cents=250", ["Beta"]], // 24 €/year is 2 €/month
    ["?country=BE&country=lu", ["Alpha", "Gamma"]],
    ["?language=de", ["Delta", "Gamma"]],
    ["?legal_form=COOPERATIVE", ["Beta"]],
    ["?accepting=true", ["Alpha", "Beta", "Delta"]],
    ["?chatons=true", ["Alpha"]], // Beta's membership is idle
    ["?chatons=true&service=web_hosting&country=BE&language=nl", ["Alpha"]],
    ["?accepting=true&service=cloud_storage", []], // Delta's cloud is full
  ])("filters %s", async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it("pages with a cursor through every provider exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(`/api/v1/providers?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      const page = await json<{ data: { id: string }[]; next_cursor: string | null }>(res);
      expect(page.data.length).toBeLessThanOrEqual(1);
      seen.push(...page.data.map((p) => p.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([ids.Alpha, ids.Beta, ids.Delta, ids.Gamma]);
  });

  it("returns the documented shape", async () => {
    const { data } = await json(await call("/api/v1/providers?q=alpha"));
    expect(data[0]).toMatchObject({
      id: ids.Alpha,
      name: "Alpha Hébergement",
      country_code: "BE",
      languages: ["fr", "nl"],
      chatons: true,
      demo: false,
      source: { format: "chatonsinfos" },
    });
  });

  it.each([
    ["?max_monthly_cents=abc", "max_monthly_cents"],
    ["?country=Belgium", "country.0"],
    ["?limit=0", "limit"],
    ["?limit=1000", "limit"],
    ["?legal_form=BANK", "legal_form"],
    ["?service=Mail!", "service.0"],
    ["?cursor=not-a-cursor", "cursor"],
    ["?accepting=maybe", "accepting"],
  ])("answers 400 problem+json naming the field for %s", async (query, field) => {
    const body = await problem(await call(`/api/v1/providers${query}`), 400);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.errors?.map((e) => e.field)).toContain(field);
    expect(body.detail).toContain(field);
    expect(body.requestId).toBeTruthy();
  });
});

describe("GET /api/v1/providers/{id} (public)", () => {
  it("returns the provider with its published offers only", async () => {
    const body = await json(await call(`/api/v1/providers/${ids.Gamma}`));
    expect(body.name).toBe("Gamma Sàrl");
    expect(body.offers.map((o: { name: string }) => o.name)).toEqual(["Listes Mailman"]);
    expect(body.offers[0]).toMatchObject({ pricing: { model: "membership", amount_cents: 1000, period: "year" }, monthly_cents: 83, yearly_cents: 1000 });
  });

  it.each(["prv_doesnotexist0000", "../../etc", "%00"])("answers 404 problem+json for %s", async (id) => {
    const body = await problem(await call(`/api/v1/providers/${id}`), 404);
    expect(body.code).toBe("NOT_FOUND");
  });
});

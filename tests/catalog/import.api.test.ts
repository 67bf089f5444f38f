import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, json, postJson, problem, STEWARD } from "../helpers/http";

const organization = [
  "file.class = organization",
  "file.protocol = ChatonsInfos-0.5",
  "organization.name = Les Chats Bruxellois",
  "organization.description = Hébergeur associatif \\",
  "    à Bruxelles",
  "organization.type = ASSOCIATION",
  "organization.website = https://chats-bruxellois.example.org",
  "organization.country.code = BE",
  "organization.memberof.chatons.startdate = 01/02/2020",
  "organization.memberof.chatons.status.level = ACTIVE",
].join("\n");

const service = (name: string, software: string, extra: string[] = []) =>
  ["file.class = service", `service.name = ${name}`, "service.registration = Client", "service.registration.load = OPEN", `software.name = ${software}`, ...extra].join("\n");

const listsService = service("Listes de diffusion", "Sympa", ["chatiere.pricing.model = free"]);
const mailService = service("Courriel", "Dovecot", ["chatiere.service.kind = mailbox", "chatiere.pricing.model = paid", "chatiere.pricing.amount_cents = 250", "chatiere.pricing.unit = per_unit"]);

describe("POST /api/v1/import/chatonsinfos (steward)", () => {
  it("creates a provider and its offers (201), then updates them in place (200)", async () => {
    const first = await postJson("/api/v1/import/chatonsinfos", { organization, services: [listsService, mailService] });
    expect(first.status, await first.clone().text()).toBe(201);
    const created = await json(first);
    expect(created.provider_id).toMatch(/^prv_[0-9a-z]{16}$/);
    expect(created.offer_ids).toHaveLength(2);

    const again = await postJson("/api/v1/import/chatonsinfos", { organization: organization.replace("Bruxellois", "Bruxellois"), services: [listsService, mailService] });
    expect(again.status).toBe(200);
    const updated = await json(again);
    expect(updated.provider_id).toBe(created.provider_id);
    expect(updated.offer_ids).toEqual(created.offer_ids);
    const count = await env.DB.prepare("select count(*) as n from providers where external_key = 'chats-bruxellois.example.org'").first<{ n: number }>();
    expect(count?.n).toBe(1);

    const provider = await json(await call(`/api/v1/providers/${created.provider_id}`));
    expect(provider).toMatchObject({ name: "Les Chats Bruxellois", description: "Hébergeur associatif à Bruxelles", legal_form: "ASSOCIATION", country_code: "BE", chatons: true });
    const byName = Object.fromEntries(provider.offers.map((o: { name: string }) => [o.name, o]));
    expect(byName["Listes de diffusion"]).toMatchObject({ service: "mailing_list", software: { name: "Sympa" }, pricing: { model: "free" } });
    expect(byName["Courriel"]).toMatchObject({ service: "mailbox", monthly_cents: 250, pricing: { model: "paid", unit: "per_unit" } });
  });

  it("archives an offer that left the organisation's files instead of deleting it", async () => {
    const first = await json(await postJson("/api/v1/import/chatonsinfos", { organization, services: [listsService, mailService] }));
    const second = await json(await postJson("/api/v1/import/chatonsinfos", { organization, services: [listsService] }));
    expect(second.offer_ids).toEqual([first.offer_ids[0]]);
    const row = await env.DB.prepare("select status from offers where id = ?").bind(first.offer_ids[1]).first<{ status: string }>();
    expect(row?.status).toBe("archived");
    const provider = await json(await call(`/api/v1/providers/${first.provider_id}`));
    expect(provider.offers).toHaveLength(1);
  });

  it("returns the parser's warnings", async () => {
    const unsure = service("Un truc", "Quelquechose");
    const body = await json(await postJson("/api/v1/import/chatonsinfos", { organization, services: [unsure] }));
    expect(body.warnings.length).toBeGreaterThan(0);
  });

  it.each([
    [{}, "organization"],
    [{ organization: "" }, "organization"],
    [{ organization: 42 }, "organization"],
    [{ organization, services: "nope" }, "services"],
    [{ organization: "file.class = organization\norganization.description = sans nom" }, "organization.name"],
    [{ organization, services: ["file.class = organization\norganization.name = X"] }, "services.0"],
  ])("answers 400 naming the field for %j", async (body, field) => {
    const res = await problem(await postJson("/api/v1/import/chatonsinfos", body), 400);
    expect(res.errors?.some((e) => e.field === field || e.field.startsWith(`${field}.`)), JSON.stringify(res.errors)).toBe(true);
  });

  it("answers 400 for a body that is not JSON, and stores nothing", async () => {
    const before = await env.DB.prepare("select count(*) as n from providers").first<{ n: number }>();
    const res = await call("/api/v1/import/chatonsinfos", { method: "POST", headers: { ...STEWARD, "content-type": "application/json" }, body: "{not json" });
    await problem(res, 400);
    const after = await env.DB.prepare("select count(*) as n from providers").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("answers 415 for a form body", async () => {
    const res = await call("/api/v1/import/chatonsinfos", { method: "POST", headers: { ...STEWARD, "content-type": "application/x-www-form-urlencoded" }, body: "organization=x" });
    await problem(res, 415);
  });

  it("answers 413 beyond 2 MiB", async () => {
    const res = await postJson("/api/v1/import/chatonsinfos", { organization: "#".repeat(2 * 1024 * 1024 + 10) });
    await problem(res, 413);
  });
});

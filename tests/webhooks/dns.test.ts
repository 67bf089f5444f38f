// Private addresses through DNS: the DoH resolver module with an injected fetch, then the app with
// WEBHOOK_DNS_RESOLVER on and a fake DoH answer (the global fetch spied): a public answer is allowed,
// a private one refused at registration (problem+json naming `url`, or the page's translated message)
// and at delivery (the endpoint disabled with its reason); a DoH failure at delivery is retried.
import { createExecutionContext, env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { privateAddress, resolveHost, resolvedProblem } from "../../src/webhooks/resolve";
import { signIn } from "../accounts/helpers";
import { BASE } from "../helpers/http";
import { makeOrg } from "../helpers/people";
import { api, attemptsOf, consumeAt, createEndpoint, endpointRow, orgWithKey, outboxRow, type Received } from "./helpers";

const DOH = "https://doh.resolver.test/dns-query";

/** Fake DNS: name → records ({ type: 1 | 28 | 5, data }); a name mapped to a number answers that HTTP status. */
const ZONE: Record<string, { type: number; data: string }[] | number | "nxdomain"> = {
  "public.hooks.example.org": [{ type: 1, data: "93.184.216.34" }, { type: 28, data: "2606:2800:220:1:248:1893:25c8:1946" }],
  "sneaky.hooks.example.org": [{ type: 1, data: "93.184.216.34" }, { type: 1, data: "10.0.0.5" }],
  "mapped.hooks.example.org": [{ type: 28, data: "::ffff:127.0.0.1" }],
  "ula.hooks.example.org": [{ type: 28, data: "fd12:3456:789a::1" }],
  "linklocal.hooks.example.org": [{ type: 1, data: "169.254.169.254" }],
  "loop.hooks.example.org": [{ type: 5, data: "chatiere.test." }, { type: 1, data: "93.184.216.34" }],
  "broken.hooks.example.org": 502,
  "nowhere.hooks.example.org": "nxdomain",
};

function dohAnswer(url: URL): Response {
  const name = url.searchParams.get("name") ?? "";
  const type = url.searchParams.get("type") === "AAAA" ? 28 : 1;
  const zone = ZONE[name];
  if (typeof zone === "number") return new Response("bad gateway", { status: zone });
  if (zone === "nxdomain" || zone === undefined) return Response.json({ Status: 3, Answer: [] });
  return Response.json({ Status: 0, Answer: zone.filter((r) => r.type === type || r.type === 5).map((r) => ({ name, type: r.type, TTL: 60, data: r.data })) });
}

/** The global fetch: DoH queries answered from ZONE (and counted), webhook POSTs recorded and answered 200. */
function network() {
  const queries: string[] = [];
  const posts: Received[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    if (url.origin + url.pathname === DOH) {
      expect(req.headers.get("accept")).toBe("application/dns-json");
      queries.push(`${url.searchParams.get("name")}/${url.searchParams.get("type")}`);
      return dohAnswer(url);
    }
    posts.push({ url: req.url, headers: Object.fromEntries(req.headers), body: await req.text() });
    return new Response("ok", { status: 200 });
  });
  return { queries, posts, spy };
}

afterEach(() => vi.restoreAllMocks());

/** The app as deployed with the resolver on, against the test's D1. */
function withDoh(path: string, init: RequestInit) {
  return createApp().fetch(new Request(`${BASE}${path}`, init), { ...env, WEBHOOK_DNS_RESOLVER: DOH }, createExecutionContext());
}

describe("resolve.ts with an injected fetch", () => {
  it("asks A and AAAA as DNS JSON and reads the addresses and CNAMEs", async () => {
    const seen: string[] = [];
    const fake = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      seen.push(`${url.searchParams.get("type")} ${new Headers(init?.headers).get("accept")}`);
      return dohAnswer(url);
    };
    const res = await resolveHost("loop.hooks.example.org", { url: DOH, fetch: fake });
    expect(seen.sort()).toEqual(["AAAA application/dns-json", "A application/dns-json"].sort());
    expect(res).toEqual({ ok: true, addresses: ["93.184.216.34"], cnames: ["chatiere.test"] });
    expect(resolvedProblem(res as Extract<typeof res, { ok: true }>, ["chatiere.test"])).toBe("own_host");
    expect(await resolveHost("nowhere.hooks.example.org", { url: DOH, fetch: fake })).toMatchObject({ ok: false, nxdomain: true });
    expect(await resolveHost("broken.hooks.example.org", { url: DOH, fetch: fake })).toMatchObject({ ok: false, error: expect.stringContaining("HTTP 502") });
    const thrown = await resolveHost("x.example.org", { url: DOH, fetch: async () => Promise.reject(new TypeError("network down")) });
    expect(thrown).toMatchObject({ ok: false, error: expect.stringContaining("network down") });
    expect(await resolveHost("x.example.org", { url: DOH, fetch: async () => new Response("<html>") })).toMatchObject({ ok: false });
  });

  it.each([
    ["10.1.2.3", true], ["127.0.0.1", true], ["169.254.169.254", true], ["172.16.0.1", true], ["192.168.0.1", true], ["100.64.0.1", true], ["0.0.0.0", true],
    ["::1", true], ["::", true], ["fe80::1", true], ["fd00::1", true], ["fc00::1", true], ["::ffff:10.0.0.1", true], ["::ffff:7f00:1", true], ["::ffff:192.168.1.1", true], ["64:ff9b::a00:1", true],
    ["93.184.216.34", false], ["2606:4700::6810:84e5", false], ["::ffff:93.184.216.34", false], ["1.1.1.1", false],
  ])("%s is private: %s", (address, expected) => {
    expect(privateAddress(address)).toBe(expected);
  });
});

describe("registration with the resolver on", () => {
  async function register(headers: Record<string, string>, orgId: string, url: string) {
    return withDoh(`/api/v1/orgs/${orgId}/webhook-endpoints`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ url, event_types: ["*"] }) });
  }

  it("allows a name with public addresses only, having asked both A and AAAA", async () => {
    const net = network();
    const { orgId, headers } = await orgWithKey();
    const res = await register(headers, orgId, "https://public.hooks.example.org/in");
    expect(res.status).toBe(201);
    expect(net.queries.sort()).toEqual(["public.hooks.example.org/A", "public.hooks.example.org/AAAA"]);
  });

  it.each([
    ["sneaky.hooks.example.org", "resolves to a private"],
    ["mapped.hooks.example.org", "resolves to a private"],
    ["ula.hooks.example.org", "resolves to a private"],
    ["linklocal.hooks.example.org", "resolves to a private"],
    ["loop.hooks.example.org", "Chatière itself"],
    ["nowhere.hooks.example.org", "does not resolve"],
    ["broken.hooks.example.org", "could not be checked"],
  ])("refuses %s: problem+json naming url", async (host, message) => {
    network();
    const { orgId, headers } = await orgWithKey();
    const res = await register(headers, orgId, `https://${host}/in`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = await res.json<{ errors: { field: string; message: string }[] }>();
    expect(body.errors).toEqual([{ field: "url", message: expect.stringContaining(message) }]);
    expect(await env.DB.prepare("select count(*) as n from webhook_endpoints where org_id = ?").bind(orgId).first("n")).toBe(0);
  });

  it("the page says it in the visitor's language, next to the url field", async () => {
    network();
    const email = `dns-page-${crypto.randomUUID().slice(0, 6)}@hooks.test`;
    const orgId = await makeOrg({ kind: "member", members: [{ email, role: "owner" }] });
    vi.restoreAllMocks(); // signing in runs the mail consumer, which must not meet the fake network
    const browser = await signIn(email);
    network();
    const res = await withDoh(`/orgs/${orgId}/webhooks?lang=en`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE, "sec-fetch-site": "same-origin", cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      body: new URLSearchParams({ url: "https://sneaky.hooks.example.org/in", event_types: "*" }).toString(),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="url-error"');
    expect(html).toContain("This host name resolves (DNS) to a private, local or reserved address: refused.");
  });
});

describe("delivery with the resolver on", () => {
  /** An endpoint registered (resolver off) and a test message to it. */
  async function endpointWithMessage(host: string) {
    const { orgId, headers } = await orgWithKey();
    const e = await createEndpoint(headers, orgId, `https://${host}/in`);
    const res = await api(`/orgs/${orgId}/webhook-endpoints/${e.id}/test`, { json: {}, headers });
    expect(res.status).toBe(202);
    return { id: e.id, messageId: (await res.json<{ message_id: string }>()).message_id };
  }
  const now = new Date();

  it("delivers to a name whose addresses are public", async () => {
    const { id, messageId } = await endpointWithMessage("public.hooks.example.org");
    const net = network();
    const fates = await consumeAt(now, [messageId], { WEBHOOK_DNS_RESOLVER: DOH });
    expect(fates.get(messageId)).toEqual({ acked: true, retryIn: null });
    expect(net.posts.map((p) => p.url)).toEqual(["https://public.hooks.example.org/in"]);
    expect((await outboxRow(messageId))!.status).toBe("sent");
    expect((await endpointRow(id))!.status).toBe("enabled");
  });

  it("a name that now resolves to a private address: nothing sent, the endpoint disabled with the reason", async () => {
    const { id, messageId } = await endpointWithMessage("sneaky.hooks.example.org");
    const net = network();
    await consumeAt(now, [messageId], { WEBHOOK_DNS_RESOLVER: DOH });
    expect(net.posts).toEqual([]);
    expect(await endpointRow(id)).toMatchObject({ status: "disabled", disabled_reason: "unsafe_url" });
    expect(await outboxRow(messageId)).toMatchObject({ status: "failed", last_error: expect.stringContaining("resolves to a refused address") });
    expect(await attemptsOf(messageId)).toMatchObject([{ status_code: null, ok: 0, error: expect.stringContaining("10.0.0.5") }]);
  });

  it("a DoH failure is a retryable failure, never a pass: nothing sent, retried later, the endpoint still enabled", async () => {
    const { id, messageId } = await endpointWithMessage("broken.hooks.example.org");
    const net = network();
    const fates = await consumeAt(now, [messageId], { WEBHOOK_DNS_RESOLVER: DOH });
    expect(net.posts).toEqual([]);
    expect(fates.get(messageId)!.acked).toBe(false);
    expect(fates.get(messageId)!.retryIn).not.toBeNull();
    expect(await outboxRow(messageId)).toMatchObject({ status: "pending", last_error: expect.stringContaining("DNS lookup failed") });
    expect((await endpointRow(id))!.status).toBe("enabled");
  });
});

// DNS cut-over checks: the comparison (pure), the targets API (the host sets them; the member may
// not), and the quarter-hour job against an injected DoH resolver — mismatches stored with what was
// found, two matches in a row mark the item and write its history event, an hour between checks.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../../../src/lib/context";
import { compareDns, dnsTargetsSchema, normaliseFound } from "../../../src/transition/control/dns";
import { domainOf, runDnsChecks } from "../../../src/transition/control/dns-job";
import type { Bindings } from "../../../src/env";
import { problem } from "../../helpers/http";
import { call, member, provider, session } from "../migrations-helpers";
import { item, migrationOf } from "./helpers";

describe("pure: comparing DNS", () => {
  it("normalises DoH data and compares sets per declared type", () => {
    expect(normaliseFound("mx", ["10 MX.Old-Host.be.", "20 mx2.old-host.be."])).toEqual(["mx.old-host.be", "mx2.old-host.be"]);
    const found = { mx: ["mx.old-host.be"], a: ["203.0.113.7"], aaaa: [], cname: [], ns: [] };
    expect(compareDns({ mx: ["mail.new-host.org"], a: ["203.0.113.7"] }, found)).toEqual([{ type: "mx", expected: ["mail.new-host.org"], found: ["mx.old-host.be"] }]);
    expect(compareDns({ a: ["203.0.113.7"] }, found)).toEqual([]);
    // The old MX left beside the new one still splits the mail.
    expect(compareDns({ mx: ["mail.new-host.org"] }, { ...found, mx: ["mail.new-host.org", "mx.old-host.be"] })).toHaveLength(1);
  });
  it("targets: at least one type, names and addresses checked", () => {
    expect(dnsTargetsSchema.safeParse({}).success).toBe(false);
    const bad = dnsTargetsSchema.safeParse({ mx: ["not a host"], a: ["300.1.1.1"] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["mx.0", "a.0"]);
    expect(dnsTargetsSchema.parse({ cname: "Web.New-Host.org." })).toEqual({ cname: ["web.new-host.org"] });
  });
  it("the name checked is the mail domain, the web host or the domain", () => {
    expect(domainOf({ kind: "mailbox", address: "info@asbl.be", quota_mb: null, used_mb: null } as never)).toBe("asbl.be");
    expect(domainOf({ kind: "web_hosting", host: "www.asbl.be" } as never)).toBe("www.asbl.be");
  });
});

/** A DoH JSON answerer: MX records for the domain from `mx`, and the calls it received. */
function doh(state: { mx: string[] }) {
  const calls: string[] = [];
  const fetchImpl = async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    calls.push(`${url.searchParams.get("name")} ${url.searchParams.get("type")}`);
    expect(url.origin + url.pathname).toBe("https://doh.test/dns-query");
    const type = url.searchParams.get("type");
    const answer = type === "MX" ? state.mx.map((d) => ({ name: url.searchParams.get("name"), type: 15, TTL: 300, data: d })) : [];
    return new Response(JSON.stringify({ Status: 0, Answer: answer }), { headers: { "content-type": "application/dns-json" } });
  };
  return { calls, fetchImpl };
}

let host: Awaited<ReturnType<typeof provider>>;
let m: Awaited<ReturnType<typeof member>>;
let migrationId: string;
let itemId: string;
const T0 = new Date("2027-06-01T10:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const dnsEnv = { ...env, DNS_RESOLVER_URL: "https://doh.test/dns-query" } as unknown as Bindings;
const runAt = (now: Date, fetchImpl: typeof fetch) => runDnsChecks(systemContext(dnsEnv, "cron", { now: () => now }), fetchImpl);

beforeAll(async () => {
  host = await provider();
  m = await member();
  migrationId = await migrationOf(m.orgId);
  itemId = await item({ migrationId, orgId: m.orgId, inventoryId: m.services.mailbox, kind: "mailbox", offerId: host.offers.mail, providerId: host.providerId, state: "cutover", lastMoveAt: T0.toISOString() });
});

describe("PUT …/dns-targets", () => {
  it("the host's key sets them; the member's owner may not; bad targets are 400 naming the field", async () => {
    const path = `/migrations/${migrationId}/items/${itemId}/dns-targets`;
    const put = (who: Parameters<typeof call>[0], body: unknown) =>
      "fetch" in who ? (who as { fetch: (p: string, i: RequestInit) => Promise<Response> }).fetch(`/api/v1${path}`, { method: "PUT", headers: { "content-type": "application/json", origin: "https://chatiere.test", "sec-fetch-site": "same-origin" }, body: JSON.stringify(body) }) : fetchWithKey(who as Record<string, string>, body);
    const fetchWithKey = async (headers: Record<string, string>, body: unknown) => (await import("cloudflare:test")).SELF.fetch(`https://chatiere.test/api/v1${path}`, { method: "PUT", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
    const bad = await problem(await put(host.key, { mx: ["not a host"] }), 400);
    expect(bad.errors!.map((e) => e.field)).toEqual(["mx.0"]);
    await problem(await put(await session(m.owner), { mx: ["mail.new-host.org"] }), 403);
    const ok = await put(host.key, { mx: ["mail.new-host.org"] });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ item_id: itemId, dns_targets: { mx: ["mail.new-host.org"] }, dns_verified_at: null, checks: [] });
  });
});

describe("the DNS job", () => {
  it("stores a mismatch with what was found, then two matches in a row verify the item, an hour apart at least", async () => {
    const state = { mx: ["10 mx.old-host.be."] };
    const { calls, fetchImpl } = doh(state);
    expect(await runAt(at(0), fetchImpl as typeof fetch)).toMatchObject({ checked: 1, matched: 0, verified: 0 });
    const domain = m.services && (await env.DB.prepare("select service from inventory_services where id = ?").bind(m.services.mailbox).first<{ service: string }>())!.service;
    expect(calls).toEqual([`${JSON.parse(domain).address.split("@")[1]} MX`]);
    // The member and the host both read the mismatch.
    const view = await (await call(await session(m.owner), `/migrations/${migrationId}/items/${itemId}/dns-checks`)).json<{ checks: { matched: boolean; mismatches: unknown[] }[] }>();
    expect(view.checks[0]).toMatchObject({ matched: false, mismatches: [{ type: "mx", expected: ["mail.new-host.org"], found: ["mx.old-host.be"] }] });
    // Within the hour: not checked again.
    expect(await runAt(at(0.5), fetchImpl as typeof fetch)).toMatchObject({ checked: 0 });
    state.mx = ["10 mail.new-host.org."];
    expect(await runAt(at(1), fetchImpl as typeof fetch)).toMatchObject({ checked: 1, matched: 1, verified: 0 });
    expect(await runAt(at(2), fetchImpl as typeof fetch)).toMatchObject({ checked: 1, matched: 1, verified: 1 });
    const row = await env.DB.prepare("select state, dns_verified_at, version from migration_items where id = ?").bind(itemId).first<{ state: string; dns_verified_at: string; version: number }>();
    expect(row).toMatchObject({ state: "cutover", dns_verified_at: at(2).toISOString() });
    const event = await env.DB.prepare("select kind, item_version, actor_via from migration_events where item_id = ? and kind = 'dns_verified'").bind(itemId).first();
    expect(event).toEqual({ kind: "dns_verified", item_version: row!.version, actor_via: "dns-check" });
    // Verified: no more checks.
    expect(await runAt(at(5), fetchImpl as typeof fetch)).toMatchObject({ checked: 0 });
  });

  it("a resolver that fails stores nothing; the setting `off` checks nothing", async () => {
    const other = await member();
    const mig = await migrationOf(other.orgId);
    await item({ migrationId: mig, orgId: other.orgId, inventoryId: other.services.web, kind: "web_hosting", offerId: host.offers.web, providerId: host.providerId, state: "cutover", lastMoveAt: T0.toISOString() });
    await env.DB.prepare("update migration_items set dns_targets = '{\"a\":[\"203.0.113.7\"]}' where migration_id = ?").bind(mig).run();
    const down = async () => new Response("busy", { status: 503 });
    expect(await runAt(at(10), down as typeof fetch)).toMatchObject({ checked: 0, failed: 1 });
    expect(await runDnsChecks(systemContext(env, "cron", { now: () => at(11) }))).toMatchObject({ checked: 0, skipped: "resolver off" });
  });
});

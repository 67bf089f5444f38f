// /admin: stewards and coop_admins see the tools they may use, and only those.
import { describe, expect, it } from "vitest";
import { Browser, signIn } from "../accounts/helpers";
import { call, STEWARD } from "../helpers/http";
import { grantRole, makeOrg } from "../helpers/people";

const links = (html: string) => [...html.matchAll(/<li><a href="(\/admin\/[a-z/]+)">/g)].map((m) => m[1]);

describe("/admin", () => {
  it("a steward sees people, audit, keys, moderation, organisations, the outbox, health and the received webhooks", async () => {
    await grantRole("dash-steward@chatiere.test", "steward");
    const res = await (await signIn("dash-steward@chatiere.test")).fetch("/admin?lang=nl");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(links(html)).toEqual(["/admin/people", "/admin/audit", "/admin/keys", "/admin/moderation", "/admin/organisations", "/admin/outbox", "/admin/health", "/admin/webhooks/received"]);
    expect(html).toContain("<h1>Beheer</h1>");
  });

  it("a coop_admin sees only organisations", async () => {
    await grantRole("dash-coop@chatiere.test", "coop_admin");
    const html = await (await (await signIn("dash-coop@chatiere.test")).fetch("/admin")).text();
    expect(links(html)).toEqual(["/admin/organisations"]);
  });

  it("anonymous is sent to sign in; an organisation owner or a plain person gets 403; so does a steward key", async () => {
    const anon = await new Browser().fetch("/admin");
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/sign-in?next=%2Fadmin");
    await makeOrg({ kind: "provider", members: [{ email: "dash-owner@chatiere.test", role: "owner" }] });
    for (const email of ["dash-owner@chatiere.test", "dash-plain@chatiere.test"]) {
      expect((await (await signIn(email)).fetch("/admin")).status, email).toBe(403);
    }
    expect((await call("/admin", { headers: STEWARD })).status).toBe(403);
  });
});

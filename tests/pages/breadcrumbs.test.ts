// Breadcrumbs on an organisation's pages say where one is: from "My organisations" for its people,
// from "All organisations" for a steward or coop_admin looking at another organisation — billing
// pages included, through the shared page header.
import { describe, expect, it } from "vitest";
import { signIn } from "../accounts/helpers";
import { grantRole, makeOrg } from "../helpers/people";

/** The breadcrumb nav's items as text ("All organisations", "Asbl X", "Invoices"), the current one last. */
function crumbs(html: string): { items: string[]; current: string | undefined } {
  const nav = html.match(/<nav class="breadcrumb" aria-label="[^"]+"><ul>([\s\S]*?)<\/ul><\/nav>/)?.[1] ?? "";
  const items = [...nav.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));
  const current = nav.match(/<li aria-current="page">([\s\S]*?)<\/li>/)?.[1];
  return { items, current };
}

describe("breadcrumbs on organisation pages", () => {
  it("a coop_admin on another organisation's billing reads All organisations › Asbl X › Invoices", async () => {
    const org = await makeOrg({ kind: "member", name: "Asbl Crumb", members: [{ email: "owner@crumb.example", role: "owner" }] });
    await grantRole("coop@crumb.example", "coop_admin");
    const coop = await signIn("coop@crumb.example");
    const billing = await (await coop.fetch(`/orgs/${org}/billing?lang=en`)).text();
    expect(billing).toContain('<nav class="breadcrumb" aria-label="You are here">');
    expect(crumbs(billing)).toEqual({ items: ["All organisations", "Asbl Crumb", "Invoices"], current: "Invoices" });
    expect(billing).toContain('<a href="/admin/organisations">All organisations</a>');

    // The organisation's own owner starts from their own list, in Dutch with "U".
    const owner = await signIn("owner@crumb.example");
    const mine = await (await owner.fetch(`/orgs/${org}/billing?lang=nl`)).text();
    expect(mine).toContain('aria-label="U bent hier"');
    expect(crumbs(mine).items[0]).toBe("Mijn organisaties");
    expect(crumbs(mine).items.slice(1)).toEqual(["Asbl Crumb", crumbs(mine).current]);
  });

  it("a steward on another organisation's overview and profile; the overview is the current page", async () => {
    const org = await makeOrg({ kind: "member", name: "Asbl Vue", members: [{ email: "owner@vue.example", role: "owner" }] });
    await grantRole("steward@vue.example", "steward");
    const boss = await signIn("steward@vue.example");
    const overview = await (await boss.fetch(`/orgs/${org}?lang=en`)).text();
    expect(crumbs(overview)).toEqual({ items: ["All organisations", "Asbl Vue"], current: "Asbl Vue" });
    expect(overview).not.toContain('<a href="/account/organisations">');
    const profile = await (await boss.fetch(`/orgs/${org}/profile?lang=en`)).text();
    expect(crumbs(profile)).toEqual({ items: ["All organisations", "Asbl Vue", "Profile of Asbl Vue"], current: "Profile of Asbl Vue" });
    expect(profile).toContain(`<a href="/orgs/${org}">Asbl Vue</a>`);
  });

  it("a provider's own offer pages hang from its organisation", async () => {
    const org = await makeOrg({ kind: "provider", name: "Hébergeur Crumb", members: [{ email: "owner@heb-crumb.example", role: "owner" }] });
    const owner = await signIn("owner@heb-crumb.example");
    const page = await (await owner.fetch(`/orgs/${org}/provider?lang=en`)).text();
    const { items, current } = crumbs(page);
    expect(items.slice(0, 2)).toEqual(["My organisations", "Hébergeur Crumb"]);
    expect(current).toBe("Provider profile — Hébergeur Crumb");
  });
});

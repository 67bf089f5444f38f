// The breadcrumb: a labelled nav, links back up, the current page marked; on an organisation's pages
// it starts where the viewer reaches the organisation from (their own list, or all organisations).
import { describe, expect, it } from "vitest";
import type { Child } from "hono/jsx";
import { TrailContext, withRoot } from "../../web/components/breadcrumb";
import { PageHeader } from "../../web/components/page-header";
import { orgRoot } from "../../web/components/page-props";
import { translator } from "../../web/i18n";
import type { Principal } from "../../src/accounts/policy";

const render = async (node: Child) => String(await (node as { toString(): string | Promise<string> }).toString());
const t = translator("en");
const member: Principal = { kind: "user", userId: "u", email: "a@x.be", emailVerified: true, roles: [], orgs: [{ orgId: "org_a", kind: "member", role: "owner", providerId: null }] };
const coopAdmin: Principal = { kind: "user", userId: "c", email: "c@x.be", emailVerified: true, roles: ["coop_admin"], orgs: [] };

describe("withRoot", () => {
  it("puts the viewer's root first and drops a root the page named itself", () => {
    const root = { href: "/admin/organisations", label: "All organisations" };
    const crumbs = [{ href: "/account/organisations", label: "My organisations" }, { href: "/orgs/x", label: "Asbl X" }];
    expect(withRoot(crumbs, root)).toEqual([root, { href: "/orgs/x", label: "Asbl X" }]);
    expect(withRoot(crumbs, undefined)).toEqual(crumbs);
  });
});

describe("orgRoot", () => {
  it("is the person's own list for their organisation, all organisations for a coop_admin elsewhere, nothing off org pages", () => {
    expect(orgRoot(t, "/orgs/org_a/billing", member)).toEqual({ href: "/account/organisations", label: "My organisations" });
    expect(orgRoot(t, "/orgs/org_b/billing", member)).toBeUndefined();
    expect(orgRoot(t, "/orgs/org_b/billing", coopAdmin)).toEqual({ href: "/admin/organisations", label: "All organisations" });
    expect(orgRoot(t, "/providers", coopAdmin)).toBeUndefined();
    expect(orgRoot(t, "/orgs/org_a", { kind: "anonymous" })).toBeUndefined();
  });
});

describe("PageHeader inside an organisation's page", () => {
  it("renders Organisations › Asbl X › Billing with the current page marked", async () => {
    const html = await render(
      <TrailContext.Provider value={{ label: "You are here", root: { href: "/admin/organisations", label: "All organisations" } }}>
        <PageHeader title="Billing" crumbs={[{ href: "/orgs/x", label: "Asbl X" }]} />
      </TrailContext.Provider>,
    );
    expect(html).toContain('<nav class="breadcrumb" aria-label="You are here"><ul>');
    expect(html).toContain('<li><a href="/admin/organisations">All organisations</a></li><li><a href="/orgs/x">Asbl X</a></li><li aria-current="page">Billing</li>');
  });

  it("has no breadcrumb on a page with nowhere to go back to", async () => {
    expect(await render(<PageHeader title="Home" />)).toBe("<h1>Home</h1>");
  });
});

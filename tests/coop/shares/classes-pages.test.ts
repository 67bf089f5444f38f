// The share classes pages in workerd: the list links each class to its page; a coop_admin changes
// a class there (name, limits, the users' obligation, the nominal value while no share was
// requested); field errors come back translated; once a share is requested the nominal value is
// shown fixed with its reason and a change to it is refused (409) with that reason.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn, type Browser } from "../../accounts/helpers";
import { grantRole, person } from "../../helpers/people";
import { coop } from "../helpers";

const ADMIN = "coop-admin@classes.test";
let admin: Browser;
let member: Browser;

const row = () => env.DB.prepare("select name, nominal_cents, min_shares, max_shares, required_for_users from share_classes where id = 'scl_c'").first();

beforeAll(async () => {
  await coop();
  await grantRole(ADMIN, "coop_admin");
  await person("someone@classes.test");
  [admin, member] = await Promise.all([signIn(ADMIN), signIn("someone@classes.test")]);
  await env.DB.prepare("insert into share_classes (id, code, name, nominal_cents, min_shares, max_shares) values ('scl_c', 'C', 'Soutien', 3000, 1, 166)").run();
});

describe("/coop/share-classes/:id", () => {
  it("lists and opens a class, for coop_admins only", async () => {
    const list = await (await admin.fetch("/coop/share-classes")).text();
    expect(list).toContain('href="/coop/share-classes/scl_c"');
    const page = await admin.fetch("/coop/share-classes/scl_c?lang=en");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Class C");
    expect(html).toContain('name="nominal"');
    expect(html).toContain("0 share request(s) in this class.");
    expect((await member.fetch("/coop/share-classes/scl_c")).status).toBe(403);
    expect((await member.post("/coop/share-classes/scl_c", { name: "Pirate", min_shares: "1" })).status).toBe(403);
    expect((await admin.fetch("/coop/share-classes/scl_nope")).status).toBe(404);
  });

  it("changes a class, and comes back with translated field errors without writing", async () => {
    let res = await admin.post("/coop/share-classes/scl_c?lang=nl", { name: "", nominal: "abc", min_shares: "5", max_shares: "2" });
    expect(res.status).toBe(400);
    let html = await res.text();
    expect(html).toContain("Geef de categorie een naam");
    expect(html).toContain("Een bedrag in euro");
    res = await admin.post("/coop/share-classes/scl_c?lang=en", { name: "Support", nominal: "30", min_shares: "5", max_shares: "2" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The maximum is at least the minimum");
    expect(await row()).toMatchObject({ name: "Soutien", nominal_cents: 3000, max_shares: 166 });
    res = await admin.post("/coop/share-classes/scl_c", { name: "Soutiens", nominal: "25,50", min_shares: "2", max_shares: "", required: "1" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("/coop/share-classes/scl_c");
    // An empty maximum: what €5,000 of nominal value buys.
    expect(await row()).toEqual({ name: "Soutiens", nominal_cents: 2550, min_shares: 2, max_shares: 196, required_for_users: 1 });
  });

  it("keeps the nominal value once shares were requested, and says why", async () => {
    const userId = await person("holder@classes.test");
    await env.DB.prepare("insert into shareholders (id, kind, user_id, name, street, postcode, city, country_code) values ('shh_c', 'person', ?, 'Holder', 'Rue 2', '1000', 'Bruxelles', 'BE')").bind(userId).run();
    await env.DB.prepare("insert into share_requests (id, holder_id, class_id, shares, nominal_cents, consents) values ('srq_c', 'shh_c', 'scl_c', 2, 2550, '{}')").run();
    const html = await (await admin.fetch("/coop/share-classes/scl_c?lang=fr")).text();
    expect(html).toContain("La valeur nominale ne change plus");
    expect(html).not.toContain('name="nominal"');
    // A stale form that still sends a new nominal value: refused with the reason, nothing written.
    let res = await admin.post("/coop/share-classes/scl_c?lang=en", { name: "Renamed", nominal: "40", min_shares: "2", max_shares: "196" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("The nominal value no longer changes");
    expect(await row()).toMatchObject({ name: "Soutiens", nominal_cents: 2550 });
    // The rest still changes.
    res = await admin.post("/coop/share-classes/scl_c", { name: "Renamed", min_shares: "1", max_shares: "50" });
    expect(res.status).toBe(303);
    expect(await row()).toMatchObject({ name: "Renamed", nominal_cents: 2550, min_shares: 1, max_shares: 50, required_for_users: 0 });
  });
});

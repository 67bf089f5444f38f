// The pledge pages in workerd: /coop (meter, SVG chart with its text and table, the form) in three
// languages; the form without JavaScript (errors next to their fields, input kept; a good pledge
// redirects with a notice); the settings page for coop_admins only; the home page's compact meter.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { linkIn, mailTo, newDevice, signIn, type Browser } from "../../accounts/helpers";
import { grantRole } from "../../helpers/people";
import { page, textOf } from "../../pages/helpers";

const ADMIN = "pledge-pages@coop.test";
let admin: Browser;

/** Structure checks in the spirit of axe: one h1, unique ids, every control labelled, every aria reference resolves. */
function checkStructure(html: string) {
  expect(html.match(/<h1\b/g)).toHaveLength(1);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  for (const m of html.matchAll(/<(input|select|textarea)\b[^>]*\sid="([^"]+)"[^>]*>/g)) {
    if (/type="hidden"/.test(m[0])) continue;
    expect(html, `label for ${m[2]}`).toContain(`for="${m[2]}"`);
  }
  for (const m of html.matchAll(/aria-(?:describedby|labelledby)="([^"]+)"/g)) for (const id of m[1]!.split(" ")) expect(ids, `aria reference ${id}`).toContain(id);
}

beforeAll(async () => {
  await grantRole(ADMIN, "coop_admin");
  admin = await signIn(ADMIN);
  // Three weeks of confirmed pledges and targets, as the demo has.
  const rows = [
    ["plg_p1", "a@pages.test", "Les Amis du Parc", 4000, 0, "2026-03-03T10:00:00Z"],
    ["plg_p2", "b@pages.test", "L'Atelier", 2500, 50000, "2026-03-11T10:00:00Z"],
    ["plg_p3", "c@pages.test", null, 0, 20000, "2026-03-18T10:00:00Z"],
  ] as const;
  for (const [id, email, org, monthly, capital, at] of rows) {
    await env.DB.prepare("insert into pledges (id, email, name, organisation, roles, services, monthly_cents, capital_cents, language, status, token_hash, token_expires_at, confirmed_at) values (?, ?, 'X', ?, '[\"client\",\"supporter\"]', '[{\"service\":\"mailbox\",\"quantity\":4}]', ?, ?, 'fr', 'confirmed', ?, '2026-04-01T00:00:00Z', ?)")
      .bind(id, email, org, monthly, capital, `h_${id}`, at)
      .run();
  }
  await env.DB.prepare("insert into pledge_settings (id, fixed_monthly_cents, cost_per_unit_cents, target_capital_cents, opens_on) values ('coop', 10000, '{\"mailbox\":250}', 200000, '2026-09-01')").run();
});

describe("/coop", () => {
  it("shows the meter, the chart with its text equivalent and table, and the form, in French by default", async () => {
    const { status, html } = await page("/coop");
    expect(status).toBe(200);
    checkStructure(html);
    // 10000 fixed + 12 mailboxes × 250 = 130,00 €; 65,00 € pledged = 50 %.
    expect(textOf(html, /<p id="meter-monthly-text">/)).toBe("65,00 € par mois promis, pour un seuil de rentabilité de 130,00 € par mois (50 %).");
    expect(textOf(html, /<p id="meter-capital-text">/)).toBe("700,00 € de capital promis, pour un objectif de 2 000,00 € (35 %).");
    expect(textOf(html, /<span id="meter-organisations">/)).toBe("2 organisations ont promis leur soutien");
    expect(html).toContain("Ouverture prévue le 1 septembre 2026.");
    expect(html).toMatch(/<progress id="meter-monthly" max="13000" value="6500"/);
    // The chart: hidden SVG lines, their sentence and a week-by-week table.
    expect(html).toMatch(/<svg[^>]*aria-hidden="true"[^>]*data-series="chart-monthly"/);
    expect(html).toMatch(/<polyline points="[\d., ]+"/);
    expect(html).toContain("data-target");
    const table = textOf(html, /<details class="pledge-history">/);
    expect(table).toContain("2 mars 2026 40,00 € 0,00 € 1");
    expect(table).toContain("9 mars 2026 65,00 € 500,00 € 2");
    expect(html).toContain('action="/coop/pledges#pledge-title"');
    expect(html).not.toContain("<script");
  });

  it("exists in Dutch and English", async () => {
    expect((await page("/coop?lang=nl")).html).toContain("Beloof uw steun");
    const en = (await page("/coop?lang=en")).html;
    expect(en).toContain("Pledge your support");
    expect(en).toContain("€65.00 a month pledged, against a break-even point of €130.00 a month (50%).");
  });

  it("the form without JavaScript: errors next to their fields with the input kept; a good pledge → notice and a mail", async () => {
    const browser = newDevice();
    let res = await browser.post("/coop/pledges?lang=fr", { name: "Zoé <b>", email: "zoe@", organisation: "Le Local", roles: "client", service_mailbox: "abc" });
    expect(res.status).toBe(400);
    let html = await res.text();
    checkStructure(html);
    expect(html).toContain('id="email-error"');
    expect(html).toContain('id="service-mailbox-error"');
    expect(html).toContain('value="Zoé &lt;b&gt;"');
    expect(html).toContain('value="Le Local"');
    expect(html).toMatch(/id="roles-client"[^>]*checked/);
    expect(html).toContain('href="#service-mailbox"'); // the error summary links to the field
    res = await browser.post("/coop/pledges", { name: "Zoé", email: "zoe@", roles: "client", monthly: "30" });
    expect(res.status).toBe(400);
    html = await res.text();
    expect(html).toContain('id="email-error"'); // the address is checked again, whatever else changed
    res = await browser.post("/coop/pledges", { name: "Zoé", email: "zoe@pages.test", roles: "client", service_mailbox: "3", language: "en" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/coop?notice=pledged");
    expect(await (await browser.fetch("/coop?notice=pledged&lang=fr")).text()).toContain("Merci ! Nous vous avons envoyé un lien");
    const [mail] = await mailTo("zoe@pages.test");
    expect(mail!.payload.lang).toBe("en");
    const confirmPage = await browser.fetch(new URL(linkIn(mail!.payload.text)).pathname);
    const confirmHtml = await confirmPage.text();
    checkStructure(confirmHtml);
    expect(confirmHtml).toContain("Boîtes mail × 3");
  });
});

describe("/coop/viability/settings", () => {
  it("coop_admins only; saves, refuses bad fields next to them, and opens", async () => {
    expect((await newDevice().fetch("/coop/viability/settings")).status).toBe(303); // to sign in
    const member = await signIn("plain-member@pages.test");
    expect((await member.fetch("/coop/viability/settings")).status).toBe(403);
    expect((await member.post("/coop/open")).status).toBe(403);
    let res = await admin.fetch("/coop/viability/settings?lang=fr");
    expect(res.status).toBe(200);
    let html = await res.text();
    checkStructure(html);
    expect(html).toContain('value="100,00"');
    expect(html).toContain('value="2,50"');
    res = await admin.post("/coop/viability/settings", { fixed_monthly: "abc", cost_mailbox: "3", target_capital: "1000", opens_on: "2026-13-01" });
    expect(res.status).toBe(400);
    html = await res.text();
    expect(html).toContain('id="fixed_monthly-error"');
    expect(html).toContain('id="opens_on-error"');
    expect(html).toContain('value="abc"');
    expect((await env.DB.prepare("select fixed_monthly_cents from pledge_settings").first())!.fixed_monthly_cents).toBe(10000);
    res = await admin.post("/coop/viability/settings", { fixed_monthly: "150", cost_mailbox: "3", target_capital: "1000", opens_on: "" });
    expect(res.status).toBe(303);
    expect((await env.DB.prepare("select fixed_monthly_cents, cost_per_unit_cents, target_capital_cents, opens_on from pledge_settings").first())).toEqual({ fixed_monthly_cents: 15000, cost_per_unit_cents: '{"mailbox":300}', target_capital_cents: 100000, opens_on: null });
    res = await admin.post("/coop/open");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/coop/viability/settings?notice=opened");
    expect((await env.DB.prepare("select count(*) n from pledge_invitations").first())!.n).toBe(3);
    expect((await page("/coop")).html).toContain('id="meter-converted"');
  });
});

describe("home page", () => {
  it("shows the compact meter and links to /coop; /cooperative links to /coop too", async () => {
    const { html } = await page("/?lang=fr");
    expect(textOf(html, /<section aria-labelledby="coop-home-title" class="coop-compact">/)).toContain("par mois promis");
    expect(html).toContain('<a href="/coop">');
    expect((await page("/cooperative")).html).toContain('href="/coop"');
  });
});

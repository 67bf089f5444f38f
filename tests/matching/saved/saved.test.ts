// Saved needs and shortlists through the whole worker: the forms on /match/results, saving and
// reopening needs, shortlisting a bundle with the server's own prices and the offer versions seen,
// deleting; 400s next to the field, 404s for unknown or foreign ids; who may do what.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newDevice, signIn, type Browser } from "../../accounts/helpers";
import { directory } from "../../fixtures/directory";
import { seed } from "../../helpers/catalog";
import { grantRole, makeOrg, person } from "../../helpers/people";
import { decode, textOf } from "../../pages/helpers";

const plain = (html: string) => decode(html.replace(/<[^>]+>/g, " ")).replace(/[\s\u00a0\u202f]+/g, " ");
const q = (params: Record<string, string | string[]>) => {
  const u = new URLSearchParams({ submitted: "1" });
  for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.append(k, x);
  return u.toString();
};
/** Alpha alone is the best bundle (Beta's mail has no IMAP, Gamma takes no new members): 2 mailboxes at 3 € and free lists, 6 € a month. */
const QUERY = q({ mailbox_qty: "2", mailbox_gb: "1", mailbox_features: "imap", mailing_list_qty: "1", accepting: "on" });
const CROSS_SITE = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };

const count = async (table: string, orgId: string) => (await env.DB.prepare(`select count(*) as n from ${table} where org_id = ?`).bind(orgId).first<{ n: number }>())!.n;
const audits = async (orgId: string) => (await env.DB.prepare("select action, subject_id from audit_log where org_id = ? order by at, id").bind(orgId).all<{ action: string; subject_id: string }>()).results;
const location = (res: Response) => res.headers.get("location");
/** The hidden fields of the first shortlist form of a results page (bundle 1). */
const hiddenOf = (html: string, name: string) => decode(html.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`))?.[1] ?? "");

let alphaMailbox: string;
beforeAll(async () => {
  const seeded = await seed(...directory);
  const row = await env.DB.prepare("select id from offers where name = 'Boîte mail'").first<{ id: string }>();
  alphaMailbox = row!.id;
  expect(seeded.length).toBe(4);
});

async function owner(tag: string, orgs = 1): Promise<{ browser: Browser; orgIds: string[] }> {
  const email = `owner-${tag}@saved.test`;
  const orgIds = [];
  for (let i = 0; i < orgs; i++) orgIds.push(await makeOrg({ kind: "member", name: `Asbl ${tag} ${i + 1}`, members: [{ email, role: "owner" }] }));
  return { browser: await signIn(email), orgIds };
}

describe("the results page", () => {
  it("offers anonymous visitors a sign-in link back to the same results, and no form", async () => {
    const res = await newDevice().fetch(`/match/results?${QUERY}&lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBeNull();
    const html = await res.text();
    expect(html).toContain(`<a href="/sign-in?next=${encodeURIComponent(`/match/results?${QUERY}`).replaceAll("&", "&amp;")}">Sign in to save these needs and shortlist suggestions</a>`);
    expect(html).not.toContain('action="/orgs/');
    expect(html).toContain('<ol class="bundles">');
  });

  it("tells a signed-in person without a member organisation they administer why there is no form", async () => {
    const email = "plain@saved.test";
    await makeOrg({ kind: "member", members: [{ email, role: "member" }] });
    await makeOrg({ kind: "provider", members: [{ email, role: "owner" }] });
    const html = await (await (await signIn(email)).fetch(`/match/results?${QUERY}`)).text();
    expect(plain(html)).toContain("Seuls les propriétaires et les administrateurs d'une organisation membre enregistrent des besoins");
    expect(html).not.toContain('action="/orgs/');
  });

  it("gives an owner of two member organisations one button per organisation, on the needs and on every bundle", async () => {
    const { browser, orgIds } = await owner("two", 2);
    const res = await browser.fetch(`/match/results?${QUERY}&lang=nl`);
    // It names the visitor's organisations: no shared cache may keep it.
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const html = await res.text();
    const [a, b] = orgIds;
    expect(html).toContain(`<form method="post" action="/orgs/${a}/needs" class="save-needs-form">`);
    expect(html).toContain(`<button type="submit" formaction="/orgs/${a}/needs">Bewaren voor Asbl two 1</button>`);
    expect(html).toContain(`<button type="submit" formaction="/orgs/${b}/needs">Bewaren voor Asbl two 2</button>`);
    expect(html).toMatch(new RegExp(`formaction="/orgs/${b}/shortlist">Aan de selectie van Asbl two 2 toevoegen<span class="visually-hidden"> \\(Voorstel 1\\)</span>`));
    // The query kept is the search without the page's language; bundle indexes start at 0.
    expect(hiddenOf(html, "query")).toBe(QUERY);
    expect(hiddenOf(html, "bundle")).toBe("0");
    expect(hiddenOf(html, "offers")).toContain(alphaMailbox);
    expect(html).toMatch(/<label for="save-name">Naam van deze behoeften<\/label>/);
    expect(html).toMatch(/<label for="note-1">Notitie voor de selectie \(optioneel\)<\/label>/);
  });
});

describe("saving needs, shortlisting, reopening, deleting (owner)", () => {
  it("goes through the whole flow with audit rows, server prices and the offer versions seen", async () => {
    const { browser, orgIds } = await owner("flow");
    const org = orgIds[0]!;

    const saved = await browser.post(`/orgs/${org}/needs`, { query: `${QUERY}&lang=en`, name: "  Mail et listes  " });
    expect(saved.status).toBe(303);
    expect(location(saved)).toBe(`/orgs/${org}/needs?notice=saved`);
    const needsRow = await env.DB.prepare("select * from saved_needs where org_id = ?").bind(org).first<Record<string, any>>();
    expect(needsRow).toMatchObject({ name: "Mail et listes", query: QUERY });
    expect(needsRow!.id).toMatch(/^ned_/);
    expect(JSON.parse(needsRow!.request)).toMatchObject({ needs: [{ service: "mailbox", quantity: 2, storage_gb: 1 }, { service: "mailing_list", quantity: 1 }], constraints: { accepting_only: true } });

    // Posted prices are ignored: the server runs the search again and takes bundle 0 as it computes it.
    const added = await browser.post(`/orgs/${org}/shortlist`, { query: QUERY, bundle: "0", offers: "", note: "La moins chère", monthly_cents: "1", yearly_cents: "1" });
    expect(added.status).toBe(303);
    expect(location(added)).toBe(`/orgs/${org}/needs?notice=shortlisted`);
    const item = await env.DB.prepare("select * from shortlist_items where org_id = ?").bind(org).first<Record<string, any>>();
    expect(item).toMatchObject({ monthly_cents: 600, yearly_cents: 7200, providers: 1, note: "La moins chère", query: QUERY, saved_needs_id: needsRow!.id });
    const items = JSON.parse(item!.items);
    const version = (await env.DB.prepare("select version from offers where id = ?").bind(alphaMailbox).first<{ version: number }>())!.version;
    expect(version).toBeGreaterThan(0);
    expect(items).toContainEqual({ offer_id: alphaMailbox, provider_id: expect.stringMatching(/^prv_/), offer_name: "Boîte mail", provider_name: "Alpha Hébergement", needs: [0], monthly_cents: 600, offer_version: version });
    expect(items.reduce((s: number, i: any) => s + i.monthly_cents, 0)).toBe(600);

    // The organisation's page lists both; the offer links to the version the member saw.
    const listed = await browser.fetch(`/orgs/${org}/needs?notice=shortlisted`);
    expect(listed.status).toBe(200);
    const html = await listed.text();
    const text = plain(html);
    expect(textOf(html, /<h1[^>]*>/)).toBe("Besoins et présélection");
    expect(html).toContain('<p class="notice" role="status">La proposition a été ajoutée à la présélection.</p>');
    expect(html).toContain('<th scope="row">Mail et listes</th>');
    expect(text).toContain("2 × Boîtes mail et 1 × Listes de diffusion");
    expect(html).toContain(`<a href="/match/results?${QUERY.replaceAll("&", "&amp;")}" aria-label="Ouvrir les résultats de « Mail et listes »">`);
    expect(html).toContain(`<a href="/offers/${alphaMailbox}/versions/${version}">Boîte mail</a>`);
    expect(text).toContain("Total par mois 6,00 €");
    expect(text).toContain("Total par an 72,00 €");
    expect(text).toContain("Pour les besoins : Mail et listes");
    expect(text).toContain("Note La moins chère");
    expect(html).toContain(`action="/orgs/${org}/shortlist/${item!.id}/delete"`);

    // Reopening is the same search.
    const reopened = await browser.fetch(`/match/results?${QUERY}`);
    expect(reopened.status).toBe(200);
    expect(plain(await reopened.text())).toContain("6,00 €");

    // The provider raises its price: the shortlist keeps what the member saw, and that version stays viewable.
    const alpha = directory[0]!;
    await seed({ ...alpha, offers: alpha.offers!.map((o) => (o.name === "Boîte mail" ? { ...o, pricing: { model: "paid" as const, amount_cents: 400, unit: "per_unit" as const } } : o)) });
    const newVersion = (await env.DB.prepare("select version from offers where id = ?").bind(alphaMailbox).first<{ version: number }>())!.version;
    expect(newVersion).toBe(version + 1);
    const after = await (await browser.fetch(`/orgs/${org}/needs`)).text();
    expect(after).toContain(`<a href="/offers/${alphaMailbox}/versions/${version}">Boîte mail</a>`);
    expect(plain(after)).toContain("Total par mois 6,00 €");
    expect((await browser.fetch(`/offers/${alphaMailbox}/versions/${version}`)).status).toBe(200);

    // A second entry, then deleting the needs: the entries stay, unlinked.
    expect((await browser.post(`/orgs/${org}/shortlist`, { query: QUERY, bundle: "0" })).status).toBe(303);
    const deleted = await browser.post(`/orgs/${org}/needs/${needsRow!.id}/delete`);
    expect(deleted.status).toBe(303);
    expect(location(deleted)).toBe(`/orgs/${org}/needs?notice=deleted`);
    expect(await count("saved_needs", org)).toBe(0);
    const left = await env.DB.prepare("select saved_needs_id, monthly_cents from shortlist_items where org_id = ? order by created_at").bind(org).all<{ saved_needs_id: string | null; monthly_cents: number }>();
    expect(left.results).toEqual([{ saved_needs_id: null, monthly_cents: 600 }, { saved_needs_id: null, monthly_cents: 800 }]);

    const removed = await browser.post(`/orgs/${org}/shortlist/${item!.id}/delete`);
    expect(removed.status).toBe(303);
    expect(location(removed)).toBe(`/orgs/${org}/needs?notice=removed`);
    expect(await count("shortlist_items", org)).toBe(1);

    expect((await audits(org)).map((a) => a.action)).toEqual(["needs.save", "shortlist.add", "shortlist.add", "needs.delete", "shortlist.remove"]);
    expect((await audits(org))[0]!.subject_id).toBe(needsRow!.id);
  });

  it("links the organisation's overview to the page, for member organisations only", async () => {
    const { browser, orgIds } = await owner("overview");
    expect(await (await browser.fetch(`/orgs/${orgIds[0]}?lang=en`)).text()).toContain(`<a href="/orgs/${orgIds[0]}/needs">Saved needs and shortlist</a>`);
    const provider = await makeOrg({ kind: "provider", members: [{ email: "owner-overview@saved.test", role: "owner" }] });
    expect(await (await browser.fetch(`/orgs/${provider}`)).text()).not.toContain("/needs");
    expect((await browser.fetch(`/orgs/${provider}/needs`)).status).toBe(404);
    expect((await browser.post(`/orgs/${provider}/needs`, { query: QUERY, name: "x" })).status).toBe(404);
  });

  it("shows empty lists in three languages", async () => {
    const { browser, orgIds } = await owner("empty");
    for (const [lang, text] of [["fr", "Aucun besoin enregistré pour l'instant."], ["nl", "Nog geen bewaarde behoeften."], ["en", "No saved needs yet."]]) {
      const res = await browser.fetch(`/orgs/${orgIds[0]}/needs?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(plain(await res.text())).toContain(text);
    }
  });
});

describe("bad input", () => {
  it.each([
    ["", "Donnez un nom à ces besoins."],
    ["x".repeat(121), "Le nom ne peut pas dépasser 120 caractères."],
    ["Ligne\u2028deux", "Le nom contient des caractères invisibles"],
  ])("a wrong name %j comes back (400) next to the field, with the results, and nothing is saved", async (name, message) => {
    const { browser, orgIds } = await owner(`name-${name.length}`);
    const res = await browser.post(`/orgs/${orgIds[0]}/needs`, { query: QUERY, name });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<p class="field-error" id="save-name-error" role="alert">${message.replaceAll("'", "&#39;")}`));
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('<ol class="bundles">');
    expect(await count("saved_needs", orgIds[0]!)).toBe(0);
  });

  it("sends an empty or invalid search back as the wizard (400)", async () => {
    const { browser, orgIds } = await owner("query");
    const org = orgIds[0]!;
    const empty = await browser.post(`/orgs/${org}/needs`, { query: "", name: "Rien" });
    expect(empty.status).toBe(400);
    expect(plain(await empty.text())).toContain("Décrivez au moins un besoin");
    const invalid = await browser.post(`/orgs/${org}/shortlist`, { query: q({ mailbox_qty: "abc" }), bundle: "0" });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('<a href="#m-mailbox_qty">');
    const tooLong = await browser.post(`/orgs/${org}/needs`, { query: `mailbox_qty=1&x=${"y".repeat(5000)}`, name: "Long" });
    expect(tooLong.status).toBe(400);
    expect(plain(await tooLong.text())).toContain("La recherche envoyée est trop longue");
    expect(await count("saved_needs", org)).toBe(0);
    expect(await count("shortlist_items", org)).toBe(0);
  });

  it("refuses a bundle out of range (400), a note too long (400, next to it) and results that changed (409)", async () => {
    const { browser, orgIds } = await owner("bundle");
    const org = orgIds[0]!;
    for (const bundle of ["99", "-1", "abc", ""]) {
      const res = await browser.post(`/orgs/${org}/shortlist`, { query: QUERY, bundle });
      expect(res.status, bundle).toBe(400);
      expect(plain(await res.text())).toContain("Cette proposition ne fait pas partie des résultats");
    }
    const note = await browser.post(`/orgs/${org}/shortlist?lang=en`, { query: QUERY, bundle: "0", note: "n".repeat(501) });
    expect(note.status).toBe(400);
    expect(await note.text()).toContain('<p class="field-error" id="note-1-error" role="alert">The note cannot be longer than 500 characters.</p>');
    const changed = await browser.post(`/orgs/${org}/shortlist`, { query: QUERY, bundle: "0", offers: "off_somethingelse" });
    expect(changed.status).toBe(409);
    // The language chosen with ?lang= above is remembered.
    expect(plain(await changed.text())).toContain("The results have changed since you saw them");
    expect(await count("shortlist_items", org)).toBe(0);
  });

  it("answers 404 for unknown ids and for another organisation's", async () => {
    const mine = await owner("mine");
    const theirs = await owner("theirs");
    await theirs.browser.post(`/orgs/${theirs.orgIds[0]}/needs`, { query: QUERY, name: "Leurs besoins" });
    await theirs.browser.post(`/orgs/${theirs.orgIds[0]}/shortlist`, { query: QUERY, bundle: "0" });
    const needsId = (await env.DB.prepare("select id from saved_needs where org_id = ?").bind(theirs.orgIds[0]).first<{ id: string }>())!.id;
    const itemId = (await env.DB.prepare("select id from shortlist_items where org_id = ?").bind(theirs.orgIds[0]).first<{ id: string }>())!.id;
    const org = mine.orgIds[0]!;
    for (const path of [`/orgs/${org}/needs/${needsId}/delete`, `/orgs/${org}/needs/ned_unknown/delete`, `/orgs/${org}/shortlist/${itemId}/delete`, `/orgs/${org}/shortlist/sht_unknown/delete`]) {
      expect((await mine.browser.post(path)).status, path).toBe(404);
    }
    expect(await count("saved_needs", theirs.orgIds[0]!)).toBe(1);
    expect(await count("shortlist_items", theirs.orgIds[0]!)).toBe(1);
    // A steward may read any organisation's page: one that does not exist is not found.
    expect((await (await grantAndSign("steward-404@saved.test")).fetch("/orgs/org_unknown/needs")).status).toBe(404);
  });
});

async function grantAndSign(email: string) {
  await grantRole(email, "steward");
  return signIn(email);
}

describe("who may do what", () => {
  it("sends anonymous visitors to sign in (GET) or answers 401 (POST)", async () => {
    const { orgIds } = await owner("anon");
    const anon = newDevice();
    const page = await anon.fetch(`/orgs/${orgIds[0]}/needs`);
    expect(page.status).toBe(303);
    expect(location(page)).toBe(`/sign-in?next=${encodeURIComponent(`/orgs/${orgIds[0]}/needs`)}`);
    for (const path of ["needs", "shortlist", "needs/ned_x/delete", "shortlist/sht_x/delete"]) {
      expect((await anon.post(`/orgs/${orgIds[0]}/${path}`, { query: QUERY, name: "x", bundle: "0" })).status, path).toBe(401);
    }
  });

  it("lets a plain member read without delete buttons, and refuses their writes (403)", async () => {
    const { browser, orgIds } = await owner("team");
    const org = orgIds[0]!;
    await browser.post(`/orgs/${org}/needs`, { query: QUERY, name: "Équipe" });
    await browser.post(`/orgs/${org}/shortlist`, { query: QUERY, bundle: "0" });
    const email = "member-team@saved.test";
    await env.DB.prepare("insert into memberships (org_id, user_id, role) values (?, ?, 'member')").bind(org, await person(email)).run();
    const member = await signIn(email);
    const res = await member.fetch(`/orgs/${org}/needs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<th scope="row">Équipe</th>');
    expect(html).not.toContain("/delete");
    const needsId = (await env.DB.prepare("select id from saved_needs where org_id = ?").bind(org).first<{ id: string }>())!.id;
    const itemId = (await env.DB.prepare("select id from shortlist_items where org_id = ?").bind(org).first<{ id: string }>())!.id;
    for (const path of ["needs", "shortlist", `needs/${needsId}/delete`, `shortlist/${itemId}/delete`]) {
      expect((await member.post(`/orgs/${org}/${path}`, { query: QUERY, name: "x", bundle: "0" })).status, path).toBe(403);
    }
    expect(await count("saved_needs", org)).toBe(1);
    expect(await count("shortlist_items", org)).toBe(1);
  });

  it("refuses a member of another organisation (403), lets a steward read only, and refuses cross-site posts (403)", async () => {
    const { browser, orgIds } = await owner("guarded");
    const org = orgIds[0]!;
    const other = await owner("intruder");
    expect((await other.browser.fetch(`/orgs/${org}/needs`)).status).toBe(403);
    expect((await other.browser.post(`/orgs/${org}/needs`, { query: QUERY, name: "Intrus" })).status).toBe(403);
    expect((await other.browser.post(`/orgs/${org}/shortlist`, { query: QUERY, bundle: "0" })).status).toBe(403);

    const steward = await grantAndSign("steward-guard@saved.test");
    const read = await steward.fetch(`/orgs/${org}/needs`);
    expect(read.status).toBe(200);
    expect(await read.text()).not.toContain("/delete");
    expect((await steward.post(`/orgs/${org}/needs`, { query: QUERY, name: "Steward" })).status).toBe(403);
    expect((await steward.post(`/orgs/${org}/shortlist`, { query: QUERY, bundle: "0" })).status).toBe(403);

    expect((await browser.post(`/orgs/${org}/needs`, { query: QUERY, name: "Cross" }, CROSS_SITE)).status).toBe(403);
    expect((await browser.post(`/orgs/${org}/shortlist`, { query: QUERY, bundle: "0" }, CROSS_SITE)).status).toBe(403);
    await browser.post(`/orgs/${org}/needs`, { query: QUERY, name: "Kept" });
    const needsId = (await env.DB.prepare("select id from saved_needs where org_id = ?").bind(org).first<{ id: string }>())!.id;
    expect((await browser.post(`/orgs/${org}/needs/${needsId}/delete`, {}, CROSS_SITE)).status).toBe(403);
    expect(await count("saved_needs", org)).toBe(1);
    expect(await count("shortlist_items", org)).toBe(0);
  });
});

describe("the wizard's legal forms", () => {
  it("asks for the providers' legal forms with translated labels and filters on them", async () => {
    const wizard = await (await newDevice().fetch("/match?lang=en")).text();
    expect(wizard).toContain('<fieldset class="checks-group" id="m-legal_forms"><legend>Provider&#39;s legal form</legend>');
    expect(wizard).toMatch(/name="legal_forms" value="COOPERATIVE"\/> Cooperative/);
    const res = await newDevice().fetch(`/match/results?${q({ mailbox_qty: "1", legal_forms: "COOPERATIVE" })}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/name="legal_forms" value="COOPERATIVE" checked=""/);
    const bundles = textOf(html, /<ol class="bundles">/);
    expect(bundles).toContain("Beta Coop");
    expect(bundles).not.toContain("Alpha Hébergement");
    const bad = await newDevice().fetch(`/match/results?${q({ mailbox_qty: "1", legal_forms: "PIRATE" })}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<a href="#m-legal_forms">Forme juridique de l&#39;hébergeur</a>');
  });
});

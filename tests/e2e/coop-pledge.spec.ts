// The cooperative from end to end (issue 14), in French. A visitor pledges on /coop with JavaScript
// off, opens the confirmation link from the dev mailbox, confirms, and the meter moves. Then the
// coop_admin opens the cooperative; the pledger follows the invitation's link to /coop/join (the
// pledge prefills the way in), signs in, creates its organisation and requests shares from the
// organisation's page; the coop_admin approves (the board's date), the capital call is paid by a
// CAMT.053 statement uploaded on /coop/payments, the register shows the holder, the meter counts the
// pledger as converted, and the holder's certificate downloads as a PDF. axe-core and a 360-pixel
// screen on every page new to the browser suite.
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { camtPaying } from "../../scripts/seed-demo.mjs";
import { expect, expectAccessible, READ, signInByMail, test } from "./fixtures";

const COOP_ADMIN = "coop@example.org"; // scripts/start.mjs
const COOP_IBAN = "BE68539007547034"; // demo/billing.json

// The scenarios follow one pledger: the first makes the pledge the others turn into shares.
test.describe.configure({ mode: "serial" });
const stamp = Date.now();
const pledger = { email: `visiteuse-${stamp}@example.org`, org: `Asbl ${stamp}` };

const pledgesCount = async (page: Page) => Number((await page.locator("#meter-pledges").innerText()).match(/\d+/)?.[0] ?? "0");
const convertedCount = async (page: Page) => Number((await page.locator("#meter-converted").innerText()).match(/\d+/)?.[0] ?? "NaN");

/** axe-core, and nothing sticks out of a 360-pixel screen but what scrolls in its own box. */
async function check(page: Page) {
  await expectAccessible(page);
  const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(width, `${page.url()} is wider than 360 px`).toBeLessThanOrEqual(360);
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a visitor pledges, confirms from the mailbox, and the meter moves", async ({ page }) => {
    await page.goto("/coop");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("La coopérative");
    const before = await pledgesCount(page);
    expect(before).toBeGreaterThanOrEqual(12); // the demo's dozen
    const monthlyBefore = await page.locator("#meter-monthly-text").innerText();

    const email = pledger.email;
    await page.getByLabel("Votre nom").fill("Visiteuse");
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Organisation", { exact: true }).fill(pledger.org);
    await page.getByRole("checkbox", { name: "Cliente" }).check();
    // Also a supporter: the capital it means to put in prefills its share request later.
    await page.getByRole("checkbox", { name: "Coopératrice" }).check();
    await page.getByLabel("Capital envisagé (€)").fill("100,00");
    // A client without services or amount: the error comes back next to the field, input kept.
    await page.getByRole("button", { name: "Envoyer ma promesse" }).click();
    await expect(page.locator("#monthly-error")).toContainText("Une cliente indique");
    await expect(page.getByLabel("Votre nom")).toHaveValue("Visiteuse");
    await page.getByLabel("Boîtes mail").fill("4");
    await page.getByLabel("Montant mensuel envisagé (€)").fill("42,00");
    await page.getByRole("button", { name: "Envoyer ma promesse" }).click();
    // The form posts to #pledge-title, and a 303 keeps that fragment on the page it leads to.
    await expect(page).toHaveURL(/\/coop\?notice=pledged(#pledge-title)?$/);
    await expect(page.getByText("Merci ! Nous vous avons envoyé un lien")).toBeVisible();
    expect(await pledgesCount(page)).toBe(before); // not confirmed yet

    await page.goto("/dev/mailbox");
    await page.getByRole("row").filter({ hasText: email }).getByRole("link", { name: "Confirmez votre promesse à la coopérative" }).first().click();
    await page.locator("ul.mail-links a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirmer votre promesse");
    await page.getByRole("button", { name: "Confirmer ma promesse" }).click();
    await expect(page).toHaveURL(/\/coop\?notice=confirmed(#[a-z-]+)?$/);
    await expect(page.getByText("Votre promesse est confirmée")).toBeVisible();
    expect(await pledgesCount(page)).toBe(before + 1);
    expect(await page.locator("#meter-monthly-text").innerText()).not.toBe(monthlyBefore);
  });
});

test("/coop passes axe and fits 360 pixels", async ({ page }) => {
  await page.goto("/coop");
  await expectAccessible(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/coop");
  const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.locator("details.pledge-history summary").click();
  await expectAccessible(page);
});

test("the pledger joins: invited, shares requested from its organisation, approved, paid by CAMT.053, in the register, certificate", async ({ browser }) => {
  test.setTimeout(300_000);
  const small = { viewport: { width: 360, height: 740 } };

  // The coop_admin opens the cooperative: every confirmed pledger is invited by mail.
  const coop = await (await browser.newContext(small)).newPage();
  await signInByMail(coop, COOP_ADMIN);
  await coop.goto("/coop/viability/settings");
  await coop.getByRole("button", { name: "Ouvrir la coopérative et inviter" }).click();
  await expect(coop.getByText("La coopérative est ouverte ; les personnes qui ont promis sont invitées par mail.")).toBeVisible();
  await coop.goto("/coop");
  const convertedBefore = await convertedCount(coop);

  // The invitation's link: /coop/join with the pledge's secret shows the steps and what was pledged.
  const member = await (await browser.newContext(small)).newPage();
  await member.goto("/dev/mailbox");
  await member.getByRole("row").filter({ hasText: pledger.email }).getByRole("link", { name: "La coopérative est ouverte : rejoignez-la" }).first().click();
  await member.locator("ul.mail-links a").first().click();
  await expect(member).toHaveURL(/\/coop\/join\?pledge=[0-9a-z]{40}/);
  const invitation = member.url();
  await expect(member.getByRole("heading", { level: 2, name: "Rejoindre la coopérative en trois étapes" })).toBeVisible();
  await expect(member.getByText("Capital envisagé : 100,00 €")).toBeVisible();
  await expect(member.getByText("D'après votre promesse : catégorie B, 2 × 50,00 € = 100,00 €.", { exact: false })).toBeVisible();
  await expect(member.getByRole("link", { name: `Créer l'organisation « ${pledger.org} »` })).toBeVisible();
  await check(member);

  // Signed in with the pledge's address, it creates its organisation and completes the profile the register needs.
  await signInByMail(member, pledger.email);
  await member.goto("/account/organisations");
  await member.getByLabel("Nom de l'organisation").fill(pledger.org);
  await member.getByRole("radio", { name: /^Organisation membre/ }).check();
  await member.getByRole("button", { name: "Créer l'organisation" }).click();
  await member.waitForURL(/\/orgs\/org_[a-z0-9]+/);
  const orgId = /\/orgs\/(org_[a-z0-9]+)/.exec(member.url())![1]!;
  await member.goto(`/orgs/${orgId}/profile`);
  await member.getByLabel("Rue et numéro").fill("Rue du Lombard 12");
  await member.getByLabel("Code postal").fill("1000");
  await member.getByLabel("Localité").fill("Bruxelles");
  await member.getByLabel("Pays", { exact: true }).fill("BE");
  await member.getByRole("button", { name: "Enregistrer le profil" }).click();
  await member.waitForURL(/\/profile\?notice=saved/);

  // Back on the invitation: the form is prefilled for its organisation.
  await member.goto(invitation);
  await expect(member.getByRole("radio", { name: `${pledger.org} (organisation)` })).toBeChecked();
  await expect(member.getByLabel("Catégorie de parts")).toHaveValue("B");
  await expect(member.getByLabel("Nombre de parts")).toHaveValue("2");
  await check(member);

  // From the organisation's page to its shares, and from there the request (prefilled from its own pledge).
  await member.goto(`/orgs/${orgId}`);
  await member.getByRole("link", { name: "Parts dans la coopérative" }).click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(`Parts de ${pledger.org}`);
  await check(member);
  await member.getByRole("link", { name: "Demander des parts" }).click();
  await expect(member.getByRole("radio", { name: `${pledger.org} (organisation)` })).toBeChecked();
  await expect(member.getByLabel("Nombre de parts")).toHaveValue("2");
  for (const box of await member.locator("#share-request input[name=consents]").all()) await box.check();
  await member.getByRole("button", { name: "Demander les parts" }).click();
  await expect(member.getByText("Votre demande est enregistrée")).toBeVisible();
  await expect(member.getByRole("cell", { name: "En attente" }).first()).toBeVisible();

  // The coop_admin approves: the board's decision date, then the capital call is issued.
  await coop.goto("/coop/admin");
  await check(coop);
  const card = coop.locator("article.card").filter({ hasText: pledger.org });
  await card.getByLabel("Date de la décision du conseil").fill(new Date().toISOString().slice(0, 10));
  await card.getByRole("button", { name: /^Accepter/ }).click();
  await expect(coop.getByText("Demande acceptée : l'appel de libération est émis.")).toBeVisible();
  await check(coop);
  const requests = (await (await coop.request.get("/api/v1/coop/share-requests", READ)).json()) as { items: { holder: { organisation_id: string | null }; status: string; capital_call: { id: string } | null }[] };
  const approved = requests.items.find((r) => r.holder.organisation_id === orgId)!;
  expect(approved.status).toBe("approved");
  const call = (await (await coop.request.get(`/api/v1/invoices/${approved.capital_call!.id}`, READ)).json()) as { number: string; ogm: string; due_cents: number; status: string };
  expect(call).toMatchObject({ status: "open", due_cents: 10_000 });
  expect(call.number).toMatch(/^AP\d{4}-/);

  // The meter counts the pledger as converted (its organisation's request was approved).
  await coop.goto("/coop");
  expect(await convertedCount(coop)).toBe(convertedBefore + 1);

  // The bank statement: a transfer of the call's amount with its structured communication.
  await coop.goto("/coop/payments");
  await coop.getByLabel("Extrait CAMT.053 (fichier XML)").setInputFiles({ name: "extrait.xml", mimeType: "application/xml", buffer: Buffer.from(camtPaying(call.ogm, call.due_cents, COOP_IBAN, `E2E-SHARES-${stamp}`)) });
  await coop.getByRole("button", { name: "Importer l'extrait" }).click();
  await expect(coop.getByRole("heading", { name: "Résultat de l'import" })).toBeVisible();
  expect(((await (await coop.request.get(`/api/v1/invoices/${approved.capital_call!.id}`, READ)).json()) as { status: string }).status).toBe("paid");

  // The register shows the holder: its subscription and its payment.
  await coop.goto("/coop/register");
  await expect(coop.getByRole("heading", { level: 1 })).toHaveText("Registre des parts");
  await expect(coop.getByRole("rowheader", { name: pledger.org })).toHaveCount(2);
  await check(coop);

  // The member sees its shares and downloads its certificate.
  await member.goto(`/orgs/${orgId}/shares`);
  await expect(member.getByText(/B.*2.*100,00/).first()).toBeVisible();
  await check(member);
  const href = await member.getByRole("link", { name: "Télécharger l'extrait du registre (PDF)" }).getAttribute("href");
  const pdf = await member.request.get(href!, READ);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  const body = await pdf.body();
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  expect(body.length).toBeGreaterThan(1_000);
  const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: body }).toString();
  expect(text).toContain(pledger.org);
  expect(text).toContain("100,00");
  // The person's own page (shares in their name, a request form, calls to pay).
  await member.goto("/account/shares");
  await expect(member.getByRole("heading", { level: 1 })).toBeVisible();
  await check(member);

  // The coop_admin's other pages, new to the browser suite: the holder (with its transfer form), the
  // share classes and one class, every subscription; and a plan's public page with its subscribe form.
  await coop.goto("/coop/register");
  const holder = await coop.locator('a[href^="/coop/shareholders/"]', { hasText: pledger.org }).first().getAttribute("href");
  await coop.goto(holder!);
  await expect(coop.getByRole("heading", { level: 1 })).toContainText(pledger.org);
  await check(coop);
  await coop.goto("/coop/share-classes");
  await check(coop);
  const shareClass = await coop.locator('a[href^="/coop/share-classes/"]').first().getAttribute("href");
  await coop.goto(shareClass!);
  await check(coop);
  await coop.goto("/coop/subscriptions");
  await check(coop);
  const plans = ((await (await member.request.get("/api/v1/coop/plans", READ)).json()) as { items: { id: string }[] }).items;
  expect(plans.length).toBeGreaterThan(0);
  await member.goto(`/coop/plans/${plans[0]!.id}`);
  await expect(member.getByRole("button", { name: /S'abonner|Souscrire/ })).toBeVisible();
  await check(member);
});

// The needs wizard without JavaScript: describe the needs, get ranked bundles with a monthly total
// and "why not" entries, then compare a bundle's offers side by side. axe-core needs JavaScript, so
// the pages visited are checked afterwards in a context where it is on.
import type { Browser } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

test.use({ javaScriptEnabled: false });

async function expectAllAccessible(browser: Browser, baseURL: string | undefined, urls: string[]) {
  // Contexts made in a test inherit its options: switch JavaScript back on explicitly.
  const checker = await browser.newContext({ baseURL, bypassCSP: true, locale: "fr-BE", javaScriptEnabled: true });
  const page = await checker.newPage();
  for (const url of urls) {
    await page.goto(url);
    await expectAccessible(page);
  }
  await checker.close();
}

test("finds hosting for 12 mailboxes, 3 lists and a website, then compares a bundle", async ({ page, browser, baseURL }) => {
  const visited: string[] = [];
  await page.goto("/");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Trouver un hébergement" }).click();
  await expect(page).toHaveURL(/\/match$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trouver un hébergement");
  visited.push(page.url());

  await page.locator("#m-mailbox_qty").fill("12");
  await page.locator("#m-mailbox_gb").fill("2");
  await page.locator("#m-mailbox_features").getByRole("checkbox", { name: "IMAP" }).check();
  await page.locator("#m-mailing_list_qty").fill("3");
  await page.locator("#m-web_hosting_qty").fill("1");
  await expect(page.getByRole("checkbox", { name: "Seulement les hébergeurs qui acceptent de nouveaux membres" })).toBeChecked();
  await page.getByRole("button", { name: "Chercher des propositions" }).click();

  await expect(page).toHaveURL(/\/match\/results\?.*mailbox_qty=12/);
  await expect(page.getByRole("heading", { level: 2, name: "Propositions", exact: true })).toBeVisible();
  const bundles = page.locator("li.bundle");
  expect(await bundles.count()).toBeGreaterThan(0);
  const first = bundles.first();
  await expect(first.locator(".total-monthly")).toHaveText(/\d+,\d{2}\s€/);
  await expect(first.getByRole("table", { name: "Détail du score de la proposition 1" })).toBeVisible();
  await expect(first.getByRole("table", { name: "Offres de la proposition 1" }).locator("tbody tr")).not.toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Pourquoi pas celle-ci ?" })).toBeVisible();
  expect(await page.locator(".why-not-entry").count()).toBeGreaterThan(0);
  // The form stays filled in below the results.
  await expect(page.locator("#m-mailbox_qty")).toHaveValue("12");
  await expect(page.locator("#m-mailbox_features").getByRole("checkbox", { name: "IMAP" })).toBeChecked();
  visited.push(page.url());

  const offers = await first.getByRole("table", { name: "Offres de la proposition 1" }).locator("tbody tr").count();
  await first.locator(".bundle-compare a").click();
  await expect(page).toHaveURL(/\/compare\?offers=off_/);
  await expect(page.getByRole("table", { name: "Offres comparées" }).locator("thead th[scope=col]")).toHaveCount(Math.min(offers, 4));
  visited.push(page.url());
  await expectAllAccessible(browser, baseURL, visited);
});

test("sends an empty or wrong form back with its fields named", async ({ page, browser, baseURL }) => {
  const visited: string[] = [];
  const empty = await page.goto("/match/results?submitted=1&mailbox_qty=0");
  expect(empty?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Décrivez au moins un besoin");
  visited.push(page.url());

  const wrong = await page.goto("/match/results?submitted=1&mailbox_qty=2&budget=abc&lang=en");
  expect(wrong?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Monthly budget at most (€)");
  await expect(page.locator("#m-budget")).toHaveValue("abc");
  visited.push(page.url());
  await expectAllAccessible(browser, baseURL, visited);
});

// Issue 12's pages in Chromium at 360 px wide: a member organisation registers a webhook endpoint
// (its secret shown once), the list and the stewards' received events pass axe and fit the screen.
import { expectAccessible, expect, signInByMail, test } from "./fixtures";
import type { Page } from "@playwright/test";

const STEWARD = "steward@example.org"; // scripts/start.mjs

const SMALL = { viewport: { width: 360, height: 740 }, locale: "fr-BE", timezoneId: "Europe/Brussels" };

/** Nothing wider than the screen but the tables' own scrolling boxes. */
async function fitsTheScreen(page: Page) {
  expect(await page.locator("html").evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth)).toBeLessThanOrEqual(360);
}

// Two sign-ins and three axe runs: room for a loaded machine.
test.describe.configure({ timeout: 180_000 });

test("a member organisation registers an endpoint; its webhooks page fits 360 px and passes axe", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const page = await (await browser.newContext(SMALL)).newPage();
  await signInByMail(page, `e2e-hooks-${stamp}@example.be`);
  await page.goto("/account/organisations");
  await page.getByLabel("Nom de l'organisation").fill(`Les Amis des Crochets ${stamp}`);
  await page.getByLabel("Organisation membre").check();
  await page.getByRole("button", { name: "Créer l'organisation" }).click();
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Webhooks de Les Amis des Crochets");

  await page.getByLabel("Adresse (URL)").fill(`https://crm-${stamp}.example.org/chatiere`);
  await page.getByLabel("Description").fill("Notre CRM");
  await page.getByLabel("migration.*", { exact: true }).check();
  await page.getByRole("button", { name: "Ajouter", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Point de réception ajouté");
  const secret = (await page.locator("#secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Retour aux webhooks" }).click();
  await expect(page.getByRole("heading", { level: 3, name: `https://crm-${stamp}.example.org/chatiere` })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(secret);
  await fitsTheScreen(page);
  await expectAccessible(page);
});

test("the stewards' received events fit 360 px and pass axe", async ({ browser }) => {
  const steward = await (await browser.newContext(SMALL)).newPage();
  await signInByMail(steward, STEWARD);
  await steward.goto("/admin/webhooks/received");
  await expect(steward.getByRole("heading", { level: 1 })).toHaveText("Événements reçus");
  await fitsTheScreen(steward);
  await expectAccessible(steward);
});

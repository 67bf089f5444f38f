// A visitor pledges on /coop with JavaScript off, opens the confirmation link from the dev mailbox,
// confirms, and the meter moves; /coop passes axe and fits a 360-pixel screen.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";

const pledgesCount = async (page: Page) => Number((await page.locator("#meter-pledges").innerText()).match(/\d+/)?.[0] ?? "0");

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a visitor pledges, confirms from the mailbox, and the meter moves", async ({ page }) => {
    await page.goto("/coop");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("La coopérative");
    const before = await pledgesCount(page);
    expect(before).toBeGreaterThanOrEqual(12); // the demo's dozen
    const monthlyBefore = await page.locator("#meter-monthly-text").innerText();

    const email = `visiteuse-${Date.now()}@example.org`;
    await page.getByLabel("Votre nom").fill("Visiteuse");
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Organisation", { exact: true }).fill(`Asbl ${Date.now()}`);
    await page.getByRole("checkbox", { name: "Cliente" }).check();
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

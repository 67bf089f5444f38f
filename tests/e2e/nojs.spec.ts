// Everything works without JavaScript: filter, open a provider's offers, compare, switch language.
// axe-core needs JavaScript, so the pages visited are checked afterwards in a normal context.
import { expect, expectAccessible, resultCards, test } from "./fixtures";

test.use({ javaScriptEnabled: false });

test("filters, compares and switches language with JavaScript off", async ({ page, browser, baseURL }) => {
  const visited: string[] = [];
  await page.goto("/providers");
  visited.push(page.url());

  const filters = page.getByRole("search", { name: "Filtrer" });
  await filters.getByRole("checkbox", { name: "Boîtes mail", exact: true }).check();
  await filters.getByRole("checkbox", { name: "France", exact: true }).check();
  await filters.getByRole("button", { name: "Appliquer les filtres" }).click();
  await expect(page).toHaveURL(/service=mailbox.*country=FR/);
  visited.push(page.url());
  const cards = resultCards(page);
  const n = await cards.count();
  expect(n).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < n; i++) await expect(cards.nth(i).locator("dd.country")).toHaveText("France");

  // <details> opens natively; the compare form is a plain GET form.
  for (const i of [0, 1]) {
    await cards.nth(i).locator("summary").click();
    await cards.nth(i).locator("details").getByRole("checkbox").first().check();
  }
  await page.getByRole("button", { name: "Comparer les offres cochées" }).click();
  await expect(page).toHaveURL(/\/compare\?/);
  await expect(page.getByRole("table", { name: "Offres comparées" }).locator("thead th[scope=col]")).toHaveCount(2);
  visited.push(page.url());

  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("table", { name: "Compared offers" })).toBeVisible();
  visited.push(page.url());

  // Contexts made in a test inherit its options: switch JavaScript back on explicitly.
  const checker = await browser.newContext({ baseURL, bypassCSP: true, locale: "fr-BE", javaScriptEnabled: true });
  const axePage = await checker.newPage();
  for (const url of visited) {
    await axePage.goto(url);
    await expectAccessible(axePage);
  }
  await checker.close();
});

// The directory with the demo data: combinable filters that change the results, pagination,
// and a translated 400 page for a bad price. axe-core on every page visited.
import { expect, expectAccessible, resultCards, test } from "./fixtures";

test("filters by service kind and country, and every result matches", async ({ page }) => {
  await page.goto("/providers");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expectAccessible(page);
  const all = await resultCards(page).count();
  expect(all).toBeGreaterThan(0);

  const filters = page.getByRole("search", { name: "Filtrer" });
  await filters.getByRole("group", { name: "Services" }).getByRole("checkbox", { name: "Listes de diffusion", exact: true }).check();
  await filters.getByRole("group", { name: "Pays" }).getByRole("checkbox", { name: "Belgique", exact: true }).check();
  await filters.getByRole("button", { name: "Appliquer les filtres" }).click();

  await expect(page).toHaveURL(/[?&]service=mailing_list(&|$)/);
  await expect(page).toHaveURL(/[?&]country=BE(&|$)/);
  const cards = resultCards(page);
  const n = await cards.count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(all);
  await expect(page.locator("#result-count")).toHaveText(`${n} hébergeur${n > 1 ? "s correspondent" : " correspond"} à vos critères.`);
  for (let i = 0; i < n; i++) {
    await expect(cards.nth(i).locator("dd.country")).toHaveText("Belgique");
    await expect(cards.nth(i).locator("dd.services")).toContainText("Listes de diffusion");
  }
  // The form shows the filters back.
  await expect(filters.getByRole("checkbox", { name: "Listes de diffusion", exact: true })).toBeChecked();
  await expect(filters.getByRole("checkbox", { name: "Belgique", exact: true })).toBeChecked();
  await expectAccessible(page);

  // Narrowing further (a maximum price in euros) can only keep or shrink the list.
  await filters.getByLabel("Prix mensuel maximum (€)").fill("0");
  await filters.getByRole("button", { name: "Appliquer les filtres" }).click();
  await expect(page).toHaveURL(/max_price=0/);
  expect(await resultCards(page).count()).toBeLessThanOrEqual(n);
  await expectAccessible(page);
});

test("pages through the results with the filters kept", async ({ page }) => {
  await page.goto("/providers?chatons=on&limit=5");
  await expect(resultCards(page)).toHaveCount(5);
  const firstPage = await resultCards(page).locator("h3").allTextContents();
  await page.getByRole("link", { name: "Page suivante" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page).toHaveURL(/chatons=on/);
  const secondPage = await resultCards(page).locator("h3").allTextContents();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
  await expect(resultCards(page).locator(".badge-chatons")).toHaveCount(secondPage.length);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Première page" }).click();
  await expect(resultCards(page).locator("h3")).toHaveText(firstPage);
});

test("shows an empty state when nothing matches", async ({ page }) => {
  await page.goto("/providers?q=zzzz-nothing-matches-zzzz");
  await expect(resultCards(page)).toHaveCount(0);
  await expect(page.getByText("Aucun hébergeur ne correspond à ces critères.")).toBeVisible();
  await expectAccessible(page);
});

test("answers 400 on the directory itself, naming a bad price and keeping it as typed", async ({ page }) => {
  await page.goto("/providers");
  await page.getByLabel("Prix mensuel maximum (€)").fill("abc");
  const response = page.waitForResponse((r) => r.url().includes("max_price=abc"));
  await page.getByRole("button", { name: "Appliquer les filtres" }).click();
  expect((await response).status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hébergeurs");
  await expect(page.locator(".error-summary")).toContainText("Prix mensuel maximum (€)");
  await expect(page.getByLabel("Prix mensuel maximum (€)")).toHaveValue("abc");
  await expectAccessible(page);
});

// Opening a provider and comparing offers: from the directory across providers, and from a
// provider page; the table, removing a column, and the 400 above four offers.
import { expect, expectAccessible, READ, resultCards, test } from "./fixtures";

test("opens a provider page from the directory", async ({ page }) => {
  await page.goto("/providers");
  const first = resultCards(page).first();
  const name = (await first.locator("h3").textContent())!.trim();
  await first.getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/providers\/prv_/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("heading", { name: "Profil" })).toBeVisible();
  await expect(page.locator("article.offer-card").first()).toBeVisible();
  await expectAccessible(page);
});

test("compares two offers of one provider, then removes one", async ({ page }) => {
  await page.goto("/providers?service=mailbox&service=mailing_list");
  await resultCards(page).first().locator("h3 a").click();
  const provider = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  const picks = page.getByRole("checkbox", { name: /^Comparer cette offre/ });
  expect(await picks.count()).toBeGreaterThanOrEqual(2);
  await picks.nth(0).check();
  await picks.nth(1).check();
  await page.getByRole("button", { name: "Comparer les offres cochées" }).click();

  await expect(page).toHaveURL(/\/compare\?offers=off_[^&]+&offers=off_/);
  const table = page.getByRole("table", { name: "Offres comparées" });
  await expect(table.locator("thead th[scope=col]")).toHaveCount(2);
  await expect(table.locator("thead")).toContainText(provider);
  for (const row of ["Prix par mois", "Prix par an", "Frais d'installation", "Modèle de prix", "Membre des CHATONS", "Forme juridique"]) {
    await expect(table.getByRole("rowheader", { name: row, exact: true })).toBeVisible();
  }
  await expectAccessible(page);

  await table.getByRole("link", { name: /^Retirer/ }).first().click();
  await expect(page.getByRole("table", { name: "Offres comparées" }).locator("thead th[scope=col]")).toHaveCount(1);
  await expectAccessible(page);
});

test("compares offers from two providers ticked in the directory", async ({ page }) => {
  await page.goto("/providers?service=mailbox");
  const cards = resultCards(page);
  const names: string[] = [];
  for (const i of [0, 1]) {
    const card = cards.nth(i);
    names.push((await card.locator("h3").textContent())!.trim());
    await card.locator("summary").click();
    await card.locator("details").getByRole("checkbox").first().check();
  }
  await page.getByRole("button", { name: "Comparer les offres cochées" }).click();
  const head = page.getByRole("table", { name: "Offres comparées" }).locator("thead");
  await expect(head.locator("th[scope=col]")).toHaveCount(2);
  for (const name of names) await expect(head).toContainText(name);
  await expectAccessible(page);

  // "Add an offer" goes back to the directory with both offers still chosen.
  await page.getByRole("link", { name: "Ajouter une offre depuis l'annuaire" }).click();
  await expect(page).toHaveURL(/\/providers\?offers=/);
  await expect(page.locator('input[name="offers"]:checked')).toHaveCount(2);
  await expectAccessible(page);
});

test("explains an empty comparison and refuses more than four offers", async ({ page, request }) => {
  await page.goto("/compare");
  await expect(page.getByText("Aucune offre n'est choisie.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Parcourir les hébergeurs" })).toBeVisible();
  await expectAccessible(page);

  const offers = ((await (await request.get("/api/v1/offers?limit=5", READ)).json()) as { data: { id: string }[] }).data.map((o) => o.id);
  expect(offers).toHaveLength(5);
  const response = await page.goto(`/compare?offers=${offers.join(",")}`);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("au plus 4 offres");
  // The same page, every chosen offer still ticked: untick one and compare.
  await expect(page.locator('input[name="offers"]:checked')).toHaveCount(5);
  await expectAccessible(page);
  await page.locator('input[name="offers"]').last().uncheck();
  await page.getByRole("button", { name: "Comparer" }).click();
  await expect(page.getByRole("table", { name: "Offres comparées" }).locator("thead th[scope=col]")).toHaveCount(4);

  const missing = await page.goto("/compare?offers=off_doesnotexist");
  expect(missing?.status()).toBe(404);
  await expect(page.locator(".error-message")).toContainText("off_doesnotexist");
  await expectAccessible(page);
});

// The transition's control room in Chromium, on the demo data (scripts/seed-transition.mjs): a
// steward opens /transition, reads the figures and the burn-down, filters by kind with the GET form,
// downloads the CSV; axe-core passes and the page fits 360 pixels.
import { expect, expectAccessible, signInByMail, test } from "./fixtures";

const STEWARD = "steward@example.org";

test("a steward follows the transition in the control room", async ({ page }) => {
  test.setTimeout(120_000);
  await signInByMail(page, STEWARD);
  await page.goto("/transition");
  await expect(page.getByRole("heading", { level: 1, name: "Salle de contrôle de la transition" })).toBeVisible();
  // Figures from the demo: services moved over the total, a burn-down with its table.
  await expect(page.locator("[data-figure=moved]")).toContainText(/\d+ services sur \d+ ont déménagé/);
  await expect(page.locator("svg.burn-down-svg [data-line=ideal]")).toHaveCount(1);
  await expect(page.locator("svg.burn-down-svg [data-line=actual]")).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Services restants, semaine par semaine" })).toBeVisible();
  await expect(page.locator("#stuck tbody tr").first()).toBeVisible();
  await expect(page.locator("#without-plan tbody tr").first()).toBeVisible();
  await expectAccessible(page);

  // Filter by kind: the GET form, no script needed.
  await page.getByLabel("Type de service").selectOption("web_hosting");
  await page.getByRole("button", { name: "Appliquer les filtres" }).click();
  await expect(page).toHaveURL(/kind=web_hosting/);
  await expect(page.locator("#moved tbody tr")).toHaveCount(1);
  await expect(page.locator("#moved tbody tr")).toHaveAttribute("data-kind", "web_hosting");

  // The CSV of these figures.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Télécharger ces chiffres (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("transition-progress.csv");
  const text = await (await file.createReadStream())!.toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.split("\r\n")[0]).toBe("figure,subject,detail,value");
  expect(text).toMatch(/^moved,web_hosting,total,\d+\r$/m);

  // 360 pixels: nothing scrolls sideways but the tables inside their own scroll box.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/transition");
  const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await expectAccessible(page);
});

// Under the real Content-Security-Policy ('self' only) the pages load their stylesheet and
// trigger no violation: no inline style, no inline script, nothing from another origin.
import { expect, test } from "./fixtures";

test.use({ bypassCSP: false });

test("pages render under the CSP without violations", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  // A request cut short because the test navigated on (the favicon, mostly) is not a failure.
  page.on("requestfailed", (r) => r.failure()?.errorText !== "net::ERR_ABORTED" && problems.push(`${r.url()}: ${r.failure()?.errorText ?? "failed"}`));

  await page.goto("/");
  await page.goto("/providers?service=mailbox");
  await page.locator("li.provider-card h3 a").first().click();
  await page.getByRole("checkbox", { name: /^Comparer cette offre/ }).first().check();
  await page.getByRole("button", { name: "Comparer les offres cochées" }).click();
  await expect(page.getByRole("table")).toBeVisible();
  // The stylesheet applied: the header has its brand colour.
  const background = await page.locator("header.site-header").evaluate((el) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
  expect(background).toBe("rgb(45, 42, 110)");
  await page.goto("/providers/prv_unknown");
  expect(problems.filter((p) => !/404/.test(p))).toEqual([]);
});

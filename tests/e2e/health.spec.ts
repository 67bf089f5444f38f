// /admin/health (issue 16 item 3) in a real browser: a steward reads it in French, Dutch and English,
// axe finds nothing, it fits a 360-pixel screen (wide tables scroll in their own box), and it reads
// the same without JavaScript. The health checks run once first (wrangler dev --test-scheduled, see
// scripts/start.mjs), so the page shows a real run; a fresh state has no data yet for the other
// jobs, which crosses no threshold, so there is no incident.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInByMail, test } from "./fixtures";

const STEWARD = "steward@example.org"; // scripts/start.mjs
const WIDTH = 360;

/** The page's width and what sticks out of it outside a scrolling table box (the e2e files have no DOM types). */
async function overflow(page: Page) {
  return page.evaluate((width) => {
    type El = { tagName: string; className: unknown; getBoundingClientRect(): { right: number }; closest(s: string): El | null };
    const document = (globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): Iterable<El> } }).document;
    const culprits: string[] = [];
    for (const el of document.querySelectorAll("body *")) {
      const right = el.getBoundingClientRect().right;
      if (right > width + 0.5 && !el.closest(".table-scroll, pre")) culprits.push(`${el.tagName.toLowerCase()}.${String(el.className)} right=${Math.round(right)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 8) };
  }, WIDTH);
}

test("a steward reads /admin/health in three languages, accessible, at 360 pixels and without JavaScript", async ({ browser, request }) => {
  test.setTimeout(180_000);
  // The health checks' cron, run by hand: records a run (and would open incidents for what is crossed).
  const cron = await request.get(`/__scheduled?cron=${encodeURIComponent("5,20,35,50 * * * *")}`);
  expect(cron.status()).toBe(200);

  const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 } });
  const page = await context.newPage();
  await signInByMail(page, STEWARD);
  const titles = { fr: "Santé de la plateforme", nl: "Gezondheid van het platform", en: "Platform health" };
  const noIncident = { fr: "Aucun incident.", nl: "Geen incidenten.", en: "No incidents." };
  for (const [lang, title] of Object.entries(titles)) {
    const res = await page.goto(`/admin/health?lang=${lang}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    // Every figure is a row; the health job's own run is listed with its time.
    await expect(page.locator("table.health tbody tr").first()).toBeVisible();
    await expect(page.locator('tr[data-figure="jobs.health.age"] time')).toBeVisible();
    await expect(page.getByText(noIncident[lang as keyof typeof noIncident], { exact: true })).toBeVisible();
    const { scrollWidth, culprits } = await overflow(page);
    expect(scrollWidth, `/admin/health?lang=${lang} is ${scrollWidth}px wide at ${WIDTH}px:\n  ${culprits.join("\n  ")}`).toBeLessThanOrEqual(WIDTH);
    await expectAccessible(page);
  }

  // Without JavaScript: the same page, rendered by the server alone, with the session of the steward.
  const nojs = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState(), locale: "fr-BE" });
  const bare = await nojs.newPage();
  await bare.goto("/admin/health?lang=fr");
  await expect(bare.getByRole("heading", { level: 1 })).toHaveText(titles.fr);
  await expect(bare.getByRole("status")).toBeVisible();
  await expect(bare.locator("table.health tbody tr").first()).toBeVisible();
  await nojs.close();
  await context.close();
});

test("/admin/health sends a visitor who is not signed in to sign in", async ({ page }) => {
  await page.goto("/admin/health");
  await expect(page).toHaveURL(/\/sign-in/);
});

// Every public page fits a 360-pixel screen without sideways scrolling: wide tables scroll inside
// their own box, nothing else overflows. The public routes are those of the routers that need no
// sign-in: src/catalog/catalog.pages.tsx (home, together, cooperative, directory, provider, offer
// version, compare), src/matching/match.pages.tsx (wizard, results), src/accounts/account.pages.tsx
// (sign-in, sent) and src/app.tsx (/api/docs).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 740 } });

/** The little of the DOM these checks read (the e2e files compile without the DOM library). */
interface Box {
  id: string;
  className: unknown;
  tagName: string;
  value?: string;
  getBoundingClientRect(): { right: number };
  closest(selector: string): Box | null;
}
interface Doc {
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): Iterable<Box>;
}

/** The page's width, and the elements that stick out of the viewport, for a readable failure. */
async function overflow(page: Page) {
  return page.evaluate((width) => {
    const document = (globalThis as unknown as { document: Doc }).document;
    const culprits: string[] = [];
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 0.5 && !el.closest(".table-scroll, pre")) {
        const id = el.id ? `#${el.id}` : "";
        const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
        culprits.push(`${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 8) };
  }, WIDTH);
}

async function expectFits(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(500);
  const { scrollWidth, culprits } = await overflow(page);
  expect(scrollWidth, `${path} is ${scrollWidth}px wide at ${WIDTH}px:\n  ${culprits.join("\n  ")}`).toBeLessThanOrEqual(WIDTH);
}

const MATCH_QUERY = "submitted=1&mailbox_qty=12&mailbox_gb=2&mailbox_features=imap&mailing_list_qty=3&web_hosting_qty=1&accepting=on";

test("every public page fits 360 pixels", async ({ page }) => {
  test.setTimeout(300_000); // twenty pages, Swagger UI among them, on a loaded machine
  // Real ids from the demo data: a provider, one of its offers' versions, two offers to compare.
  await page.goto("/providers");
  const providerHref = await page.locator("li.provider-card h3 a").first().getAttribute("href");
  const offerIds = await page.locator('li.provider-card input[name="offers"]').evaluateAll((els) => els.slice(0, 4).map((e) => (e as unknown as Box).value ?? ""));
  expect(providerHref).toBeTruthy();
  expect(offerIds.length).toBe(4);
  await page.goto(providerHref!);
  const versionHref = await page.locator('a[href*="/versions/"]').first().getAttribute("href");
  expect(versionHref).toBeTruthy();
  // Five chosen (one more than the comparison takes): the page keeps them all, ticked.
  const five = [...offerIds, `${offerIds[0]!.slice(0, -1)}x`];

  const paths = [
    "/",
    "/?lang=nl",
    "/together",
    "/cooperative?lang=en",
    "/providers",
    "/providers?max_price=abc&service=mailbox",
    providerHref!,
    versionHref!,
    "/compare",
    `/compare?offers=${offerIds.slice(0, 2).join(",")}`,
    `/compare?offers=${offerIds.join(",")}`,
    `/compare?offers=${five.join(",")}`,
    "/match",
    `/match/results?${MATCH_QUERY}`,
    `/match/results?${MATCH_QUERY}&lang=nl`,
    "/match/results?submitted=1&mailbox_qty=0",
    "/sign-in",
    "/sign-in/sent",
    "/api/docs",
    "/no-such-page",
  ];
  for (const path of paths) await expectFits(page, path);
});

// Switching language with the header links: <html lang>, labels and the remembered choice.
import { expect, expectAccessible, test } from "./fixtures";

test("switches from French to Dutch to English and remembers the choice", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await expect(html).toHaveAttribute("lang", "fr");
  await expect(nav.getByRole("link", { name: "Hébergeurs" })).toBeVisible();
  await expect(page.locator(".deadline").first()).toContainText("heure de Bruxelles");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Nederlands" }).click();
  await expect(page).toHaveURL(/\?lang=nl$/);
  await expect(html).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Hostingproviders" })).toBeVisible();
  await expect(page.locator(".deadline").first()).toContainText("Brusselse tijd");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samen uw onlinediensten verhuizen");
  await expectAccessible(page);

  await page.getByRole("link", { name: "English" }).click();
  await expect(html).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Moving your online services, together");
  await expectAccessible(page);

  // The cookie keeps English on pages reached without ?lang=.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Hosts" }).click();
  await expect(page).toHaveURL(/\/providers$/);
  await expect(html).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Apply filters" })).toBeVisible();
  await expectAccessible(page);
});

test("keeps the path and the filters when switching language", async ({ page }) => {
  await page.goto("/providers?service=mailbox&country=FR");
  await page.getByRole("link", { name: "Nederlands" }).click();
  await expect(page).toHaveURL(/\/providers\?service=mailbox&country=FR&lang=nl$/);
  await expect(page.getByRole("checkbox", { name: "Mailboxen", exact: true })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Frankrijk", exact: true })).toBeChecked();
  await expectAccessible(page);
});

test("offers a skip link as the first stop of the keyboard", async ({ page }) => {
  await page.goto("/providers");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

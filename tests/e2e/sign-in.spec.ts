// Signing in through the dev mailbox (wrangler dev runs with ENVIRONMENT=development, so mail stays
// in /dev/mailbox), the sessions list and signing out; then a passkey added and used, with
// Chromium's virtual WebAuthn authenticator, under the real CSP.
import { expect, expectAccessible, signInByMail, test } from "./fixtures";

test("signs in with a link from the dev mailbox, lists the session and signs out", async ({ page }) => {
  const email = `e2e-${Date.now()}@example.be`;
  await page.goto("/sign-in");
  await expectAccessible(page);
  await signInByMail(page, email);
  await expectAccessible(page);

  await page.getByRole("link", { name: "Appareils connectés" }).click();
  const sessions = page.getByRole("table", { name: "Vos sessions ouvertes" });
  await expect(sessions.locator("tbody tr")).toHaveCount(1);
  await expect(sessions).toContainText("cet appareil");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Se déconnecter", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
  await expect(page.getByRole("status")).toHaveText("Vous êtes déconnecté.");
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);

  await page.goto("/dev/mailbox");
  await expectAccessible(page);
});

test.describe("passkeys", () => {
  test.use({ bypassCSP: false }); // passkey.js must run under the real CSP

  test("adds a passkey, then signs in with it", async ({ page }) => {
    const problems: string[] = [];
    page.on("console", (m) => /Content Security Policy/i.test(m.text()) && problems.push(m.text()));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    const email = `e2e-pk-${Date.now()}@example.be`;
    await signInByMail(page, email);
    await page.getByRole("link", { name: "Clés d'accès" }).click();
    await expect(page.getByText("Vous n'avez pas encore de clé d'accès.")).toBeVisible();
    await page.getByRole("button", { name: "Ajouter une clé d'accès sur cet appareil" }).click();
    await expect(page.getByRole("status")).toHaveText("La clé d'accès a été ajoutée.");
    await expect(page.locator("[data-passkey]")).toHaveCount(1);

    await page.goto("/account");
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
    await page.getByRole("button", { name: "Se connecter avec une clé d'accès" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText(`Vous êtes connecté en tant que ${email}.`)).toBeVisible();
    expect(problems).toEqual([]);
  });
});

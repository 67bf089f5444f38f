// Collective assignment (issue 15), in French on a 360-pixel screen: a steward imports one member
// (so that someone can sign in and answer), picks it and nine demo members without a plan, runs the
// assignment, reviews it and sends the proposals; the member accepts the invitation, opens its
// proposal from the mail, accepts it, and its migration page shows the plan. axe-core and the screen
// width are checked on every new page.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInByMail, test } from "./fixtures";

const STEWARD = "steward@example.org";
const small = { viewport: { width: 360, height: 740 } };

/** Nothing sticks out of a 360-pixel screen but what scrolls in its own box. */
async function check(page: Page) {
  await expectAccessible(page);
  const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(width, `${page.url()} is wider than 360 px`).toBeLessThanOrEqual(360);
}

/** Opens the newest mail to `email` whose subject matches, and follows its first link. */
async function openMail(page: Page, email: string, subject: RegExp) {
  await page.goto("/dev/mailbox");
  await page.getByRole("row").filter({ hasText: email }).getByRole("link", { name: subject }).first().click();
  await page.locator("ul.mail-links a").first().click();
}

test("a steward assigns ten members and a member accepts its proposal", async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  const contact = `bureau-${stamp}@e2e-collectif.example.be`;
  const orgName = `Collectif ${stamp}`;

  const steward = await (await browser.newContext(small)).newPage();
  await signInByMail(steward, STEWARD);
  await steward.goto("/admin/keys");
  await steward.getByLabel("Nom de la clé").fill(`e2e assign ${stamp}`);
  await steward.getByLabel("Importer l'inventaire des membres (transition:import)").check();
  await steward.getByRole("button", { name: "Créer la clé" }).click();
  const secret = (await steward.locator("#secret").textContent())?.trim() ?? "";
  const imported = await steward.request.post("/api/v1/transition/inventory", {
    headers: { authorization: `Bearer ${secret}` },
    data: { organisations: [{ external_ref: `e2e-assign-${stamp}`, name: orgName, contact_email: contact, language: "fr", services: [{ kind: "mailbox", address: `info@collectif-${stamp}.example.be`, quota_mb: 500, used_mb: 100 }] }] },
  });
  expect(imported.status()).toBe(200);
  const orgId = ((await imported.json()) as { organisations: { organisation_id: string }[] }).organisations[0]!.organisation_id;

  // The member accepts its invitation first, so that the proposal's mail goes to its owner.
  const member = await (await browser.newContext(small)).newPage();
  await signInByMail(member, contact);
  await openMail(member, contact, new RegExp(orgName));
  await member.getByRole("button", { name: "Accepter l'invitation" }).click();

  // The steward: this member and nine others without a plan, the optimal method, run, review, send.
  await steward.goto("/transition/assignments");
  await expect(steward.getByRole("heading", { level: 1 })).toHaveText("Affectation collective");
  await check(steward);
  const members = steward.getByRole("group", { name: "Membres avec un inventaire et sans plan" });
  await members.getByLabel(orgName).check();
  const boxes = members.getByRole("checkbox");
  expect(await boxes.count()).toBeGreaterThanOrEqual(10);
  let picked = 1;
  for (let i = 0; picked < 10; i++) {
    const box = boxes.nth(i);
    if (await box.isChecked()) continue;
    await box.check();
    picked++;
  }
  await steward.getByLabel(/^Optimale/).check();
  await steward.getByRole("button", { name: "Lancer l'affectation" }).click();
  await expect(steward.getByRole("heading", { name: "Résultat à relire" })).toBeVisible();
  await expect(steward.getByRole("row").filter({ hasText: orgName })).toBeVisible();
  await check(steward);
  await steward.getByRole("button", { name: /^Envoyer les propositions/ }).click();
  await expect(steward.getByText("Propositions envoyées.")).toBeVisible();
  await expect(steward.getByRole("row").filter({ hasText: orgName })).toContainText("en attente de réponse");

  // The member opens its proposal from the mail and accepts it.
  await openMail(member, contact, new RegExp(`Une proposition d'hébergement pour ${orgName}`));
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(`Proposition d'hébergement pour ${orgName}`);
  await check(member);
  await member.getByRole("button", { name: "Accepter : en faire mon plan de déménagement" }).click();
  await expect(member).toHaveURL(new RegExp(`/orgs/${orgId}/migration`));
  await expect(member.getByText("Plan enregistré.")).toBeVisible();
  await expect(member.locator("li.migration-item").first()).toBeVisible();
  await check(member);
});

// Issue 3 in a real browser against `wrangler dev` (fresh state, demo data, the demo steward that
// `npm start` grants): a provider creates its profile and an offer, the steward approves both, and
// they appear in the directory; a member downloads its export. French UI, axe on every new page.
import { readFile } from "node:fs/promises";
import { expect, expectAccessible, signInByMail, test } from "./fixtures";

const STEWARD = "steward@example.org"; // scripts/start.mjs

test("a provider adds an offer, a steward approves it, and it appears in the directory", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const host = `Chats Vérifiés ${stamp}`;
  const offerName = `Courriel solidaire ${stamp}`;

  // The provider: an organisation of kind provider, then its profile and an offer, both pending.
  const providerContext = await browser.newContext();
  const provider = await providerContext.newPage();
  await signInByMail(provider, `e2e-host-${stamp}@example.be`);
  await provider.goto("/account/organisations");
  await expectAccessible(provider);
  await provider.getByLabel("Nom de l'organisation").fill(host);
  await provider.getByLabel("Hébergeur").check();
  await provider.getByRole("button", { name: "Créer l'organisation" }).click();
  await expect(provider.getByRole("heading", { level: 1 })).toContainText(host);
  await provider.getByRole("link", { name: "Profil d'hébergeur et offres" }).click();
  await expectAccessible(provider);

  const profile = provider.locator("form", { has: provider.getByRole("button", { name: "Créer le profil" }) });
  await profile.getByLabel("Nom", { exact: true }).fill(host);
  await profile.getByLabel("Site web").fill(`https://chats-${stamp}.example.org`);
  await profile.getByLabel("Adresse de contact").fill(`contact@chats-${stamp}.example.org`);
  await profile.getByLabel("Pays").fill("BE");
  await profile.getByRole("button", { name: "Créer le profil" }).click();
  await expect(provider.getByRole("status")).toBeVisible();
  await provider.getByRole("link", { name: "Gérer les offres" }).click();
  await provider.getByRole("link", { name: "Proposer une nouvelle offre" }).click();
  await expectAccessible(provider);
  await provider.getByLabel("Service", { exact: true }).selectOption("mailbox");
  await provider.getByLabel("Nom", { exact: true }).fill(offerName);
  await provider.getByLabel("Modèle de prix", { exact: true }).selectOption("paid");
  await provider.getByLabel("Montant", { exact: true }).fill("2,50");
  await provider.getByRole("button", { name: "Proposer l’offre" }).click();
  await expect(provider.getByRole("status")).toBeVisible();
  await expect(provider.getByRole("table")).toContainText(offerName);
  await expectAccessible(provider);

  // Not public yet.
  await provider.goto(`/providers?q=${encodeURIComponent(stamp)}`);
  await expect(provider.getByText(host)).toHaveCount(0);

  // The steward approves the profile, then the offer.
  const stewardContext = await browser.newContext();
  const steward = await stewardContext.newPage();
  await signInByMail(steward, STEWARD);
  await steward.goto("/admin/moderation");
  await expectAccessible(steward);
  for (const heading of [`Nouveau profil : ${host}`, `Nouvelle offre : ${offerName}`]) {
    const item = steward.locator("article.moderation-item", { has: steward.getByRole("heading", { name: heading }) });
    await item.getByRole("button", { name: "Valider" }).click();
    await expect(steward.getByRole("status")).toHaveText("Validé ; le prestataire est prévenu.");
  }

  // Anyone now finds it in the directory, with its offer.
  const visitor = await browser.newPage();
  await visitor.goto(`/providers?q=${encodeURIComponent(stamp)}`);
  const card = visitor.locator("li.provider-card", { hasText: host });
  await expect(card).toHaveCount(1);
  await card.getByRole("link", { name: host }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(host);
  await expect(visitor.getByRole("heading", { name: offerName })).toBeVisible();
  await expectAccessible(visitor);

  await providerContext.close();
  await stewardContext.close();
});

test("a member downloads all of its data", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const email = `e2e-member-${stamp}@example.be`;
  const org = `Les Amis du Parc ${stamp}`;
  await signInByMail(page, email);
  await page.goto("/account/organisations");
  await page.getByLabel("Nom de l'organisation").fill(org);
  await page.getByLabel("Organisation membre").check();
  await page.getByRole("button", { name: "Créer l'organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(org);
  await expectAccessible(page);

  await page.goto("/account");
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger mes données (JSON)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^chatiere-export-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(JSON.stringify(data)).toContain(email);
  expect(JSON.stringify(data)).toContain(org);
});

test("the stewards' pages are accessible, and a key is shown only once", async ({ browser }) => {
  test.setTimeout(120_000); // six pages, each checked by axe
  const steward = await (await browser.newContext()).newPage();
  await signInByMail(steward, STEWARD);
  for (const path of ["/admin", "/admin/people?q=steward", "/admin/audit", "/admin/keys", "/admin/organisations", "/admin/moderation"]) {
    await steward.goto(path);
    await expect(steward.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(steward);
  }
  // A steward key: created, shown once, then listed without its secret.
  await steward.goto("/admin/keys");
  await steward.getByLabel("Nom de la clé").fill("e2e");
  await steward.getByLabel("Lire le journal d'audit (audit:read)").check();
  await steward.getByRole("button", { name: "Créer la clé" }).click();
  const secret = (await steward.locator("#secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^chk_[0-9a-z]{37}$/);
  await expectAccessible(steward);
  await steward.goto("/admin/keys");
  await expect(steward.locator("body")).not.toContainText(secret);
});

test("a member's profile page is accessible and explains a wrong enterprise number", async ({ browser }) => {
  const member = await (await browser.newContext()).newPage();
  const stamp = Date.now().toString(36);
  await signInByMail(member, `e2e-profile-${stamp}@example.be`);
  await member.goto("/account/organisations");
  await member.getByLabel("Nom de l'organisation").fill(`Profil ${stamp}`);
  await member.getByRole("button", { name: "Créer l'organisation" }).click();
  await member.getByRole("link", { name: "Modifier le profil" }).click();
  await expectAccessible(member);
  await member.getByLabel("Numéro d'entreprise ou de TVA").fill("0417.497.107");
  await member.getByRole("button", { name: "Enregistrer le profil" }).click();
  await expect(member.locator("#profile-company-number-error")).toBeVisible();
  await expectAccessible(member);
});

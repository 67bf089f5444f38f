// One migration from end to end, in French: a steward imports a member through the inventory API
// with a key made on /admin/keys; the member accepts its invitation, confirms its inventory, finds
// hosts for it, shortlists a bundle, plans from that bundle and sends the requests; the host (an
// organisation that takes over its imported profile) accepts, schedules, copies and cuts over; the
// member verifies and closes with its data copy. axe-core checks every new page on the way.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, READ, signInByMail, test } from "./fixtures";

const STEWARD = "steward@example.org";

/** Opens the newest mail to `email` whose subject matches, and follows its first link. */
async function openMail(page: Page, email: string, subject: RegExp) {
  await page.goto("/dev/mailbox");
  await page.getByRole("row").filter({ hasText: email }).getByRole("link", { name: subject }).first().click();
  await page.locator("ul.mail-links a").first().click();
}

test("a member's services move from import to done", async ({ browser }) => {
  test.setTimeout(240_000); // four people sign in by mail on a shared machine; the flow itself is one pass
  const stamp = Date.now().toString(36);
  const contact = `bureau-${stamp}@e2e-membre.example.be`;
  const orgName = `Les Voisins ${stamp}`;

  // The steward: a key with transition:import, then the import.
  const steward = await (await browser.newContext()).newPage();
  await signInByMail(steward, STEWARD);
  await steward.goto("/admin/keys");
  await steward.getByLabel("Nom de la clé").fill(`e2e migration ${stamp}`);
  await steward.getByLabel("Importer l'inventaire des membres (transition:import)").check();
  await steward.getByRole("button", { name: "Créer la clé" }).click();
  const secret = (await steward.locator("#secret").textContent())?.trim() ?? "";
  const imported = await steward.request.post("/api/v1/transition/inventory", {
    headers: { authorization: `Bearer ${secret}` },
    data: { organisations: [{ external_ref: `e2e-${stamp}`, name: orgName, contact_email: contact, language: "fr", services: [{ kind: "mailbox", address: `info@voisins-${stamp}.example.be`, quota_mb: 500, used_mb: 200 }] }] },
  });
  expect(imported.status()).toBe(200);
  const orgId = ((await imported.json()) as { organisations: { organisation_id: string }[] }).organisations[0]!.organisation_id;

  // The member: accept the invitation, confirm the inventory.
  const member = await (await browser.newContext()).newPage();
  await signInByMail(member, contact);
  await openMail(member, contact, new RegExp(orgName));
  await member.getByRole("button", { name: "Accepter l'invitation" }).click();
  await member.goto(`/orgs/${orgId}/inventory`);
  await member.getByRole("button", { name: "Confirmer l'inventaire" }).click();
  await expect(member.getByText("Inventaire confirmé. Merci !")).toBeVisible();

  // Find hosts for it, shortlist the first bundle, plan from it and send the requests.
  await member.getByRole("link", { name: "Trouver des hébergeurs pour tout ceci" }).click();
  if (!/\/match\/results/.test(member.url())) await member.getByRole("button", { name: "Chercher des propositions" }).click();
  await member.locator("li.bundle").first().getByRole("button", { name: /Ajouter à la présélection/ }).click();
  await member.getByRole("link", { name: "Planifier le déménagement avec cette sélection" }).first().click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(`Planifier le déménagement de ${orgName}`);
  await expectAccessible(member);
  await member.getByRole("button", { name: "Envoyer les demandes" }).click();
  await expect(member.getByText("Demandes envoyées aux hébergeurs.")).toBeVisible();
  await expect(member.getByText("0 sur 1 service déménagé")).toBeVisible();
  await expectAccessible(member);
  const hostLink = member.locator("li.migration-item .facts a").first();
  const providerId = (await hostLink.getAttribute("href"))!.split("/").pop()!;

  // The host: someone at the profile's mail domain takes it over, then works through the request.
  const profile = (await (await member.request.get(`/api/v1/providers/${providerId}`, READ)).json()) as { name: string; contact_email: string | null };
  const domain = profile.contact_email!.split("@")[1]!;
  const host = await (await browser.newContext()).newPage();
  await signInByMail(host, `e2e-${stamp}@${domain}`);
  await host.goto("/account/organisations");
  await host.getByLabel("Nom de l'organisation").fill(`${profile.name} (e2e ${stamp})`);
  await host.getByRole("radio", { name: /Hébergeur/ }).check();
  await host.getByRole("button", { name: "Créer l'organisation" }).click();
  const hostOrg = /\/orgs\/(org_[0-9a-z]+)/.exec(host.url())?.[1] ?? /\/orgs\/(org_[0-9a-z]+)/.exec((await host.locator("a[href^='/orgs/org_']").first().getAttribute("href"))!)![1]!;
  await host.goto(`/orgs/${hostOrg}/provider?q=${encodeURIComponent(profile.name)}`);
  await host.getByRole("button", { name: `Reprendre « ${profile.name} »` }).click();
  await host.goto(`/orgs/${hostOrg}/migrations`);
  await expect(host.getByRole("heading", { level: 1 })).toContainText("Demandes reçues par");
  await expectAccessible(host);
  const card = host.locator("li.migration-item").filter({ hasText: orgName });
  await card.getByRole("button", { name: /^Accepter/ }).click();
  await card.locator("details[data-to=scheduled] summary").click();
  await card.getByLabel("Date prévue du déménagement").fill("2027-06-01");
  await card.locator("details[data-to=scheduled]").getByRole("button", { name: "Fixer la date" }).click();
  await expect(host.getByText("État mis à jour : le membre en est informé.")).toBeVisible();
  await card.getByRole("button", { name: /^Copie commencée/ }).click();
  await card.getByRole("button", { name: /^Cocher « Courriels copiés/ }).click();
  await card.getByRole("button", { name: /^Bascule faite/ }).click();
  await expect(card.locator(".item-state")).toHaveText("Bascule");
  await expectAccessible(host);

  // The member: everything works; it holds its own copy; done.
  await member.goto(`/orgs/${orgId}/migration`);
  const mine = member.locator("li.migration-item").first();
  await expect(mine.locator(".item-state")).toHaveText("Bascule");
  await mine.getByRole("button", { name: /^Confirmer : tout fonctionne/ }).click();
  await mine.locator("details[data-to=done] summary").click();
  await mine.getByRole("radio", { name: "Copié sur notre propre stockage" }).check();
  await mine.getByLabel("Précisions (où se trouve la copie)").fill("NAS du bureau");
  await mine.locator("details[data-to=done]").getByRole("button", { name: "Clore : déménagement terminé" }).click();
  await expect(member.getByText("1 sur 1 service déménagé")).toBeVisible();
  await expect(mine.locator(".item-state")).toHaveText("Terminé");
  await expectAccessible(member);
});

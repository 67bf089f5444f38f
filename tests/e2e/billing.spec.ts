// Billing from end to end, in French (issue 13): the coop_admin drafts and issues an invoice on
// /coop/invoices for a demo member; the member (its contact, who accepts the invitation) opens its
// billing page and downloads the PDF; the coop_admin uploads the bank's CAMT.053 statement on
// /coop/payments and the member sees the invoice paid. axe-core and a 360-pixel screen on every
// billing and subscription page on the way.
import type { Page } from "@playwright/test";
import { camtPaying } from "../../scripts/seed-demo.mjs";
import { expect, expectAccessible, READ, signInByMail, test } from "./fixtures";

const COOP_ADMIN = "coop@example.org"; // scripts/start.mjs
const MEMBER = "secretariaat@buurtwerking.example.org"; // demo/inventory.json
const MEMBER_ORG = "Buurtwerking De Linde (demo)";
const COOP_IBAN = "BE68539007547034"; // demo/billing.json
const NL_ACCEPT = "Uitnodiging aanvaarden";

/** Nothing sticks out of a 360-pixel screen but what scrolls in its own box. */
async function fits360(page: Page) {
  const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(width, `${page.url()} is wider than 360 px`).toBeLessThanOrEqual(360);
}

async function check(page: Page) {
  await expectAccessible(page);
  await fits360(page);
}

test("an invoice issued, downloaded by the member and paid by bank transfer", async ({ browser }) => {
  test.setTimeout(240_000);
  const small = { viewport: { width: 360, height: 740 } };

  // The member: accept the invitation of the demo organisation.
  const member = await (await browser.newContext(small)).newPage();
  await signInByMail(member, MEMBER);
  await member.goto("/dev/mailbox");
  // The organisation speaks Dutch: its invitation does too.
  await member.getByRole("row").filter({ hasText: MEMBER }).getByRole("link", { name: `Uitnodiging om lid te worden van ${MEMBER_ORG} op Chatière` }).first().click();
  await member.locator("ul.mail-links a").first().click();
  // Its link opens the invitation in Dutch (?lang=nl); the pages after it in the browser's French.
  await member.getByRole("button", { name: NL_ACCEPT }).click();
  await member.waitForURL(/\/orgs\/org_[a-z0-9]+/);
  const orgId = /\/orgs\/(org_[a-z0-9]+)/.exec(member.url())![1]!;
  await member.goto(`/orgs/${orgId}?lang=fr`);

  // The coop_admin: a draft for the member, then issued.
  const coop = await (await browser.newContext(small)).newPage();
  await signInByMail(coop, COOP_ADMIN);
  await coop.goto("/coop/invoices");
  await check(coop);
  await coop.goto(`/coop/invoices/new?organisation_id=${orgId}`);
  await check(coop);
  await coop.locator("#f-lines-0-description").fill("Hébergement e2e — décembre");
  await coop.locator("#f-lines-0-quantity").fill("1");
  await coop.locator("#f-lines-0-unit_price").fill("25,00");
  await coop.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(coop.getByText("Brouillon enregistré.")).toBeVisible();
  const invoiceId = /\/coop\/invoices\/(bil_[a-z0-9]+)/.exec(coop.url())![1]!;
  await coop.getByRole("button", { name: "Émettre la facture" }).click();
  await expect(coop.getByText("Facture émise : son numéro et sa communication structurée sont attribués.")).toBeVisible();
  await check(coop);
  const invoice = (await (await coop.request.get(`/api/v1/invoices/${invoiceId}`, READ)).json()) as { number: string; ogm: string; due_cents: number; status: string };
  expect(invoice.number).toMatch(/^F\d{4}-\d{6}$/);
  expect(invoice.status).toBe("open");

  // The member reads it and downloads the PDF.
  await member.goto(`/orgs/${orgId}/billing`);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("Factures");
  await expect(member.getByText(invoice.number).first()).toBeVisible();
  await check(member);
  await member.goto(`/orgs/${orgId}/billing/${invoiceId}`);
  await check(member);
  const pdfHref = await member.getByRole("link", { name: "Télécharger le PDF" }).getAttribute("href");
  const pdf = await member.request.get(pdfHref!, READ);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The bank statement: a transfer of the amount due with the invoice's structured communication.
  await coop.goto("/coop/payments");
  await check(coop);
  await coop.getByLabel("Extrait CAMT.053 (fichier XML)").setInputFiles({ name: "extrait.xml", mimeType: "application/xml", buffer: Buffer.from(camtPaying(invoice.ogm, invoice.due_cents, COOP_IBAN, `E2E${Date.now()}`)) });
  await coop.getByRole("button", { name: "Importer l'extrait" }).click();
  await expect(coop.getByRole("heading", { name: "Résultat de l'import" })).toBeVisible();
  await check(coop);
  expect(((await (await coop.request.get(`/api/v1/invoices/${invoiceId}`, READ)).json()) as { status: string }).status).toBe("paid");

  await member.goto(`/orgs/${orgId}/billing`);
  await expect(member.getByText("Payée").first()).toBeVisible();
  await member.goto(`/orgs/${orgId}/billing/ledger`);
  await check(member);

  // The other billing pages: the cooperative's identity, subscriptions on both sides.
  for (const path of ["/coop/settings", "/coop/subscriptions"]) {
    await coop.goto(path);
    await check(coop);
  }
  await member.goto(`/orgs/${orgId}/subscriptions`);
  await check(member);
});

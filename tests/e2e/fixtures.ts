// Shared e2e pieces: the `test` every spec uses, and an axe-core check.
import { test as base, expect, type Cookie, type Page } from "@playwright/test";
import { resolve } from "node:path";

const AXE = resolve("node_modules/axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export const test = base;
export { expect };

/**
 * Options for the specs' API reads (GET only: safe to send twice). wrangler dev sometimes resets a
 * kept-alive socket before the request reaches the Worker (ECONNRESET, seen once in a loaded full
 * run); Playwright retries exactly that network error, never an HTTP status, so no assertion is eased.
 */
export const READ = { maxRetries: 2 } as const;

/** Runs axe-core in the page and fails with a readable list of violations, if any. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // The whole document, every rule axe runs by default (WCAG A/AA and best practices).
    const axe = (globalThis as unknown as { axe: { run: (opts?: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const report = violations
    .map((v) => `${v.impact ?? "?"} ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`).join("\n")}`)
    .join("\n");
  expect(violations, `axe-core violations on ${page.url()}:\n${report}`).toEqual([]);
}

/** The directory's result cards. */
export const resultCards = (page: Page) => page.locator("li.provider-card");

// Sessions already opened in this worker, by address: the suite signs the steward in from many specs,
// and the product allows five links per address in 15 minutes (src/accounts/sign-in.ts).
const sessions = new Map<string, Cookie[]>();

/** Signs in by mail (French UI) and lands on the account page; reuses this worker's session for the address while it is valid. */
export async function signInByMail(page: Page, email: string): Promise<void> {
  const known = sessions.get(email);
  if (known) {
    await page.context().addCookies(known);
    await page.goto("/account");
    const signedIn = page.getByText(`Vous êtes connecté en tant que ${email}.`);
    if (/\/account$/.test(page.url()) && (await signedIn.count()) > 0) return;
    await page.context().clearCookies();
    sessions.delete(email);
  }
  await signInThroughMailbox(page, email);
  sessions.set(email, await page.context().cookies());
}

/** Asks for a link, opens it from the dev mailbox, confirms, and lands on the account page. */
async function signInThroughMailbox(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Consultez votre messagerie");
  await expect(page.getByText(email)).toBeVisible();

  await page.goto("/dev/mailbox");
  await page.getByRole("row").filter({ hasText: email }).getByRole("link", { name: "Votre lien de connexion à Chatière" }).first().click();
  await page.locator("ul.mail-links a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Terminer la connexion");
  await page.getByRole("button", { name: "Me connecter" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Vous êtes connecté en tant que ${email}.`)).toBeVisible();
}

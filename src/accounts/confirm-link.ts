// Where a mailed sign-in link points: our confirmation page (confirm.pages.tsx), not better-auth's
// verify URL. Apart from the page so that auth.ts (which writes the mail) need not import a page route.
export const CONFIRM_PATH = "/sign-in/confirm";

/** Turns better-auth's verification URL into our confirmation page's URL (same query). */
export function confirmUrl(verifyUrl: string): string {
  const verify = new URL(verifyUrl);
  return new URL(`${CONFIRM_PATH}${verify.search}`, verify.origin).href;
}

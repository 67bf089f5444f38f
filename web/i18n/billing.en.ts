// Billing (issue 13), in English; a missing key is a type error.
import type { frBilling } from "./billing.fr";

export const enBilling = {
  "keys.scope_billing_write": "Bill for the cooperative (billing:write)",
  "billing.mail.issued.subject": "New invoice for {org}: {total}",
  "billing.mail.issued.greeting": "Hello,",
  "billing.mail.issued.body": "The cooperative issued an invoice of {total} to {org}, due by {due}. You will find it, with the structured communication to use for the transfer, in your organisation's billing space.",
} satisfies Record<keyof typeof frBilling, string>;

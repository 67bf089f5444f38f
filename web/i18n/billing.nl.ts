// Billing (issue 13), in Dutch; a missing key is a type error.
import type { frBilling } from "./billing.fr";

export const nlBilling = {
  "keys.scope_billing_write": "Factureren voor de coöperatie (billing:write)",
  "billing.mail.issued.subject": "Nieuwe factuur voor {org}: {total}",
  "billing.mail.issued.greeting": "Hallo,",
  "billing.mail.issued.body": "De coöperatie heeft een factuur van {total} voor {org} uitgereikt, te betalen uiterlijk op {due}. U vindt ze, met de gestructureerde mededeling voor de overschrijving, in de facturatieruimte van uw organisatie.",
} satisfies Record<keyof typeof frBilling, string>;

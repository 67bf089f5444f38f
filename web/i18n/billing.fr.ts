// Billing (issue 13), in French (the default): defines the keys billing.nl.ts and billing.en.ts must have.
export const frBilling = {
  "keys.scope_billing_write": "Facturer pour la coopérative (billing:write)",
  "billing.mail.issued.subject": "Nouvelle facture pour {org} : {total}",
  "billing.mail.issued.greeting": "Bonjour,",
  "billing.mail.issued.body": "La coopérative a émis une facture de {total} pour {org}, à payer au plus tard le {due}. Vous la trouverez, avec la communication structurée à utiliser pour le virement, dans l'espace facturation de votre organisation.",
} as const;

// Webhooks (issue 12), in French (the default): defines the keys webhooks.nl.ts and webhooks.en.ts must have.
export const frWebhooks = {
  "keys.scope_webhooks_manage": "Gérer les webhooks de l’organisation (webhooks:manage)",
  "webhooks.mail.disabled.subject": "Webhook désactivé : {url}",
  "webhooks.mail.disabled.body": "Votre point de réception {url} échoue depuis le {since}. Chatière l'a désactivé. Corrigez-le, puis réactivez-le et rejouez les messages en échec sur la page Webhooks de votre organisation.",
} as const;

// Webhooks (issue 12), in Dutch; a missing key is a type error.
import type { frWebhooks } from "./webhooks.fr";

export const nlWebhooks = {
  "keys.scope_webhooks_manage": "De webhooks van de organisatie beheren (webhooks:manage)",
  "webhooks.mail.disabled.subject": "Webhook uitgeschakeld: {url}",
  "webhooks.mail.disabled.body": "Uw ontvangstpunt {url} faalt sinds {since}. Chatière heeft het uitgeschakeld. Herstel het, schakel het weer in en speel de mislukte berichten opnieuw af op de Webhooks-pagina van uw organisatie.",
} satisfies Record<keyof typeof frWebhooks, string>;

// Webhooks (issue 12), in English; a missing key is a type error.
import type { frWebhooks } from "./webhooks.fr";

export const enWebhooks = {
  "keys.scope_webhooks_manage": "Manage the organisation’s webhooks (webhooks:manage)",
  "webhooks.mail.disabled.subject": "Webhook disabled: {url}",
  "webhooks.mail.disabled.body": "Your endpoint {url} has been failing since {since}. Chatière disabled it. Fix it, then enable it again and replay the failed messages on your organisation's Webhooks page.",
} satisfies Record<keyof typeof frWebhooks, string>;

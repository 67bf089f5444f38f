// Worker entry: wiring only.
import { createApp } from "./app";
import type { Bindings } from "./env";
import { handleMailBatch } from "./mail/consumer";
import type { MailJob } from "./mail/outbox";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleMailBatch(batch, env),
} satisfies ExportedHandler<Bindings, MailJob>;

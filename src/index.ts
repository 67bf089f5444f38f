// Worker entry: wiring only.
import { createApp } from "./app";
import type { Bindings } from "./env";
import { handleMailBatch } from "./mail/consumer";
import type { MailJob } from "./mail/outbox";
import { sweep } from "./maintenance/sweep";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleMailBatch(batch, env),
  scheduled: async (controller, env, ctx) => {
    await sweep(env, new Date(controller.scheduledTime), (p) => ctx.waitUntil(p));
  },
} satisfies ExportedHandler<Bindings, MailJob>;

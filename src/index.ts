// Worker entry: wiring only.
import { createApp } from "./app";
import type { Bindings } from "./env";
import { handleMailBatch } from "./mail/consumer";
import type { MailJob } from "./mail/outbox";
import { runScheduled } from "./ops/jobs";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleMailBatch(batch, env),
  scheduled: async (controller, env, ctx) => {
    // Each cron expression runs its jobs (src/ops/schedule.ts), each run recorded in job_runs.
    await runScheduled(controller.cron, env, new Date(controller.scheduledTime), (p) => ctx.waitUntil(p));
  },
} satisfies ExportedHandler<Bindings, MailJob>;

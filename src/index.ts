// Worker entry: wiring only. Work that no request starts runs with a system context (src/lib/context.ts).
import { createApp } from "./app";
import type { Bindings } from "./env";
import { collectDeferred, systemContext } from "./lib/context";
import { runScheduled } from "./ops/jobs";
import type { OutboxJob } from "./outbox/channel";
import { consumeOutbox } from "./outbox/consumer";

const app = createApp();

export default {
  fetch: app.fetch,
  // Every channel's queue and dead-letter queue: src/outbox/consumer.ts dispatches by `batch.queue`.
  queue: async (batch, env) => {
    const deferred = collectDeferred();
    await consumeOutbox(batch, systemContext(env, "queue", { defer: deferred.defer }));
    await deferred.settle();
  },
  scheduled: async (controller, env, ctx) => {
    // Each cron expression runs its jobs (src/ops/schedule.ts), each run recorded in job_runs.
    await runScheduled(controller.cron, env, new Date(controller.scheduledTime), (p) => ctx.waitUntil(p));
  },
} satisfies ExportedHandler<Bindings, OutboxJob>;

// Retry delays for outbox deliveries (every channel), after the Standard Webhooks / Svix schedule, within the 12-hour
// ceiling of a Queue message's delay. Pure.

/** Delay before delivery attempt n+1 after attempt n (1-based) failed. */
const DELAYS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600, 10 * 3600];
export const MAX_QUEUE_DELAY = 12 * 3600;

export function retryDelaySeconds(attempt: number): number {
  const i = Math.min(Math.max(1, Math.trunc(attempt)), DELAYS.length) - 1;
  return Math.min(DELAYS[i] ?? MAX_QUEUE_DELAY, MAX_QUEUE_DELAY);
}

/** Deliveries per message: the first one plus wrangler.toml's `max_retries = 8`; then the DLQ. */
export const MAX_DELIVERIES = 9;

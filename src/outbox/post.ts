// Delivering by HTTP POST, as the mail and Peppol channels do: a network error or a 5xx is worth
// another try; an answer that says the message itself is wrong is final.
import type { DeliveryOutcome } from "./channel";

/** Only answers that say the message itself is wrong are final; anything else may pass later. */
export function isPermanentFailure(status: number): boolean {
  return status === 400 || status === 413 || status === 415 || status === 422;
}

/** POSTs and says what the answer means for the outbox row (the body of an error answer, cut short, as its error). */
export async function postDelivery(fetcher: typeof fetch, url: string, init: RequestInit): Promise<DeliveryOutcome> {
  let res: Response;
  try {
    res = await fetcher(url, { ...init, method: "POST" });
  } catch (err) {
    return { ok: false, retry: true, error: `network: ${String(err)}`.slice(0, 500) };
  }
  if (res.ok) {
    await res.body?.cancel();
    return { ok: true };
  }
  const detail = (await res.text().catch(() => "")).slice(0, 300);
  return { ok: false, retry: !isPermanentFailure(res.status), error: `HTTP ${res.status}${detail ? `: ${detail}` : ""}` };
}

import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../../src/db/client";
import { mailInsert } from "../../src/mail/outbox";
import { signInLinkMail } from "../../src/mail/templates";
import { mailTo, runMailConsumer } from "./helpers";

async function queuedMail(to: string) {
  const db = createDb(env.DB);
  const { id, query } = mailInsert(db, { kind: "sign_in_link", to, ...signInLinkMail("en", "https://chatiere.test/api/auth/magic-link/verify?token=abc", 15) });
  await query;
  return id;
}

const apiAnswers = (...responses: (Response | Error)[]) => {
  const spy = vi.spyOn(globalThis, "fetch");
  for (const r of responses) {
    if (r instanceof Error) spy.mockRejectedValueOnce(r);
    else spy.mockResolvedValueOnce(r);
  }
  return spy;
};

afterEach(() => vi.restoreAllMocks());

describe("mail consumer outside development", () => {
  it("POSTs the message to MAIL_API_URL as JSON and marks it sent", async () => {
    const id = await queuedMail("api@example.be");
    const fetch = apiAnswers(new Response('{"ok":true}', { status: 202 }));
    const result = await runMailConsumer([id]);

    expect(result.explicitAcks).toEqual([`q0-${id}`]);
    expect(result.retryMessages).toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("https://mail.chatiere.test/v1/send");
    expect(init?.method).toBe("POST");
    const headers = new Headers(init?.headers);
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.get("authorization")).toBe("Bearer test-mail-token");
    expect(headers.get("idempotency-key")).toBe(id);
    const body = JSON.parse(String(init?.body));
    expect(body).toMatchObject({ id, to: "api@example.be", subject: "Your Chatière sign-in link", language: "en", tag: "sign_in_link" });
    expect(body.text).toContain("https://chatiere.test/api/auth/magic-link/verify?token=abc");
    expect(body.html).toContain("<a href=");

    const [row] = await mailTo("api@example.be");
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row!.sentAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("retries a 5xx with backoff and records the error, then sends on a later delivery", async () => {
    const id = await queuedMail("flaky@example.be");
    apiAnswers(new Response("upstream down", { status: 503 }));
    const first = await runMailConsumer([id], { attempts: 1 });
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual([`q0-${id}`]);
    expect(first.delays).toEqual([5]);
    let [row] = await mailTo("flaky@example.be");
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 503: upstream down", sentAt: null });

    apiAnswers(new Error("connection reset"));
    const second = await runMailConsumer([id], { attempts: 2 });
    expect(second.retryMessages).toHaveLength(1);
    expect(second.delays).toEqual([300]);
    [row] = await mailTo("flaky@example.be");
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row!.lastError).toContain("connection reset");

    apiAnswers(new Response(null, { status: 200 }));
    const third = await runMailConsumer([id], { attempts: 3 });
    expect(third.explicitAcks).toEqual([`q0-${id}`]);
    [row] = await mailTo("flaky@example.be");
    expect(row).toMatchObject({ status: "sent", attempts: 3, lastError: null });
  });

  it("gives up on a message the API refuses as invalid, without retrying", async () => {
    const id = await queuedMail("refused@example.be");
    apiAnswers(new Response('{"error":"bad recipient"}', { status: 422 }));
    const result = await runMailConsumer([id]);
    expect(result.explicitAcks).toEqual([`q0-${id}`]);
    expect(result.retryMessages).toEqual([]);
    const [row] = await mailTo("refused@example.be");
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.lastError).toContain("HTTP 422");
  });

  it("marks a message failed on its last delivery and lets it go to the dead-letter queue", async () => {
    const id = await queuedMail("doomed@example.be");
    apiAnswers(new Response("still down", { status: 500 }));
    const result = await runMailConsumer([id], { attempts: 9 });
    expect(result.retryMessages).toHaveLength(1); // past max_retries the runtime moves it to the DLQ
    expect(result.delays).toEqual([36_000]);
    const [row] = await mailTo("doomed@example.be");
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("does not send twice when the queue delivers a sent message again", async () => {
    const id = await queuedMail("twice@example.be");
    const fetch = apiAnswers(new Response(null, { status: 202 }));
    await runMailConsumer([id]);
    fetch.mockClear();
    const again = await runMailConsumer([id]);
    expect(again.explicitAcks).toEqual([`q0-${id}`]);
    expect(fetch).not.toHaveBeenCalled();
    const [row] = await mailTo("twice@example.be");
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("acks an id that is not in the outbox", async () => {
    const fetch = vi.spyOn(globalThis, "fetch");
    const result = await runMailConsumer(["msg_doesnotexist"]);
    expect(result.explicitAcks).toEqual(["q0-msg_doesnotexist"]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("keeps retrying while MAIL_API_URL is missing, saying so on the row", async () => {
    const id = await queuedMail("noconfig@example.be");
    const fetch = vi.spyOn(globalThis, "fetch");
    const result = await runMailConsumer([id], { environment: "production", env: { MAIL_API_URL: undefined } });
    expect(result.delays).toEqual([5]);
    expect(fetch).not.toHaveBeenCalled();
    const [row] = await mailTo("noconfig@example.be");
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "MAIL_API_URL is not set" });
  });
});

describe("mail consumer in development", () => {
  it("calls no API: the message stays readable in the dev mailbox", async () => {
    const id = await queuedMail("dev@example.be");
    const fetch = vi.spyOn(globalThis, "fetch");
    const result = await runMailConsumer([id], { environment: "development" });
    expect(result.explicitAcks).toEqual([`q0-${id}`]);
    expect(fetch).not.toHaveBeenCalled();
    const [row] = await mailTo("dev@example.be");
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
  });
});

import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { createDb } from "../../src/db/client";
import { mailInsert } from "../../src/mail/outbox";
import { signInLinkMail } from "../../src/mail/templates";
import { call } from "../helpers/http";
import { BASE, devFetch } from "./helpers";

async function mail(to: string, lang: "fr" | "nl" | "en" = "fr") {
  const { id, query } = mailInsert(createDb(env.DB), { kind: "sign_in_link", to, ...signInLinkMail(lang, `https://chatiere.test/api/auth/magic-link/verify?token=${to}`, 15) });
  await query;
  return id;
}

describe("/dev/mailbox (development only)", () => {
  it("does not exist in test or production", async () => {
    const id = await mail("hidden@example.be");
    for (const path of ["/dev/mailbox", `/dev/mailbox/${id}`, `/dev/mailbox/${id}/html`]) {
      expect((await call(path)).status).toBe(404); // the test config: ENVIRONMENT=test
      const prod = await createApp().fetch(new Request(`${BASE}${path}`), { ...env, ENVIRONMENT: "production" });
      expect(prod.status).toBe(404);
      expect(await prod.text()).not.toContain("hidden@example.be");
    }
  });

  it("lists mail newest first and shows one message with its links, in development", async () => {
    const older = await mail("first@example.be");
    await new Promise((r) => setTimeout(r, 5));
    const newer = await mail("second@example.be", "nl");
    const list = await devFetch("/dev/mailbox?lang=en");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("Development mailbox");
    expect(html.indexOf(newer)).toBeGreaterThan(-1);
    expect(html.indexOf(newer)).toBeLessThan(html.indexOf(older));

    const one = await devFetch(`/dev/mailbox/${newer}`);
    const body = await one.text();
    expect(body).toContain("Uw aanmeldlink voor Chatière");
    expect(body).toContain('<a href="https://chatiere.test/api/auth/magic-link/verify?token=second@example.be"');

    const part = await devFetch(`/dev/mailbox/${newer}/html`);
    expect(part.headers.get("content-type")).toContain("text/html");
    expect(await part.text()).toContain('<html lang="nl">');
  });

  it("answers 404 for a message that does not exist", async () => {
    expect((await devFetch("/dev/mailbox/msg_nope")).status).toBe(404);
  });
});

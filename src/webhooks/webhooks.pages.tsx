// Webhook pages. /orgs/:orgId/webhooks: an organisation's endpoints (provider, member or any kind),
// for its owners and admins and for stewards (webhooks.manage, signed in — a key drives the API,
// not these pages). A new or rotated secret is the body of the POST's own answer (no-store, never
// in a URL or a redirect), shown that once; every other POST answers 303 → the list with a notice.
// /admin/webhooks/received: the events received from Stripe and providers, for stewards.
// Every POST is same-origin only.
import { Hono, type Context } from "hono";
import { pageProps } from "../../web/components/page-props";
import type { MessageKey } from "../../web/i18n";
import { ReceivedEventPage, ReceivedPage } from "../../web/pages/admin/received";
import { EndpointDeletePage, EndpointEditPage, SecretPage, WebhooksPage, webhooksBase, type EndpointField, type EndpointForm } from "../../web/pages/webhooks/webhooks";
import { sameOriginForms } from "../accounts/csrf";
import { allow, caller, orgParam } from "../accounts/guard";
import { findOrg } from "../accounts/orgs/repository";
import type { AppEnv } from "../env";
import { BRUSSELS, dayStart, isCalendarDay, offsetMinutes } from "../lib/days";
import { flashes } from "../lib/flash";
import { formList, formText } from "../lib/form";
import { AppError, PageError } from "../lib/problem";
import { EVENT_TYPES } from "./events";
import { inboundSecretState, issueInboundSecret, pageReceived, receivedEvent, RAW_BODY_DAYS } from "./inbound/receive";
import {
  createEndpoint,
  deleteEndpoint,
  endpointDto,
  endpointInputSchema,
  endpointOf,
  failedMessages,
  listEndpoints,
  recentAttempts,
  replay,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
  UrlRefused,
  type EndpointInput,
} from "./outbound/endpoints.service";

export const webhookPages = new Hono<AppEnv>();
type C = Context<AppEnv>;

/** Pages are for people: an API key (even with webhooks:manage) uses /api/v1 instead. */
const sessionOnly = async (c: C, next: () => Promise<void>) => {
  if (caller(c).kind === "key") throw new PageError("FORBIDDEN", "Webhook pages need a signed-in person; keys use the API", "webhooks.error.key");
  await next();
};

// Access: owners and admins of the organisation, and stewards (webhooks.manage), signed in.
webhookPages.use("/orgs/:orgId/webhooks", sameOriginForms, allow("webhooks.manage", orgParam), sessionOnly);
webhookPages.use("/orgs/:orgId/webhooks/*", sameOriginForms, allow("webhooks.manage", orgParam), sessionOnly);
// Access: stewards (outbox.manage, the action of the received-events API), signed in.
webhookPages.use("/admin/webhooks/*", allow("outbox.manage"), sessionOnly);

const flash = flashes("webhooks.notice", ["saved", "enabled", "disabled", "deleted", "test_sent", "replayed", "replayed_none"]);

/** What the register form offers: every wildcard over the documented types, then the types themselves. */
export const EVENT_CHOICES: readonly string[] = (() => {
  const wild = new Set<string>(["*"]);
  for (const type of EVENT_TYPES) {
    const parts = type.split(".");
    for (let i = 1; i < parts.length; i++) wild.add(`${parts.slice(0, i).join(".")}.*`);
  }
  return [...wild, ...EVENT_TYPES];
})();

async function orgOf(c: C) {
  const org = await findOrg(c.var.db, c.req.param("orgId") ?? "");
  if (!org) throw new PageError("NOT_FOUND", `No organisation ${c.req.param("orgId")}`, "orgs.error.not_found");
  return { id: org.id, name: org.name, kind: org.kind, providerId: org.providerId };
}
type Org = Awaited<ReturnType<typeof orgOf>>;

async function endpointIn(c: C, orgId: string) {
  try {
    return await endpointOf(c.var.ctx, orgId, c.req.param("id") ?? "");
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") throw new PageError("NOT_FOUND", err.message, "webhooks.error.endpoint_not_found");
    throw err;
  }
}

async function listPage(c: C, org: Org, extra: { form?: EndpointForm; replayError?: MessageKey } = {}) {
  const ctx = c.var.ctx;
  const now = ctx.now();
  const endpoints = await listEndpoints(ctx, org.id);
  const attempts = await recentAttempts(ctx, endpoints.map((e) => e.id));
  const failed = await failedMessages(ctx, org.id);
  const inbound =
    org.kind === "provider" && org.providerId
      ? { url: `${new URL(c.req.url).origin}/webhooks/providers/${encodeURIComponent(org.providerId)}`, secret: await inboundSecretState(ctx, org.id, now) }
      : undefined;
  return (
    <WebhooksPage
      {...pageProps(c)}
      org={org}
      endpoints={endpoints.map((e) => ({ ...endpointDto(e, now), attempts: attempts.get(e.id) ?? [] }))}
      failed={failed}
      choices={EVENT_CHOICES}
      notice={flash.read(c)}
      inbound={inbound}
      {...extra}
    />
  );
}

type FormRead = { ok: true; input: EndpointInput; values: EndpointForm["values"] } | { ok: false; form: EndpointForm };

/** The posted endpoint form, checked by the API's own schema; each wrong field gets its message. */
function readEndpointForm(body: Record<string, unknown>): FormRead {
  const values = { url: formText(body.url, 2100).trim(), description: formText(body.description, 600), event_types: formList(body.event_types, 60, 120) };
  const errors: Partial<Record<EndpointField, MessageKey>> = {};
  if (!values.url) errors.url = "webhooks.error.url_required";
  const parsed = endpointInputSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "url") errors.url ??= "webhooks.error.url_too_long";
      if (field === "description") errors.description ??= "webhooks.error.description_too_long";
      if (field === "event_types") errors.event_types ??= issue.path.length > 1 ? "webhooks.error.event_types_unknown" : values.event_types.length ? "webhooks.error.event_types_too_many" : "webhooks.error.event_types_required";
    }
  }
  if (!parsed.success || Object.keys(errors).length) return { ok: false, form: { values, errors } };
  return { ok: true, input: parsed.data, values };
}

const refusalKey = (err: UrlRefused) => `webhooks.url.${err.refusal}` as MessageKey;

function secretAnswer(c: C, page: string | Promise<string>, status: 200 | 201) {
  // The secret is in this body only: no store may keep it, and no redirect carries it.
  c.header("Cache-Control", "no-store");
  return c.html(page, status);
}

/** `2026-11-28 14:30` (or `T`), Brussels wall time, or a day (its start): the instant in UTC; null if unreadable. */
export function brusselsInstant(text: string): string | null {
  const v = text.trim();
  if (isCalendarDay(v)) return dayStart(v);
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})$/.exec(v);
  if (!m || !isCalendarDay(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  const wall = Date.parse(`${m[1]}T${m[2]}:${m[3]}:00Z`);
  const guess = wall - offsetMinutes(wall, BRUSSELS) * 60_000;
  return new Date(wall - offsetMinutes(guess, BRUSSELS) * 60_000).toISOString();
}

webhookPages.get("/orgs/:orgId/webhooks", async (c) => c.html(await listPage(c, await orgOf(c))));

// Registers an endpoint: 201 with its secret, shown once; a wrong field: 400 with the form and its message.
webhookPages.post("/orgs/:orgId/webhooks", async (c) => {
  const org = await orgOf(c);
  const read = readEndpointForm(await c.req.parseBody({ all: true }));
  if (!read.ok) return c.html(await listPage(c, org, { form: read.form }), 400);
  try {
    const { endpoint, secret } = await createEndpoint(c.var.ctx, org.id, read.input);
    return secretAnswer(c, <SecretPage {...pageProps(c)} org={org} kind="created" secret={secret} target={endpoint.url} />, 201);
  } catch (err) {
    if (err instanceof UrlRefused) return c.html(await listPage(c, org, { form: { values: read.values, errors: { url: refusalKey(err) } } }), 400);
    throw err;
  }
});

// Replays one failed message (`message_id`) or every failed one since a Brussels time (`since`).
webhookPages.post("/orgs/:orgId/webhooks/replay", async (c) => {
  const org = await orgOf(c);
  const body = await c.req.parseBody();
  const messageId = formText(body.message_id, 80);
  let replayed: string[];
  if (messageId) {
    try {
      replayed = await replay(c.var.ctx, org.id, { messageId });
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND") throw new PageError("NOT_FOUND", err.message, "webhooks.error.message_not_found");
      throw err;
    }
  } else {
    const since = brusselsInstant(formText(body.since, 40));
    if (!since) return c.html(await listPage(c, org, { replayError: "webhooks.error.since_invalid" }), 400);
    replayed = await replay(c.var.ctx, org.id, { since });
  }
  return c.redirect(flash.to(webhooksBase(org.id), replayed.length ? "replayed" : "replayed_none"), 303);
});

// The provider's inbound secret: created, or rotated (the old one verifies 24 hours more); shown once.
webhookPages.post("/orgs/:orgId/webhooks/inbound-secret", async (c) => {
  const org = await orgOf(c);
  if (org.kind !== "provider" || !org.providerId) throw new PageError("CONFLICT", "Only provider organisations send events to Chatière", "webhooks.error.not_provider");
  const before = await inboundSecretState(c.var.ctx, org.id, c.var.ctx.now());
  const secret = await issueInboundSecret(c.var.ctx, org.id);
  const after = await inboundSecretState(c.var.ctx, org.id, c.var.ctx.now());
  const url = `${new URL(c.req.url).origin}/webhooks/providers/${encodeURIComponent(org.providerId)}`;
  return secretAnswer(c, <SecretPage {...pageProps(c)} org={org} kind={before ? "inbound_rotated" : "inbound_created"} secret={secret} target={url} previousExpiresAt={after?.previousExpiresAt} />, 200);
});

webhookPages.get("/orgs/:orgId/webhooks/:id", async (c) => {
  const org = await orgOf(c);
  const e = await endpointIn(c, org.id);
  return c.html(<EndpointEditPage {...pageProps(c)} org={org} endpoint={e} choices={EVENT_CHOICES} form={{ values: { url: e.url, description: e.description, event_types: e.eventTypes }, errors: {} }} />);
});

webhookPages.post("/orgs/:orgId/webhooks/:id", async (c) => {
  const org = await orgOf(c);
  const e = await endpointIn(c, org.id);
  const read = readEndpointForm(await c.req.parseBody({ all: true }));
  const again = (form: EndpointForm) => c.html(<EndpointEditPage {...pageProps(c)} org={org} endpoint={e} choices={EVENT_CHOICES} form={form} />, 400);
  if (!read.ok) return again(read.form);
  try {
    await updateEndpoint(c.var.ctx, org.id, e.id, read.input);
  } catch (err) {
    if (err instanceof UrlRefused) return again({ values: read.values, errors: { url: refusalKey(err) } });
    throw err;
  }
  return c.redirect(flash.to(webhooksBase(org.id), "saved"), 303);
});

webhookPages.post("/orgs/:orgId/webhooks/:id/enable", async (c) => {
  const org = await orgOf(c);
  const e = await endpointIn(c, org.id);
  await updateEndpoint(c.var.ctx, org.id, e.id, { enabled: true });
  return c.redirect(flash.to(webhooksBase(org.id), "enabled"), 303);
});

webhookPages.post("/orgs/:orgId/webhooks/:id/disable", async (c) => {
  const org = await orgOf(c);
  const e = await endpointIn(c, org.id);
  await updateEndpoint(c.var.ctx, org.id, e.id, { enabled: false });
  return c.redirect(flash.to(webhooksBase(org.id), "disabled"), 303);
});

// A `webhook.test` event to this endpoint; a disabled one: 409, translated.
webhookPages.post("/orgs/:orgId/webhooks/:id/test", async (c) => {
  const org = await orgOf(c);
  const e = await endpointIn(c, org.id);
  if (e.status !== "enabled") throw new PageError("CONFLICT", `Endpoint ${e.id} is disabled`, "webhooks.error.disabled");
  await sendTestEvent(c.var.ctx, org.id, e.id);
  return c.redirect(flash.to(webhooksBase(org.id), "test_sent"), 303);
});

// A new secret, shown once; the old one keeps signing for 24 hours.
webhookPages.post("/orgs/:orgId/webhooks/:id/rotate", async (c) => {
  const org = await orgOf(c);
  const e = await endpointIn(c, org.id);
  const { secret, previous_secret_expires_at } = await rotateEndpointSecret(c.var.ctx, org.id, e.id);
  return secretAnswer(c, <SecretPage {...pageProps(c)} org={org} kind="rotated" secret={secret} target={e.url} previousExpiresAt={previous_secret_expires_at} />, 200);
});

// Delete asks first (GET shows the question, POST deletes).
webhookPages.get("/orgs/:orgId/webhooks/:id/delete", async (c) => {
  const org = await orgOf(c);
  const e = await endpointIn(c, org.id);
  return c.html(<EndpointDeletePage {...pageProps(c)} org={org} endpoint={e} />);
});

webhookPages.post("/orgs/:orgId/webhooks/:id/delete", async (c) => {
  const org = await orgOf(c);
  const e = await endpointIn(c, org.id);
  await deleteEndpoint(c.var.ctx, org.id, e.id);
  return c.redirect(flash.to(webhooksBase(org.id), "deleted"), 303);
});

const PAGE_SIZE = 50;

// Received events: filter by source, type and applied; keyset pages of 50, newest first.
webhookPages.get("/admin/webhooks/received", async (c) => {
  const q = c.req.query();
  const source = q.source ?? "";
  if (source !== "" && source !== "stripe" && source !== "provider") {
    throw new PageError("VALIDATION_FAILED", "Invalid value for source", "webhooks.received.error.source", {}, [{ field: "source", message: "stripe or provider" }]);
  }
  const applied = q.applied ?? "";
  if (applied !== "" && applied !== "yes" && applied !== "no") {
    throw new PageError("VALIDATION_FAILED", "Invalid value for applied", "webhooks.received.error.applied", {}, [{ field: "applied", message: "yes or no" }]);
  }
  const type = (q.type ?? "").trim().slice(0, 200);
  let page;
  try {
    page = await pageReceived(c.var.ctx, { source: source || undefined, type: type || undefined, applied: applied ? applied === "yes" : undefined, cursor: q.cursor || undefined, limit: PAGE_SIZE });
  } catch (err) {
    if (err instanceof AppError && err.code === "VALIDATION_FAILED") throw new PageError("VALIDATION_FAILED", err.message, "webhooks.received.error.cursor", {}, err.errors);
    throw err;
  }
  return c.html(<ReceivedPage {...pageProps(c)} filters={{ source, type, applied }} items={page.items} nextCursor={page.nextCursor} keptDays={RAW_BODY_DAYS} />);
});

webhookPages.get("/admin/webhooks/received/:id", async (c) => {
  const row = await receivedEvent(c.var.ctx, c.req.param("id"));
  if (!row) throw new PageError("NOT_FOUND", `No received event ${c.req.param("id")}`, "webhooks.received.error.not_found");
  return c.html(<ReceivedEventPage {...pageProps(c)} event={row} keptDays={RAW_BODY_DAYS} />);
});

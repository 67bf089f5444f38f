// What a service needs to run, with or without a request: the database, the settings, the clock,
// a way to finish work after the answer (waitUntil), and who is acting. Requests build it once
// (`requestContext`, from app.tsx's middleware); cron, queues, Stripe and provider webhooks build
// it with `systemContext`, so the same services (and the audit log) serve them all.
import type { Context } from "hono";
import type { Principal } from "../accounts/policy";
import { createDb, type Db } from "../db/client";
import { settings, type AppEnv, type Bindings, type Settings } from "../env";
import type { Lang } from "../../web/i18n";

/** Why the system acts on its own: who started the work when no person or key did. */
export type SystemReason = "cron" | "queue" | "stripe" | "provider-webhook" | "import" | "cli";

/** Who acts: the request's principal (a person, a key, or nobody yet), or the system with a reason. */
export type Actor = Principal | { kind: "system"; reason: SystemReason };

export interface ServiceContext {
  db: Db;
  env: Bindings;
  settings: Settings;
  now(): Date;
  /** Work that may finish after the answer (the request's or the batch's waitUntil). */
  defer(p: Promise<unknown>): void;
  /** Read when needed: under a request it is the principal once src/accounts/principal.ts knows it. */
  readonly actor: Actor;
  requestId?: string;
  ip?: string;
  userAgent?: string;
  lang?: Lang;
  /** The site's origin (`https://…`) for links in mails; requests only. */
  origin?: string;
}

const ANONYMOUS: Actor = { kind: "anonymous" };

/** Never throws: outside a worker (app.fetch in a test) there is no execution context, and the promise just runs. */
function deferOf(c: Context<AppEnv>) {
  return (p: Promise<unknown>) => {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      p.catch(() => {});
    }
  };
}

/** The context of a request. The actor is a getter: routes behind `allow()` resolve the principal first. */
export function requestContext(c: Context<AppEnv>): ServiceContext {
  const db = c.var.db ?? createDb(c.env.DB);
  return {
    db,
    env: c.env,
    settings: settings(c.env),
    now: () => new Date(),
    defer: deferOf(c),
    get actor() {
      return c.get("principal") ?? ANONYMOUS;
    },
    requestId: c.get("requestId") ?? undefined,
    ip: c.req.header("cf-connecting-ip") ?? undefined,
    userAgent: c.req.header("user-agent")?.slice(0, 400),
    lang: c.get("lang"),
    // Parsed when a service asks (mail links): most requests never do.
    get origin() {
      return new URL(c.req.url).origin;
    },
  };
}

export interface SystemOptions {
  now?: () => Date;
  defer?: (p: Promise<unknown>) => void;
  db?: Db;
  requestId?: string;
}

/** The context of work no request started: cron, queue consumers, Stripe or provider events, imports. */
export function systemContext(env: Bindings, reason: SystemReason, options: SystemOptions = {}): ServiceContext {
  return {
    db: options.db ?? createDb(env.DB),
    env,
    settings: settings(env),
    now: options.now ?? (() => new Date()),
    defer: options.defer ?? ((p) => void p.catch(() => {})),
    actor: { kind: "system", reason },
    requestId: options.requestId,
  };
}

/** Deferred work collected in memory, for callers with no execution context: `settle()` awaits it all. */
export function collectDeferred() {
  const pending: Promise<unknown>[] = [];
  return { defer: (p: Promise<unknown>) => void pending.push(p), settle: () => Promise.allSettled(pending) };
}

/** The acting person or key; services reached only behind `allow()` use this. */
export function actingPrincipal(ctx: ServiceContext): Exclude<Principal, { kind: "anonymous" }> {
  const a = ctx.actor;
  if (a.kind === "user" || a.kind === "key") return a;
  throw new Error(`this service needs a person or a key, not ${a.kind === "system" ? `the system (${a.reason})` : "an anonymous caller"}`);
}

/** The origin for links in mails: the request's, else an error (a system job must pass one on). */
export function originOf(ctx: ServiceContext): string {
  if (!ctx.origin) throw new Error("this service builds links and needs an origin");
  return ctx.origin;
}

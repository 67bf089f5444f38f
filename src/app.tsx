// Builds the Hono app: middleware, feature routers, error handler, OpenAPI document.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ApiDocsPage, type OpenApiDoc } from "../web/pages/api-docs";
import { renderErrorPage } from "../web/pages/error";
import { pageProps } from "../web/components/page-props";
import { requestId } from "hono/request-id";
import { importApi } from "./catalog/api/import.api";
import { offersApi } from "./catalog/api/offers.api";
import { versionsApi } from "./catalog/api/versions.api";
import { providersApi } from "./catalog/api/providers.api";
import { catalogPages } from "./catalog/catalog.pages";
import { catalogWrites } from "./catalog/directory-cache";
import { matchApi } from "./matching/api/match.api";
import { matchPages } from "./matching/match.pages";
import { savedPages } from "./matching/saved/saved.pages";
import { accountPages } from "./accounts/account.pages";
import { authRoutes } from "./accounts/auth.api";
import { confirmPages } from "./accounts/confirm.pages";
import { devMailbox } from "./mail/dev-mailbox.pages";
import { keyPages } from "./accounts/keys/keys.pages";
import { meApi } from "./accounts/orgs/orgs.api";
import { orgPages } from "./accounts/orgs/orgs.pages";
import { adminApi } from "./admin/admin.api";
import { adminPages } from "./admin/admin.pages";
import { manageApi } from "./catalog/manage/manage.api";
import { capacityApi } from "./transition/capacity/capacity.api";
import { assignApi } from "./transition/assign/assign.api";
import { proposalsApi } from "./transition/proposals/proposals.api";
import { proposalPages } from "./transition/proposals/proposals.pages";
import { managePages } from "./catalog/manage/manage.pages";
import { moderationPages } from "./catalog/moderation/moderation.pages";
import { createDb } from "./db/client";
import { outboxApi } from "./outbox/outbox.api";
import { outboxPages } from "./outbox/outbox.pages";
import { healthApi } from "./ops/health/health.api";
import { healthPages } from "./ops/health/health.pages";
import { controlApi } from "./transition/control/control.api";
import { dnsApi } from "./transition/control/dns.api";
import { controlPages } from "./transition/control/control.pages";
import { reminderPages } from "./transition/control/reminders.pages";
import { inventoryApi } from "./transition/inventory/inventory.api";
import { inventoryPages } from "./transition/inventory/inventory.pages";
import { migrationPages } from "./transition/migrations/migration.pages";
import { migrationsApi } from "./transition/migrations/migrations.api";
import "./transition/migrations/inbound";
import { webhookPages } from "./webhooks/webhooks.pages";
import { invoicesApi } from "./coop/invoices/invoices.api";
import { paymentsApi } from "./coop/payments/payments.api";
import { subscriptionsApi } from "./coop/subscriptions/subscriptions.api";
import { issuerApi } from "./coop/settings/issuer.api";
import { billingPages } from "./coop/billing.pages";
import { subscriptionPages } from "./coop/subscriptions/subscriptions.pages";
import { planPages } from "./coop/subscriptions/plan.pages";
import { checkoutApi } from "./coop/payments/checkout.api";
import { paymentPages } from "./coop/payments/payments.pages";
import { pledgesApi } from "./coop/pledges/pledges.api";
import { pledgePages } from "./coop/pledges/pledges.pages";
import { sharesApi } from "./coop/shares/shares.api";
import { sharesPages } from "./coop/shares/shares.pages";
import { shareHolderPages } from "./coop/shares/holders.pages";
import { inboundWebhooks } from "./webhooks/inbound/inbound.api";
import { webhooksApi } from "./webhooks/webhooks.api";
import { registerWebhookDocs } from "./webhooks/openapi";
import { settings, type AppEnv } from "./env";
import { requestContext } from "./lib/context";
import { errorHandlers } from "./lib/errors";
import { language } from "./lib/i18n";
import { MemoRouter } from "./lib/memo-router";
import { securityHeaders } from "./lib/security";

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ router: new MemoRouter() }); // each path's match, once (src/lib/memo-router.ts)

  app.use("*", requestId({ generator: () => crypto.randomUUID() }));
  app.use("*", securityHeaders);
  app.use("*", language);
  app.use("*", async (c, next) => {
    settings(c.env); // a misconfigured deploy fails here, loudly, on its first request
    c.set("db", createDb(c.env.DB));
    c.set("ctx", requestContext(c));
    await next();
  });
  app.use("*", catalogWrites); // the directory cache re-reads the catalogue's version after a write here

  app.get("/healthz", (c) => c.json({ ok: true }));
  app.route("/api/v1", providersApi);
  app.route("/api/v1", offersApi);
  app.route("/api/v1", versionsApi);
  app.route("/api/v1", importApi);
  app.route("/api/v1", matchApi);
  app.route("/api/v1", meApi);
  app.route("/api/v1", manageApi);
  app.route("/api/v1", adminApi);
  app.route("/api/v1", outboxApi);
  app.route("/api/v1", healthApi);
  app.route("/api/v1", inventoryApi);
  app.route("/api/v1", webhooksApi);
  app.route("/api/v1", migrationsApi);
  app.route("/api/v1", controlApi);
  app.route("/api/v1", dnsApi);
  app.route("/api/v1", capacityApi);
  app.route("/api/v1", assignApi);
  app.route("/api/v1", proposalsApi);
  app.route("/api/v1", invoicesApi);
  app.route("/api/v1", paymentsApi);
  app.route("/api/v1", subscriptionsApi);
  app.route("/api/v1", checkoutApi);
  app.route("/api/v1", issuerApi);
  app.route("/api/v1", pledgesApi);
  app.route("/api/v1", sharesApi);
  registerWebhookDocs(app.openAPIRegistry);
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "__Secure-chatiere.session_token",
    description: "A signed-in person's session (sign in at /sign-in)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key (`chk_…`), created by a provider organisation or a steward; its scopes are listed per operation",
  });
  const info = {
    title: "Chatière API",
    version: "1",
    description: "The hosting-broker marketplace for Cassiopea's members: providers, offers, imports and exports.",
  };
  app.doc31("/api/openapi.json", (c) => ({ openapi: "3.1.0", info, servers: [{ url: new URL(c.req.url).origin }] }));
  // Access: public. The reference page is rendered from the same document the JSON serves.
  app.get("/api/docs", (c) => {
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info }) as OpenApiDoc;
    return c.html(<ApiDocsPage {...pageProps(c)} doc={doc} />);
  });
  app.route("/", inboundWebhooks);
  app.route("/", sharesPages);
  app.route("/", shareHolderPages);
  app.route("/", catalogPages);
  app.route("/", matchPages);
  app.route("/", authRoutes);
  app.route("/", confirmPages);
  app.route("/", accountPages);
  app.route("/", orgPages);
  app.route("/", savedPages);
  app.route("/", managePages);
  app.route("/", moderationPages);
  app.route("/", keyPages);
  app.route("/", adminPages);
  app.route("/", outboxPages);
  app.route("/", healthPages);
  app.route("/", inventoryPages);
  app.route("/", webhookPages);
  app.route("/", migrationPages);
  app.route("/", controlPages);
  app.route("/", reminderPages);
  app.route("/", proposalPages);
  // Before billingPages: /orgs/:orgId/billing/ledger is not an invoice id.
  app.route("/", paymentPages);
  app.route("/", billingPages);
  app.route("/", subscriptionPages);
  app.route("/", planPages);
  app.route("/", pledgePages);
  app.route("/", devMailbox);

  const { onError, onNotFound } = errorHandlers(renderErrorPage);
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}

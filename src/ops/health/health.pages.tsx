// /admin/health: the health report (src/ops/health/incidents.ts) as a page, measured on each request.
// /healthz stays the public liveness probe in app.tsx.
import { Hono } from "hono";
import { pageProps } from "../../../web/components/page-props";
import { HealthPage } from "../../../web/pages/admin/health";
import { allow } from "../../accounts/guard";
import type { AppEnv } from "../../env";
import { healthReport } from "./incidents";

export const healthPages = new Hono<AppEnv>();

// Access: stewards (health.read), signed in.
healthPages.get("/admin/health", allow("health.read"), async (c) => c.html(<HealthPage {...pageProps(c)} report={await healthReport(c.env, new Date())} />));

// /transition: the control room page (stewards), and its CSV (`?format=csv`, the same file as the API's).
import { Hono } from "hono";
import { pageProps } from "../../../web/components/page-props";
import { ControlPage } from "../../../web/pages/transition/control";
import { allow } from "../../accounts/guard";
import type { AppEnv } from "../../env";
import { validationError } from "../../lib/problem";
import { progressCsv } from "./figures";
import { controlHosts, controlProgress, controlQuerySchema, filtersOf } from "./service";

export const controlPages = new Hono<AppEnv>();

// Access: stewards (transition.progress), signed in.
controlPages.get("/transition", allow("transition.progress"), async (c) => {
  const parsed = controlQuerySchema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error);
  const ctx = c.var.ctx;
  const [progress, hosts] = await Promise.all([controlProgress(ctx, filtersOf(parsed.data)), controlHosts(ctx)]);
  if (parsed.data.format === "csv") return c.body(progressCsv(progress), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="transition-progress.csv"' });
  return c.html(<ControlPage {...pageProps(c)} progress={progress} hosts={hosts} />);
});

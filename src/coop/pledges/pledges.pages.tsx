// The cooperative's public pages: /coop (what it is, the viability meter, the pledge form), the
// confirmation page of a pledge's mail link, and /coop/viability/settings for coop_admins (targets,
// break-even model, opening). Every POST is same-origin only and answers 303 → GET with a notice; a
// wrong field comes back (400) next to that field with what was typed.
import { Hono, type Context } from "hono";
import { CoopPage, EMPTY_PLEDGE } from "../../../web/pages/coop/coop-home";
import { PledgeConfirmPage } from "../../../web/pages/coop/pledge-confirm";
import { ViabilitySettingsPage } from "../../../web/pages/coop/pledge-settings";
import { pageProps } from "../../../web/components/page-props";
import { translator } from "../../../web/i18n";
import { sameOriginForms } from "../../accounts/csrf";
import { allow } from "../../accounts/guard";
import type { AppEnv } from "../../env";
import { flashes } from "../../lib/flash";
import { settingsFormValues, readPledgeForm, readSettingsForm, type FormError, type PledgeFormValues } from "./form";
import { confirmPledge, createPledge, linkRefusal, openCooperative, openPledgeLink, pledgeRate, saveSettings, viabilityMeter } from "./service";

export const pledgePages = new Hono<AppEnv>();
pledgePages.use("/coop/*", sameOriginForms);
pledgePages.use("/coop", sameOriginForms);

type C = Context<AppEnv>;
const flash = flashes("coop.notice", ["pledged", "confirmed", "saved", "opened"]);
const manage = allow("pledges.manage");

async function coopPage(c: C, values: PledgeFormValues, errors: FormError[], status: 200 | 400 | 429 = 200, problem?: string) {
  const meter = await viabilityMeter(c.var.ctx);
  return c.html(<CoopPage {...pageProps(c)} meter={meter} values={values} errors={errors} notice={status === 200 ? flash.read(c) : undefined} problem={problem} />, status);
}

// Access: public. The meter is read on each request: it changes as pledges are confirmed.
pledgePages.get("/coop", (c) => coopPage(c, EMPTY_PLEDGE, []));

// Access: public (rate limited as the API is). A pledge from the form, through the same service as POST /api/v1/pledges.
pledgePages.post("/coop/pledges", async (c) => {
  const form = readPledgeForm(await c.req.parseBody({ all: true }));
  if (!form.ok) return coopPage(c, form.values, form.errors, 400);
  const decision = await pledgeRate(c.var.ctx, form.input.email);
  if (!decision.ok) {
    c.header("Retry-After", String(decision.retryAfterSeconds));
    return coopPage(c, form.values, [], 429, translator(c.get("lang") ?? "fr")("coop.error.rate_limited", { minutes: Math.ceil(decision.retryAfterSeconds / 60) }));
  }
  await createPledge(c.var.ctx, form.input);
  return c.redirect(flash.to("/coop", "pledged"), 303);
});

// Access: public; the link's secret is the key. A confirmation button, never a GET that confirms.
pledgePages.get("/coop/pledges/confirm/:token", async (c) => {
  c.header("Cache-Control", "no-store"); // the URL holds a live token
  c.header("Referrer-Policy", "no-referrer");
  const token = c.req.param("token");
  const { pledge, state } = await openPledgeLink(c.var.ctx, token);
  if (state !== "pending") throw linkRefusal(state);
  return c.html(<PledgeConfirmPage {...pageProps(c)} pledge={pledge} action={`/coop/pledges/confirm/${encodeURIComponent(token)}`} />);
});

// Access: public; the link's secret is the key. Confirms once.
pledgePages.post("/coop/pledges/confirm/:token", async (c) => {
  c.header("Cache-Control", "no-store");
  await confirmPledge(c.var.ctx, c.req.param("token"));
  return c.redirect(flash.to("/coop", "confirmed"), 303);
});

async function settingsPage(c: C, form?: { values: ReturnType<typeof settingsFormValues>; errors: FormError[] }) {
  const meter = await viabilityMeter(c.var.ctx);
  const values = form?.values ?? settingsFormValues(meter.settings);
  return c.html(
    <ViabilitySettingsPage {...pageProps(c)} values={values} errors={form?.errors ?? []} notice={form ? undefined : flash.read(c)} targetMonthlyCents={meter.targetMonthlyCents} openedAt={meter.settings.openedAt} />,
    form ? 400 : 200,
  );
}

// Access: coop_admin (pledges.manage).
pledgePages.get("/coop/viability/settings", manage, (c) => settingsPage(c));

// Access: coop_admin (pledges.manage). Saves the targets (audited); a wrong field: 400 with the form again.
pledgePages.post("/coop/viability/settings", manage, async (c) => {
  const form = readSettingsForm(await c.req.parseBody());
  if (!form.ok) return settingsPage(c, form);
  await saveSettings(c.var.ctx, form.input);
  return c.redirect(flash.to("/coop/viability/settings", "saved"), 303);
});

// Access: coop_admin (pledges.manage). Opens the cooperative and invites each confirmed pledger once.
pledgePages.post("/coop/open", manage, async (c) => {
  await openCooperative(c.var.ctx);
  return c.redirect(flash.to("/coop/viability/settings", "opened"), 303);
});

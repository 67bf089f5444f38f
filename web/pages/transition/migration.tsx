// /orgs/:orgId/migration: a member organisation's move, service by service — host, state, date,
// checklist, history — with the days left, "n of m services moved" and its chart; the forms of the
// moves the viewer may make. /orgs/:orgId/migration/plan: assign each inventory service to an offer
// that can take it (from a shortlisted bundle, a host, or the whole catalogue), then send the requests.
import type { OrganisationRow } from "../../../src/db/schema";
import { progress, scheduledAfterDeadline, type ItemState } from "../../../src/transition/states";
import { ErrorSummary, SelectField, TextArea, type Option } from "../../components/form";
import { daysLeft, formatDateTime, formatNumber, plural } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { itemLabel, ItemCard, type ItemFormError, type MigrationItemView } from "../../components/migration-item";
import { Notice } from "../../components/notice";
import { CapacityWarnings, type NamedCapacityWarning } from "../../components/capacity-warnings";
import { PageHeader } from "../../components/page-header";
import { ProgressChart } from "../../components/progress-chart";
import type { MessageKey } from "../../i18n";
import { serviceLabel, type InventoryService } from "../../../src/transition/inventory";
import { CoopPlansOfMigration, type CoopPlansProps } from "./coop-plans";

export interface MigrationSummary {
  id: string;
  createdAt: string;
  requestedAt: string | null;
  /** Items still planned: the "send the requests" button asks their hosts. */
  planned: number;
}

interface MigrationProps extends PageProps {
  org: OrganisationRow;
  migrations: MigrationSummary[];
  items: MigrationItemView[];
  /** The viewer acts on the items (member owners/admins, stewards); false: read only. */
  canAct: boolean;
  /** The viewer may make a plan (owners/admins, stewards). */
  canPlan: boolean;
  reassign: Record<string, Option[]>;
  /** A steward acts: every move, the requests included, carries a reason. */
  withReason?: boolean;
  notice?: MessageKey | undefined;
  error?: ItemFormError | undefined;
  /** The cooperative's plans among the items, to subscribe to. */
  coopPlans?: CoopPlansProps | undefined;
  /** Hosts of these items planned beyond their declared capacity. */
  capacityWarnings?: readonly NamedCapacityWarning[];
}

const orgBase = (org: OrganisationRow) => `/orgs/${encodeURIComponent(org.id)}`;

/** Days left to the deadline, and the deadline warning when any planned date falls after it. */
function DeadlineFacts(props: PageProps & { items: MigrationItemView[] }) {
  const { t, lang, deadline } = props;
  if (!deadline || Number.isNaN(Date.parse(deadline))) return null;
  const left = daysLeft(deadline, props.now ?? new Date());
  const late = props.items.filter((i) => i.scheduled_for && i.state !== "cancelled" && scheduledAfterDeadline(i.scheduled_for, deadline));
  return (
    <>
      <p class="migration-deadline">
        {t("transition.migration.deadline", { date: formatDateTime(deadline, lang) })} <strong class="days-left">{left > 0 ? plural(t, lang, "deadline.days", left) : t("deadline.passed")}</strong>
      </p>
      {late.length ? <Notice tone="error" text={t("transition.migration.late", { services: late.map((i) => itemLabel(t, i)).join(", ") })} /> : null}
    </>
  );
}

export function MigrationPage(props: MigrationProps) {
  const { t, lang, org, items } = props;
  const title = t("transition.migration.title", { org: org.name });
  const base = `${orgBase(org)}/migration`;
  const states: ItemState[] = items.map((i) => i.state);
  const { moved, total } = progress(states);
  const live = items.filter((i) => i.state !== "cancelled");
  const cancelled = items.filter((i) => i.state === "cancelled");
  const toRequest = props.migrations.filter((m) => m.planned > 0);
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: orgBase(org), label: org.name }]} lead={t("transition.migration.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <DeadlineFacts {...props} items={items} />
      <CapacityWarnings t={t} lang={lang} warnings={props.capacityWarnings ?? []} />
      {items.length ? <ProgressChart t={t} lang={lang} states={states} id="migration-progress" /> : null}
      <ul class="actions">
        <li>
          <a href={`${orgBase(org)}/inventory`}>{t("transition.inventory.overview_link")}</a>
        </li>
        {props.canPlan ? (
          <li>
            <a href={`${base}/plan`}>{t("transition.migration.plan_link")}</a>
          </li>
        ) : null}
      </ul>

      {props.canPlan && props.canAct
        ? toRequest.map((m) => (
            <form method="post" action={`${base}/${encodeURIComponent(m.id)}/request`} class="request-form" data-migration={m.id}>
              <p>{plural(t, lang, "transition.migration.to_request", m.planned)}</p>
              {props.withReason ? <TextArea id={`request-note-${m.id}`} name="note" label={t("transition.move.field.note")} required rows={2} maxlength={2000} /> : null}
              <button type="submit">{t("transition.migration.send_requests")}</button>
            </form>
          ))
        : null}

      {props.coopPlans ? <CoopPlansOfMigration t={t} lang={lang} {...props.coopPlans} /> : null}
      {items.length === 0 ? <p class="empty">{t("transition.migration.empty")}</p> : null}
      {live.length ? (
        <section aria-labelledby="items-title">
          <h2 id="items-title">{t("transition.migration.items_title", { moved: formatNumber(moved, lang), total: formatNumber(total, lang) })}</h2>
          <ol class="migration-items">
            {live.map((item) => (
              <ItemCard t={t} lang={lang} item={item} canAct={props.canAct} base={base} deadline={props.deadline} reassign={props.reassign[item.id]} error={props.error} />
            ))}
          </ol>
        </section>
      ) : null}
      {cancelled.length ? (
        <section aria-labelledby="cancelled-title">
          <h2 id="cancelled-title">{t("transition.migration.cancelled_title")}</h2>
          <ol class="migration-items">
            {cancelled.map((item) => (
              <ItemCard t={t} lang={lang} item={item} canAct={false} base={base} deadline={props.deadline} />
            ))}
          </ol>
        </section>
      ) : null}
    </Layout>
  );
}

/** One inventory service of the plan form: the offers that can take it, and what was chosen. */
export interface PlanRow {
  inventoryId: string;
  service: InventoryService;
  choices: Option[];
  /** What a warning says about each offer (a smaller quota), by offer id. */
  warnings: Record<string, string>;
  selected: string;
  error?: string | undefined;
  /** Already in a live move: not planned again here. */
  busy?: { state: ItemState; host: string } | undefined;
}

interface PlanProps extends PageProps {
  org: OrganisationRow;
  rows: PlanRow[];
  /** Where the choices come from: a shortlisted bundle, one host, or every published offer. */
  source: { kind: "shortlist" | "provider" | "catalogue"; label: string; field?: { name: string; value: string } };
  /** A problem with the whole form (nothing chosen). */
  formError?: string | undefined;
  /** A steward plans: sending the requests carries a reason. */
  withReason?: boolean;
}

const planLabel = (t: PageProps["t"], s: InventoryService) => itemLabel(t, { kind: s.kind, label: serviceLabel(s) });

export const planFieldId = (inventoryId: string) => `plan-${inventoryId}`;

export function PlanPage(props: PlanProps) {
  const { t, org, rows } = props;
  const title = t("transition.plan_page.title", { org: org.name });
  const base = `${orgBase(org)}/migration`;
  const open = rows.filter((r) => !r.busy);
  const busy = rows.filter((r) => r.busy);
  const summary = [
    ...(props.formError ? [{ label: t("transition.plan_page.form"), message: props.formError }] : []),
    ...rows.filter((r) => r.error).map((r) => ({ id: r.busy ? undefined : planFieldId(r.inventoryId), label: planLabel(t, r.service), message: r.error })),
  ];
  return (
    <Layout {...props} title={title}>
      <PageHeader
        title={title}
        crumbs={[
          { href: orgBase(org), label: org.name },
          { href: base, label: t("transition.migration.title", { org: org.name }) },
        ]}
        lead={t("transition.plan_page.lead")}
      />
      <p class="plan-source">{t(`transition.plan_page.source.${props.source.kind}`, { name: props.source.label })}</p>
      <ErrorSummary title={t("transition.inventory.error_summary")} items={summary} />
      {open.length === 0 ? (
        <p class="empty">
          {t("transition.plan_page.nothing")} <a href={`${orgBase(org)}/inventory`}>{t("transition.inventory.overview_link")}</a>
        </p>
      ) : (
        <form method="post" action={`${base}/plan`} novalidate class="plan-form">
          {props.source.field ? <input type="hidden" name={props.source.field.name} value={props.source.field.value} /> : null}
          {open.map((r) => {
            const warn = r.selected ? r.warnings[r.selected] : undefined;
            return (
              <div class="plan-row" data-inventory={r.inventoryId}>
                <SelectField
                  id={planFieldId(r.inventoryId)}
                  name={`offer.${r.inventoryId}`}
                  label={planLabel(t, r.service)}
                  hint={r.choices.length ? warn : t("transition.plan_page.no_offer")}
                  value={r.selected}
                  error={r.error}
                  options={[{ value: "", label: t("transition.plan_page.not_now") }, ...r.choices]}
                />
              </div>
            );
          })}
          {props.withReason ? <TextArea id="plan-note" name="note" label={t("transition.move.field.note")} rows={2} maxlength={2000} /> : null}
          <p class="hint">{t("transition.plan_page.submit_hint")}</p>
          <button type="submit" name="send" value="1">
            {t("transition.migration.send_requests")}
          </button>{" "}
          <button type="submit" name="send" value="0" class="button-secondary">
            {t("transition.plan_page.save_only")}
          </button>
        </form>
      )}
      {busy.length ? (
        <section aria-labelledby="busy-title">
          <h2 id="busy-title">{t("transition.plan_page.busy_title")}</h2>
          <ul>
            {busy.map((r) => (
              <li>
                {planLabel(t, r.service)} — {r.busy!.host} ({t(`transition.state.${r.busy!.state}`)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

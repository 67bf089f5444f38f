// /orgs/:orgId/migrations: the requests a provider organisation receives — each member's services
// to take in, with accept / decline (a reason) / schedule (a date) / state updates (copying,
// cutover, blocked with a reason, failed) and the steps of each checklist the provider ticks.
import type { OrganisationRow } from "../../../src/db/schema";
import { scheduledAfterDeadline, type ItemState } from "../../../src/transition/states";
import { plural } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { itemLabel, ItemCard, type ItemFormError, type MigrationItemView } from "../../components/migration-item";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { ProgressChart } from "../../components/progress-chart";
import type { MessageKey } from "../../i18n";

interface Props extends PageProps {
  org: OrganisationRow;
  items: MigrationItemView[];
  /** Owners and admins act; other members of the provider organisation read. */
  canAct: boolean;
  notice?: MessageKey | undefined;
  error?: ItemFormError | undefined;
}

/** Still to act on first, then what is under way, then what is over. */
const ORDER: readonly ItemState[] = ["requested", "blocked", "failed", "accepted", "scheduled", "copying", "cutover", "verified", "done", "declined", "cancelled", "planned"];
const OVER: ReadonlySet<ItemState> = new Set(["done", "declined", "cancelled"]);

export function IncomingPage(props: Props) {
  const { t, lang, org } = props;
  const title = t("transition.incoming.title", { org: org.name });
  const base = `/orgs/${encodeURIComponent(org.id)}/migrations`;
  const sorted = [...props.items].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state));
  const open = sorted.filter((i) => !OVER.has(i.state));
  const over = sorted.filter((i) => OVER.has(i.state));
  const waiting = open.filter((i) => i.state === "requested").length;
  const late = open.filter((i) => i.scheduled_for && props.deadline && scheduledAfterDeadline(i.scheduled_for, props.deadline));
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name }]} lead={t("transition.incoming.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      {props.items.length === 0 ? <p class="empty">{t("transition.incoming.empty")}</p> : null}
      {waiting ? <p class="incoming-waiting">{plural(t, lang, "transition.incoming.waiting", waiting)}</p> : null}
      {late.length ? <Notice tone="error" text={t("transition.migration.late", { services: late.map((i) => itemLabel(t, i)).join(", ") })} /> : null}
      {props.items.length ? <ProgressChart t={t} lang={lang} states={props.items.map((i) => i.state)} id="incoming-progress" /> : null}
      {open.length ? (
        <section aria-labelledby="open-title">
          <h2 id="open-title">{t("transition.incoming.open_title")}</h2>
          <ol class="migration-items">
            {open.map((item) => (
              <ItemCard t={t} lang={lang} item={item} canAct={props.canAct} base={base} deadline={props.deadline} error={props.error} />
            ))}
          </ol>
        </section>
      ) : null}
      {over.length ? (
        <section aria-labelledby="over-title">
          <h2 id="over-title">{t("transition.incoming.over_title")}</h2>
          <ol class="migration-items">
            {over.map((item) => (
              <ItemCard t={t} lang={lang} item={item} canAct={false} base={base} deadline={props.deadline} />
            ))}
          </ol>
        </section>
      ) : null}
    </Layout>
  );
}

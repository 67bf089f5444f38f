// On a member's migration page: the cooperative's plans its items go to, each with "Subscribe to this
// plan" (the plan's page, its quantity the number of such items) or "Subscribed" when a subscription
// to it runs. Self-contained, so the migration page only places it.
import { planHref, type PlanLink } from "../../../src/coop/subscriptions/plan-links";
import { plural } from "../../components/format";
import type { Lang, T } from "../../i18n";

export interface CoopPlansProps {
  links: PlanLink[];
  /** The viewer may subscribe the organisation (its owners and admins, coop_admins). */
  canSubscribe: boolean;
  orgId: string;
}

export function CoopPlansOfMigration(props: CoopPlansProps & { t: T; lang: Lang }) {
  const { t, lang } = props;
  if (!props.links.length) return null;
  return (
    <section aria-labelledby="coop-plans-title" class="coop-plans">
      <h2 id="coop-plans-title">{t("plans.migration.title")}</h2>
      <ul>
        {props.links.map((l) => (
          <li data-plan={l.offerId}>
            {plural(t, lang, "plans.migration.items", l.items, { plan: l.offerName })}
            {" — "}
            {l.subscribed ? (
              <>
                <strong>{t("plans.migration.subscribed")}</strong>
                {props.canSubscribe ? (
                  <>
                    {" · "}
                    <a href={`/orgs/${encodeURIComponent(props.orgId)}/subscriptions`}>{t("plans.migration.subscribed_link")}</a>
                  </>
                ) : null}
              </>
            ) : props.canSubscribe ? (
              <a href={planHref(l.offerId, l.items, props.orgId)}>
                {t("plans.migration.subscribe")}
                <span class="visually-hidden"> ({l.offerName})</span>
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

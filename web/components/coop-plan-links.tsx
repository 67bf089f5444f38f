// On the cooperative's own provider page: its offers are its plans, each with a link to the plan's
// page where a member organisation subscribes (a form cannot sit inside the compare form above).
import { planHref } from "../../src/coop/subscriptions/plan-links";
import type { T } from "../i18n";

export function CoopPlanLinks(props: { t: T; plans: readonly { id: string; name: string }[] }) {
  const { t } = props;
  if (!props.plans.length) return null;
  return (
    <section aria-labelledby="coop-plans-title" class="coop-plans">
      <h2 id="coop-plans-title">{t("plans.provider.title")}</h2>
      <p>{t("plans.provider.lead")}</p>
      <ul>
        {props.plans.map((p) => (
          <li>
            <a href={planHref(p.id)}>{t("plans.link_label", { plan: p.name })}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

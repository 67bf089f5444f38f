// Links to a cooperative plan's page, where a member organisation subscribes: on the cooperative's own
// provider page (a form cannot sit inside its compare form) and on the match results.
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

/** A bundle item that is a cooperative plan: subscribe with the quantity its needs ask for. */
export function SubscribeLink(props: { t: T; offerId: string; name: string; quantity?: number | undefined }) {
  return (
    <>
      {" "}
      <a href={planHref(props.offerId, props.quantity)} class="subscribe-link">
        {props.t("plans.link")}
        <span class="visually-hidden"> ({props.name})</span>
      </a>
    </>
  );
}

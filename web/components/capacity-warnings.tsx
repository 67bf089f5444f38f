// Hosts a member's plan puts beyond their declared capacity: a warning on the member's migration
// page (its people and stewards see the same page): units of a kind, or member migrations beyond the
// host's weekly pace to the deadline. The plan stands; this says who to talk to.
import type { CapacityWarning } from "../../src/transition/capacity/service";
import type { Lang, T } from "../i18n";
import { formatNumber } from "./format";

export type NamedCapacityWarning = CapacityWarning & { provider_name: string };

export function CapacityWarnings(props: { t: T; lang: Lang; warnings: readonly NamedCapacityWarning[] }) {
  const { t, lang } = props;
  if (props.warnings.length === 0) return null;
  return (
    <section class="notice notice-error capacity-warnings" aria-labelledby="capacity-warnings-title" role="status">
      <h2 id="capacity-warnings-title">{t("capacity.warning.title")}</h2>
      <p>{t("capacity.warning.lead")}</p>
      <ul>
        {props.warnings.map((w) => (
          <li data-host={w.provider_id} data-kind={w.kind}>
            <a href={`/providers/${encodeURIComponent(w.provider_id)}#capacity`}>
              {w.kind === "migrations"
                ? t("capacity.warning.migrations_line", { provider: w.provider_name, planned: formatNumber(w.planned, lang), limit: formatNumber(w.limit, lang) })
                : t("capacity.warning.line", { provider: w.provider_name, kind: t(`transition.kind.${w.kind}`), planned: formatNumber(w.planned, lang), limit: formatNumber(w.limit, lang) })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The transition deadline in Brussels time, with the days left: on every page and on the home page.
import type { Lang, T } from "../i18n";
import { daysLeft, formatDateTime, plural } from "./format";

export function Deadline(props: { lang: Lang; t: T; deadline: string; now?: Date | undefined; class?: string }) {
  const { lang, t, deadline } = props;
  if (Number.isNaN(Date.parse(deadline))) return null;
  const left = daysLeft(deadline, props.now ?? new Date());
  return (
    <p class={props.class ?? "deadline"}>
      <span class="deadline-label">{t("deadline.label")}</span>{" "}
      <time datetime={deadline}>{formatDateTime(deadline, lang)}</time> ({t("deadline.time_zone")}) —{" "}
      <strong class="days-left">{left > 0 ? plural(t, lang, "deadline.days", left) : t("deadline.passed")}</strong>
    </p>
  );
}

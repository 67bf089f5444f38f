// Small inline markers: CHATONS membership, fictional demo data, a full offer.
import type { T } from "../i18n";

export function ChatonsBadge(props: { t: T }) {
  return <span class="badge badge-chatons">{props.t("badge.chatons")}</span>;
}

export function DemoBadge(props: { t: T }) {
  return <span class="badge badge-demo">{props.t("badge.demo")}</span>;
}

export function FullBadge(props: { t: T }) {
  return <span class="badge badge-full">{props.t("load.FULL")}</span>;
}

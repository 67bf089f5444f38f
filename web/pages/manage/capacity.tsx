// /orgs/:orgId/provider/capacity: a provider's capacity for the transition, one number per service
// kind (empty = unlimited) and migrations per week. One plain form (no script; text inputs, so a
// wrong value stays visible next to its message); errors next to
// each field and in the summary, in the visitor's language, naming the field.
import type { FieldError } from "../../../src/lib/problem";
import { CAPACITY_FIELDS, unitsField } from "../../../src/transition/capacity/form";
import { INVENTORY_KINDS, type InventoryKind } from "../../../src/transition/inventory";
import { TextField } from "../../components/form";
import { formatNumber } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import type { MessageKey } from "../../i18n";
import { formField, ManageErrorSummary } from "./provider";

/** Each field's label, in the order the fields stand in the form. */
export const CAPACITY_LABELS: Record<string, MessageKey> = Object.fromEntries(
  CAPACITY_FIELDS.map((f) => [f, f === "migrations_per_week" ? "capacity.field.per_week" : (`transition.kind.${f.slice("units_".length)}` as MessageKey)]),
);

export interface CapacityPageProps extends PageProps {
  org: { id: string; name: string };
  provider: { id: string; name: string };
  values: Record<string, string>;
  errors: FieldError[];
  planned: Partial<Record<InventoryKind, number>>;
  notice?: MessageKey | undefined;
}

export function CapacityPage(props: CapacityPageProps) {
  const { t, lang, org } = props;
  const title = t("capacity.title", { org: org.name });
  const base = `/orgs/${encodeURIComponent(org.id)}`;
  const f = formField(t, props.values, props.errors, CAPACITY_LABELS);
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: base, label: org.name }, { href: `${base}/provider`, label: props.provider.name }]} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <ManageErrorSummary t={t} errors={props.errors} labels={CAPACITY_LABELS} />
      <p class="lead">{t("capacity.lead")}</p>
      <form method="post" action={`${base}/provider/capacity`} novalidate>
        <fieldset>
          <legend>{t("capacity.units.legend")}</legend>
          {INVENTORY_KINDS.map((kind) => (
            <TextField
              {...f(unitsField(kind))}
              inputmode="numeric"
              label={t(`transition.kind.${kind}`)}
              hint={t("capacity.units.hint", { planned: formatNumber(props.planned[kind] ?? 0, lang) })}
            />
          ))}
        </fieldset>
        <TextField {...f("migrations_per_week")} inputmode="numeric" label={t("capacity.field.per_week")} hint={t("capacity.hint.per_week")} />
        <p class="actions">
          <button type="submit">{t("capacity.save")}</button>
        </p>
      </form>
    </Layout>
  );
}

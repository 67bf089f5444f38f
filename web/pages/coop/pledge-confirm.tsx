// The page a pledge's mail link opens: the pledge as it was made, and one button that confirms it.
// A button, not the link itself: mail scanners that follow links confirm nothing.
import type { PledgeRow } from "../../../src/db/schema";
import { formatList, formatMoney } from "../../components/format";
import { serviceLabel } from "../../components/labels";
import { Layout, type PageProps } from "../../components/layout";
import { PageHeader } from "../../components/page-header";

export function PledgeConfirmPage(props: PageProps & { pledge: PledgeRow; action: string }) {
  const { t, lang, pledge } = props;
  const services = pledge.services.map((s) => `${serviceLabel(t, s.service)} × ${s.quantity}`);
  return (
    <Layout {...props} title={t("coop.confirm.title")}>
      <PageHeader title={t("coop.confirm.title")} crumbs={[{ href: "/coop", label: t("coop.title") }]} lead={t("coop.confirm.lead")} />
      <dl class="pledge-summary">
        <dt>{t("coop.field.name")}</dt>
        <dd>{pledge.name}</dd>
        {pledge.organisation ? (
          <>
            <dt>{t("coop.field.organisation")}</dt>
            <dd>{pledge.organisation}</dd>
          </>
        ) : null}
        <dt>{t("coop.confirm.roles")}</dt>
        <dd>{formatList(pledge.roles.map((r) => t(`coop.role.${r}`)), lang)}</dd>
        <dt>{t("coop.confirm.services")}</dt>
        <dd>{services.length ? formatList(services, lang) : t("coop.confirm.none")}</dd>
        {pledge.monthlyCents ? (
          <>
            <dt>{t("coop.field.monthly")}</dt>
            <dd>{formatMoney(pledge.monthlyCents, lang)}</dd>
          </>
        ) : null}
        {pledge.capitalCents ? (
          <>
            <dt>{t("coop.field.capital")}</dt>
            <dd>{formatMoney(pledge.capitalCents, lang)}</dd>
          </>
        ) : null}
        {pledge.skills ? (
          <>
            <dt>{t("coop.field.skills")}</dt>
            <dd>{pledge.skills}</dd>
          </>
        ) : null}
      </dl>
      <form method="post" action={props.action}>
        <button type="submit">{t("coop.confirm.button")}</button>
      </form>
    </Layout>
  );
}

// /account/organisations: the organisations one belongs to, with one's role, and a form to create one.
import type { OrgKind } from "../../../src/accounts/policy";
import type { MyOrg } from "../../../src/accounts/orgs/repository";
import { Layout, type PageProps } from "../../components/layout";
import type { MessageKey } from "../../i18n";
import { ErrorSummary, RadioGroup, TextField } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { kindName, roleName } from "./names";
import { TableHead } from "../../components/table";

export type CreateOrgError = "name_required" | "name_too_long" | "name_control" | "kind";

interface Props extends PageProps {
  orgs: MyOrg[];
  kinds: OrgKind[];
  form?: { name: string; kind: string };
  errors?: { name?: CreateOrgError; kind?: CreateOrgError };
  notice?: MessageKey;
}

export function MyOrganisationsPage(props: Props) {
  const { t } = props;
  const title = t("orgs.mine.title");
  const errors = props.errors ?? {};
  const summary = [
    ...(errors.name ? [{ id: "org-name", label: t("orgs.create.name") }] : []),
    ...(errors.kind ? [{ id: `org-kind-${props.kinds[0]}`, label: t("orgs.create.kind") }] : []),
  ];
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/account", label: t("account.title") }]} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      {props.orgs.length === 0 ? (
        <p class="empty">{t("orgs.mine.none")}</p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table class="orgs">
            <caption>{t("orgs.mine.caption")}</caption>
            <TableHead cols={[t("orgs.col.name"), t("orgs.col.kind"), t("orgs.col.my_role")]} />
            <tbody>
              {props.orgs.map((o) => (
                <tr data-org={o.id}>
                  <th scope="row">
                    <a href={`/orgs/${encodeURIComponent(o.id)}`}>{o.name}</a>
                  </th>
                  <td>{kindName(t, o.kind)}</td>
                  <td>{roleName(t, o.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="create">{t("orgs.create.title")}</h2>
      <p>{t("orgs.create.lead")}</p>
      <ErrorSummary title={t("orgs.form.error_summary")} items={summary} />
      <form method="post" action="/account/organisations" class="org-create-form">
        <TextField id="org-name" name="name" label={t("orgs.create.name")} value={props.form?.name} required maxlength={120} error={errors.name ? t(`orgs.create.error.${errors.name}`) : undefined} />
        <RadioGroup
          id="org-kind"
          name="kind"
          legend={t("orgs.create.kind")}
          required
          value={props.form?.kind ?? "member"}
          error={errors.kind ? t("orgs.create.error.kind") : undefined}
          options={props.kinds.map((k) => ({ value: k, label: kindName(t, k), hint: t(`orgs.kind.${k}_hint`) }))}
        />
        <button type="submit">{t("orgs.create.submit")}</button>
      </form>
    </Layout>
  );
}

// /admin/organisations: every organisation for stewards and the cooperative's administrators —
// kind, name, members, company number — filtered by kind, a page at a time.
import type { OrgKind } from "../../../src/accounts/policy";
import type { OrgListRow } from "../../../src/accounts/orgs/repository";
import { formatNumber } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { SelectField } from "../../components/form";
import { PageHeader } from "../../components/page-header";
import { kindName } from "./names";
import { TableHead } from "../../components/table";

const KINDS: OrgKind[] = ["member", "provider", "cooperative"];

export function AdminOrganisationsPage(props: PageProps & { rows: OrgListRow[]; kind?: OrgKind; next: string | null }) {
  const { t, lang } = props;
  const title = t("orgs.admin.title");
  const nextUrl = props.next ? `/admin/organisations?${new URLSearchParams({ ...(props.kind ? { kind: props.kind } : {}), cursor: props.next })}` : null;
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} />
      <form method="get" action="/admin/organisations" class="filters">
        <SelectField id="kind" label={t("orgs.col.kind")} value={props.kind ?? ""} options={[{ value: "", label: t("orgs.admin.all_kinds") }, ...KINDS.map((k) => ({ value: k, label: kindName(t, k) }))]} />
        <button type="submit">{t("orgs.admin.filter")}</button>
      </form>
      {props.rows.length === 0 ? (
        <p class="empty">{t("orgs.admin.none")}</p>
      ) : (
        <div class="table-scroll" tabindex={0}>
          <table class="orgs">
            <caption>{t("orgs.admin.caption")}</caption>
            <TableHead cols={[t("orgs.col.name"), t("orgs.col.kind"), t("orgs.col.members"), t("orgs.profile.company_number")]} />
            <tbody>
              {props.rows.map((o) => (
                <tr data-org={o.id}>
                  <th scope="row">
                    <a href={`/orgs/${encodeURIComponent(o.id)}`}>{o.name}</a>
                  </th>
                  <td>{kindName(t, o.kind)}</td>
                  <td>{formatNumber(o.members, lang)}</td>
                  <td>{o.companyNumber ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextUrl ? (
        <nav class="pagination" aria-label={t("orgs.admin.pages")}>
          <ul>
            <li>
              <a href={nextUrl} rel="next">
                {t("orgs.admin.next")}
              </a>
            </li>
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

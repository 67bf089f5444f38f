// /admin/people: find a person by address, see their roles, organisations and last sign-in, grant
// or revoke steward and coop_admin. Plain forms; each POST answers 303 back here with a notice.
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import type { MessageKey } from "../../i18n";
import { PLATFORM_ROLES, type OrgRole, type PlatformRole } from "../../../src/db/schema";
import type { GrantField } from "../../../src/admin/people.forms";
import type { PersonView } from "../../../src/admin/people.repository";
import { ROLE_LABEL } from "./dashboard";
import { TableHead } from "../../components/table";
import { ErrorSummary, PostButton, RadioGroup, TextField } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";

export type PeopleNotice = { kind: "granted" | "already" | "revoked"; email: string; role: PlatformRole };

const NOTICE: Record<PeopleNotice["kind"], MessageKey> = { granted: "people.granted", already: "people.already", revoked: "people.revoked" };
const ORG_ROLE: Record<OrgRole, MessageKey> = { owner: "people.org_owner", admin: "people.org_admin", member: "people.org_member" };
const GRANT_ERROR: Record<GrantField, MessageKey> = { email: "people.email_invalid", role: "people.role_invalid" };

interface Props extends PageProps {
  q?: string;
  people?: PersonView[];
  notice?: PeopleNotice;
  /** The steward looking: their own row says so. */
  selfId: string;
  grant?: { email: string; role: string };
  grantErrors?: GrantField[];
}

export function PeoplePage(props: Props) {
  const { t, lang } = props;
  const title = t("people.title");
  const errors = props.grantErrors ?? [];
  const grant = props.grant ?? { email: props.q && props.people && !props.people.length && props.q.includes("@") ? props.q : "", role: "steward" };
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/admin", label: t("admin.title") }]} lead={t("people.lead")} />
      <Notice text={props.notice ? t(NOTICE[props.notice.kind], { email: props.notice.email, role: t(ROLE_LABEL[props.notice.role]) }) : undefined} />
      <form method="get" action="/admin/people" class="inline-form" role="search">
        <TextField id="q" type="search" label={t("people.search")} value={props.q ?? ""} maxlength={254} required />
        <button type="submit">{t("people.search_submit")}</button>
      </form>
      {props.people ? (
        <section aria-labelledby="results">
          <h2 id="results">{t("people.results", { q: props.q ?? "" })}</h2>
          {props.people.length ? (
            <div class="table-scroll" tabindex={0}>
              <table class="people">
                <caption>{t("people.caption")}</caption>
                <TableHead cols={[t("people.col_email"), t("people.col_roles"), t("people.col_orgs"), t("people.col_last_sign_in")]} />
                <tbody>
                  {props.people.map((p) => (
                    <tr data-person={p.id}>
                      <th scope="row">
                        {p.email}
                        {p.emailVerified ? null : <span class="hint"> ({t("people.unverified")})</span>}
                        {p.id === props.selfId ? <strong class="badge"> {t("people.you")}</strong> : null}
                      </th>
                      <td>
                        {p.roles.length ? (
                          <ul>
                            {p.roles.map((role) => (
                              <li>
                                {t(ROLE_LABEL[role])}{" "}
                                <PostButton
                                  action="/admin/people/revoke"
                                  fields={{ user_id: p.id, role }}
                                  text={t("people.revoke")}
                                  label={t("people.revoke_label", { role: t(ROLE_LABEL[role]), email: p.email })}
                                  secondary
                                />
                              </li>
                            ))}
                          </ul>
                        ) : (
                          t("people.no_roles")
                        )}
                      </td>
                      <td>
                        {p.orgs.length ? (
                          <ul>
                            {p.orgs.map((o) => (
                              <li>
                                {o.name} ({t(ORG_ROLE[o.role])}) <code>{o.id}</code>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          t("people.no_orgs")
                        )}
                      </td>
                      <td>{p.lastSignIn ? formatDateTime(p.lastSignIn, lang) : t("people.never_signed_in")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="empty">{t("people.none", { q: props.q ?? "" })}</p>
          )}
        </section>
      ) : null}

      <h2 id="grant">{t("people.grant_heading")}</h2>
      <p>{t("people.grant_lead")}</p>
      <ErrorSummary
        title={t("people.error_summary")}
        items={(["email", "role"] as const).filter((f) => errors.includes(f)).map((f) => ({ id: f === "email" ? "grant-email" : `grant-role-${PLATFORM_ROLES[0]}`, label: t(f === "email" ? "people.email" : "people.role") }))}
      />
      <form method="post" action="/admin/people/grant">
        <TextField id="grant-email" name="email" type="email" label={t("people.email")} value={grant.email} maxlength={254} required error={errors.includes("email") ? t(GRANT_ERROR.email) : undefined} />
        <RadioGroup
          id="grant-role"
          name="role"
          legend={t("people.role")}
          value={grant.role}
          error={errors.includes("role") ? t(GRANT_ERROR.role) : undefined}
          options={PLATFORM_ROLES.map((role) => ({ value: role, label: t(ROLE_LABEL[role]) }))}
        />
        <button type="submit">{t("people.grant_submit")}</button>
      </form>
    </Layout>
  );
}

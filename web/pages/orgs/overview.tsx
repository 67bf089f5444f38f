// /orgs/:orgId: the organisation's space — profile summary, members with their roles, pending
// invitations and the invite form (owners and admins), leave, and the data export.
import type { MemberView } from "../../../src/accounts/orgs/repository";
import type { OrganisationRow, OrgRole } from "../../../src/db/schema";
import { countryName, formatDateTime, languageName } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import type { Lang, MessageKey } from "../../i18n";
import { ErrorSummary, PostButton, SelectField, TextField } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { kindName, ROLES, roleName } from "./names";
import { TableHead } from "../../components/table";

export interface InvitationView {
  id: string;
  email: string;
  role: OrgRole;
  expiresAt: string;
}

export type InviteError = "email" | "role" | "language" | "already_member";

interface Props extends PageProps {
  org: OrganisationRow;
  members: MemberView[];
  /** Shown to owners and admins only. */
  invitations: InvitationView[] | null;
  viewerId: string;
  /** The viewer's own role, when a member (stewards may look without being one). */
  myRole?: OrgRole;
  canManage: boolean;
  canOwn: boolean;
  /** Owners, admins and stewards manage the organisation's webhooks (provider and member organisations). */
  canWebhooks?: boolean;
  notice?: MessageKey;
  noticeParams?: Record<string, string>;
  invite?: { email: string; role: string; language: string; errors: Partial<Record<"email" | "role" | "language", InviteError>> };
}

const LANGS: Lang[] = ["fr", "nl", "en"];

export function OrgOverviewPage(props: Props) {
  const { t, lang, org } = props;
  const base = `/orgs/${encodeURIComponent(org.id)}`;
  const roleOptions = (props.canOwn ? ROLES : ROLES.filter((r) => r !== "owner")).map((r) => ({ value: r, label: roleName(t, r) }));
  const invite = props.invite;
  const inviteErrors = invite?.errors ?? {};
  const address = [org.street, [org.postcode, org.city].filter(Boolean).join(" "), org.countryCode ? countryName(org.countryCode, lang) : null].filter(Boolean).join(", ");
  return (
    <Layout {...props} title={org.name}>
      <PageHeader title={org.name} crumbs={[{ href: "/account/organisations", label: t("orgs.mine.title") }]} />
      <Notice text={props.notice ? t(props.notice, props.noticeParams) : undefined} />
      <dl class="facts">
        <div>
          <dt>{t("orgs.col.kind")}</dt>
          <dd>{kindName(t, org.kind)}</dd>
        </div>
        {props.myRole ? (
          <div>
            <dt>{t("orgs.col.my_role")}</dt>
            <dd>{roleName(t, props.myRole)}</dd>
          </div>
        ) : null}
      </dl>

      <h2>{t("orgs.profile.title")}</h2>
      <dl class="facts">
        <div>
          <dt>{t("orgs.profile.legal_name")}</dt>
          <dd>{org.legalName ?? t("orgs.profile.unset")}</dd>
        </div>
        <div>
          <dt>{t("orgs.profile.company_number")}</dt>
          <dd>{org.companyNumber ?? t("orgs.profile.unset")}</dd>
        </div>
        <div>
          <dt>{t("orgs.profile.address")}</dt>
          <dd>{address || t("orgs.profile.unset")}</dd>
        </div>
        <div>
          <dt>{t("orgs.profile.contact")}</dt>
          <dd>{[org.contactName, org.contactEmail, org.contactPhone].filter(Boolean).join(" · ") || t("orgs.profile.unset")}</dd>
        </div>
        <div>
          <dt>{t("orgs.profile.language")}</dt>
          <dd>{languageName(org.language, lang)}</dd>
        </div>
      </dl>
      <ul class="actions">
        <li>
          <a href={`${base}/profile`}>{props.canManage ? t("orgs.overview.edit_profile") : t("orgs.overview.view_profile")}</a>
        </li>
        {props.myRole ? (
          <li>
            <a href={`/api/v1/me/export?organisation=${encodeURIComponent(org.id)}`} download>
              {t("orgs.overview.export")}
            </a>
          </li>
        ) : null}
        {org.kind === "member" ? (
          <>
            <li>
              <a href={`${base}/inventory`}>{t("transition.inventory.overview_link")}</a>
            </li>
            <li>
              <a href={`${base}/needs`}>{t("match.saved.overview_link")}</a>
            </li>
            {props.canManage ? (
              <>
                <li>
                  <a href={`${base}/keys`}>{t("orgs.overview.keys")}</a>
                </li>
                <li>
                  <a href={`${base}/billing`}>{t("billing.org.title")}</a>
                </li>
                <li>
                  <a href={`${base}/subscriptions`}>{t("subscriptions.org.link")}</a>
                </li>
                <li>
                  <a href={`${base}/shares`}>{t("join.org_shares")}</a>
                </li>
              </>
            ) : null}
          </>
        ) : null}
        {props.canWebhooks && org.kind !== "cooperative" ? (
          <li>
            <a href={`${base}/webhooks`}>{t("webhooks.overview_link")}</a>
          </li>
        ) : null}
        {org.kind === "provider" ? (
          <>
            <li>
              <a href={`${base}/provider`}>{t("orgs.overview.provider")}</a>
            </li>
            <li>
              <a href={`${base}/keys`}>{t("orgs.overview.keys")}</a>
            </li>
          </>
        ) : null}
      </ul>

      <h2>{t("orgs.members.title")}</h2>
      <div class="table-scroll" tabindex={0}>
        <table class="members">
          <caption>{t("orgs.members.caption", { org: org.name })}</caption>
          <TableHead cols={[t("orgs.members.email"), t("orgs.members.role"), (props.canManage || props.myRole) && t("orgs.members.actions")]} />
          <tbody>
            {props.members.map((m) => {
              const self = m.userId === props.viewerId;
              // Owners' rows change only in an owner's hands (the server checks it again).
              const editable = props.canManage && !self && (props.canOwn || m.role !== "owner");
              const id = `role-${m.userId}`;
              return (
                <tr data-member={m.userId}>
                  <th scope="row">
                    {m.email}
                    {self ? <strong class="badge"> {t("orgs.members.you")}</strong> : null}
                  </th>
                  <td>{roleName(t, m.role)}</td>
                  {props.canManage || props.myRole ? (
                    <td>
                      {editable ? (
                        <>
                          <form method="post" action={`${base}/members/${encodeURIComponent(m.userId)}/role`} class="inline-form">
                            <label for={id} class="visually-hidden">
                              {t("orgs.members.role_of", { email: m.email })}
                            </label>
                            <select id={id} name="role">
                              {roleOptions.map((o) => (
                                <option value={o.value} selected={o.value === m.role}>
                                  {o.label}
                                </option>
                              ))}
                            </select>{" "}
                            <button type="submit">{t("orgs.members.change_role")}</button>
                          </form>{" "}
                          <PostButton action={`${base}/members/${encodeURIComponent(m.userId)}/remove`} text={t("orgs.members.remove")} label={t("orgs.members.remove_label", { email: m.email })} secondary />
                        </>
                      ) : self ? (
                        <PostButton action={`${base}/leave`} text={t("orgs.members.leave")} secondary />
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {props.invitations ? (
        <>
          <h2>{t("orgs.invitations.title")}</h2>
          {props.invitations.length === 0 ? (
            <p class="empty">{t("orgs.invitations.none")}</p>
          ) : (
            <div class="table-scroll" tabindex={0}>
              <table class="invitations">
                <caption>{t("orgs.invitations.caption")}</caption>
                <TableHead cols={[t("orgs.members.email"), t("orgs.members.role"), t("orgs.invitations.expires"), t("orgs.members.actions")]} />
                <tbody>
                  {props.invitations.map((i) => (
                    <tr data-invitation={i.id}>
                      <th scope="row">{i.email}</th>
                      <td>{roleName(t, i.role)}</td>
                      <td>{formatDateTime(i.expiresAt, lang)}</td>
                      <td>
                        {props.canOwn || i.role !== "owner" ? (
                          <PostButton action={`${base}/invitations/${encodeURIComponent(i.id)}/revoke`} text={t("orgs.invitations.revoke")} label={t("orgs.invitations.revoke_label", { email: i.email })} secondary />
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3 id="invite">{t("orgs.invite.title")}</h3>
          <p class="hint">{t("orgs.invite.lead")}</p>
          <ErrorSummary
            title={t("orgs.form.error_summary")}
            items={(["email", "role", "language"] as const).filter((f) => inviteErrors[f]).map((f) => ({ id: `invite-${f}`, label: t(`orgs.invite.${f}`) }))}
          />
          <form method="post" action={`${base}/invitations`} class="invite-form">
            <TextField id="invite-email" name="email" type="email" autocomplete="off" required label={t("orgs.invite.email")} value={invite?.email} error={inviteErrors.email ? t(`orgs.invite.error.${inviteErrors.email}`) : undefined} />
            <SelectField id="invite-role" name="role" label={t("orgs.invite.role")} value={invite?.role ?? "member"} options={roleOptions} error={inviteErrors.role ? t("orgs.invite.error.role") : undefined} />
            <SelectField
              id="invite-language"
              name="language"
              label={t("orgs.invite.language")}
              hint={t("orgs.invite.language_hint")}
              value={invite?.language ?? org.language}
              options={LANGS.map((l) => ({ value: l, label: languageName(l, lang) }))}
              error={inviteErrors.language ? t("orgs.invite.error.language") : undefined}
            />
            <button type="submit">{t("orgs.invite.submit")}</button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

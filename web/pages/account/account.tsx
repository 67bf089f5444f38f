// /account: who is signed in, their language (with a form to change it), their organisations,
// where to look after sessions, passkeys and organisations, their data export, and signing out.
import type { MyOrg } from "../../../src/accounts/orgs/repository";
import { languageName } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { LANGS, type MessageKey } from "../../i18n";
import { SelectField } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { kindName, roleName } from "../orgs/names";
import { orgKeyScopes } from "../../../src/accounts/keys/model";

export function SignOutForm(props: PageProps) {
  return (
    <form method="post" action="/sign-out" class="sign-out-form">
      <button type="submit">{props.t("signout.submit")}</button>
    </form>
  );
}

interface Props extends PageProps {
  email: string;
  language: string;
  orgs: MyOrg[];
  /** Steward or coop_admin: the admin pages are theirs. */
  admin: boolean;
  notice?: MessageKey;
  /** The language form was refused. */
  languageInvalid?: boolean;
}

/** What an organisation's person goes to from their account: a provider's profile, and the API keys
 *  of the organisations they administer (provider and member ones; the cooperative has none). */
function OrgLinks(props: PageProps & { org: MyOrg }) {
  const { t, org } = props;
  const base = `/orgs/${encodeURIComponent(org.id)}`;
  const administers = org.role === "owner" || org.role === "admin";
  const keys = administers && orgKeyScopes(org.kind) !== null;
  if (org.kind !== "provider" && !keys) return null;
  return (
    <ul>
      {org.kind === "provider" ? (
        <li>
          <a href={`${base}/provider`}>{t("orgs.overview.provider")}</a>
        </li>
      ) : null}
      {keys ? (
        <li>
          <a href={`${base}/keys`}>{t("orgs.account.keys", { org: org.name })}</a>
        </li>
      ) : null}
    </ul>
  );
}

export function AccountPage(props: Props) {
  const { t, lang } = props;
  const title = t("account.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} lead={t("account.signed_in_as", { email: props.email })} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <p>{t("account.language", { language: languageName(props.language, lang) })}</p>
      <form method="post" action="/account/language" class="inline-form">
        <SelectField
          id="account-language"
          name="language"
          label={t("orgs.account.language_label")}
          value={props.language}
          error={props.languageInvalid ? t("orgs.account.language_invalid") : undefined}
          options={LANGS.map((l) => ({ value: l, label: languageName(l, l), lang: l }))}
        />
        <button type="submit">{t("orgs.account.language_submit")}</button>
      </form>

      <h2>{t("orgs.account.orgs_title")}</h2>
      {props.orgs.length === 0 ? (
        <p class="empty">{t("orgs.mine.none")}</p>
      ) : (
        <ul class="account-orgs">
          {props.orgs.map((o) => (
            <li data-org={o.id}>
              <a href={`/orgs/${encodeURIComponent(o.id)}`}>{o.name}</a> — {kindName(t, o.kind)}, {roleName(t, o.role)}
              <OrgLinks {...props} org={o} />
            </li>
          ))}
        </ul>
      )}

      <h2>{t("orgs.account.links_title")}</h2>
      <ul>
        <li>
          <a href="/account/organisations">{t("orgs.mine.title")}</a>
        </li>
        <li>
          <a href="/account/sessions">{t("account.sessions")}</a>
        </li>
        <li>
          <a href="/account/passkeys">{t("account.passkeys")}</a>
        </li>
        <li>
          <a href="/account/reminders">{t("control.prefs.link")}</a>
        </li>
        <li>
          <a href="/api/v1/me/export" download>
            {t("orgs.account.export")}
          </a>
        </li>
        {props.admin ? (
          <li>
            <a href="/admin">{t("orgs.account.admin")}</a>
          </li>
        ) : null}
      </ul>
      <SignOutForm {...props} />
    </Layout>
  );
}

// /account: who is signed in, where to look after sessions and passkeys, and signing out.
import { languageName } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";

export function SignOutForm(props: PageProps) {
  return (
    <form method="post" action="/sign-out" class="sign-out-form">
      <button type="submit">{props.t("signout.submit")}</button>
    </form>
  );
}

export function AccountPage(props: PageProps & { email: string; language: string }) {
  const { t, lang } = props;
  const title = t("account.title");
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t("account.signed_in_as", { email: props.email })}</p>
      <p>{t("account.language", { language: languageName(props.language, lang) })}</p>
      <ul>
        <li>
          <a href="/account/sessions">{t("account.sessions")}</a>
        </li>
        <li>
          <a href="/account/passkeys">{t("account.passkeys")}</a>
        </li>
      </ul>
      <SignOutForm {...props} />
    </Layout>
  );
}

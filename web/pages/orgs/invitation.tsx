// /invitations/:token: what the emailed link opens — which organisation, which role — and one
// Accept button (a mail scanner following the link accepts nothing). Signed out, the button is a
// way to sign in and come back here.
import type { OrgRole } from "../../../src/db/schema";
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { roleName } from "./names";

interface Props extends PageProps {
  token: string;
  orgName: string;
  role: OrgRole;
  /** The invited address, masked. */
  invited: string;
  expiresAt: string;
  signedIn: boolean;
  /** Signed in with another address than the invited one: who they are now. */
  otherAccount?: string;
}

export function InvitationPage(props: Props) {
  const { t, lang } = props;
  const title = t("orgs.invitation.title", { org: props.orgName });
  const here = `/invitations/${encodeURIComponent(props.token)}`;
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} lead={t("orgs.invitation.lead", { org: props.orgName, role: roleName(t, props.role) })} />
      <p>{t("orgs.invitation.for", { email: props.invited, date: formatDateTime(props.expiresAt, lang) })}</p>
      {props.otherAccount ? (
        <Notice tone="error" text={t("orgs.invitation.wrong_account", { invited: props.invited, you: props.otherAccount })} />
      ) : props.signedIn ? (
        <form method="post" action={`${here}/accept`}>
          <button type="submit">{t("orgs.invitation.accept")}</button>
        </form>
      ) : (
        <>
          <p>{t("orgs.invitation.sign_in_first")}</p>
          <p>
            <a class="button" href={`/sign-in?next=${encodeURIComponent(here)}`}>
              {t("orgs.invitation.sign_in")}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

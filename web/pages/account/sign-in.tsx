// /sign-in: a plain form that posts an email address and works without JavaScript; the passkey
// button appears only when /js/passkey.js runs in a browser that has WebAuthn.
import { Layout, type PageProps } from "../../components/layout";
import { ErrorSummary, TextField } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";

export type SignInNotice = "link_invalid" | "signed_out" | "passkey_failed";

interface Props extends PageProps {
  email?: string;
  /** The address was refused: show why, next to the field. */
  invalid?: boolean;
  notice?: SignInNotice;
  next?: string;
  minutes: number;
}

const NOTICES = { link_invalid: "signin.link_invalid", signed_out: "signin.signed_out", passkey_failed: "signin.passkey_failed" } as const;

export function SignInPage(props: Props) {
  const { t } = props;
  const title = t("signin.title");
  return (
    <Layout {...props} title={title} head={<script src="/js/passkey.js" defer></script>}>
      <PageHeader title={title} lead={t("signin.lead")} />
      <Notice text={props.notice ? t(NOTICES[props.notice]) : undefined} tone={props.notice && props.notice !== "signed_out" ? "error" : undefined} />
      <ErrorSummary title={t("signin.error_summary")} items={props.invalid ? [{ id: "email", label: t("signin.email") }] : []} />
      {/* novalidate: browsers' own check refuses a UTF-8 local part (anaïs@…) that mail allows (SMTPUTF8); the server checks. */}
      <form method="post" action="/sign-in" class="sign-in-form" novalidate>
        <TextField
          id="email"
          type="email"
          label={t("signin.email")}
          hint={t("signin.email_hint", { minutes: props.minutes })}
          error={props.invalid ? t("signin.email_invalid") : undefined}
          value={props.email ?? ""}
          autocomplete="username webauthn"
          required
        />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <button type="submit">{t("signin.submit")}</button>
      </form>
      <div class="passkey-sign-in" id="passkey-sign-in" data-next={props.next ?? "/account"} hidden>
        <p>{t("signin.or")}</p>
        <button type="button" class="button-secondary">
          {t("signin.passkey")}
        </button>
        <p class="field-error" data-passkey-error role="alert" hidden>
          {t("signin.passkey_failed")}
        </p>
      </div>
    </Layout>
  );
}

export function SignInSentPage(props: PageProps & { email?: string; minutes: number }) {
  const { t } = props;
  const title = t("signin.sent_title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} lead={props.email ? t("signin.sent_lead", { email: props.email }) : t("signin.sent_lead_plain")} />
      <p>{t("signin.sent_expiry", { minutes: props.minutes })}</p>
      <p class="hint">{t("signin.sent_spam")}</p>
      <p>
        <a href="/sign-in">{t("signin.sent_again")}</a>
      </p>
    </Layout>
  );
}

/** What a mail link opens: one button, so a mail scanner that follows links signs nobody in. */
export function SignInConfirmPage(props: PageProps & { token: string; next: string }) {
  const { t } = props;
  const title = t("signin.confirm_title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} lead={t("signin.confirm_lead")} />
      <form method="post" action="/sign-in/confirm" class="sign-in-form">
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="next" value={props.next} />
        <button type="submit">{t("signin.confirm_submit")}</button>
      </form>
      <p class="hint">{t("signin.confirm_why")}</p>
    </Layout>
  );
}

export function RateLimitedPage(props: PageProps & { minutes: number }) {
  const { t } = props;
  const title = t("signin.rate_limited_title");
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <p class="error-message">{t("signin.rate_limited", { minutes: props.minutes })}</p>
    </Layout>
  );
}

// /sign-in: a plain form that posts an email address and works without JavaScript; the passkey
// button appears only when /js/passkey.js runs in a browser that has WebAuthn.
import { Layout, type PageProps } from "../../components/layout";

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
  const describedBy = props.invalid ? "email-hint email-error" : "email-hint";
  return (
    <Layout {...props} title={title} head={<script src="/js/passkey.js" defer></script>}>
      <h1>{title}</h1>
      <p class="lead">{t("signin.lead")}</p>
      {props.notice ? (
        <p class={props.notice === "signed_out" ? "notice" : "notice notice-error"} role="status">
          {t(NOTICES[props.notice])}
        </p>
      ) : null}
      {props.invalid ? (
        <div class="error-summary" role="alert">
          <p>{t("signin.error_summary")}</p>
          <ul>
            <li>
              <a href="#email">{t("signin.email")}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <form method="post" action="/sign-in" class="sign-in-form">
        <div class="field">
          <label for="email">{t("signin.email")}</label>
          <p id="email-hint" class="hint">
            {t("signin.email_hint", { minutes: props.minutes })}
          </p>
          {props.invalid ? (
            <p id="email-error" class="field-error">
              {t("signin.email_invalid")}
            </p>
          ) : null}
          <input
            type="email"
            id="email"
            name="email"
            value={props.email ?? ""}
            autocomplete="username webauthn"
            required
            aria-describedby={describedBy}
            aria-invalid={props.invalid ? "true" : undefined}
          />
        </div>
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
      <h1>{title}</h1>
      <p class="lead">{props.email ? t("signin.sent_lead", { email: props.email }) : t("signin.sent_lead_plain")}</p>
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
      <h1>{title}</h1>
      <p class="lead">{t("signin.confirm_lead")}</p>
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

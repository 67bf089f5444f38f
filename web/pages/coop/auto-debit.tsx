// The automatic-debit panel of /orgs/:orgId/billing, for the organisation's owners and admins where
// Stripe is configured: the saved mandate (or card) with its last 4 digits, whether later invoices
// are debited, and the one form that changes it — turning it on needs the authorisation box ticked;
// stopping is one button. Plain forms, no JavaScript.
import type { AutoDebitProfile } from "../../../src/coop/payments/autodebit.service";
import { Checkbox, PostButton } from "../../components/form";
import { formatDay } from "../../components/format";
import type { Lang, T } from "../../i18n";

export function AutoDebitPanel(props: { t: T; lang: Lang; orgId: string; profile: AutoDebitProfile | null }) {
  const { t, profile } = props;
  const base = `/orgs/${encodeURIComponent(props.orgId)}/billing/automatic-debit`;
  return (
    <section class="auto-debit" id="auto-debit" aria-labelledby="auto-debit-title">
      <h2 id="auto-debit-title">{t("autodebit.title")}</h2>
      {!profile?.hasMethod ? (
        <p>{t("autodebit.none")}</p>
      ) : (
        <>
          <p>{t(profile.paymentMethodType === "card" ? "autodebit.method.card" : "autodebit.method.sepa_debit", { last4: profile.last4 ?? "····" })}</p>
          {profile.mandateId ? <p class="hint">{t("autodebit.mandate", { mandate: profile.mandateId })}</p> : null}
          {profile.autoDebit ? (
            <>
              <p>{t("autodebit.on", { date: profile.autoDebitSince ? formatDay(profile.autoDebitSince.slice(0, 10), props.lang) : "" })}</p>
              <PostButton action={`${base}/stop`} text={t("autodebit.stop")} secondary />
            </>
          ) : (
            <>
              <p>{t(profile.autoDebitOff === "payment_failed" ? "autodebit.off_failed" : "autodebit.off")}</p>
              <form method="post" action={base}>
                <Checkbox id="consent" name="consent" value="yes" label={t("autodebit.consent")} required />
                <button type="submit">{t("autodebit.enable")}</button>
              </form>
            </>
          )}
        </>
      )}
    </section>
  );
}

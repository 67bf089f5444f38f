// The way in for pledgers, on top of /coop/join: what the pledge said and the three steps (sign in
// and create the organisation, request shares — the form below, prefilled —, choose a plan), each
// linking to its page. Plain links, no JavaScript.
import type { WayIn } from "../../../src/coop/pledges/way-in";
import { formatList, formatMoney } from "../../components/format";
import { serviceLabel } from "../../components/labels";
import type { PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";

const orgPath = (id: string, rest = "") => `/orgs/${encodeURIComponent(id)}${rest}`;

export function WayInSteps(props: Pick<PageProps, "t" | "lang"> & { way: WayIn; classesOpen: boolean }) {
  const { t, lang, way } = props;
  const p = way.pledge;
  const signIn = `/sign-in?next=${encodeURIComponent(way.here)}`;
  return (
    <section aria-labelledby="way-in" class="way-in">
      <h2 id="way-in">{t("join.steps_title")}</h2>
      <p>{t("join.steps_lead")}</p>
      {way.linkUnknown ? <Notice text={t("join.pledge_unknown")} tone="error" /> : null}
      {p ? (
        <div class="card" aria-labelledby="way-in-pledge">
          <h3 id="way-in-pledge">{t("join.pledge_title")}</h3>
          <ul>
            {p.organisation ? <li>{t("join.pledge_organisation", { org: p.organisation })}</li> : null}
            {p.capitalCents > 0 ? <li>{t("join.pledge_capital", { amount: formatMoney(p.capitalCents, lang) })}</li> : null}
            {p.monthlyCents > 0 ? <li>{t("join.pledge_monthly", { amount: formatMoney(p.monthlyCents, lang) })}</li> : null}
            {p.services.length ? <li>{t("join.pledge_services", { services: formatList(p.services.map((s) => `${s.quantity} × ${serviceLabel(t, s.service)}`), lang) })}</li> : null}
          </ul>
        </div>
      ) : null}
      <ol class="way-in-steps">
        <li>
          <h3>{t("join.step1_title")}</h3>
          {way.email ? (
            <p>{t("join.step1_signed_in", { email: way.email })}</p>
          ) : (
            <p>
              <a href={signIn}>{t("join.step1_sign_in")}</a>
              <br />
              <span class="hint">{t("join.step1_sign_in_hint")}</span>
            </p>
          )}
          <ul>
            {way.orgs.map((o) => (
              <li>
                <a href={orgPath(o.id, "/profile")}>{t("join.step1_profile", { org: o.name })}</a>
              </li>
            ))}
            {way.orgs.length === 0 ? (
              <li>
                <a href={way.email ? "/account/organisations" : signIn}>{p?.organisation ? t("join.step1_create_named", { org: p.organisation }) : t("join.step1_create")}</a>
              </li>
            ) : null}
          </ul>
          <p class="hint">{t("join.step1_person")}</p>
        </li>
        <li>
          <h3>{t("join.step2_title")}</h3>
          {way.suggestion ? (
            <p>
              {t("join.step2_suggest", { class: way.suggestion.classCode, shares: way.suggestion.shares, nominal: formatMoney(way.suggestion.nominalCents, lang), amount: formatMoney(way.suggestion.amountCents, lang) })}
            </p>
          ) : null}
          <p>{t("join.step2_text")}</p>
          {!props.classesOpen ? <p>{t("join.step2_no_classes")}</p> : way.email ? <p><a href="#share-request">{t("join.step2_link")}</a></p> : <p>{t("join.step2_after_sign_in")}</p>}
        </li>
        <li>
          <h3>{t("join.step3_title")}</h3>
          <p>{t("join.step3_text")}</p>
          {way.orgs.length ? (
            <ul>
              {way.orgs.map((o) => (
                <li>
                  <a href={orgPath(o.id, "/subscriptions")}>{t("join.step3_link", { org: o.name })}</a>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("join.step3_after_org")}</p>
          )}
        </li>
      </ol>
    </section>
  );
}

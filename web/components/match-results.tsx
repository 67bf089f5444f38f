// The engine's answer as people read it: bundles best first (items, totals, score breakdown), then
// "why not this one" — every excluded offer with its reason, grouped by service — and unmet needs.
// Owners and admins of member organisations also get "save these needs" and, on each bundle, "add to
// the shortlist" (plain forms; one button per organisation, through formaction); anonymous visitors
// a sign-in link instead.
import type { OfferLabel } from "../../src/matching/catalog";
import { compareHref, MATCH_KINDS } from "../../src/matching/form";
import type { MatchRequest } from "../../src/matching/needs";
import { MAX_NAME, MAX_NOTE, type NoteError, type SaveError } from "../../src/matching/saved/forms";
import type { SaveAudience, SaveTarget } from "../../src/matching/saved/viewer";
import { CRITERIA, type Bundle, type Criterion, type Excluded, type MatchResult } from "../../src/matching/types";
import type { Lang, MessageKey, T } from "../i18n";
import { formatList, formatMoney, formatNumber, plural } from "./format";
import { serviceLabel } from "./labels";
import { MAX_COMPARE } from "./selection";
import { TableHead } from "./table";
import { TextField } from "./form";
import { SubscribeLink } from "./coop-plan-links";
import { neededQuantity } from "../../src/coop/subscriptions/plan-links";

/** What the results page offers to keep: who may save, the query to keep, and a form sent back with an error. */
export interface SaveState {
  audience: SaveAudience;
  /** The wizard's query without the page's own parameters (saved/forms.ts normaliseQuery). */
  query: string;
  /** Where sign-in brings the visitor back to. */
  here: string;
  save?: { name: string; error?: SaveError };
  /** 0-based bundle whose shortlist form came back. */
  shortlist?: { bundle: number; note: string; error: NoteError };
}

interface Props {
  lang: Lang;
  t: T;
  request: MatchRequest;
  result: MatchResult;
  labels: Map<string, OfferLabel>;
  saving?: SaveState | undefined;
  /** The cooperative's provider: its offers in a bundle get a link to subscribe. */
  coopProviderId?: string | null | undefined;
}

const orgAction = (org: SaveTarget, what: "needs" | "shortlist") => `/orgs/${encodeURIComponent(org.id)}/${what}`;

/** One submit button per organisation the visitor may save for; the first is also the form's action. */
function OrgButtons(props: { orgs: SaveTarget[]; what: "needs" | "shortlist"; one: string; many: (org: string) => string; hidden?: string }) {
  return (
    <div class="actions">
      {props.orgs.map((o) => (
        <>
          <button type="submit" formaction={orgAction(o, props.what)}>
            {props.orgs.length > 1 ? props.many(o.name) : props.one}
            {props.hidden ? <span class="visually-hidden"> ({props.hidden})</span> : null}
          </button>{" "}
        </>
      ))}
    </div>
  );
}

function SaveNeeds(props: { t: T; saving: SaveState }) {
  const { t, saving } = props;
  const a = saving.audience;
  if (a.kind === "anonymous") {
    return (
      <p class="match-save-signin">
        <a href={`/sign-in?next=${encodeURIComponent(saving.here)}`}>{t("match.saved.sign_in")}</a>
      </p>
    );
  }
  if (a.kind === "none") {
    return (
      <p class="hint match-save-none">
        {t("match.saved.no_org")} <a href="/account/organisations">{t("match.saved.no_org_link")}</a>
      </p>
    );
  }
  const first = a.orgs[0]!;
  return (
    <section aria-labelledby="save-title" class="match-save">
      <h2 id="save-title">{t("match.saved.save_title")}</h2>
      <p class="hint">{t("match.saved.save_lead")}</p>
      <form method="post" action={orgAction(first, "needs")} class="save-needs-form">
        <input type="hidden" name="query" value={saving.query} />
        <TextField
          alert
          id="save-name"
          name="name"
          label={t("match.saved.name")}
          hint={t("match.saved.name_hint")}
          value={saving.save?.name ?? ""}
          maxlength={MAX_NAME}
          required
          error={saving.save?.error ? t(`match.saved.error.${saving.save.error}`) : undefined}
        />
        <OrgButtons orgs={a.orgs} what="needs" one={t("match.saved.save")} many={(org) => t("match.saved.save_for", { org })} />
      </form>
    </section>
  );
}

function ShortlistForm(props: { t: T; saving: SaveState; orgs: SaveTarget[]; n: number; offerIds: string[] }) {
  const { t, saving, n } = props;
  const back = saving.shortlist?.bundle === n - 1 ? saving.shortlist : undefined;
  return (
    <form method="post" action={orgAction(props.orgs[0]!, "shortlist")} class="shortlist-form">
      <input type="hidden" name="query" value={saving.query} />
      <input type="hidden" name="bundle" value={String(n - 1)} />
      <input type="hidden" name="offers" value={props.offerIds.join(",")} />
      <TextField alert id={`note-${n}`} name="note" label={t("match.saved.note")} value={back?.note ?? ""} maxlength={MAX_NOTE} error={back ? t(`match.saved.error.${back.error}`) : undefined} />
      <OrgButtons orgs={props.orgs} what="shortlist" one={t("match.saved.shortlist")} many={(org) => t("match.saved.shortlist_for", { org })} hidden={t("match.bundle_title", { n })} />
    </form>
  );
}

/** Excluded lists longer than this start folded. */
const OPEN_UP_TO = 5;

function ProviderLink(props: { label: OfferLabel | undefined }) {
  const l = props.label;
  return l ? <a href={`/providers/${encodeURIComponent(l.provider_id)}`}>{l.provider_name}</a> : <span>—</span>;
}

/** Pay what you want, said plainly, and how the ranking counted it. */
function PwywNote(props: { t: T; lang: Lang; pwyw: NonNullable<OfferLabel["pwyw"]>; asFree: boolean }) {
  const { t, lang, pwyw } = props;
  const suggested = pwyw.suggested_monthly_cents;
  return (
    <span class="pwyw">
      {" "}
      ({t("price.donation")}
      {suggested === null
        ? `, ${t("match.pwyw_no_suggestion")}`
        : props.asFree
          ? `, ${t("match.pwyw_counted_free", { price: formatMoney(suggested, lang) })}`
          : `, ${t("match.pwyw_counted_suggested", { price: formatMoney(suggested, lang) })}`}
      )
    </span>
  );
}

function BundleCard(props: Props & { bundle: Bundle; n: number }) {
  const { t, lang, bundle: b, n, request, labels } = props;
  const num = (x: number, digits = 0) => formatNumber(x, lang, { maximumFractionDigits: digits });
  const covers = (needs: number[]) =>
    formatList(
      needs.map((i) => request.needs[i]).flatMap((need) => (need ? [`${num(need.quantity)} × ${serviceLabel(t, need.service)}`] : [])),
      lang,
    );
  const headingId = `bundle-${n}`;
  const offerIds = b.items.map((i) => i.offer_id);
  return (
    <li class="card bundle">
      <h3 id={headingId}>{t("match.bundle_title", { n })}</h3>
      <p class="bundle-score">
        <strong>{t("match.score", { score: num(b.score, 1) })}</strong>
      </p>
      {b.dominated ? <p class="bundle-dominated">{t("match.dominated")}</p> : null}
      {/* Wide tables scroll inside their own box on a small screen, never the page. */}
      <div class="table-scroll" role="region" aria-labelledby={`${headingId}-items`} tabindex={0}>
      <table class="bundle-items">
        <caption id={`${headingId}-items`}>{t("match.items_caption", { n })}</caption>
        <TableHead cols={[t("match.item_offer"), t("match.item_provider"), t("match.item_covers"), { label: t("match.item_monthly"), num: true }]} />
        <tbody>
          {b.items.map((item) => {
            const label = labels.get(item.offer_id);
            return (
              <tr>
                <th scope="row">
                  {label?.offer_name ?? item.offer_id}
                  {props.coopProviderId && item.provider_id === props.coopProviderId ? <SubscribeLink t={t} offerId={item.offer_id} name={label?.offer_name ?? item.offer_id} quantity={neededQuantity(item.needs, request.needs)} /> : null}
                </th>
                <td>
                  <ProviderLink label={label} />
                </td>
                <td>{covers(item.needs)}</td>
                <td class="num">
                  {formatMoney(item.monthly_cents, lang)}
                  {label?.pwyw ? <PwywNote t={t} lang={lang} pwyw={label.pwyw} asFree={request.constraints.pwyw_as_free} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <dl class="facts bundle-totals">
        <div>
          <dt>{t("match.total_monthly")}</dt>
          <dd class="total-monthly">{formatMoney(b.monthly_cents, lang)}</dd>
        </div>
        <div>
          <dt>{t("match.total_yearly")}</dt>
          <dd>{formatMoney(b.yearly_cents, lang)}</dd>
        </div>
        <div>
          <dt>{t("match.total_setup")}</dt>
          <dd>{formatMoney(b.setup_cents, lang)}</dd>
        </div>
        <div>
          <dt>{t("match.provider_count")}</dt>
          <dd>{plural(t, lang, "match.providers", b.providers)}</dd>
        </div>
      </dl>
      <div class="table-scroll" role="region" aria-labelledby={`${headingId}-breakdown`} tabindex={0}>
      <table class="breakdown">
        <caption id={`${headingId}-breakdown`}>{t("match.breakdown", { n })}</caption>
        <TableHead cols={[t("match.criterion"), { label: t("match.weight"), num: true }, { label: t("match.value"), num: true }, { label: t("match.points"), num: true }]} />
        <tbody>
          {CRITERIA.map((c: Criterion) => {
            const s = b.breakdown[c];
            return (
              <tr>
                <th scope="row">{t(`criterion.${c}` as MessageKey)}</th>
                <td class="num">{num(s.weight, 1)}</td>
                <td class="num">{formatNumber(s.value, lang, { style: "percent", maximumFractionDigits: 0 })}</td>
                <td class="num">{num(s.points, 1)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("match.total")}</th>
            <td></td>
            <td></td>
            <td class="num">{num(b.score, 1)}</td>
          </tr>
        </tfoot>
      </table>
      </div>
      <p class="bundle-compare">
        <a href={compareHref(offerIds, MAX_COMPARE)}>
          {offerIds.length > MAX_COMPARE ? t("match.compare_first", { max: MAX_COMPARE }) : t("match.compare")}
          <span class="visually-hidden"> ({t("match.bundle_title", { n })})</span>
        </a>
      </p>
      {props.saving?.audience.kind === "orgs" ? <ShortlistForm t={t} saving={props.saving} orgs={props.saving.audience.orgs} n={n} offerIds={offerIds} /> : null}
    </li>
  );
}

function WhyNot(props: Props) {
  const { t, lang, labels } = props;
  const groups = new Map<string, Excluded[]>();
  for (const e of props.result.excluded) {
    const service = labels.get(e.offer_id)?.service ?? "other";
    groups.set(service, [...(groups.get(service) ?? []), e]);
  }
  const order = (s: string) => (MATCH_KINDS as readonly string[]).indexOf(s) + 1 || 99;
  const services = [...groups.keys()].sort((a, b) => order(a) - order(b));
  if (services.length === 0) return <p>{t("match.why_not_none")}</p>;
  return (
    <>
      <p>{t("match.why_not_intro")}</p>
      {services.map((service) => {
        const list = groups.get(service) ?? [];
        return (
          <details class="why-not" open={list.length <= OPEN_UP_TO}>
            <summary>
              {serviceLabel(t, service)} — {plural(t, lang, "match.excluded", list.length)}
            </summary>
            <ul>
              {list.map((e) => {
                const label = labels.get(e.offer_id);
                return (
                  <li class="why-not-entry">
                    <ProviderLink label={label} /> — {label?.offer_name ?? e.offer_id} — <span class="reason">{e.message}</span>
                  </li>
                );
              })}
            </ul>
          </details>
        );
      })}
    </>
  );
}

export function MatchResults(props: Props) {
  const { t, lang, result, request } = props;
  return (
    <>
      {result.unmet.length ? (
        <section aria-labelledby="unmet-title" class="match-unmet">
          <h2 id="unmet-title">{t("match.unmet_title")}</h2>
          <ul>
            {result.unmet.map((u) => (
              <li class="unmet-entry">
                <strong>{serviceLabel(t, request.needs[u.need]?.service ?? "other")}</strong> — {u.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="results-title" class="match-results">
        <h2 id="results-title">{t("match.results_title")}</h2>
        {props.saving && props.saving.audience.kind !== "orgs" ? <SaveNeeds t={t} saving={props.saving} /> : null}
        {result.bundles.length ? (
          <>
            <p class="result-count">{plural(t, lang, "match.results_count", result.bundles.length)}</p>
            <ol class="bundles">
              {result.bundles.map((bundle, i) => (
                <BundleCard {...props} bundle={bundle} n={i + 1} />
              ))}
            </ol>
          </>
        ) : (
          <p class="empty">{t("match.no_bundles")}</p>
        )}
      </section>
      {props.saving?.audience.kind === "orgs" ? <SaveNeeds t={t} saving={props.saving} /> : null}
      <section aria-labelledby="why-not-title" class="match-why-not">
        <h2 id="why-not-title">{t("match.why_not_title")}</h2>
        <WhyNot {...props} />
      </section>
    </>
  );
}

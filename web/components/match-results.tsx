// The engine's answer as people read it: bundles best first (items, totals, score breakdown), then
// "why not this one" — every excluded offer with its reason, grouped by service — and unmet needs.
import type { OfferLabel } from "../../src/matching/catalog";
import { compareHref, MATCH_KINDS } from "../../src/matching/form";
import type { MatchRequest } from "../../src/matching/needs";
import { CRITERIA, type Bundle, type Criterion, type Excluded, type MatchResult } from "../../src/matching/types";
import type { Lang, MessageKey, T } from "../i18n";
import { formatList, formatMoney, formatNumber, plural } from "./format";
import { serviceLabel } from "./labels";
import { MAX_COMPARE } from "./selection";

interface Props {
  lang: Lang;
  t: T;
  request: MatchRequest;
  result: MatchResult;
  labels: Map<string, OfferLabel>;
}

/** Excluded lists longer than this start folded. */
const OPEN_UP_TO = 5;

function ProviderLink(props: { label: OfferLabel | undefined }) {
  const l = props.label;
  return l ? <a href={`/providers/${encodeURIComponent(l.provider_id)}`}>{l.provider_name}</a> : <span>—</span>;
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
      <table class="bundle-items">
        <caption>{t("match.items_caption", { n })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("match.item_offer")}</th>
            <th scope="col">{t("match.item_provider")}</th>
            <th scope="col">{t("match.item_covers")}</th>
            <th scope="col" class="num">
              {t("match.item_monthly")}
            </th>
          </tr>
        </thead>
        <tbody>
          {b.items.map((item) => {
            const label = labels.get(item.offer_id);
            return (
              <tr>
                <th scope="row">{label?.offer_name ?? item.offer_id}</th>
                <td>
                  <ProviderLink label={label} />
                </td>
                <td>{covers(item.needs)}</td>
                <td class="num">{formatMoney(item.monthly_cents, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
      <table class="breakdown">
        <caption>{t("match.breakdown", { n })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("match.criterion")}</th>
            <th scope="col" class="num">
              {t("match.weight")}
            </th>
            <th scope="col" class="num">
              {t("match.value")}
            </th>
            <th scope="col" class="num">
              {t("match.points")}
            </th>
          </tr>
        </thead>
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
      <p class="bundle-compare">
        <a href={compareHref(offerIds, MAX_COMPARE)}>
          {offerIds.length > MAX_COMPARE ? t("match.compare_first", { max: MAX_COMPARE }) : t("match.compare")}
          <span class="visually-hidden"> ({t("match.bundle_title", { n })})</span>
        </a>
      </p>
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
      <section aria-labelledby="why-not-title" class="match-why-not">
        <h2 id="why-not-title">{t("match.why_not_title")}</h2>
        <WhyNot {...props} />
      </section>
    </>
  );
}

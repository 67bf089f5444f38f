// /orgs/:orgId/needs: a member organisation's saved needs (open the results again, delete) and its
// shortlist — each bundle with its offers linked to the version the member saw, the totals and score
// computed when it was added, and its note.
import type { OrganisationRow, SavedNeedsRow, ShortlistItemRow } from "../../../src/db/schema";
import { offerHref } from "../../../src/matching/saved/forms";
import { formatDateTime, formatList, formatMoney, formatNumber, plural } from "../../components/format";
import { serviceLabel } from "../../components/labels";
import { Layout, type PageProps } from "../../components/layout";
import type { MessageKey, T } from "../../i18n";
import type { Lang } from "../../i18n";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";

interface Props extends PageProps {
  org: OrganisationRow;
  needs: SavedNeedsRow[];
  shortlist: ShortlistItemRow[];
  canManage: boolean;
  notice?: MessageKey | undefined;
}

/** "12 × Mailboxes, 3 × Mailing lists": the saved request's needs in a line. */
function needsLine(t: T, lang: Lang, request: Record<string, unknown>): string {
  const needs = Array.isArray(request.needs) ? (request.needs as { service?: unknown; quantity?: unknown }[]) : [];
  return formatList(
    needs.map((n) => `${formatNumber(Number(n.quantity) || 1, lang)} × ${serviceLabel(t, String(n.service ?? "other"))}`),
    lang,
  );
}

function SavedNeedsTable(props: Props) {
  const { t, lang, org, needs } = props;
  const base = `/orgs/${encodeURIComponent(org.id)}`;
  if (needs.length === 0) {
    return (
      <p class="empty">
        {t("match.saved.needs_none")} <a href="/match">{t("match.saved.describe")}</a>
      </p>
    );
  }
  return (
    <div class="table-scroll" tabindex={0}>
      <table class="saved-needs">
        <caption>{t("match.saved.needs_caption", { org: org.name })}</caption>
        <TableHead cols={[t("match.saved.col_name"), t("match.saved.col_needs"), t("match.saved.col_saved"), t("match.saved.col_actions")]} />
        <tbody>
          {needs.map((n) => (
            <tr data-needs={n.id}>
              <th scope="row">{n.name}</th>
              <td>{needsLine(t, lang, n.request)}</td>
              <td>{formatDateTime(n.createdAt, lang)}</td>
              <td>
                <a href={`/match/results?${n.query}`} aria-label={t("match.saved.open_label", { name: n.name })}>
                  {t("match.saved.open")}
                </a>
                {props.canManage ? (
                  <>
                    {" "}
                    <form method="post" action={`${base}/needs/${encodeURIComponent(n.id)}/delete`} class="inline-form">
                      <button type="submit" class="button-secondary" aria-label={t("match.saved.delete_label", { name: n.name })}>
                        {t("match.saved.delete")}
                      </button>
                    </form>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ShortlistCard(props: Props & { item: ShortlistItemRow; needsName: string | undefined }) {
  const { t, lang, org, item } = props;
  const date = formatDateTime(item.createdAt, lang);
  const headingId = `shortlist-${item.id}`;
  const planBase = `/orgs/${encodeURIComponent(org.id)}/migration/plan`;
  return (
    <li class="card bundle shortlist-item" data-shortlist={item.id}>
      <h3 id={headingId}>{t("match.saved.shortlist_item", { date })}</h3>
      {props.needsName ? <p class="hint">{t("match.saved.for_needs", { name: props.needsName })}</p> : null}
      <p class="bundle-score">
        <strong>{t("match.score", { score: formatNumber(item.score, lang, { maximumFractionDigits: 1 }) })}</strong>
      </p>
      <table class="bundle-items">
        <caption>{t("match.saved.items_caption", { date })}</caption>
        <TableHead cols={[t("match.item_offer"), t("match.item_provider"), { label: t("match.item_monthly"), num: true }, props.canManage && t("transition.inventory.col.actions")]} />
        <tbody>
          {item.items.map((o) => (
            <tr>
              <th scope="row">
                <a href={offerHref(o)}>{o.offer_name}</a>
                {o.offer_version > 0 ? <span class="hint"> ({t("match.saved.offer_version", { n: o.offer_version })})</span> : null}
              </th>
              <td>
                <a href={`/providers/${encodeURIComponent(o.provider_id)}`}>{o.provider_name}</a>
              </td>
              <td class="num">{formatMoney(o.monthly_cents, lang)}</td>
              {props.canManage ? (
                <td>
                  <a href={`${planBase}?provider=${encodeURIComponent(o.provider_id)}`} aria-label={t("transition.shortlist.contact_label", { provider: o.provider_name })}>
                    {t("transition.shortlist.contact")}
                  </a>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <dl class="facts bundle-totals">
        <div>
          <dt>{t("match.total_monthly")}</dt>
          <dd class="total-monthly">{formatMoney(item.monthlyCents, lang)}</dd>
        </div>
        <div>
          <dt>{t("match.total_yearly")}</dt>
          <dd class="total-yearly">{formatMoney(item.yearlyCents, lang)}</dd>
        </div>
        <div>
          <dt>{t("match.provider_count")}</dt>
          <dd>{plural(t, lang, "match.providers", item.providers)}</dd>
        </div>
        {item.note ? (
          <div>
            <dt>{t("match.saved.note_label")}</dt>
            <dd class="shortlist-note">{item.note}</dd>
          </div>
        ) : null}
      </dl>
      <ul class="actions">
        <li>
          <a href={`/match/results?${item.query}`}>{t("match.saved.reopen")}</a>
        </li>
        {props.canManage ? (
          <li>
            <a href={`${planBase}?shortlist=${encodeURIComponent(item.id)}`}>{t("transition.shortlist.plan")}</a>
          </li>
        ) : null}
        {props.canManage ? (
          <li>
            <form method="post" action={`/orgs/${encodeURIComponent(org.id)}/shortlist/${encodeURIComponent(item.id)}/delete`} class="inline-form">
              <button type="submit" class="button-secondary" aria-label={t("match.saved.remove_label", { date })}>
                {t("match.saved.remove")}
              </button>
            </form>
          </li>
        ) : null}
      </ul>
    </li>
  );
}

export function NeedsPage(props: Props) {
  const { t, org } = props;
  const names = new Map(props.needs.map((n) => [n.id, n.name]));
  return (
    <Layout {...props} title={`${t("match.saved.title")} · ${org.name}`}>
      <PageHeader
        title={t("match.saved.title")}
        crumbs={[
          { href: "/account/organisations", label: t("orgs.mine.title") },
          { href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name },
        ]}
      />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <section aria-labelledby="saved-needs-title">
        <h2 id="saved-needs-title">{t("match.saved.needs_title")}</h2>
        <SavedNeedsTable {...props} />
      </section>
      <section aria-labelledby="shortlist-title">
        <h2 id="shortlist-title">{t("match.saved.shortlist_title")}</h2>
        {props.shortlist.length === 0 ? (
          <p class="empty">{t("match.saved.shortlist_none")}</p>
        ) : (
          <>
            <p class="hint">{t("match.saved.shortlist_lead")}</p>
            <ol class="bundles shortlist">
              {props.shortlist.map((item) => (
                <ShortlistCard {...props} item={item} needsName={item.savedNeedsId ? names.get(item.savedNeedsId) : undefined} />
              ))}
            </ol>
          </>
        )}
      </section>
    </Layout>
  );
}

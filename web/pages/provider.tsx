// A provider's full profile and its published offers, each with a compare checkbox.
import { isChatonsMember } from "../../src/catalog/model";
import type { OfferWithProvider } from "../../src/catalog/repository";
import type { OfferRow, ProviderRow } from "../../src/db/schema";
import { ChatonsBadge, DemoBadge } from "../components/badges";
import { countryName, formatDateTime, formatDay, formatList, formatNumber, languageName, plural, safeHref } from "../components/format";
import { hardwareLabel, legalFormLabel, networkLabel, statusLabel } from "../components/labels";
import { Layout, type PageProps } from "../components/layout";
import { PageHeader } from "../components/page-header";
import { MaybeLink, OfferCard } from "../components/offer-card";
import { LangField, MAX_COMPARE, SelectionFieldset } from "../components/selection";
import type { Child } from "hono/jsx";
import { CoopPlanLinks } from "../components/coop-plan-links";
import type { CapacityLine } from "../../src/transition/capacity/service";
import type { T, Lang } from "../i18n";

export interface ProviderPageProps extends PageProps {
  provider: ProviderRow;
  offers: OfferRow[];
  selection: OfferWithProvider[];
  /** The cooperative's own profile: its offers are plans members subscribe to. */
  coopPlans?: boolean;
  /** Its declared capacity for the transition with what is already planned (null: nothing declared). */
  capacity?: { lines: CapacityLine[]; migrations_per_week: number | null } | null;
}

/** "Mailbox: 40 (12 already planned)" per limited kind; nothing when every kind is unlimited. */
function CapacitySection(props: { t: T; lang: Lang; capacity: ProviderPageProps["capacity"] }) {
  const { t, lang, capacity } = props;
  if (!capacity || (capacity.lines.length === 0 && capacity.migrations_per_week === null)) return null;
  return (
    <section aria-labelledby="capacity-title" id="capacity">
      <h2 id="capacity-title">{t("capacity.public.title")}</h2>
      <ul class="capacity-lines">
        {capacity.lines.map((l) => (
          <li data-kind={l.kind}>
            {t("capacity.public.line", { kind: t(`transition.kind.${l.kind}`), limit: formatNumber(l.limit, lang), planned: formatNumber(l.planned, lang) })}
            {l.planned >= l.limit ? <strong> — {t("capacity.public.full")}</strong> : null}
          </li>
        ))}
        {capacity.migrations_per_week !== null ? <li data-kind="per_week">{t("capacity.public.per_week", { n: formatNumber(capacity.migrations_per_week, lang) })}</li> : null}
      </ul>
    </section>
  );
}

function Fact(props: { label: string; children: Child }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** Funding and social links: a link when the value is a web address, else the text as given. */
function LinkList(props: { entries: Record<string, string> }) {
  return (
    <dl class="facts">
      {Object.entries(props.entries).map(([name, value]) => (
        <div>
          <dt>{name}</dt>
          <dd>
            <MaybeLink href={value}>{value}</MaybeLink>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Descriptions come as plain text; blank lines separate paragraphs. */
const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

export function ProviderPage(props: ProviderPageProps) {
  const { t, lang, provider: p, offers } = props;
  const selectedIds = props.selection.map((s) => s.offer.id);
  const own = new Set(offers.map((o) => o.id));
  const mapHref =
    p.latitude !== null && p.longitude !== null ? `https://www.openstreetmap.org/?mlat=${p.latitude}&mlon=${p.longitude}#map=16/${p.latitude}/${p.longitude}` : undefined;
  const funding = Object.keys(p.funding).length > 0;
  const social = Object.keys(p.social).length > 0;
  return (
    <Layout {...props} title={p.name} demo={p.isDemo}>
      <PageHeader title={p.name} crumbs={[{ href: "/providers", label: t("provider.back") }]} />
      <p class="badges">
        {isChatonsMember(p) ? <ChatonsBadge t={t} /> : null}
        {p.isDemo ? <DemoBadge t={t} /> : null}
      </p>
      {paragraphs(p.description).map((para) => (
        <p class="lead">{para}</p>
      ))}

      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{t("provider.profile")}</h2>
        <dl class="facts profile">
          <Fact label={t("provider.legal_form")}>{legalFormLabel(t, p.legalForm)}</Fact>
          <Fact label={t("provider.status")}>{statusLabel(t, p.status)}</Fact>
          {p.foundedOn ? <Fact label={t("provider.founded")}>{formatDay(p.foundedOn, lang)}</Fact> : null}
          {safeHref(p.website) ? (
            <Fact label={t("provider.website")}>
              <a href={safeHref(p.website)}>{p.website}</a>
            </Fact>
          ) : null}
          {safeHref(p.contactUrl) || p.contactEmail ? (
            <Fact label={t("provider.contact")}>
              {safeHref(p.contactUrl) ? <a href={safeHref(p.contactUrl)}>{t("provider.contact_form")}</a> : null}
              {safeHref(p.contactUrl) && p.contactEmail ? " · " : null}
              {p.contactEmail ? <MaybeLink href={`mailto:${p.contactEmail}`}>{p.contactEmail}</MaybeLink> : null}
            </Fact>
          ) : null}
          {safeHref(p.legalUrl) ? (
            <Fact label={t("provider.legal_notice")}>
              <a href={safeHref(p.legalUrl)}>{p.legalUrl}</a>
            </Fact>
          ) : null}
          {safeHref(p.userGuideUrl) || safeHref(p.technicalGuideUrl) ? (
            <Fact label={t("provider.guides")}>
              {safeHref(p.userGuideUrl) ? <a href={safeHref(p.userGuideUrl)}>{t("provider.user_guide")}</a> : null}
              {safeHref(p.userGuideUrl) && safeHref(p.technicalGuideUrl) ? " · " : null}
              {safeHref(p.technicalGuideUrl) ? <a href={safeHref(p.technicalGuideUrl)}>{t("provider.technical_guide")}</a> : null}
            </Fact>
          ) : null}
          {p.countryCode ? <Fact label={t("provider.country")}>{countryName(p.countryCode, lang)}</Fact> : null}
          {p.address || mapHref ? (
            <Fact label={t("provider.address")}>
              {p.address ?? ""}
              {p.address && mapHref ? " · " : null}
              {mapHref ? <a href={mapHref}>{t("provider.map")}</a> : null}
            </Fact>
          ) : null}
          <Fact label={t("provider.languages")}>
            {p.languages.length ? formatList(p.languages.map((l) => languageName(l, lang)), lang) : t("common.unknown")}
          </Fact>
          <Fact label={t("provider.hardware")}>{p.hardwareHosting ? hardwareLabel(t, p.hardwareHosting) : t("common.unknown")}</Fact>
          <Fact label={t("provider.accepting")}>{p.acceptingMembers ? t("provider.accepting_yes") : t("provider.accepting_no")}</Fact>
          {p.capacity !== null ? <Fact label={t("provider.capacity")}>{plural(t, lang, "provider.capacity_value", p.capacity)}</Fact> : null}
        </dl>
      </section>

      {p.memberships.length ? (
        <section aria-labelledby="memberships-title">
          <h2 id="memberships-title">{t("provider.memberships")}</h2>
          <ul>
            {p.memberships.map((m) => (
              <li>
                <strong>{networkLabel(t, m.network)}</strong> — {statusLabel(t, m.status)}
                {m.since ? `, ${t("provider.since", { date: formatDay(m.since, lang) })}` : ""}
                {m.until ? `, ${t("provider.until", { date: formatDay(m.until, lang) })}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {p.commitments.length ? (
        <section aria-labelledby="commitments-title">
          <h2 id="commitments-title">{t("provider.commitments")}</h2>
          <ul>
            {p.commitments.map((c) => (
              <li>
                {c.charter}
                {safeHref(c.evidence_url) ? (
                  <>
                    {" — "}
                    <a href={safeHref(c.evidence_url)}>{t("provider.evidence")}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {funding || social ? (
        <section aria-labelledby="support-title">
          <h2 id="support-title">{t("provider.support")}</h2>
          {funding ? (
            <>
              <h3>{t("provider.funding")}</h3>
              <LinkList entries={p.funding} />
            </>
          ) : null}
          {social ? (
            <>
              <h3>{t("provider.social")}</h3>
              <LinkList entries={p.social} />
            </>
          ) : null}
        </section>
      ) : null}

      <CapacitySection t={t} lang={lang} capacity={props.capacity} />

      <section aria-labelledby="offers-title">
        <h2 id="offers-title">{plural(t, lang, "provider.offers", offers.length)}</h2>
        {offers.length === 0 ? (
          <p>{t("provider.no_offers")}</p>
        ) : (
          <form method="get" action="/compare" class="compare-form">
            <p class="hint">{t("provider.compare_hint", { max: MAX_COMPARE })}</p>
            <SelectionFieldset lang={lang} t={t} selection={props.selection.filter((s) => !own.has(s.offer.id))} />
            <div class="offer-grid">
              {offers.map((o) => (
                <OfferCard lang={lang} t={t} offer={o} checked={selectedIds.includes(o.id)} />
              ))}
            </div>
            <LangField url={props.url} />
            <p class="actions">
              <button type="submit">{t("provider.compare_submit")}</button>
            </p>
          </form>
        )}
        {offers.some((o) => o.version > 0) ? (
          <>
            <h3>{t("versions.offers_history")}</h3>
            <ul class="offer-history">
              {offers
                .filter((o) => o.version > 0)
                .map((o) => (
                  <li>
                    <a href={`/offers/${encodeURIComponent(o.id)}/versions/${o.version}`}>{t("versions.link", { name: o.name, n: o.version })}</a>
                  </li>
                ))}
            </ul>
          </>
        ) : null}
      </section>

      {props.coopPlans ? <CoopPlanLinks t={t} plans={offers} /> : null}

      <section aria-labelledby="source-title">
        <h2 id="source-title">{t("provider.source")}</h2>
        <p>
          {t(`source.${p.sourceFormat === "chatonsinfos" || p.sourceFormat === "librehosters" ? p.sourceFormat : "manual"}`)}
          {safeHref(p.sourceUrl) ? (
            <>
              {" — "}
              <a href={safeHref(p.sourceUrl)}>{p.sourceUrl}</a>
            </>
          ) : null}
          {p.importedAt ? ` — ${t("provider.imported_at", { date: formatDateTime(p.importedAt, lang) })}` : ""}
        </p>
        <p>
          {t("provider.downloads")} <a href={`/api/v1/providers/${encodeURIComponent(p.id)}`}>JSON</a> ·{" "}
          <a href={`/api/v1/providers/${encodeURIComponent(p.id)}/organization.properties`}>ChatonsInfos</a> ·{" "}
          <a href={`/api/v1/providers/${encodeURIComponent(p.id)}/librehost.json`}>LibreHosters</a>
        </p>
      </section>
    </Layout>
  );
}

// The directory: the filter form, the results with compare checkboxes, and keyset pagination.
import type { CatalogFilter } from "../../src/catalog/filters";
import type { OfferWithProvider } from "../../src/catalog/repository";
import type { OfferRow, ProviderRow } from "../../src/db/schema";
import type { FieldError } from "../../src/lib/problem";
import { FilterForm, type Facets } from "../components/filter-form";
import { plural } from "../components/format";
import { Layout, type PageProps } from "../components/layout";
import { PageHeader } from "../components/page-header";
import { ProviderCard } from "../components/provider-card";
import { LangField, SelectionFieldset } from "../components/selection";

export interface DirectoryProps extends PageProps {
  filter: CatalogFilter;
  maxPrice: string;
  facets: Facets;
  results: { provider: ProviderRow; offers: OfferRow[] }[];
  nextCursor: string | null;
  /** The comparison basket carried in `?offers=`. */
  selection: OfferWithProvider[];
  /** Fields of the query at fault: shown beside the form, the rest of the filter applied. */
  errors?: readonly FieldError[];
}

/** The current query with some parameters replaced or removed. */
function withQuery(url: URL, changes: Record<string, string | null>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) u.searchParams.delete(k);
    else u.searchParams.set(k, v);
  }
  return `${u.pathname}${u.search}`;
}

export function DirectoryPage(props: DirectoryProps) {
  const { t, lang, url, filter, results } = props;
  const selectedIds = props.selection.map((s) => s.offer.id);
  const listed = new Set(results.flatMap((r) => r.offers.map((o) => o.id)));
  const basketQuery = selectedIds.length ? `?offers=${encodeURIComponent(selectedIds.join(","))}` : "";
  return (
    <Layout {...props} title={t("dir.title")} demo={props.demo ?? results.some((r) => r.provider.isDemo)}>
      <PageHeader title={t("dir.title")} lead={t("dir.intro")} />
      <div class="directory">
        <FilterForm lang={lang} t={t} url={url} filter={filter} maxPrice={props.maxPrice} facets={props.facets} selectedIds={selectedIds} errors={props.errors} />
        <section class="results" aria-labelledby="results-title">
          <h2 id="results-title">{t("dir.results")}</h2>
          <p class="result-count" id="result-count">
            {/* Without a total from the repository, a paged list only says what this page holds. */}
            {plural(t, lang, filter.cursor || props.nextCursor ? "dir.count_page" : "dir.count", results.length)}
          </p>
          {results.length === 0 ? (
            <div class="empty">
              <p>
                <strong>{t("dir.empty_title")}</strong>
              </p>
              <p>{t("dir.empty_hint")}</p>
              <p>
                <a href="/providers">{t("filters.reset")}</a>
              </p>
            </div>
          ) : (
            <form method="get" action="/compare" class="compare-form">
              <p class="hint">{t("dir.compare_hint")}</p>
              <SelectionFieldset lang={lang} t={t} selection={props.selection.filter((s) => !listed.has(s.offer.id))} />
              <ul class="provider-list">
                {results.map((r) => (
                  <ProviderCard
                    lang={lang}
                    t={t}
                    provider={r.provider}
                    offers={r.offers}
                    filter={filter}
                    selectedIds={selectedIds}
                    href={`/providers/${encodeURIComponent(r.provider.id)}${basketQuery}`}
                  />
                ))}
              </ul>
              <LangField url={url} />
              <p class="actions">
                <button type="submit">{t("dir.compare_submit")}</button>
              </p>
            </form>
          )}
          {props.nextCursor || filter.cursor ? (
            <nav class="pagination" aria-label={t("dir.pagination")}>
              <ul>
                {filter.cursor ? (
                  <li>
                    <a href={withQuery(url, { cursor: null })}>{t("dir.first_page")}</a>
                  </li>
                ) : null}
                {props.nextCursor ? (
                  <li>
                    <a href={withQuery(url, { cursor: props.nextCursor })} rel="next">
                      {t("dir.next_page")}
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </section>
      </div>
    </Layout>
  );
}

// The home page: what Cassiopea stops hosting and by when, the ways to move, and the directory's
// counts with a way in by service kind.
import { Deadline } from "../components/deadline";
import { plural } from "../components/format";
import { serviceLabel } from "../components/labels";
import { Layout, type PageProps } from "../components/layout";
import { TransitionSummary, type TransitionSummaryData } from "../components/transition-summary";
import type { Meter } from "../../src/coop/pledges/service";
import { CompactMeter } from "./coop/pledge-meter";

export interface HomeProps extends PageProps {
  counts: { providers: number; offers: number; byService: [kind: string, offers: number][] };
  /** Services moved over the inventory's total, without names (src/transition/control). */
  transition?: TransitionSummaryData | undefined;
  /** The cooperative's viability meter, shown compact beside the ways to move. */
  meter?: Meter;
}

export function HomePage(props: HomeProps) {
  const { t, lang, counts } = props;
  return (
    // The deadline stands once, big, in the hero: not also in the header bar.
    <Layout {...props} deadline={undefined} title={t("home.title")}>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p class="lead">{t("home.lead")}</p>
        {props.deadline ? <Deadline lang={lang} t={t} deadline={props.deadline} now={props.now} class="deadline deadline-big" /> : null}
        <p class="actions">
          <a class="button" href="/providers">
            {t("home.cta_directory")}
          </a>{" "}
          <a class="button" href="/match">
            {t("home.cta_match")}
          </a>
        </p>
      </section>

      <TransitionSummary t={t} lang={lang} summary={props.transition} />

      <div class="columns">
        <section aria-labelledby="stops-title">
          <h2 id="stops-title">{t("home.stops_title")}</h2>
          <p>{t("home.stops_intro")}</p>
          <ul>
            <li>{t("home.stops_web")}</li>
            <li>{t("home.stops_mail")}</li>
            <li>{t("home.stops_lists")}</li>
            <li>{t("home.stops_domains")}</li>
            <li>{t("home.stops_dns")}</li>
          </ul>
        </section>
        <section aria-labelledby="own-title">
          <h2 id="own-title">{t("home.own_title")}</h2>
          <p>{t("home.own_text")}</p>
        </section>
      </div>

      <section aria-labelledby="paths-title">
        <h2 id="paths-title">{t("home.paths_title")}</h2>
        <ul class="paths">
          <li class="card">
            <h3>{t("home.path_alone_title")}</h3>
            <p>{t("home.path_alone_text")}</p>
            <p>
              <a href="/providers">{t("home.path_alone_link")}</a>
            </p>
          </li>
          <li class="card">
            <h3>{t("home.path_together_title")}</h3>
            <p>{t("home.path_together_text")}</p>
            <p>
              <a href="/together">{t("home.path_together_link")}</a>
            </p>
          </li>
          <li class="card">
            <h3>{t("home.path_coop_title")}</h3>
            <p>{t("home.path_coop_text")}</p>
            <p>
              <a href="/cooperative">{t("home.path_coop_link")}</a>
            </p>
          </li>
        </ul>
      </section>

      {props.meter ? <CompactMeter t={t} lang={lang} meter={props.meter} /> : null}

      <section aria-labelledby="hosts-title">
        <h2 id="hosts-title">{t("home.hosts_title")}</h2>
        <p>{t("home.hosts_text")}</p>
        <ul>
          <li>
            <a href="https://www.chatons.org/" hreflang="fr">
              {t("home.link_chatons")}
            </a>
          </li>
          <li>
            <a href="https://libreho.st/" hreflang="en">
              {t("home.link_librehosters")}
            </a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t("home.counts_title")}</h2>
        <p class="counts">
          <a href="/providers">{plural(t, lang, "home.count_providers", counts.providers)}</a>
          {" · "}
          <span>{plural(t, lang, "home.count_offers", counts.offers)}</span>
        </p>
        {counts.byService.length ? (
          <>
            <h3>{t("home.browse_title")}</h3>
            <ul class="service-links">
              {counts.byService.map(([kind, n]) => (
                <li>
                  <a href={`/providers?service=${encodeURIComponent(kind)}`}>
                    {serviceLabel(t, kind)} <span class="count">({plural(t, lang, "home.count_offers", n)})</span>
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("home.empty")}</p>
        )}
      </section>
    </Layout>
  );
}

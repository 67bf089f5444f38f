// /match and /match/results: the needs wizard, and below the search that was made, its bundles and
// why the other offers were left out. A wrong or empty form comes back (400) with its values kept
// and an error summary naming each field by its label, linked to it.
import type { OfferLabel } from "../../src/matching/catalog";
import type { WizardChoices } from "../../src/matching/choices";
import type { MatchFormValues } from "../../src/matching/form";
import type { MatchRequest } from "../../src/matching/needs";
import type { MatchResult } from "../../src/matching/types";
import type { FieldError } from "../../src/lib/problem";
import { Layout, type PageProps } from "../components/layout";
import { PageHeader } from "../components/page-header";
import { fieldAnchor, MatchForm, matchFieldLabel } from "../components/match-form";
import { MatchResults, type SaveState } from "../components/match-results";

export interface MatchPageProps extends PageProps {
  values: MatchFormValues;
  /** The countries and languages the wizard offers (the catalogue's). */
  choices: WizardChoices;
  /** Why the form came back: no need described, or fields with wrong values. */
  problem?: { reason: "empty" | "invalid"; errors: FieldError[] } | undefined;
  /** `coopProviderId`: the cooperative's provider, whose offers are plans members subscribe to. */
  results?: { request: MatchRequest; result: MatchResult; labels: Map<string, OfferLabel>; coopProviderId?: string | null } | undefined;
  /** Saving these needs and shortlisting bundles (signed-in owners and admins of member organisations). */
  saving?: SaveState | undefined;
}

function ErrorSummary(props: { t: PageProps["t"]; problem: NonNullable<MatchPageProps["problem"]> }) {
  const { t, problem } = props;
  const fields = [...new Set(problem.errors.map((e) => e.field))];
  const labels = fields.map((f) => matchFieldLabel(t, f));
  return (
    <div class="error-summary" role="alert" aria-labelledby="match-error-title">
      <h2 id="match-error-title">{t("error.invalid_title")}</h2>
      <p class="error-message">{problem.reason === "empty" ? t("match.empty") : t("error.invalid", { fields: labels.join(", ") })}</p>
      {fields.length ? (
        <ul class="error-fields">
          {fields.map((f, i) => (
            <li>
              <a href={fieldAnchor(f)}>{labels[i]}</a> (<code>{f}</code>)
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function MatchPage(props: MatchPageProps) {
  const { t, lang } = props;
  const title = props.results ? `${t("match.results_title")} · ${t("match.title")}` : t("match.title");
  const form = <MatchForm lang={lang} t={t} url={props.url} values={props.values} choices={props.choices} />;
  return (
    <Layout {...props} title={props.problem ? `${t("error.invalid_title")} · ${t("match.title")}` : title}>
      <PageHeader title={t("match.title")} lead={t("match.intro")} />
      {props.problem ? <ErrorSummary t={t} problem={props.problem} /> : null}
      {props.results ? (
        <>
          <MatchResults lang={lang} t={t} {...props.results} saving={props.saving} />
          <section aria-labelledby="refine-title" class="match-refine">
            <h2 id="refine-title">{t("match.refine_title")}</h2>
            {form}
          </section>
        </>
      ) : (
        form
      )}
    </Layout>
  );
}

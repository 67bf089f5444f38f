// /transition/assignments (stewards): pick members, a method and groups, run the collective
// assignment, review the result per member (hosts, services, monthly cost; who is left out and why;
// capacity used per host), then send the proposals. Plain forms: the review's send form carries the
// choices and the review token, never offers — the server runs the assignment again.
import type { AssignReply } from "../../../src/transition/assign/service";
import type { ProposalView } from "../../../src/transition/proposals/service";
import { formatDateTime, formatMoney, formatNumber } from "../../components/format";
import { CheckboxGroup, ErrorSummary, RadioGroup, TextArea, choiceId } from "../../components/form";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { T } from "../../i18n";

export interface AssignFormValues {
  members: string[];
  all: boolean;
  mode: string;
  groups: string;
}
export type AssignFormErrors = Partial<Record<"members" | "mode" | "groups", string>>;

export interface Review {
  reply: AssignReply;
  token: string;
  names: Map<string, string>;
  providers: Map<string, string>;
  /** Members whose open proposal the new one will supersede. */
  open: Set<string>;
  /** The offer of each assigned service: offer name and provider id. */
  offers: Map<string, { name: string; providerId: string }>;
}

export interface AssignmentsProps extends PageProps {
  candidates: { id: string; name: string; services: number }[];
  values: AssignFormValues;
  errors: AssignFormErrors;
  review?: Review;
  notice?: string;
  tone?: "error";
  recent: ProposalView[];
}

function ReviewSection(props: { t: T; lang: AssignmentsProps["lang"]; review: Review; values: AssignFormValues }) {
  const { t, lang, review } = props;
  const { reply } = review;
  const total = reply.assignments.reduce((n, a) => n + a.monthly_cents, 0);
  const capacity = Object.entries(reply.capacity_used).flatMap(([provider, kinds]) => Object.entries(kinds).map(([kind, used]) => ({ provider, kind, used: used ?? "" })));
  const groups = props.values.groups;
  return (
    <section aria-labelledby="review-title" id="review">
      <h2 id="review-title">{t("proposals.review.title")}</h2>
      <p>{t("proposals.review.summary", { assigned: formatNumber(reply.assignments.length, lang), unassigned: formatNumber(reply.unassigned.length, lang), total: formatMoney(total, lang) })}</p>
      {reply.mode === "optimal" && !reply.proved_optimal ? (
        <p class="hint">
          {reply.lower_bound_cents === null ? t("proposals.review.not_proved") : t("proposals.review.not_proved_gap", { gap: formatMoney(reply.objective_cents - reply.lower_bound_cents, lang) })}
        </p>
      ) : null}
      {reply.mode === "stable" && reply.stable === false ? <p class="hint">{t("proposals.review.not_stable")}</p> : null}
      {reply.assignments.length ? (
        <div class="table-scroll" tabindex={0}>
          <table>
            <caption class="visually-hidden">{t("proposals.review.title")}</caption>
            <TableHead cols={[t("proposals.review.col.member"), t("proposals.review.col.hosts"), t("proposals.review.col.items"), { label: t("proposals.review.col.monthly"), num: true }]} />
            <tbody>
              {reply.assignments.map((a) => {
                const hosts = [...new Set(a.items.map((i) => review.offers.get(i.offer_id)?.providerId ?? ""))].map((p) => review.providers.get(p) ?? p);
                return (
                  <tr data-org={a.organisation_id}>
                    <th scope="row">
                      {review.names.get(a.organisation_id) ?? a.organisation_id}
                      {review.open.has(a.organisation_id) ? <span class="hint"> ({t("proposals.review.supersedes")})</span> : null}
                    </th>
                    <td>{hosts.join(", ")}</td>
                    <td>
                      <ul class="plain">
                        {a.items.map((i) => (
                          <li>{review.offers.get(i.offer_id)?.name ?? i.offer_id}</li>
                        ))}
                      </ul>
                    </td>
                    <td class="num">{formatMoney(a.monthly_cents, lang)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">{t("proposals.review.nothing")}</p>
      )}
      {reply.unassigned.length ? (
        <>
          <h3>{t("proposals.review.unassigned")}</h3>
          <div class="table-scroll" tabindex={0}>
            <table>
              <caption class="visually-hidden">{t("proposals.review.unassigned")}</caption>
              <TableHead cols={[t("proposals.review.col.member"), t("proposals.review.col.reason")]} />
              <tbody>
                {reply.unassigned.map((u) => (
                  <tr data-org={u.organisation_id}>
                    <th scope="row">{review.names.get(u.organisation_id) ?? u.organisation_id}</th>
                    <td>{u.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h3>{t("proposals.review.capacity")}</h3>
      {capacity.length ? (
        <div class="table-scroll" tabindex={0}>
          <table>
            <caption class="visually-hidden">{t("proposals.review.capacity")}</caption>
            <TableHead cols={[t("proposals.review.col.host"), t("proposals.review.col.kind"), { label: t("proposals.review.col.used"), num: true }]} />
            <tbody>
              {capacity.map((c) => (
                <tr>
                  <th scope="row">{review.providers.get(c.provider) ?? c.provider}</th>
                  <td>{c.kind === "migrations" ? t("capacity.kind.migrations") : t(`transition.kind.${c.kind as "mailbox"}`)}</td>
                  <td class="num">{c.used}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">{t("proposals.review.capacity_none")}</p>
      )}
      {reply.assignments.length ? (
        <form method="post" action="/transition/assignments/send">
          {reply.assignments.map((a) => a.organisation_id).concat(reply.unassigned.map((u) => u.organisation_id)).sort().map((id) => (
            <input type="hidden" name="members" value={id} />
          ))}
          <input type="hidden" name="mode" value={reply.mode} />
          <input type="hidden" name="groups" value={groups} />
          <input type="hidden" name="review_token" value={review.token} />
          <p class="hint" id="send-hint">
            {t("proposals.review.send_hint")}
          </p>
          <p class="actions">
            <button type="submit" aria-describedby="send-hint">
              {t("proposals.review.send", { n: formatNumber(reply.assignments.length, lang) })}
            </button>
          </p>
        </form>
      ) : null}
    </section>
  );
}

export function AssignmentsPage(props: AssignmentsProps) {
  const { t, lang, values, errors } = props;
  const title = t("proposals.assign.title");
  const summary = [
    errors.members ? { id: props.candidates.length ? choiceId("members", props.candidates[0]!.id) : "all", label: t("proposals.assign.members"), message: errors.members } : null,
    errors.mode ? { id: choiceId("mode", "optimal"), label: t("proposals.assign.mode"), message: errors.mode } : null,
    errors.groups ? { id: "groups", label: t("proposals.assign.groups"), message: errors.groups } : null,
  ].filter((x) => x !== null);
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/transition", label: t("control.title") }]} lead={t("proposals.assign.lead")} />
      <Notice text={props.notice} tone={props.tone} alert={props.tone === "error"} />
      <ErrorSummary title={t("proposals.assign.error_title")} items={summary} />
      {props.review ? <ReviewSection t={t} lang={lang} review={props.review} values={values} /> : null}
      <section aria-labelledby="assign-form-title">
        <h2 id="assign-form-title">{t("proposals.assign.form")}</h2>
        {props.candidates.length === 0 ? <p class="empty">{t("proposals.assign.none")}</p> : null}
        <form method="post" action="/transition/assignments" novalidate>
          <div class="field field-check">
            <input type="checkbox" id="all" name="all" value="1" checked={values.all} /> <label for="all">{t("proposals.assign.all", { n: formatNumber(props.candidates.length, lang) })}</label>
          </div>
          {props.candidates.length ? (
            <CheckboxGroup
              id="members"
              name="members"
              legend={t("proposals.assign.members")}
              hint={t("proposals.assign.members_hint")}
              error={errors.members}
              checked={values.members}
              options={props.candidates.map((c) => ({ value: c.id, label: c.name, hint: t("proposals.assign.member_services", { n: formatNumber(c.services, lang) }) }))}
            />
          ) : null}
          <RadioGroup
            id="mode"
            name="mode"
            legend={t("proposals.assign.mode")}
            required
            error={errors.mode}
            value={values.mode}
            options={[
              { value: "optimal", label: t("proposals.assign.mode.optimal") },
              { value: "stable", label: t("proposals.assign.mode.stable") },
            ]}
          />
          <TextArea id="groups" label={t("proposals.assign.groups")} hint={t("proposals.assign.groups_hint")} error={errors.groups} value={values.groups} rows={3} maxlength={20000} />
          <p class="actions">
            <button type="submit">{t("proposals.assign.run")}</button>
          </p>
        </form>
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t("proposals.list.title")}</h2>
        {props.recent.length === 0 ? (
          <p class="empty">{t("proposals.list.none")}</p>
        ) : (
          <div class="table-scroll" tabindex={0}>
            <table>
              <caption class="visually-hidden">{t("proposals.list.title")}</caption>
              <TableHead cols={[t("proposals.review.col.member"), t("proposals.list.col.status"), t("proposals.list.col.sent_at"), { label: t("proposals.review.col.monthly"), num: true }]} />
              <tbody>
                {props.recent.map((p) => (
                  <tr data-proposal={p.id}>
                    <th scope="row">
                      <a href={`/orgs/${encodeURIComponent(p.organisation_id)}/proposals/${encodeURIComponent(p.id)}`}>{p.organisation_name}</a>
                    </th>
                    <td>{t(`proposals.status.${p.status}`)}</td>
                    <td>
                      <time datetime={p.sent_at}>{formatDateTime(p.sent_at, lang)}</time>
                    </td>
                    <td class="num">{formatMoney(p.monthly_cents, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}

// /admin/moderation: what providers submitted and claims to manage a profile, oldest first; each
// shows what it changes (current → proposed) with approve and reject (a reason is required).
import type { QueueChange } from "../../../src/catalog/moderation/service";
import type { ProviderClaimRow } from "../../../src/db/schema";
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import type { MessageKey } from "../../i18n";
import { TextArea } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import { displayChanges, type Shown } from "./moderation-model";

export interface ModerationProps extends PageProps {
  changes: QueueChange[];
  claims: { claim: ProviderClaimRow; orgName: string; providerName: string; contactEmail: string | null }[];
  notice?: MessageKey;
  /** The item whose rejection came back without a reason. */
  invalid?: string;
}

/** One side of a change: a list as a list, a proposed URL as plain text (never a live link before it is moderated). */
function Value(props: { shown: Shown | null }) {
  const v = props.shown;
  if (!v || v.kind === "none") return <>—</>;
  if (v.kind === "list") {
    return (
      <ul class="plain">
        {v.items.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
    );
  }
  if (v.kind === "url") return <code class="url-text">{v.text}</code>;
  return <>{v.text}</>;
}

function Decide(props: ModerationProps & { path: string; id: string }) {
  const { t } = props;
  const invalid = props.invalid === props.id;
  return (
    <div class="decide">
      <form method="post" action={`${props.path}/approve`}>
        <button type="submit">{t("moderation.approve")}</button>
      </form>
      <form method="post" action={`${props.path}/reject`}>
        <TextArea id={`reason-${props.id}`} name="reason" rows={2} required label={t("moderation.reason")} error={invalid ? t("moderation.reason_required") : undefined} />
        <button type="submit">{t("moderation.reject")}</button>
      </form>
    </div>
  );
}

export function ModerationPage(props: ModerationProps) {
  const { t, lang } = props;
  const title = t("moderation.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">{t("moderation.changes", { n: props.changes.length })}</h2>
        {props.changes.length === 0 ? <p>{t("moderation.none")}</p> : null}
        {props.changes.length ? <p class="hint">{t("moderation.url_note")}</p> : null}
        {props.changes.map(({ change, orgName, subjectName, changes, service }) => {
          const rows = displayChanges(t, lang, change.subjectType, changes, service);
          return (
            <article class="moderation-item" aria-labelledby={`h-${change.id}`}>
              <h3 id={`h-${change.id}`}>
                {t(`moderation.kind.${change.subjectType}_${change.kind}`, { name: subjectName })}
              </h3>
              <p>{t("moderation.by", { org: orgName, date: formatDateTime(change.createdAt, lang) })}</p>
              <table>
                <caption>{t("moderation.diff_caption")}</caption>
                <TableHead cols={[t("moderation.field"), t("moderation.before"), t("moderation.after")]} />
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <th scope="row">{r.label}</th>
                      <td>
                        <Value shown={r.before} />
                      </td>
                      <td>
                        <Value shown={r.after} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Decide {...props} path={`/admin/moderation/changes/${encodeURIComponent(change.id)}`} id={change.id} />
            </article>
          );
        })}
      </section>
      <section aria-labelledby="claims-title">
        <h2 id="claims-title">{t("moderation.claims", { n: props.claims.length })}</h2>
        {props.claims.length === 0 ? <p>{t("moderation.none")}</p> : null}
        {props.claims.map(({ claim, orgName, providerName, contactEmail }) => (
          <article class="moderation-item" aria-labelledby={`h-${claim.id}`}>
            <h3 id={`h-${claim.id}`}>{t("moderation.claim", { org: orgName, name: providerName })}</h3>
            <p>{t("moderation.claim_contact", { email: contactEmail ?? "—", date: formatDateTime(claim.createdAt, lang) })}</p>
            {claim.message ? <blockquote>{claim.message}</blockquote> : null}
            <Decide {...props} path={`/admin/moderation/claims/${encodeURIComponent(claim.id)}`} id={claim.id} />
          </article>
        ))}
      </section>
    </Layout>
  );
}

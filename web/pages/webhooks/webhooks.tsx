// /orgs/:orgId/webhooks: an organisation's webhook endpoints (each with its last attempts and its
// buttons), the form that registers one, the failed messages with replay, and — for a provider —
// the inbound secret that signs its events to Chatière. A new or rotated secret is shown once, on
// the answer to the POST itself (never in a URL). Plain forms; times in Brussels.
import { formatDateTime, formatNumber } from "../../components/format";
import { CheckboxGroup, ErrorSummary, TextArea, TextField } from "../../components/form";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { MessageKey, T } from "../../i18n";

export interface OrgView {
  id: string;
  name: string;
  kind: string;
  providerId: string | null;
}

export interface AttemptView {
  attemptedAt: string;
  statusCode: number | null;
  durationMs: number;
  response: string | null;
  error: string | null;
  ok: boolean;
}

export interface EndpointView {
  id: string;
  url: string;
  description: string;
  event_types: string[];
  status: "enabled" | "disabled";
  disabled_reason: string | null;
  disabled_at: string | null;
  failing_since: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  attempts: AttemptView[];
}

export interface FailedView {
  id: string;
  endpointId: string;
  type: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export type EndpointField = "url" | "description" | "event_types";
export interface EndpointForm {
  values: { url: string; description: string; event_types: string[] };
  errors: Partial<Record<EndpointField, MessageKey>>;
}

const FIELDS: EndpointField[] = ["url", "description", "event_types"];
const FIELD_LABEL: Record<EndpointField, MessageKey> = { url: "webhooks.field.url", description: "webhooks.field.description", event_types: "webhooks.field.event_types" };
const REASON: Record<string, MessageKey> = {
  manual: "webhooks.reason.manual",
  failing: "webhooks.reason.failing",
  gone: "webhooks.reason.gone",
  unsafe_url: "webhooks.reason.unsafe_url",
};
const reasonText = (t: T, reason: string | null) => t(REASON[reason ?? "manual"] ?? "webhooks.reason.manual");
const typeId = (pattern: string) => `event-${pattern.replace("*", "all").replace(/[^a-z0-9_-]+/gi, "-")}`;

function EndpointFields(props: { t: T; form: EndpointForm; choices: readonly string[]; idPrefix?: string }) {
  const { t, form } = props;
  const err = (f: EndpointField) => (form.errors[f] ? t(form.errors[f]!) : undefined);
  return (
    <>
      <TextField id="url" type="url" label={t("webhooks.field.url")} hint={t("webhooks.field.url_hint")} value={form.values.url} error={err("url")} maxlength={2000} required />
      <TextArea id="description" label={t("webhooks.field.description")} value={form.values.description} error={err("description")} maxlength={500} rows={2} />
      <CheckboxGroup
        id="event_types"
        name="event_types"
        legend={t("webhooks.field.event_types")}
        hint={t("webhooks.field.event_types_hint")}
        error={err("event_types")}
        checked={form.values.event_types}
        options={props.choices.map((p) => ({ value: p, label: p, id: typeId(p) }))}
      />
    </>
  );
}

function FormErrors(props: { t: T; form?: EndpointForm; choices: readonly string[] }) {
  const { t, form } = props;
  if (!form) return null;
  const items = FIELDS.filter((f) => form.errors[f]).map((f) => ({ id: f === "event_types" ? typeId(props.choices[0] ?? "*") : f, label: t(FIELD_LABEL[f]), message: t(form.errors[f]!) }));
  return <ErrorSummary title={t("webhooks.error_summary")} items={items} />;
}

function Attempts(props: { t: T; lang: PageProps["lang"]; attempts: AttemptView[]; url: string }) {
  const { t, lang } = props;
  if (!props.attempts.length) return <p class="empty">{t("webhooks.attempts.none")}</p>;
  return (
    <div class="table-scroll" tabindex={0}>
      <table class="webhook-attempts">
        <caption>{t("webhooks.attempts.caption", { url: props.url })}</caption>
        <TableHead cols={[t("webhooks.attempts.when"), t("webhooks.attempts.status"), { label: t("webhooks.attempts.duration"), num: true }, t("webhooks.attempts.response")]} />
        <tbody>
          {props.attempts.map((a) => (
            <tr>
              <th scope="row">
                <time datetime={a.attemptedAt}>{formatDateTime(a.attemptedAt, lang)}</time>
              </th>
              <td>{a.statusCode !== null ? `${a.ok ? "✓" : "✗"} HTTP ${a.statusCode}` : `✗ ${t("webhooks.attempts.no_answer")}`}</td>
              <td class="num">{t("webhooks.attempts.ms", { ms: formatNumber(a.durationMs, lang) })}</td>
              <td>
                {a.error ? <p class="audit-detail">{a.error}</p> : null}
                {a.response ? <pre class="audit-detail">{a.response}</pre> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface WebhooksPageProps extends PageProps {
  org: OrgView;
  endpoints: EndpointView[];
  failed: FailedView[];
  choices: readonly string[];
  form?: EndpointForm;
  replayError?: MessageKey;
  notice?: MessageKey;
  /** Providers only: the inbound URL and whether a secret exists. */
  inbound?: { url: string; secret: { updatedAt: string; previousExpiresAt: string | null } | null };
}

export const webhooksBase = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/webhooks`;

export function WebhooksPage(props: WebhooksPageProps) {
  const { t, lang, org } = props;
  const base = webhooksBase(org.id);
  const title = t("webhooks.title", { org: org.name });
  const urlOf = new Map(props.endpoints.map((e) => [e.id, e.url]));
  const form = props.form ?? { values: { url: "", description: "", event_types: [] }, errors: {} };
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name }]} lead={t("webhooks.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />

      <h2>{t("webhooks.endpoints")}</h2>
      {props.endpoints.length ? (
        props.endpoints.map((e) => {
          const path = `${base}/${encodeURIComponent(e.id)}`;
          return (
            <section class="card webhook-endpoint" data-endpoint={e.id} aria-labelledby={`ep-${e.id}`}>
              <h3 id={`ep-${e.id}`} class="webhook-url">
                {e.url}
              </h3>
              <dl class="facts">
                <div>
                  <dt>{t("webhooks.field.description")}</dt>
                  <dd>{e.description || "—"}</dd>
                </div>
                <div>
                  <dt>{t("webhooks.field.event_types")}</dt>
                  <dd>{e.event_types.join(", ")}</dd>
                </div>
                <div>
                  <dt>{t("webhooks.status")}</dt>
                  <dd>
                    {e.status === "enabled" ? (
                      <strong class="badge">{t("webhooks.status.enabled")}</strong>
                    ) : (
                      <>
                        <strong class="badge">{t("webhooks.status.disabled")}</strong> {reasonText(t, e.disabled_reason)}
                        {e.disabled_at ? (
                          <>
                            {" "}
                            (<time datetime={e.disabled_at}>{formatDateTime(e.disabled_at, lang)}</time>)
                          </>
                        ) : null}
                      </>
                    )}
                  </dd>
                </div>
                {e.failing_since && e.status === "enabled" ? (
                  <div>
                    <dt>{t("webhooks.failing_since")}</dt>
                    <dd>
                      <time datetime={e.failing_since}>{formatDateTime(e.failing_since, lang)}</time>
                    </dd>
                  </div>
                ) : null}
                {e.previous_secret_expires_at ? (
                  <div>
                    <dt>{t("webhooks.previous_secret")}</dt>
                    <dd>{t("webhooks.previous_secret_until", { at: formatDateTime(e.previous_secret_expires_at, lang) })}</dd>
                  </div>
                ) : null}
              </dl>
              <ul class="actions webhook-actions">
                <li>
                  <a href={path} aria-label={t("webhooks.edit_label", { url: e.url })}>
                    {t("webhooks.edit")}
                  </a>
                </li>
                <li>
                  <form method="post" action={`${path}/${e.status === "enabled" ? "disable" : "enable"}`} class="inline-form">
                    <button type="submit" class="button-secondary">
                      {t(e.status === "enabled" ? "webhooks.disable" : "webhooks.enable")}
                    </button>
                  </form>
                </li>
                {e.status === "enabled" ? (
                  <li>
                    <form method="post" action={`${path}/test`} class="inline-form">
                      <button type="submit" class="button-secondary">
                        {t("webhooks.test")}
                      </button>
                    </form>
                  </li>
                ) : null}
                <li>
                  <form method="post" action={`${path}/rotate`} class="inline-form">
                    <button type="submit" class="button-secondary">
                      {t("webhooks.rotate")}
                    </button>
                  </form>
                </li>
                <li>
                  <a href={`${path}/delete`}>{t("webhooks.delete")}</a>
                </li>
              </ul>
              <h4>{t("webhooks.attempts.title")}</h4>
              <Attempts t={t} lang={lang} attempts={e.attempts} url={e.url} />
            </section>
          );
        })
      ) : (
        <p class="empty">{t("webhooks.none")}</p>
      )}

      <h2 id="register">{t("webhooks.register")}</h2>
      <FormErrors t={t} form={props.form} choices={props.choices} />
      <form method="post" action={base} class="webhook-form">
        <EndpointFields t={t} form={form} choices={props.choices} />
        <button type="submit">{t("webhooks.register_submit")}</button>
      </form>

      <h2 id="failed">{t("webhooks.failed.title")}</h2>
      <p>{t("webhooks.failed.lead")}</p>
      {props.failed.length ? (
        <div class="table-scroll" tabindex={0}>
          <table class="webhook-failed">
            <caption>{t("webhooks.failed.caption")}</caption>
            <TableHead cols={[t("webhooks.failed.when"), t("webhooks.failed.endpoint"), t("webhooks.failed.type"), { label: t("webhooks.failed.attempts"), num: true }, t("webhooks.failed.error"), t("webhooks.failed.action")]} />
            <tbody>
              {props.failed.map((m) => (
                <tr data-message={m.id}>
                  <th scope="row">
                    <time datetime={m.createdAt}>{formatDateTime(m.createdAt, lang)}</time>
                  </th>
                  <td class="webhook-url">{urlOf.get(m.endpointId) ?? m.endpointId}</td>
                  <td>
                    <code>{m.type}</code>
                  </td>
                  <td class="num">{m.attempts}</td>
                  <td>{m.lastError ?? "—"}</td>
                  <td>
                    <form method="post" action={`${base}/replay`} class="inline-form">
                      <input type="hidden" name="message_id" value={m.id} />
                      <button type="submit" class="button-secondary" aria-label={t("webhooks.failed.replay_label", { type: m.type, id: m.id })}>
                        {t("webhooks.failed.replay")}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">{t("webhooks.failed.none")}</p>
      )}
      <form method="post" action={`${base}/replay`} class="webhook-form">
        <TextField id="since" type="text" label={t("webhooks.failed.since")} hint={t("webhooks.failed.since_hint")} error={props.replayError ? t(props.replayError) : undefined} maxlength={40} required />
        <button type="submit">{t("webhooks.failed.replay_all")}</button>
      </form>

      {props.inbound ? (
        <>
          <h2 id="inbound">{t("webhooks.inbound.title")}</h2>
          <p>{t("webhooks.inbound.lead")}</p>
          <dl class="facts">
            <div>
              <dt>{t("webhooks.inbound.url")}</dt>
              <dd>
                <code class="webhook-url">{props.inbound.url}</code>
              </dd>
            </div>
            <div>
              <dt>{t("webhooks.inbound.secret")}</dt>
              <dd>
                {props.inbound.secret ? t("webhooks.inbound.secret_since", { at: formatDateTime(props.inbound.secret.updatedAt, lang) }) : t("webhooks.inbound.no_secret")}
                {props.inbound.secret?.previousExpiresAt ? ` ${t("webhooks.previous_secret_until", { at: formatDateTime(props.inbound.secret.previousExpiresAt, lang) })}` : ""}
              </dd>
            </div>
          </dl>
          <p>{t("webhooks.inbound.example")}</p>
          <pre class="audit-detail">{`POST ${props.inbound.url}
content-type: application/json
webhook-id: msg_2Kx9…
webhook-timestamp: 1764288000
webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">

{"type": "migration.item.transition", "data": {"migration_id": "mig_…", "item_id": "itm_…", "to": "copying"}}`}</pre>
          <form method="post" action={`${base}/inbound-secret`} class="inline-form">
            <button type="submit">{t(props.inbound.secret ? "webhooks.inbound.rotate" : "webhooks.inbound.create")}</button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

interface EditProps extends PageProps {
  org: OrgView;
  endpoint: { id: string; url: string };
  form: EndpointForm;
  choices: readonly string[];
}

export function EndpointEditPage(props: EditProps) {
  const { t, org } = props;
  const base = webhooksBase(org.id);
  const title = t("webhooks.edit_title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name }, { href: base, label: t("webhooks.title", { org: org.name }) }]} lead={props.endpoint.url} />
      <FormErrors t={t} form={Object.keys(props.form.errors).length ? props.form : undefined} choices={props.choices} />
      <form method="post" action={`${base}/${encodeURIComponent(props.endpoint.id)}`} class="webhook-form">
        <EndpointFields t={t} form={props.form} choices={props.choices} />
        <button type="submit">{t("webhooks.save")}</button>
      </form>
      <p>
        <a href={base}>{t("webhooks.back")}</a>
      </p>
    </Layout>
  );
}

export function EndpointDeletePage(props: PageProps & { org: OrgView; endpoint: { id: string; url: string } }) {
  const { t, org } = props;
  const base = webhooksBase(org.id);
  const title = t("webhooks.delete_title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name }, { href: base, label: t("webhooks.title", { org: org.name }) }]} />
      <p>{t("webhooks.delete_confirm", { url: props.endpoint.url })}</p>
      <form method="post" action={`${base}/${encodeURIComponent(props.endpoint.id)}/delete`} class="inline-form">
        <button type="submit">{t("webhooks.delete_submit")}</button>
      </form>{" "}
      <a href={base}>{t("webhooks.cancel")}</a>
    </Layout>
  );
}

export type SecretKind = "created" | "rotated" | "inbound_created" | "inbound_rotated";
const SECRET_TITLE: Record<SecretKind, MessageKey> = {
  created: "webhooks.secret.created_title",
  rotated: "webhooks.secret.rotated_title",
  inbound_created: "webhooks.secret.inbound_created_title",
  inbound_rotated: "webhooks.secret.inbound_rotated_title",
};

/** The answer to the POST that made a secret: the only time it is ever shown. */
export function SecretPage(props: PageProps & { org: OrgView; kind: SecretKind; secret: string; target: string; previousExpiresAt?: string | null }) {
  const { t, lang, org } = props;
  const base = webhooksBase(org.id);
  const title = t(SECRET_TITLE[props.kind]);
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name }, { href: base, label: t("webhooks.title", { org: org.name }) }]} lead={props.target} />
      <Notice tone="error" alert text={t("webhooks.secret.once")} />
      <h2>{t("webhooks.secret.label")}</h2>
      <p>
        <code id="secret" class="secret">
          {props.secret}
        </code>
      </p>
      {props.previousExpiresAt ? <p>{t("webhooks.secret.overlap", { at: formatDateTime(props.previousExpiresAt, lang) })}</p> : null}
      <p>{t(props.kind.startsWith("inbound") ? "webhooks.secret.inbound_usage" : "webhooks.secret.usage")}</p>
      <p>
        <a href={base}>{t("webhooks.back")}</a>
      </p>
    </Layout>
  );
}

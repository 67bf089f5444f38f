// API key pages, for a provider organisation (/orgs/:orgId/keys) and for a steward's own keys
// (/admin/keys): the list with a revoke button per key, the create form, and the page that shows a
// new secret once. Plain forms; the secret never travels in a URL.
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import type { MessageKey, T } from "../../i18n";
import type { ApiScope } from "../../../src/db/schema";
import type { KeyFieldError, KeyFormValues, KeyState } from "../../../src/accounts/keys/model";
import { TableHead } from "../../components/table";
import { CheckboxGroup, ErrorSummary, PostButton, TextField } from "../../components/form";
import { Notice } from "../../components/notice";
import { PageHeader, type Crumb } from "../../components/page-header";

export interface KeyView {
  id: string;
  name: string;
  start: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  state: KeyState;
}

/** Where the keys live and how the page names them. */
export interface KeysPlace {
  /** `/orgs/org_…/keys` or `/admin/keys`: the list, the form's action, and the revoke paths below it. */
  base: string;
  heading: string;
  lead: string;
  breadcrumb: Crumb[];
  allowed: readonly ApiScope[];
}

export type KeysNotice = "revoked" | "already_revoked";

const SCOPE_LABEL: Record<ApiScope, MessageKey> = {
  "offers:write": "keys.scope_offers_write",
  "catalog:import": "keys.scope_catalog_import",
  "audit:read": "keys.scope_audit_read",
  "outbox:manage": "keys.scope_outbox_manage",
  "health:read": "keys.scope_health_read",
  "transition:import": "keys.scope_transition_import",
  "transition:read": "keys.scope_transition_read",
  "webhooks:manage": "keys.scope_webhooks_manage",
  "migrations:write": "keys.scope_migrations_write",
  "billing:write": "keys.scope_billing_write",
};
const STATE_LABEL: Record<KeyState, MessageKey> = { active: "keys.state_active", expired: "keys.state_expired", revoked: "keys.state_revoked" };
type ErrorId = KeyFieldError extends infer E ? (E extends { field: infer F extends string; code: infer C extends string } ? `${F}_${C}` : never) : never;
const ERROR_LABEL: Record<ErrorId, MessageKey> = {
  name_required: "keys.error_name_required",
  name_too_long: "keys.error_name_too_long",
  scopes_required: "keys.error_scopes_required",
  scopes_not_allowed: "keys.error_scopes_not_allowed",
  expires_invalid: "keys.error_expires_invalid",
  expires_past: "keys.error_expires_past",
};
const FIELD_LABEL: Record<KeyFieldError["field"], MessageKey> = { name: "keys.name", scopes: "keys.scopes", expires: "keys.expires" };

export const scopeLabel = (t: T, scope: ApiScope) => t(SCOPE_LABEL[scope]);

const FIELDS: KeyFieldError["field"][] = ["name", "scopes", "expires"];
const scopeId = (scope: ApiScope) => `scope-${scope.replace(":", "-")}`;

interface KeysPageProps extends PageProps {
  place: KeysPlace;
  keys: KeyView[];
  /** The first day a new key may end on (today in Brussels). */
  minDay: string;
  values?: KeyFormValues;
  errors?: KeyFieldError[];
  notice?: KeysNotice;
}

export function KeysPage(props: KeysPageProps) {
  const { t, lang, place } = props;
  const errors = props.errors ?? [];
  const errorText = (field: KeyFieldError["field"]) => {
    const e = errors.find((x) => x.field === field);
    return e ? t(ERROR_LABEL[`${e.field}_${e.code}` as ErrorId]) : undefined;
  };
  const values = props.values ?? { name: "", scopes: place.allowed.length === 1 ? [...place.allowed] : [], expires: "" };
  // The scopes' summary link goes to the first box of the group.
  const targetOf = (field: KeyFieldError["field"]) => (field === "scopes" ? (place.allowed[0] ? scopeId(place.allowed[0]) : "scopes") : field);
  return (
    <Layout {...props} title={place.heading}>
      <PageHeader title={place.heading} crumbs={place.breadcrumb} lead={place.lead} />
      <Notice text={props.notice ? t(props.notice === "revoked" ? "keys.revoked" : "keys.already_revoked") : undefined} />
      <h2>{t("keys.list_heading")}</h2>
      {props.keys.length ? (
        <div class="table-scroll" tabindex={0}>
          <table class="keys">
            <caption>{t("keys.caption")}</caption>
            <TableHead cols={[t("keys.col_name"), t("keys.col_start"), t("keys.col_scopes"), t("keys.col_created"), t("keys.col_last_used"), t("keys.col_expires"), t("keys.col_state"), t("keys.col_actions")]} />
            <tbody>
              {props.keys.map((k) => (
                <tr data-key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>
                    <code>{k.start}…</code>
                  </td>
                  <td>{k.scopes.map((s) => scopeLabel(t, s)).join(", ")}</td>
                  <td>{formatDateTime(k.createdAt, lang)}</td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, lang) : t("keys.never_used")}</td>
                  <td>{k.expiresAt ? formatDateTime(k.expiresAt, lang) : t("keys.no_expiry")}</td>
                  <td>{t(STATE_LABEL[k.state])}</td>
                  <td>
                    {k.state === "revoked" ? (
                      "—"
                    ) : (
                      <PostButton action={`${place.base}/${encodeURIComponent(k.id)}/revoke`} text={t("keys.revoke")} label={t("keys.revoke_label", { name: k.name, start: k.start })} secondary />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty">{t("keys.none")}</p>
      )}

      <h2 id="create">{t("keys.create_heading")}</h2>
      <ErrorSummary
        title={t("keys.error_summary")}
        items={FIELDS.filter((f) => errors.some((e) => e.field === f)).map((f) => ({ id: targetOf(f), label: t(FIELD_LABEL[f]) }))}
      />
      <form method="post" action={place.base} class="key-form">
        <TextField id="name" label={t("keys.name")} hint={t("keys.name_hint")} error={errorText("name")} value={values.name} maxlength={80} required />
        <CheckboxGroup
          id="scopes"
          name="scopes"
          legend={t("keys.scopes")}
          error={errorText("scopes")}
          checked={values.scopes}
          options={place.allowed.map((scope) => ({ value: scope, label: scopeLabel(t, scope), id: scopeId(scope) }))}
        />
        <TextField id="expires" type="date" label={t("keys.expires")} hint={t("keys.expires_hint")} error={errorText("expires")} value={values.expires} min={props.minDay} />
        <button type="submit">{t("keys.submit")}</button>
      </form>
    </Layout>
  );
}

interface KeyCreatedProps extends PageProps {
  place: KeysPlace;
  name: string;
  secret: string;
  scopes: ApiScope[];
  expiresAt: string | null;
}

/** The answer to the create POST itself: the only time the secret is ever shown. */
export function KeyCreatedPage(props: KeyCreatedProps) {
  const { t, lang, place } = props;
  const title = t("keys.created_title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[...place.breadcrumb, { href: place.base, label: place.heading }]} lead={t("keys.created_lead", { name: props.name })} />
      <Notice tone="error" alert text={t("keys.created_warning")} />
      <h2>{t("keys.secret_label")}</h2>
      <p>
        <code id="secret" class="secret">
          {props.secret}
        </code>
      </p>
      <dl class="facts">
        <dt>{t("keys.col_scopes")}</dt>
        <dd>{props.scopes.map((s) => scopeLabel(t, s)).join(", ")}</dd>
        <dt>{t("keys.col_expires")}</dt>
        <dd>{props.expiresAt ? formatDateTime(props.expiresAt, lang) : t("keys.no_expiry")}</dd>
      </dl>
      <p>{t("keys.created_usage")}</p>
      <p>
        <a href={place.base}>{t("keys.back")}</a>
      </p>
    </Layout>
  );
}

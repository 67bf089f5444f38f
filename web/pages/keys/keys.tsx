// API key pages, for a provider organisation (/orgs/:orgId/keys) and for a steward's own keys
// (/admin/keys): the list with a revoke button per key, the create form, and the page that shows a
// new secret once. Plain forms; the secret never travels in a URL.
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import type { MessageKey, T } from "../../i18n";
import type { ApiScope } from "../../../src/db/schema";
import type { KeyFieldError, KeyFormValues, KeyState } from "../../../src/accounts/keys/model";
import { TableHead } from "../../components/table";

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
  breadcrumb: { href: string; label: string }[];
  allowed: readonly ApiScope[];
}

export type KeysNotice = "revoked" | "already_revoked";

const SCOPE_LABEL: Record<ApiScope, MessageKey> = {
  "offers:write": "keys.scope_offers_write",
  "catalog:import": "keys.scope_catalog_import",
  "audit:read": "keys.scope_audit_read",
  "health:read": "keys.scope_health_read",
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

function Breadcrumb(props: { items: { href: string; label: string }[] }) {
  return props.items.length ? (
    <p class="breadcrumb">
      {props.items.map((b, i) => (
        <>
          {i ? " › " : ""}
          <a href={b.href}>{b.label}</a>
        </>
      ))}
    </p>
  ) : null;
}

function FieldErrorText(props: { t: T; id: string; error?: KeyFieldError }) {
  return props.error ? (
    <p id={props.id} class="field-error">
      {props.t(ERROR_LABEL[`${props.error.field}_${props.error.code}` as ErrorId])}
    </p>
  ) : null;
}

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
  const errorOf = (field: KeyFieldError["field"]) => errors.find((e) => e.field === field);
  const values = props.values ?? { name: "", scopes: place.allowed.length === 1 ? [...place.allowed] : [], expires: "" };
  const described = (field: KeyFieldError["field"], hint?: string) => [hint, errorOf(field) ? `${field}-error` : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <Layout {...props} title={place.heading}>
      <Breadcrumb items={place.breadcrumb} />
      <h1>{place.heading}</h1>
      <p class="lead">{place.lead}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {t(props.notice === "revoked" ? "keys.revoked" : "keys.already_revoked")}
        </p>
      ) : null}
      <h2>{t("keys.list_heading")}</h2>
      {props.keys.length ? (
        <div class="table-scroll">
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
                      <form method="post" action={`${place.base}/${encodeURIComponent(k.id)}/revoke`} class="inline-form">
                        <button type="submit" class="button-secondary" aria-label={t("keys.revoke_label", { name: k.name, start: k.start })}>
                          {t("keys.revoke")}
                        </button>
                      </form>
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
      {errors.length ? (
        <div class="error-summary" role="alert">
          <p>{t("keys.error_summary")}</p>
          <ul>
            {errors.map((e) => (
              <li>
                <a href={`#${e.field === "scopes" ? `scope-${place.allowed[0]?.replace(":", "-")}` : e.field}`}>{t(FIELD_LABEL[e.field])}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={place.base} class="key-form">
        <div class="field">
          <label for="name">{t("keys.name")}</label>
          <p id="name-hint" class="hint">
            {t("keys.name_hint")}
          </p>
          <FieldErrorText t={t} id="name-error" error={errorOf("name")} />
          <input
            type="text"
            id="name"
            name="name"
            value={values.name}
            maxlength={80}
            required
            aria-describedby={described("name", "name-hint")}
            aria-invalid={errorOf("name") ? "true" : undefined}
          />
        </div>
        <fieldset class="field checks" aria-describedby={described("scopes")}>
          <legend>{t("keys.scopes")}</legend>
          <FieldErrorText t={t} id="scopes-error" error={errorOf("scopes")} />
          {place.allowed.map((scope) => {
            const id = `scope-${scope.replace(":", "-")}`;
            return (
              <p>
                <input type="checkbox" id={id} name="scopes" value={scope} checked={values.scopes.includes(scope)} />{" "}
                <label for={id}>{scopeLabel(t, scope)}</label>
              </p>
            );
          })}
        </fieldset>
        <div class="field">
          <label for="expires">{t("keys.expires")}</label>
          <p id="expires-hint" class="hint">
            {t("keys.expires_hint")}
          </p>
          <FieldErrorText t={t} id="expires-error" error={errorOf("expires")} />
          <input
            type="date"
            id="expires"
            name="expires"
            value={values.expires}
            min={props.minDay}
            aria-describedby={described("expires", "expires-hint")}
            aria-invalid={errorOf("expires") ? "true" : undefined}
          />
        </div>
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
      <Breadcrumb items={[...place.breadcrumb, { href: place.base, label: place.heading }]} />
      <h1>{title}</h1>
      <p class="lead">{t("keys.created_lead", { name: props.name })}</p>
      <p class="notice notice-error" role="alert">
        {t("keys.created_warning")}
      </p>
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

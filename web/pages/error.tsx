// The translated error page; the API answers problem+json instead. Pages and services throw
// PageError (src/lib/problem.ts) to say precisely what went wrong in the visitor's language; this
// view only renders it. Any other AppError gets a generic text.
import type { Context } from "hono";
import type { AppEnv } from "../../src/env";
import { AppError, PageError } from "../../src/lib/problem";
import { Layout } from "../components/layout";
import { pageProps } from "../components/page-props";
import { catalogs, type MessageKey, type T } from "../i18n";

// Re-exported for page modules that still import it from here; src/ imports it from src/lib/problem.
export { PageError };

/** Query fields → the label the visitor saw in the form. */
const FIELD_LABELS: Record<string, MessageKey> = {
  q: "filters.q",
  service: "filters.service",
  software: "filters.software",
  pricing: "filters.pricing",
  max_price: "filters.max_price",
  max_monthly_cents: "filters.max_price",
  country: "filters.country",
  language: "filters.language",
  legal_form: "filters.legal_form",
  accepting: "filters.accepting",
  chatons: "filters.chatons",
  cursor: "error.field_cursor",
  limit: "error.field_limit",
  offers: "error.field_offers",
  role: "orgs.members.role",
  kind: "orgs.create.kind",
  organisation: "orgs.col.name",
  bundle: "match.saved.shortlist_title",
  query: "match.saved.save_title",
};

export function fieldLabel(t: T, field: string): string {
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

function titleKey(err: AppError): MessageKey {
  if (err.status === 404) return "error.not_found_title";
  if (err.status === 400) return "error.invalid_title";
  return "error.title";
}

export function renderErrorPage(c: Context<AppEnv>, err: AppError) {
  const props = pageProps(c);
  const { t } = props;
  // "service.0" names the first service value: the visitor needs the field, not the index.
  const fields = [...new Set((err.errors ?? []).map((e) => e.field.split(".")[0] ?? e.field))];
  const message =
    err instanceof PageError && err.messageKey in catalogs.fr
      ? t(err.messageKey, err.params)
      : err.code === "NOT_FOUND"
        ? t("error.not_found")
        : err.code === "UNAUTHORIZED"
          ? t("error.unauthorized")
          : err.code === "FORBIDDEN"
            ? t("error.forbidden")
        : err.code === "VALIDATION_FAILED"
          ? t("error.invalid", { fields: fields.map((f) => fieldLabel(t, f)).join(", ") })
          : err.status >= 500
            ? t("error.internal")
            : t("error.title");
  const title = t(titleKey(err));
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <p class="error-message">{message}</p>
      {fields.length ? (
        <ul class="error-fields">
          {fields.map((f) => (
            <li>
              {fieldLabel(t, f)} (<code>{f}</code>)
            </li>
          ))}
        </ul>
      ) : null}
      <p class="error-code">
        {t("error.status", { status: err.status })}
        {c.get("requestId") ? ` · ${t("error.request_id", { id: c.get("requestId") })}` : ""}
      </p>
      <ul class="error-links">
        {err.code === "UNAUTHORIZED" ? (
          <li>
            <a href="/sign-in">{t("error.to_sign_in")}</a>
          </li>
        ) : null}
        <li>
          <a href="/providers">{t("error.to_directory")}</a>
        </li>
        <li>
          <a href="/">{t("error.to_home")}</a>
        </li>
      </ul>
    </Layout>
  );
}

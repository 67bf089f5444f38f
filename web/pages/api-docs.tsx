// The API reference: every operation rendered on the server (works without JavaScript), with
// Swagger UI mounted on top as an enhancement for trying calls out.
import { Layout, type PageProps } from "../components/layout";

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  responses?: Record<string, { description?: string }>;
}
export interface OpenApiDoc {
  paths?: Record<string, Record<string, Operation>>;
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export function ApiDocsPage(props: PageProps & { doc: OpenApiDoc }) {
  const { t } = props;
  const operations = Object.entries(props.doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]! })),
  );
  return (
    <Layout {...props} title={t("docs.title")} head={<link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css" />}>
      <h1>{t("docs.title")}</h1>
      <p>
        {t("docs.intro")} <a href="/api/openapi.json">/api/openapi.json</a>
      </p>
      <div id="swagger-ui" data-spec="/api/openapi.json"></div>
      <section id="api-operations" aria-labelledby="ops-title">
        <h2 id="ops-title">{t("docs.operations")}</h2>
        {operations.map(({ path, method, op }) => (
          <article class="api-op">
            <h3>
              <code>{method.toUpperCase()}</code> <code>{path}</code>
            </h3>
            {op.summary && <p>{op.summary}</p>}
            {op.description && <p>{op.description}</p>}
            <p>
              {t("docs.access")} {op.security?.length ? t("docs.access_steward") : t("docs.access_public")}
            </p>
            {op.parameters?.length ? (
              <ul>
                {op.parameters.map((p) => (
                  <li>
                    <code>{p.name}</code> ({p.in}
                    {p.required ? `, ${t("docs.required")}` : ""}){p.description ? `: ${p.description}` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
            <ul>
              {Object.entries(op.responses ?? {}).map(([status, r]) => (
                <li>
                  <code>{status}</code> {r.description}
                </li>
              ))}
            </ul>
          </article>
        ))}
      </section>
      <script src="/vendor/swagger-ui/swagger-ui-bundle.js" defer></script>
      <script src="/js/api-docs.js" defer></script>
    </Layout>
  );
}

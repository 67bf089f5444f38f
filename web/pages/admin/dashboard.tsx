// /admin: the tools a steward or coop_admin may open, and nothing else.
import { Layout, type PageProps } from "../../components/layout";
import { PageHeader } from "../../components/page-header";
import type { MessageKey } from "../../i18n";
import type { PlatformRole } from "../../../src/db/schema";

export interface DashboardLink {
  href: string;
  key: "people" | "audit" | "keys" | "moderation" | "organisations" | "outbox" | "health" | "webhooks";
}

const LABEL: Record<DashboardLink["key"], [MessageKey, MessageKey]> = {
  people: ["admin.people", "admin.people_desc"],
  audit: ["admin.audit", "admin.audit_desc"],
  keys: ["admin.keys", "admin.keys_desc"],
  moderation: ["admin.moderation", "admin.moderation_desc"],
  organisations: ["admin.organisations", "admin.organisations_desc"],
  outbox: ["admin.outbox", "admin.outbox_desc"],
  health: ["admin.health", "admin.health_desc"],
  webhooks: ["admin.webhooks", "admin.webhooks_desc"],
};

export const ROLE_LABEL: Record<PlatformRole, MessageKey> = { steward: "role.steward", coop_admin: "role.coop_admin" };

export function DashboardPage(props: PageProps & { links: DashboardLink[]; roles: PlatformRole[] }) {
  const { t } = props;
  const title = t("admin.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} lead={t("admin.lead", { roles: props.roles.map((r) => t(ROLE_LABEL[r])).join(", ") })} />
      <ul class="admin-tools">
        {props.links.map((l) => (
          <li>
            <a href={l.href}>{t(LABEL[l.key][0])}</a> — {t(LABEL[l.key][1])}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

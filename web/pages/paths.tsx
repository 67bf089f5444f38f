// The two ways to move that are not "alone": with other members, and as a client of the cooperative.
// Until collective migrations and the cooperative's sign-up land, these pages say honestly what
// exists today, what is coming, and how to get in touch.
import { Layout, type PageProps } from "../components/layout";
import { PageHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";

export interface PathPageProps extends PageProps {
  /** CONTACT_EMAIL: the transition working group's address, when the deploy sets one. */
  contact?: string;
}

function Contact(props: PathPageProps) {
  const { t, contact } = props;
  return (
    <section aria-labelledby="contact-title">
      <h2 id="contact-title">{t("paths.contact_title")}</h2>
      {contact ? (
        <p>
          {t("paths.contact_mail")} <a href={`mailto:${contact}`}>{contact}</a>
        </p>
      ) : (
        <p>{t("paths.contact_none")}</p>
      )}
      <p>{t("paths.contact_account")}</p>
    </section>
  );
}

function PathPage(props: PathPageProps & { prefix: "together" | "coop"; exists: MessageKey[]; next: MessageKey[]; links: { href: string; key: MessageKey }[] }) {
  const { t, prefix } = props;
  const k = (s: string) => `paths.${prefix}_${s}` as MessageKey;
  return (
    <Layout {...props} title={t(k("title"))}>
      <PageHeader title={t(k("title"))} lead={t(k("lead"))} />
      <section aria-labelledby="exists-title">
        <h2 id="exists-title">{t("paths.exists_title")}</h2>
        <ul>
          {props.exists.map((key) => (
            <li>{t(key)}</li>
          ))}
        </ul>
        <p class="actions">
          {props.links.map((l) => (
            <>
              <a class="button" href={l.href}>
                {t(l.key)}
              </a>{" "}
            </>
          ))}
        </p>
      </section>
      <section aria-labelledby="next-title">
        <h2 id="next-title">{t("paths.next_title")}</h2>
        <ul>
          {props.next.map((key) => (
            <li>{t(key)}</li>
          ))}
        </ul>
      </section>
      <Contact {...props} />
    </Layout>
  );
}

export function TogetherPage(props: PathPageProps) {
  return (
    <PathPage
      {...props}
      prefix="together"
      exists={["paths.together_exists_directory", "paths.together_exists_match", "paths.together_exists_stewards"]}
      next={["paths.together_next_groups", "paths.together_next_plan"]}
      links={[
        { href: "/match", key: "home.cta_match" },
        { href: "/providers?accepting=on", key: "paths.together_link_accepting" },
      ]}
    />
  );
}

export function CooperativePage(props: PathPageProps) {
  return (
    <PathPage
      {...props}
      prefix="coop"
      exists={["paths.coop_exists_founding", "paths.coop_exists_directory", "paths.coop_exists_compare"]}
      next={["paths.coop_next_shares", "paths.coop_next_invoices"]}
      links={[
        { href: "/coop", key: "coop.path_link" },
        { href: "/providers?legal_form=COOPERATIVE", key: "paths.coop_link_directory" },
      ]}
    />
  );
}

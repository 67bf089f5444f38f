// /account/passkeys: the list and delete buttons work without JavaScript; adding one is a WebAuthn
// ceremony, so its button appears only when /js/passkey.js runs in a browser that can.
import { formatDateTime } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { PostButton } from "../../components/form";
import { Notice } from "../../components/notice";
import type { MessageKey } from "../../i18n";
import { PageHeader } from "../../components/page-header";

export interface PasskeyView {
  id: string;
  name: string | null;
  createdAt: string | null;
}


export function PasskeysPage(props: PageProps & { passkeys: PasskeyView[]; notice?: MessageKey }) {
  const { t, lang } = props;
  const title = t("passkeys.title");
  return (
    <Layout {...props} title={title} head={<script src="/js/passkey.js" defer></script>}>
      <PageHeader title={title} crumbs={[{ href: "/account", label: t("account.title") }]} lead={t("passkeys.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      {props.passkeys.length === 0 ? (
        <p class="empty">{t("passkeys.none")}</p>
      ) : (
        <ul class="passkey-list">
          {props.passkeys.map((p) => {
            const name = p.name || t("passkeys.unnamed");
            return (
              <li data-passkey={p.id}>
                <strong>{name}</strong>
                {p.createdAt ? ` — ${t("passkeys.created")} ${formatDateTime(p.createdAt, lang)}` : ""}
                <PostButton action={`/account/passkeys/${encodeURIComponent(p.id)}/delete`} text={t("passkeys.delete")} label={t("passkeys.delete_label", { name })} />
              </li>
            );
          })}
        </ul>
      )}
      <div id="passkey-add" data-done="/account/passkeys?notice=added">
        <p class="hint" data-passkey-nojs>
          {t("passkeys.needs_js")}
        </p>
        <button type="button" hidden>
          {t("passkeys.add")}
        </button>
        <p class="field-error" data-passkey-error role="alert" hidden>
          {t("passkeys.failed")}
        </p>
      </div>
    </Layout>
  );
}

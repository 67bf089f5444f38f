// /account/reminders: one checkbox — non-essential reminders off — posted as a plain form. The
// reminders' mails link here.
import { Checkbox } from "../../components/form";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import type { MessageKey } from "../../i18n";

export function RemindersPage(props: PageProps & { off: boolean; notice?: MessageKey | undefined }) {
  const { t } = props;
  const title = t("control.prefs.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/account", label: t("account.title") }]} lead={t("control.prefs.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <form method="post" action="/account/reminders">
        <input type="hidden" name="sent" value="1" />
        <Checkbox id="non_essential_off" label={t("control.prefs.off")} hint={t("control.prefs.hint")} checked={props.off} value="on" />
        <p class="actions">
          <button type="submit">{t("control.prefs.save")}</button>
        </p>
      </form>
    </Layout>
  );
}

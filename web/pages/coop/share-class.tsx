// One share class for coop_admins (/coop/share-classes/:id): what it is and the form that changes
// it. Once shares of the class were requested its nominal value is shown, not offered, with the
// reason; the code never changes. Plain form, no JavaScript.
import type { ShareClassRow } from "../../../src/db/schema";
import { Checkbox, ErrorSummary, inFieldOrder, TextField } from "../../components/form";
import { formatMoney } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import type { MessageKey } from "../../i18n";
import type { FieldErrors } from "./shares";

export interface ClassEditValues {
  name: string;
  nominal: string;
  min_shares: string;
  max_shares: string;
  required: boolean;
}

const ORDER = ["name", "nominal", "min_shares", "max_shares", "required"];

export function ClassPage(props: PageProps & { cls: ShareClassRow; requests: number; values: ClassEditValues; errors: FieldErrors; notice?: MessageKey }) {
  const { t, lang, cls, errors, values } = props;
  const title = t("shares.class.title", { code: cls.code });
  const err = (f: string) => (errors[f] ? t(errors[f]!) : undefined);
  const summary = inFieldOrder(Object.entries(errors).map(([id, key]) => ({ id, label: t(key) })), ORDER, (i) => i.id);
  const fixed = props.requests > 0;
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop/admin", label: t("shares.admin.title") }, { href: "/coop/share-classes", label: t("shares.classes.title") }]} lead={cls.name} />
      {props.notice ? <Notice text={t(props.notice)} /> : null}
      <p>{t("shares.class.used", { requests: String(props.requests) })}</p>
      <form method="post" action={`/coop/share-classes/${encodeURIComponent(cls.id)}`} class="form">
        {summary.length ? <ErrorSummary title={t("shares.error.summary")} items={summary} /> : null}
        <p class="hint">
          {t("shares.field.code")}: <strong>{cls.code}</strong> — {t("shares.class.code_fixed")}
        </p>
        <TextField id="name" label={t("shares.field.name")} required value={values.name} maxlength={200} error={err("name")} />
        {fixed ? (
          <p id="nominal" class="hint">
            {t("shares.field.nominal")}: <strong>{formatMoney(cls.nominalCents, lang)}</strong> — {t("shares.class.nominal_fixed")}
          </p>
        ) : (
          <TextField id="nominal" label={t("shares.field.nominal")} required inputmode="decimal" value={values.nominal} size={10} error={err("nominal")} />
        )}
        <TextField id="min_shares" type="number" min={1} label={t("shares.field.min")} required value={values.min_shares} size={6} error={err("min_shares")} />
        <TextField id="max_shares" type="number" min={1} label={t("shares.field.max")} hint={t("shares.class.max_hint")} value={values.max_shares} size={6} error={err("max_shares")} />
        <Checkbox id="required" value="1" label={t("shares.field.required")} checked={values.required} />
        <button type="submit">{t("shares.class.save")}</button>
      </form>
    </Layout>
  );
}

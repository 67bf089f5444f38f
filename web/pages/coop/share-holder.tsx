// A holder's page for coop_admins (/coop/shareholders/:id): its identity as the register names it,
// its shares per class, its entries (transfers name the other holder), its certificate, and the
// form that records a transfer the board approved. Plain form, no JavaScript.
import type { ShareClassRow, ShareholderRow } from "../../../src/db/schema";
import type { Position, RunningEntry } from "../../../src/coop/shares/register";
import type { EntryView } from "../../../src/coop/shares/repository";
import { ErrorSummary, inFieldOrder, SelectField, TextField } from "../../components/form";
import { formatMoney } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import type { MessageKey } from "../../i18n";
import { EntryTable, type FieldErrors } from "./shares";

export interface TransferValues {
  class_id: string;
  shares: string;
  approved_on: string;
  to_holder_id: string;
  to_organisation_id: string;
  to_person_email: string;
  to_person_name: string;
  to_person_street: string;
  to_person_postcode: string;
  to_person_city: string;
  to_person_country_code: string;
  note: string;
}

const ORDER = ["class_id", "shares", "approved_on", "to_holder_id", "to_organisation_id", "to_person_email", "to_person_name", "to_person_street", "to_person_postcode", "to_person_city", "to_person_country_code", "note"];

export function HolderPage(
  props: PageProps & {
    holder: ShareholderRow;
    rows: RunningEntry<EntryView>[];
    positions: (Position & { code: string })[];
    classes: ShareClassRow[];
    others: { id: string; name: string }[];
    orgs: { id: string; name: string }[];
    values: TransferValues;
    errors: FieldErrors;
    today: string;
    notice?: MessageKey;
    error?: MessageKey;
  },
) {
  const { t, lang, holder, errors, values } = props;
  const title = t("shares.holder.title", { holder: holder.name });
  const err = (f: string) => (errors[f] ? t(errors[f]!) : undefined);
  const summary = inFieldOrder(Object.entries(errors).map(([id, key]) => ({ id, label: t(key) })), ORDER, (i) => i.id);
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop/admin", label: t("shares.admin.title") }, { href: "/coop/register", label: t("shares.nav.register") }]} />
      {props.notice ? <Notice text={t(props.notice)} /> : null}
      {props.error ? <Notice text={t(props.error)} tone="error" alert /> : null}
      <section aria-labelledby="identity">
        <h2 id="identity">{t("shares.holder.identity")}</h2>
        <p>
          {t(holder.kind === "organisation" ? "shares.cert.office" : "shares.cert.domicile")}: {holder.street}, {holder.postcode} {holder.city} ({holder.countryCode})
          {holder.enterpriseNumber ? <><br />{t("shares.cert.enterprise")}: {holder.enterpriseNumber}</> : null}
        </p>
        <p>
          <a href={`/coop/shareholders/${encodeURIComponent(holder.id)}/certificate.pdf`} download>{t("shares.mine.certificate")}</a>
        </p>
      </section>
      <section aria-labelledby="positions">
        <h2 id="positions">{t("shares.holder.positions")}</h2>
        {props.positions.length ? (
          <ul>
            {props.positions.map((p) => (
              <li>{t("shares.cert.total_line", { class: p.code, shares: String(p.shares), nominal: formatMoney(p.nominalCents, lang), paid: formatMoney(p.paidInCents, lang) })}</li>
            ))}
          </ul>
        ) : (
          <p class="empty">{t("shares.mine.none")}</p>
        )}
        {props.rows.length ? <EntryTable t={t} lang={lang} rows={props.rows} holderColumn={false} caption={t("shares.cert.entries")} /> : null}
      </section>
      <section aria-labelledby="transfer">
        <h2 id="transfer">{t("shares.transfer.title")}</h2>
        <p>{t("shares.transfer.lead")}</p>
        <form method="post" action={`/coop/shareholders/${encodeURIComponent(holder.id)}/transfers`} class="form">
          {summary.length ? <ErrorSummary title={t("shares.error.summary")} items={summary} /> : null}
          <SelectField id="class_id" label={t("shares.transfer.class")} required value={values.class_id} error={err("class_id")} options={props.classes.map((c) => ({ value: c.id, label: t("shares.join.class_option", { code: c.code, name: c.name, nominal: formatMoney(c.nominalCents, lang) }) }))} />
          <TextField id="shares" type="number" min={1} step={1} inputmode="numeric" label={t("shares.transfer.shares")} required value={values.shares} size={6} error={err("shares")} />
          <TextField id="approved_on" type="date" max={props.today} label={t("shares.transfer.approved_on")} required value={values.approved_on} error={err("approved_on")} />
          <SelectField id="to_holder_id" label={t("shares.transfer.to_holder")} value={values.to_holder_id} error={err("to_holder_id")} options={[{ value: "", label: t("shares.transfer.none") }, ...props.others.map((h) => ({ value: h.id, label: h.name }))]} />
          <fieldset>
            <legend>{t("shares.transfer.new")}</legend>
            <SelectField id="to_organisation_id" label={t("shares.transfer.to_org")} hint={t("shares.transfer.to_org_hint")} value={values.to_organisation_id} error={err("to_organisation_id")} options={[{ value: "", label: t("shares.transfer.org_none") }, ...props.orgs.map((o) => ({ value: o.id, label: o.name }))]} />
            <fieldset>
              <legend>{t("shares.transfer.person")}</legend>
              <TextField id="to_person_email" type="email" label={t("shares.transfer.email")} value={values.to_person_email} maxlength={254} error={err("to_person_email")} />
              <TextField id="to_person_name" label={t("shares.join.name")} value={values.to_person_name} maxlength={200} error={err("to_person_name")} />
              <TextField id="to_person_street" label={t("shares.join.street")} value={values.to_person_street} maxlength={200} error={err("to_person_street")} />
              <TextField id="to_person_postcode" label={t("shares.join.postcode")} value={values.to_person_postcode} maxlength={20} size={8} error={err("to_person_postcode")} />
              <TextField id="to_person_city" label={t("shares.join.city")} value={values.to_person_city} maxlength={100} error={err("to_person_city")} />
              <TextField id="to_person_country_code" label={t("shares.join.country")} value={values.to_person_country_code} maxlength={2} size={3} error={err("to_person_country_code")} />
            </fieldset>
          </fieldset>
          <TextField id="note" label={t("shares.transfer.note")} value={values.note} maxlength={500} error={err("note")} />
          <button type="submit">{t("shares.transfer.submit")}</button>
        </form>
      </section>
    </Layout>
  );
}

// /orgs/:orgId/inventory: what a member organisation has at Cassiopea, by kind (gone services apart),
// who confirmed it and when, "find hosts for all of this", and for owners and admins the forms to
// add, edit, remove and restore services and to confirm the inventory. No JavaScript needed.
import type { InventoryServiceRow, OrganisationRow } from "../../../src/db/schema";
import type { FieldErrorCode, FormValues } from "../../../src/transition/inventory/form";
import { FORM_FIELDS } from "../../../src/transition/inventory/form";
import { INVENTORY_KINDS, serviceLabel, type InventoryKind, type InventoryService } from "../../../src/transition/inventory";
import { Checkbox, ErrorSummary, inFieldOrder, TextArea, TextField } from "../../components/form";
import { formatDateTime, formatDay, formatNumber } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { Lang, MessageKey, T } from "../../i18n";

export interface ServiceFormState {
  kind: InventoryKind;
  values: FormValues;
  errors: Record<string, FieldErrorCode>;
}

interface Props extends PageProps {
  org: OrganisationRow;
  rows: InventoryServiceRow[];
  canManage: boolean;
  confirmedBy: string | null;
  findHosts: string;
  notice?: MessageKey;
  /** An add form that came back with errors. */
  add?: ServiceFormState;
}

const base = (org: OrganisationRow) => `/orgs/${encodeURIComponent(org.id)}/inventory`;
const mb = (n: number | null, lang: Lang) => (n === null ? null : `${formatNumber(n, lang)} MB`);

/** One line of what matters about a service, in the page's language. */
function details(s: InventoryService, t: T, lang: Lang): string {
  const parts: (string | null)[] = [];
  switch (s.kind) {
    case "web_hosting":
      parts.push(s.software, s.disk_mb !== null ? `${t("transition.field.disk_mb")}: ${mb(s.disk_mb, lang)}` : null, s.database_mb !== null ? `${t("transition.field.database_mb")}: ${mb(s.database_mb, lang)}` : null);
      break;
    case "mailbox":
      parts.push(s.quota_mb !== null ? `${t("transition.field.quota_mb")}: ${mb(s.quota_mb, lang)}` : null, s.used_mb !== null ? `${t("transition.field.used_mb")}: ${mb(s.used_mb, lang)}` : null);
      break;
    case "mail_alias":
      parts.push(`→ ${s.targets.join(", ")}`);
      break;
    case "mailing_list":
      parts.push(`${t("transition.field.subscribers")}: ${formatNumber(s.subscribers, lang)}`, s.archive_mb !== null ? `${t("transition.field.archive_mb")}: ${mb(s.archive_mb, lang)}` : null, s.owners.length ? `${t("transition.field.owners")}: ${s.owners.join(", ")}` : null);
      break;
    case "domain_registration":
      parts.push(s.registrar, s.expires_on ? `${t("transition.field.expires_on")}: ${formatDay(s.expires_on, lang)}` : null, s.dns_hosted ? t("transition.inventory.dns_hosted_yes") : null, s.records.length ? t("transition.inventory.records", { n: s.records.length }) : null);
      break;
    case "dns_hosting":
      parts.push(s.records.length ? t("transition.inventory.records", { n: s.records.length }) : null);
      break;
  }
  return parts.filter(Boolean).join(" · ");
}

const LABEL: Record<string, MessageKey> = {
  host: "transition.field.host",
  software: "transition.field.software",
  disk_mb: "transition.field.disk_mb",
  database_mb: "transition.field.database_mb",
  address: "transition.field.address",
  quota_mb: "transition.field.quota_mb",
  used_mb: "transition.field.used_mb",
  targets: "transition.field.targets",
  subscribers: "transition.field.subscribers",
  archive_mb: "transition.field.archive_mb",
  owners: "transition.field.owners",
  name: "transition.field.name",
  registrar: "transition.field.registrar",
  expires_on: "transition.field.expires_on",
  dns_hosted: "transition.field.dns_hosted",
};

/** The fields of one kind's form, from the kit; `prefix` keeps ids unique when several forms share a page. */
export function ServiceFields(props: { t: T; kind: InventoryKind; prefix: string; values: FormValues; errors: Record<string, FieldErrorCode> }) {
  const { t, kind, prefix, values, errors } = props;
  const id = (f: string) => `${prefix}-${f.replaceAll("_", "-")}`;
  const err = (f: string) => (errors[f] ? t(`transition.field_error.${errors[f]}`) : undefined);
  return (
    <>
      {FORM_FIELDS[kind].map((f) => {
        if (f === "dns_hosted") return <Checkbox id={id(f)} name={f} value="1" label={t(LABEL[f]!)} checked={values[f] === "1"} error={err(f)} />;
        if (f === "targets" || f === "owners") return <TextArea id={id(f)} name={f} label={t(LABEL[f]!)} hint={t("transition.field_hint.addresses")} value={values[f]} rows={3} required={f === "targets"} error={err(f)} />;
        const numeric = f.endsWith("_mb") || f === "subscribers";
        const key = f === "host" || f === "name" || f === "address";
        return (
          <TextField
            id={id(f)}
            name={f}
            label={t(LABEL[f]!)}
            hint={f === "host" || f === "name" ? t("transition.field_hint.domain") : undefined}
            type={f === "expires_on" ? "date" : f === "address" ? "email" : numeric ? "number" : "text"}
            inputmode={numeric ? "numeric" : undefined}
            min={numeric ? 0 : undefined}
            maxlength={numeric ? undefined : 320}
            required={key}
            value={values[f]}
            error={err(f)}
          />
        );
      })}
    </>
  );
}

function summaryItems(t: T, prefix: string, kind: InventoryKind, errors: Record<string, FieldErrorCode>) {
  return inFieldOrder(Object.keys(errors), FORM_FIELDS[kind], (f) => f).map((f) => ({ id: `${prefix}-${f.replaceAll("_", "-")}`, label: t(LABEL[f]!), message: t(`transition.field_error.${errors[f]!}`) }));
}

export function InventoryPage(props: Props) {
  const { t, lang, org, rows } = props;
  const title = t("transition.inventory.title", { org: org.name });
  const live = rows.filter((r) => r.goneAt === null);
  const gone = rows.filter((r) => r.goneAt !== null);
  const path = base(org);
  const actions = (r: InventoryServiceRow) => {
    const label = serviceLabel(r.service);
    if (!props.canManage) return null;
    return (
      <td>
        {r.goneAt === null ? (
          <>
            <a href={`${path}/${encodeURIComponent(r.id)}`} aria-label={t("transition.inventory.edit_label", { service: label })}>
              {t("transition.inventory.edit")}
            </a>{" "}
            <form method="post" action={`${path}/${encodeURIComponent(r.id)}/gone`} class="inline-form">
              <button type="submit" class="button-secondary" aria-label={t("transition.inventory.mark_gone_label", { service: label })}>
                {t("transition.inventory.mark_gone")}
              </button>
            </form>
          </>
        ) : (
          <form method="post" action={`${path}/${encodeURIComponent(r.id)}/restore`} class="inline-form">
            <button type="submit" class="button-secondary" aria-label={t("transition.inventory.restore_label", { service: label })}>
              {t("transition.inventory.restore")}
            </button>
          </form>
        )}
      </td>
    );
  };
  const cols = (first: string) => [first, t("transition.inventory.col.details"), t("transition.inventory.col.source"), props.canManage && t("transition.inventory.col.actions")];
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name }]} lead={t("transition.inventory.lead")} />
      <Notice text={props.notice ? t(props.notice) : undefined} />
      <p class="inventory-confirmation">
        {org.inventoryConfirmedAt
          ? t("transition.inventory.confirmed", { date: formatDateTime(org.inventoryConfirmedAt, lang), who: props.confirmedBy ?? "—" })
          : t("transition.inventory.not_confirmed")}
      </p>
      <ul class="actions">
        <li>
          <a href={props.findHosts}>{t("transition.inventory.find_hosts")}</a>
        </li>
        {props.canManage ? (
          <li>
            <a href={`/orgs/${encodeURIComponent(org.id)}/migration/plan`}>{t("transition.inventory.plan_link")}</a>
          </li>
        ) : null}
        <li>
          <a href={`/orgs/${encodeURIComponent(org.id)}/migration`}>{t("transition.inventory.migration_link")}</a>
        </li>
      </ul>

      {live.length === 0 ? <p class="empty">{t("transition.inventory.empty")}</p> : null}
      {INVENTORY_KINDS.map((kind) => {
        const ofKind = live.filter((r) => r.kind === kind);
        if (!ofKind.length) return null;
        return (
          <section class="inventory-kind" data-kind={kind}>
            <h2>{t(`transition.kind.${kind}`)}</h2>
            <div class="table-scroll" tabindex={0}>
              <table>
                <caption class="visually-hidden">{t("transition.inventory.caption", { kind: t(`transition.kind.${kind}`) })}</caption>
                <TableHead cols={cols(t("transition.inventory.col.service"))} />
                <tbody>
                  {ofKind.map((r) => (
                    <tr data-service={r.id}>
                      <th scope="row">{serviceLabel(r.service)}</th>
                      <td>{details(r.service, t, lang)}</td>
                      <td>{t(`transition.inventory.source.${r.source}`)}</td>
                      {actions(r)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}

      {gone.length ? (
        <section class="inventory-gone">
          <h2>{t("transition.inventory.gone_title")}</h2>
          <p class="hint">{t("transition.inventory.gone_lead")}</p>
          <div class="table-scroll" tabindex={0}>
            <table>
              <caption class="visually-hidden">{t("transition.inventory.gone_caption")}</caption>
              <TableHead cols={cols(t("transition.inventory.col.service"))} />
              <tbody>
                {gone.map((r) => (
                  <tr data-service={r.id} data-gone="1">
                    <th scope="row">
                      {t(`transition.kind.${r.kind}`)}: {serviceLabel(r.service)}
                    </th>
                    <td>{t("transition.inventory.gone_since", { date: formatDateTime(r.goneAt!, lang) })}</td>
                    <td>{t(`transition.inventory.source.${r.source}`)}</td>
                    {actions(r)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {props.canManage ? (
        <>
          <h2 id="confirm">{t("transition.inventory.confirm")}</h2>
          <p class="hint">{t("transition.inventory.confirm_hint")}</p>
          <form method="post" action={`${path}/confirm`}>
            <button type="submit">{t("transition.inventory.confirm")}</button>
          </form>

          <h2 id="add">{t("transition.inventory.add_title")}</h2>
          {INVENTORY_KINDS.map((kind) => {
            const state = props.add?.kind === kind ? props.add : undefined;
            const prefix = `add-${kind.replaceAll("_", "-")}`;
            return (
              <details open={!!state}>
                <summary>{t("transition.inventory.add_kind", { kind: t(`transition.kind.${kind}`) })}</summary>
                {state ? <ErrorSummary title={t("transition.inventory.error_summary")} items={summaryItems(t, prefix, kind, state.errors)} /> : null}
                <form method="post" action={path} class="inventory-form" novalidate>
                  <input type="hidden" name="kind" value={kind} />
                  <ServiceFields t={t} kind={kind} prefix={prefix} values={state?.values ?? {}} errors={state?.errors ?? {}} />
                  <button type="submit">{t("transition.inventory.add_submit")}</button>
                </form>
              </details>
            );
          })}
        </>
      ) : null}
    </Layout>
  );
}

interface EditProps extends PageProps {
  org: OrganisationRow;
  row: InventoryServiceRow;
  values: FormValues;
  errors: Record<string, FieldErrorCode>;
}

export function ServiceEditPage(props: EditProps) {
  const { t, org, row } = props;
  const title = t("transition.inventory.edit_title", { service: serviceLabel(row.service) });
  const path = base(org);
  return (
    <Layout {...props} title={title}>
      <PageHeader
        title={title}
        crumbs={[
          { href: `/orgs/${encodeURIComponent(org.id)}`, label: org.name },
          { href: path, label: t("transition.inventory.title", { org: org.name }) },
        ]}
        lead={t(`transition.kind.${row.kind}`)}
      />
      <ErrorSummary title={t("transition.inventory.error_summary")} items={summaryItems(t, "edit", row.kind, props.errors)} />
      <form method="post" action={`${path}/${encodeURIComponent(row.id)}`} class="inventory-form" novalidate>
        <ServiceFields t={t} kind={row.kind} prefix="edit" values={props.values} errors={props.errors} />
        <button type="submit">{t("transition.inventory.save")}</button>
      </form>
    </Layout>
  );
}

// The cooperative's shares pages: /coop/join (request shares), /coop/admin (the coop_admin's home:
// pending requests with the board's decision, unpaid capital calls, members and capital by class,
// invoices due), /coop/register, /coop/share-classes, and a holder's own shares (/account/shares,
// /orgs/:orgId/shares). Plain forms, no JavaScript; tables scroll inside their box on a phone.
import type { BillingDocumentRow, ShareClassRow } from "../../../src/db/schema";
import type { ClassTotal, Position, RunningEntry } from "../../../src/coop/shares/register";
import type { EntryView, RequestView } from "../../../src/coop/shares/repository";
import { CONSENTS, type EntryKind, type RequestStatus } from "../../../src/coop/shares/model";
import { Checkbox, ErrorSummary, PostButton, RadioGroup, SelectField, TextField } from "../../components/form";
import { formatDay, formatMoney } from "../../components/format";
import { Layout, type PageProps } from "../../components/layout";
import { Notice } from "../../components/notice";
import { PageHeader } from "../../components/page-header";
import { TableHead } from "../../components/table";
import type { MessageKey, T } from "../../i18n";
import type { WayIn } from "../../../src/coop/pledges/way-in";
import { WayInSteps } from "./way-in";
import type { Revenue } from "../../../src/coop/subscriptions/revenue";
import { RevenueGauge } from "./revenue-gauge";

const KIND_KEY: Record<EntryKind, MessageKey> = { subscription: "shares.kind.subscription", payment: "shares.kind.payment", transfer: "shares.kind.transfer", redemption: "shares.kind.redemption" };
const STATUS_KEY: Record<RequestStatus, MessageKey> = { pending: "shares.status.pending", approved: "shares.status.approved", refused: "shares.status.refused" };
const CONSENT_KEY: Record<(typeof CONSENTS)[number], MessageKey> = { statutes: "shares.consent.statutes", internal_rules: "shares.consent.internal_rules", data_policy: "shares.consent.data_policy", financial_risk: "shares.consent.financial_risk" };

/** Field → its translated message key, chosen by the router from the service's field errors. */
export type FieldErrors = Record<string, MessageKey>;

function Links(props: { t: T }) {
  const { t } = props;
  return (
    <nav aria-label={t("shares.admin.links")}>
      <ul class="inline-list">
        <li><a href="/coop/admin">{t("shares.admin.title")}</a></li>
        <li><a href="/coop/register">{t("shares.nav.register")}</a></li>
        <li><a href="/coop/share-classes">{t("shares.nav.classes")}</a></li>
        <li><a href="/coop/invoices">{t("shares.nav.invoices")}</a></li>
      </ul>
    </nav>
  );
}

// ── /coop/join ────────────────────────────────────────────────────────────────────────────────────

export interface JoinValues {
  class: string;
  shares: string;
  holder: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
  country_code: string;
  consents: string[];
}

export function JoinPage(props: PageProps & { signedIn: boolean; classes: ShareClassRow[]; orgs: { id: string; name: string }[]; values: JoinValues; errors: FieldErrors; requests: RequestView[]; notice?: MessageKey; way?: WayIn }) {
  const { t, lang, errors, values } = props;
  const title = t("shares.join.title");
  const summary = Object.entries(errors).map(([field, key]) => ({ id: field.startsWith("consents.") ? `consent-${field.slice(9).replace("_", "-")}` : field, label: t(key) }));
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} lead={t("shares.join.lead")} />
      {props.notice ? <Notice text={t(props.notice)} /> : null}
      {props.way ? <WayInSteps t={t} lang={lang} way={props.way} classesOpen={props.classes.length > 0} /> : null}
      {!props.signedIn ? (
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(props.way?.here ?? "/coop/join")}`}>{t("shares.join.sign_in")}</a>
        </p>
      ) : props.classes.length === 0 ? (
        <p class="empty">{t("shares.join.no_classes")}</p>
      ) : (
        <form method="post" action="/coop/join" class="form" id="share-request">
          {summary.length ? <ErrorSummary title={t("shares.error.summary")} items={summary} /> : null}
          <SelectField id="class" label={t("shares.join.class")} required value={values.class} error={errors.class ? t(errors.class) : undefined} options={props.classes.map((c) => ({ value: c.code, label: t("shares.join.class_option", { code: c.code, name: c.name, nominal: formatMoney(c.nominalCents, lang) }) }))} />
          <TextField id="shares" type="number" min={1} step={1} inputmode="numeric" label={t("shares.join.shares")} required value={values.shares} error={errors.shares ? t(errors.shares) : undefined} size={6} />
          <RadioGroup
            id="holder"
            name="holder"
            legend={t("shares.join.holder")}
            hint={t("shares.join.org_hint")}
            required
            value={values.holder}
            error={errors.holder ? t(errors.holder) : undefined}
            options={[{ value: "person", label: t("shares.join.holder_person") }, ...props.orgs.map((o) => ({ value: o.id, label: t("shares.join.holder_org", { org: o.name }) }))]}
          />
          <fieldset>
            <legend>{t("shares.join.person")}</legend>
            <TextField id="name" label={t("shares.join.name")} value={values.name} autocomplete="name" error={errors.name ? t(errors.name) : undefined} maxlength={200} />
            <TextField id="street" label={t("shares.join.street")} value={values.street} autocomplete="street-address" error={errors.street ? t(errors.street) : undefined} maxlength={200} />
            <TextField id="postcode" label={t("shares.join.postcode")} value={values.postcode} autocomplete="postal-code" error={errors.postcode ? t(errors.postcode) : undefined} maxlength={20} size={8} />
            <TextField id="city" label={t("shares.join.city")} value={values.city} autocomplete="address-level2" error={errors.city ? t(errors.city) : undefined} maxlength={100} />
            <TextField id="country_code" label={t("shares.join.country")} value={values.country_code} autocomplete="country" error={errors.country_code ? t(errors.country_code) : undefined} maxlength={2} size={3} />
          </fieldset>
          <fieldset>
            <legend>{t("shares.join.consents")}</legend>
            {CONSENTS.map((c) => (
              <Checkbox id={`consent-${c.replace("_", "-")}`} name="consents" value={c} label={t(CONSENT_KEY[c])} required checked={values.consents.includes(c)} error={errors[`consents.${c}`] ? t(errors[`consents.${c}`]!) : undefined} />
            ))}
          </fieldset>
          <button type="submit">{t("shares.join.submit")}</button>
        </form>
      )}
      {props.requests.length ? (
        <section aria-labelledby="mine">
          <h2 id="mine">{t("shares.join.mine")}</h2>
          <RequestTable t={t} lang={lang} rows={props.requests} callLinks />
        </section>
      ) : null}
    </Layout>
  );
}

/** Requests with their capital call; `callLinks` links each issued call to its PDF (the holder's own views). */
/** What a capital call still asks, in cents (0 once paid or credited). */
const dueOf = (call: NonNullable<RequestView["call"]>) => Math.max(0, call.totalCents - call.paidCents);

function RequestTable(props: { t: T; lang: PageProps["lang"]; rows: RequestView[]; caption?: string; callLinks?: boolean; payOnline?: boolean }) {
  const { t, lang } = props;
  return (
    <div class="table-scroll" tabindex={0}>
      <table>
        {props.caption ? <caption>{props.caption}</caption> : null}
        <TableHead cols={[t("shares.col.date"), t("shares.col.holder"), t("shares.col.class"), { label: t("shares.col.shares"), num: true }, t("shares.col.status"), t("shares.col.call"), { label: t("shares.col.due"), num: true }]} />
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{formatDay(r.request.createdAt.slice(0, 10), lang)}</td>
              <th scope="row">{r.holder.name}</th>
              <td>{r.cls.code}</td>
              <td class="num">{r.request.shares}</td>
              <td>{t(STATUS_KEY[r.request.status])}</td>
              <td>
                {r.call?.number ? (props.callLinks ? <a href={`/coop/share-requests/${encodeURIComponent(r.request.id)}/call.pdf`} download>{t("shares.mine.call_pdf", { number: r.call.number })}</a> : r.call.number) : "—"}
                {props.payOnline && r.call?.number && ["open", "partially_paid"].includes(r.call.status) && dueOf(r.call) > 0 ? (
                  <PostButton action={`/coop/share-requests/${encodeURIComponent(r.request.id)}/pay`} text={t("sharepay.button")} label={t("sharepay.label", { number: r.call.number, amount: formatMoney(dueOf(r.call), lang) })} />
                ) : null}
              </td>
              <td class="num">{r.call ? formatMoney(dueOf(r.call), lang) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ── /coop/admin ───────────────────────────────────────────────────────────────────────────────────

export function AdminPage(props: PageProps & { pending: RequestView[]; unpaid: RequestView[]; totals: ClassTotal[]; invoicesDue: BillingDocumentRow[]; orgNames: Map<string, string>; today: string; notice?: MessageKey; error?: MessageKey; revenue?: Revenue }) {
  const { t, lang } = props;
  const title = t("shares.admin.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} />
      {props.notice ? <Notice text={t(props.notice)} /> : null}
      {props.error ? <Notice text={t(props.error)} tone="error" alert /> : null}
      <Links t={t} />
      <section aria-labelledby="pending">
        <h2 id="pending">{t("shares.admin.pending")}</h2>
        {props.pending.length === 0 ? <p class="empty">{t("shares.admin.no_pending")}</p> : null}
        {props.pending.map((r) => {
          const label = t("shares.admin.requested", { shares: String(r.request.shares), class: r.cls.code, holder: r.holder.name });
          return (
            <article class="card" aria-labelledby={`req-${r.request.id}`}>
              <h3 id={`req-${r.request.id}`}>{label}</h3>
              <p class="hint">
                {formatDay(r.request.createdAt.slice(0, 10), lang)} · {formatMoney(r.request.shares * r.request.nominalCents, lang)} · {r.holder.street}, {r.holder.postcode} {r.holder.city} ({r.holder.countryCode}){r.holder.enterpriseNumber ? ` · ${r.holder.enterpriseNumber}` : ""}
              </p>
              <form method="post" action={`/coop/share-requests/${encodeURIComponent(r.request.id)}/approve`} class="form">
                <TextField id={`decided-on-${r.request.id}`} name="decided_on" type="date" max={props.today} label={t("shares.decide.decided_on")} required value={props.today} />
                <button type="submit" aria-label={`${t("shares.decide.approve")} — ${label}`}>{t("shares.decide.approve")}</button>
              </form>
              <form method="post" action={`/coop/share-requests/${encodeURIComponent(r.request.id)}/refuse`} class="form">
                <TextField id={`reason-${r.request.id}`} name="reason" label={t("shares.decide.reason")} required maxlength={2000} />
                <button type="submit" class="button-secondary" aria-label={`${t("shares.decide.refuse")} — ${label}`}>{t("shares.decide.refuse")}</button>
              </form>
            </article>
          );
        })}
      </section>
      <section aria-labelledby="unpaid">
        <h2 id="unpaid">{t("shares.admin.unpaid")}</h2>
        {props.unpaid.length ? <RequestTable t={t} lang={lang} rows={props.unpaid} /> : <p class="empty">{t("shares.admin.no_unpaid")}</p>}
      </section>
      <section aria-labelledby="by-class">
        <h2 id="by-class">{t("shares.admin.by_class")}</h2>
        <TotalsTable t={t} lang={lang} totals={props.totals} />
      </section>
      <section aria-labelledby="due">
        <h2 id="due">{t("shares.admin.invoices_due")}</h2>
        {props.invoicesDue.length ? (
          <div class="table-scroll" tabindex={0}>
            <table>
              <TableHead cols={[t("billing.col.number"), t("billing.col.customer"), t("billing.col.due_date"), { label: t("shares.col.due"), num: true }]} />
              <tbody>
                {props.invoicesDue.map((d) => (
                  <tr>
                    <th scope="row"><a href={`/coop/invoices/${encodeURIComponent(d.id)}`}>{d.number}</a></th>
                    <td>{d.customer?.legalName ?? props.orgNames.get(d.orgId) ?? d.orgId}</td>
                    <td>{d.dueDate ? formatDay(d.dueDate, lang) : "—"}</td>
                    <td class="num">{formatMoney(Math.max(0, d.totalCents - d.creditedCents - d.paidCents), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="empty">{t("shares.admin.no_invoices_due")}</p>
        )}
      </section>
      <section aria-labelledby="mrr">
        <h2 id="mrr">{t("shares.admin.mrr")}</h2>
        {props.revenue ? <RevenueGauge t={t} lang={lang} revenue={props.revenue} /> : <p>{t("shares.admin.mrr_pending")}</p>}
      </section>
    </Layout>
  );
}

export function TotalsTable(props: { t: T; lang: PageProps["lang"]; totals: ClassTotal[] }) {
  const { t, lang } = props;
  const capital = props.totals.reduce((s, c) => s + c.capitalCents, 0);
  const paid = props.totals.reduce((s, c) => s + c.paidInCents, 0);
  return (
    <>
      <div class="table-scroll" tabindex={0}>
        <table>
          <TableHead cols={[t("shares.col.class"), { label: t("shares.col.holders"), num: true }, { label: t("shares.col.shares"), num: true }, { label: t("shares.col.capital"), num: true }, { label: t("shares.col.paid_in"), num: true }]} />
          <tbody>
            {props.totals.map((c) => (
              <tr>
                <th scope="row">{c.code}</th>
                <td class="num">{c.holders}</td>
                <td class="num">{c.shares}</td>
                <td class="num">{formatMoney(c.capitalCents, lang)}</td>
                <td class="num">{formatMoney(c.paidInCents, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t("shares.register.capital", { capital: formatMoney(capital, lang), paid: formatMoney(paid, lang) })}</p>
    </>
  );
}

// ── /coop/register ────────────────────────────────────────────────────────────────────────────────

/** An entry's operation in words; a transfer names the other holder. */
export function entryKind(t: T, e: Pick<EntryView, "kind" | "shares" | "counterpartName">): string {
  if (e.kind === "transfer" && e.counterpartName) return t(e.shares < 0 ? "shares.kind.transfer_to" : "shares.kind.transfer_from", { holder: e.counterpartName });
  return t(KIND_KEY[e.kind]);
}

/** Register entries with running totals; `holderLinks` links each holder to its coop_admin page. */
export function EntryTable(props: { t: T; lang: PageProps["lang"]; rows: RunningEntry<EntryView>[]; holderColumn: boolean; caption: string; holderLinks?: boolean }) {
  const { t, lang } = props;
  return (
    <div class="table-scroll" tabindex={0}>
      <table>
        <caption>{props.caption}</caption>
        <TableHead cols={[t("shares.col.date"), props.holderColumn ? t("shares.col.holder") : null, t("shares.col.class"), t("shares.col.kind"), { label: t("shares.col.shares"), num: true }, { label: t("shares.col.amount"), num: true }, { label: t("shares.col.class_total"), num: true }, { label: t("shares.col.capital"), num: true }, { label: t("shares.col.paid_in"), num: true }]} />
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{formatDay(r.entry.on, lang)}</td>
              {props.holderColumn ? <th scope="row">{props.holderLinks ? <a href={`/coop/shareholders/${encodeURIComponent(r.entry.holderId)}`}>{r.entry.holderName}</a> : r.entry.holderName}</th> : null}
              <td>{r.entry.classCode}</td>
              <td>{entryKind(t, r.entry)}</td>
              <td class="num">{r.entry.shares}</td>
              <td class="num">{formatMoney(r.entry.amountCents, lang)}</td>
              <td class="num">{r.classShares}</td>
              <td class="num">{formatMoney(r.capitalCents, lang)}</td>
              <td class="num">{formatMoney(r.paidInCents, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RegisterPage(props: PageProps & { rows: RunningEntry<EntryView>[]; totals: ClassTotal[] }) {
  const { t, lang } = props;
  const title = t("shares.register.title");
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop/admin", label: t("shares.admin.title") }]} lead={t("shares.register.lead")} />
      <p>
        <a href="/api/v1/coop/register?format=csv" download="share-register.csv">{t("shares.register.csv")}</a>
      </p>
      <section aria-labelledby="totals">
        <h2 id="totals">{t("shares.register.totals")}</h2>
        <TotalsTable t={t} lang={lang} totals={props.totals} />
      </section>
      {props.rows.length ? <EntryTable t={t} lang={lang} rows={props.rows} holderColumn holderLinks caption={t("shares.register.title")} /> : <p class="empty">{t("shares.none")}</p>}
    </Layout>
  );
}

// ── /coop/share-classes ───────────────────────────────────────────────────────────────────────────

export interface ClassValues {
  code: string;
  name: string;
  nominal: string;
  min_shares: string;
  max_shares: string;
  required: boolean;
}

export function ClassesPage(props: PageProps & { classes: ShareClassRow[]; values: ClassValues; errors: FieldErrors; notice?: MessageKey }) {
  const { t, lang, errors, values } = props;
  const title = t("shares.classes.title");
  const err = (f: string) => (errors[f] ? t(errors[f]!) : undefined);
  const summary = Object.entries(errors).map(([field, key]) => ({ id: field, label: t(key) }));
  return (
    <Layout {...props} title={title}>
      <PageHeader title={title} crumbs={[{ href: "/coop/admin", label: t("shares.admin.title") }]} lead={t("shares.classes.lead")} />
      {props.notice ? <Notice text={t(props.notice)} /> : null}
      <div class="table-scroll" tabindex={0}>
        <table>
          <TableHead cols={[t("shares.col.code"), t("shares.col.name"), { label: t("shares.col.nominal"), num: true }, { label: t("shares.col.min"), num: true }, { label: t("shares.col.max"), num: true }, t("shares.col.required")]} />
          <tbody>
            {props.classes.map((c) => (
              <tr>
                <th scope="row"><a href={`/coop/share-classes/${encodeURIComponent(c.id)}`} aria-label={`${t("shares.classes.edit")} — ${c.code}`}>{c.code}</a></th>
                <td>{c.name}</td>
                <td class="num">{formatMoney(c.nominalCents, lang)}</td>
                <td class="num">{c.minShares}</td>
                <td class="num">{c.maxShares}</td>
                <td>{c.requiredForUsers ? t("shares.yes") : t("shares.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="new-class">{t("shares.classes.new")}</h2>
      <form method="post" action="/coop/share-classes" class="form" aria-labelledby="new-class">
        {summary.length ? <ErrorSummary title={t("shares.error.summary")} items={summary} /> : null}
        <TextField id="code" label={t("shares.field.code")} required value={values.code} maxlength={4} size={5} error={err("code")} />
        <TextField id="name" label={t("shares.field.name")} required value={values.name} maxlength={200} error={err("name")} />
        <TextField id="nominal" label={t("shares.field.nominal")} required inputmode="decimal" value={values.nominal} size={10} error={err("nominal")} />
        <TextField id="min_shares" type="number" min={1} label={t("shares.field.min")} value={values.min_shares} size={6} error={err("min_shares")} />
        <TextField id="max_shares" type="number" min={1} label={t("shares.field.max")} hint={t("shares.field.max_hint")} value={values.max_shares} size={6} error={err("max_shares")} />
        <Checkbox id="required" value="1" label={t("shares.field.required")} checked={values.required} />
        <button type="submit">{t("shares.classes.save")}</button>
      </form>
    </Layout>
  );
}

// ── /account/shares and /orgs/:orgId/shares ───────────────────────────────────────────────────────

/** `payOnline`: a person's own page with Stripe configured — each unpaid call gets "Pay" (→ Stripe Checkout). */
export function MySharesPage(props: PageProps & { orgId?: string; heading: string; crumbs: { href: string; label: string }[]; holderId: string | null; rows: RunningEntry<EntryView>[]; positions: (Position & { code: string })[]; requests: RequestView[]; payOnline?: boolean; notice?: MessageKey }) {
  const { t, lang } = props;
  const payable = props.payOnline && props.requests.some((r) => r.call && ["open", "partially_paid"].includes(r.call.status));
  return (
    <Layout {...props} title={props.heading}>
      <PageHeader title={props.heading} crumbs={props.crumbs} />
      {props.notice ? <Notice text={t(props.notice)} /> : null}
      {props.positions.length ? (
        <ul>
          {props.positions.map((p) => (
            <li>{t("shares.cert.total_line", { class: p.code, shares: String(p.shares), nominal: formatMoney(p.nominalCents, lang), paid: formatMoney(p.paidInCents, lang) })}</li>
          ))}
        </ul>
      ) : (
        <p class="empty">{t("shares.mine.none")}</p>
      )}
      {props.holderId && props.rows.length ? (
        <>
          <p>
            <a href={`/coop/shareholders/${encodeURIComponent(props.holderId)}/certificate.pdf`} download>{t("shares.mine.certificate")}</a>
          </p>
          <EntryTable t={t} lang={lang} rows={props.rows} holderColumn={false} caption={t("shares.cert.entries")} />
        </>
      ) : null}
      {props.requests.length ? (
        <section aria-labelledby="requests">
          <h2 id="requests">{t("shares.join.mine")}</h2>
          <RequestTable t={t} lang={lang} rows={props.requests} callLinks payOnline={props.payOnline} />
          {payable ? <p class="hint">{t("sharepay.hint")}</p> : null}
        </section>
      ) : null}
      <p>
        <a href={props.orgId ? `/coop/join?holder=${encodeURIComponent(props.orgId)}#share-request` : "/coop/join#share-request"}>{t("shares.mine.request")}</a>
      </p>
    </Layout>
  );
}

// One service on its way to a new host, as the member's migration page and the provider's incoming
// requests show it: its host, state, planned date (with the deadline and full-week warnings), checklist, history,
// and the forms of the moves the viewer may make. Every form posts and works without JavaScript.
import { CHECKLISTS, type ChecklistRow } from "../../src/transition/checklists";
import type { InventoryKind } from "../../src/transition/inventory";
import type { EventView } from "../../src/transition/migrations/service";
import { DATA_COPY_METHODS, scheduledAfterDeadline, type AllowedMove, type DataCopy, type ItemState, type MoveWarning, type Role } from "../../src/transition/states";
import type { Lang, MessageKey, T } from "../i18n";
import { RadioGroup, SelectField, TextArea, TextField, type Option } from "./form";
import { formatDateTime, formatDay, formatNumber } from "./format";
import { Notice } from "./notice";
import { DnsCheck } from "./dns-check";
import type { DnsView } from "../../src/transition/control/dns.service";
import { TableHead } from "./table";

/** A change in an item's history: the service's event rows as the API shows them (what the page reads of them). */
export type HistoryRow = Pick<EventView, "kind" | "from" | "to" | "role" | "note" | "scheduled_for" | "occurred_at" | "detail"> & { warnings: readonly MoveWarning[] };

/** One item as the pages show it: the service's item view fits as is. */
export interface MigrationItemView {
  id: string;
  migration_id: string;
  kind: InventoryKind;
  label: string;
  offer_id: string;
  offer_name: string;
  provider_id: string;
  provider_name: string;
  /** The member organisation moving (shown to the provider). */
  member?: { id: string; name: string } | undefined;
  state: ItemState;
  blocked_from: ItemState | null;
  scheduled_for: string | null;
  data_copy: DataCopy | null;
  last_move_at: string;
  /** Every step, with who ticked it and whether the viewer may tick it. */
  checklist: readonly ChecklistRow[];
  checklist_progress: { ticked: number; total: number };
  /** What the viewer may do from here (empty when the viewer only reads). */
  allowed_moves: readonly AllowedMove[];
  history: readonly HistoryRow[];
  /** The last DNS check, for an item in cutover or after (the pages add it). */
  dns?: DnsView | undefined;
}

/** A refused form, shown next to its field in its item's card. */
export interface ItemFormError {
  itemId: string;
  to: ItemState | "tick" | "reassign";
  field: string;
  message: string;
}

export const itemLabel = (t: T, item: { kind: InventoryKind; label: string }) => `${t(`transition.kind.${item.kind}`)} : ${item.label}`;

const MOVE_LABEL: Record<ItemState, MessageKey> = {
  planned: "transition.move.planned",
  requested: "transition.move.requested",
  accepted: "transition.move.accepted",
  scheduled: "transition.move.scheduled",
  copying: "transition.move.copying",
  cutover: "transition.move.cutover",
  verified: "transition.move.verified",
  done: "transition.move.done",
  declined: "transition.move.declined",
  blocked: "transition.move.blocked",
  cancelled: "transition.move.cancelled",
  failed: "transition.move.failed",
};

/** The deadline warning for a day, if it falls on or after the deadline. */
export function DateWarning(props: { t: T; lang: Lang; day: string | null; deadline: string | undefined }) {
  const { t, lang, day, deadline } = props;
  if (!day || !deadline || Number.isNaN(Date.parse(deadline)) || !scheduledAfterDeadline(day, deadline)) return null;
  return <Notice tone="error" text={t("transition.warning.after_deadline", { date: formatDay(day, lang) })} />;
}

/**
 * The host's full week: the item's current date was set in a week where the host already had as
 * many member migrations scheduled as its weekly rate (the `week_full` warning of that move).
 */
export function WeekFullWarning(props: { t: T; lang: Lang; item: MigrationItemView }) {
  const { t, lang, item } = props;
  if (!item.scheduled_for || TERMINAL_FOR_WEEK.has(item.state)) return null;
  const setBy = [...item.history].reverse().find((h) => h.to === "scheduled" && h.scheduled_for !== null);
  if (!setBy || setBy.scheduled_for !== item.scheduled_for || !setBy.warnings.includes("week_full")) return null;
  return <Notice tone="error" text={t("capacity.week_full", { date: formatDay(item.scheduled_for, lang) })} />;
}
const TERMINAL_FOR_WEEK: ReadonlySet<ItemState> = new Set(["done", "cancelled", "declined", "failed"]);

/** The steps of an item's checklist; a tick/untick button on the steps the viewer may tick. */
export function Checklist(props: { t: T; lang: Lang; item: MigrationItemView; canAct: boolean; action: string }) {
  const { t, lang, item } = props;
  const { ticked, total } = item.checklist_progress;
  return (
    // A group, not a section: a named section is a region landmark, and two items with the same
    // progress ("1 of 6") would be two landmarks of the same name (axe's landmark-unique).
    <div class="checklist" role="group" aria-labelledby={`check-${item.id}`}>
      <h4 id={`check-${item.id}`}>{t("transition.checklist.title", { ticked: formatNumber(ticked, lang), total: formatNumber(total, lang) })}</h4>
      <ul class="checklist-steps">
        {item.checklist.map((r) => (
          <li data-step={r.code} data-done={r.done ? "1" : "0"}>
            <span class="checklist-mark">{r.done ? t("transition.checklist.done_mark") : t("transition.checklist.todo_mark")}</span> {t(r.label)}{" "}
            <span class="hint">
              ({r.done ? t("transition.checklist.done_by", { who: t(`transition.role.${r.done.by}`), date: formatDateTime(r.done.at, lang) }) : t(`transition.ticker.${r.by}`)})
            </span>
            {props.canAct && r.editable ? (
              <form method="post" action={props.action} class="inline-form">
                <input type="hidden" name="step" value={r.code} />
                <input type="hidden" name="done" value={r.done ? "0" : "1"} />
                <button type="submit" class="button-secondary" aria-label={t(r.done ? "transition.checklist.untick_label" : "transition.checklist.tick_label", { step: t(r.label), service: item.label })}>
                  {t(r.done ? "transition.checklist.untick" : "transition.checklist.tick")}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

const isMethod = (v: unknown): v is DataCopy["method"] => typeof v === "string" && (DATA_COPY_METHODS as readonly string[]).includes(v);

/** What one history row says happened, in the page's language. */
function change(t: T, kind: InventoryKind, h: HistoryRow): string {
  const state = (s: ItemState | null) => (s ? t(`transition.state.${s}`) : "—");
  switch (h.kind) {
    case "tick":
    case "untick": {
      const step = CHECKLISTS[kind].find((c) => c.code === h.detail.step);
      return t(h.kind === "tick" ? "transition.history.tick" : "transition.history.untick", { step: step ? t(step.label) : String(h.detail.step ?? "") });
    }
    case "data_copy": {
      const copy = h.detail.data_copy as { method?: unknown } | undefined;
      return t("transition.history.data_copy", { method: isMethod(copy?.method) ? t(`transition.data_copy.${copy.method}`) : "—" });
    }
    case "assign":
      return `${t("transition.history.assign")} (${state(h.from)} → ${state(h.to)})`;
    case "plan":
      return t("transition.history.plan");
    case "dns_verified":
      return t("control.history.dns_verified", { domain: String(h.detail.domain ?? "") });
    default:
      return `${state(h.from)} → ${state(h.to)}${h.detail.resumed ? ` (${t("transition.history.resumed")})` : ""}`;
  }
}

export function History(props: { t: T; lang: Lang; item: MigrationItemView; deadline: string | undefined }) {
  const { t, lang, item } = props;
  if (item.history.length === 0) return null;
  return (
    <details class="history">
      <summary>{t("transition.history.title", { n: formatNumber(item.history.length, lang) })}</summary>
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption class="visually-hidden">{t("transition.history.caption", { service: item.label })}</caption>
          <TableHead cols={[t("transition.history.col.when"), t("transition.history.col.change"), t("transition.history.col.who"), t("transition.history.col.note")]} />
          <tbody>
            {[...item.history].reverse().map((h) => (
              <tr data-kind={h.kind}>
                <td>
                  <time datetime={h.occurred_at}>{formatDateTime(h.occurred_at, lang)}</time>
                </td>
                <td>
                  {change(t, item.kind, h)}
                  {h.scheduled_for ? ` · ${formatDay(h.scheduled_for, lang)}` : ""}
                  {h.scheduled_for ? <DateWarning t={t} lang={lang} day={h.scheduled_for} deadline={props.deadline} /> : null}
                  {h.scheduled_for && h.warnings.includes("week_full") ? <p class="hint">{t("capacity.week_full", { date: formatDay(h.scheduled_for, lang) })}</p> : null}
                </td>
                <td>{t(`transition.role.${h.role}`)}</td>
                <td>{h.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function moveLabel(t: T, m: AllowedMove): string {
  return m.resume ? t("transition.move.resume", { state: t(`transition.state.${m.to}`) }) : t(MOVE_LABEL[m.to]);
}

/** One move's form: a button, or a small form with what the move needs (reason, date, data copy). */
function MoveForm(props: { t: T; item: MigrationItemView; move: AllowedMove; action: string; error?: ItemFormError | undefined }) {
  const { t, item, move } = props;
  const prefix = `m-${item.id}-${move.to}${move.resume ? "-resume" : ""}`;
  const label = moveLabel(t, move);
  const err = (field: string) => (props.error?.to === move.to && props.error.field === field ? props.error.message : undefined);
  const hidden = (
    <>
      <input type="hidden" name="to" value={move.to} />
      <input type="hidden" name="since" value={item.last_move_at} />
    </>
  );
  if (move.needs.length === 0) {
    return (
      <form method="post" action={props.action} class="inline-form move-form" data-to={move.to}>
        {hidden}
        <button type="submit" class={move.to === "cancelled" ? "button-secondary" : undefined} aria-label={`${label} — ${item.label}`}>
          {label}
        </button>
      </form>
    );
  }
  return (
    <details class="move-form" data-to={move.to} open={props.error?.to === move.to}>
      <summary>{label}</summary>
      <form method="post" action={props.action} novalidate>
        {hidden}
        {move.needs.includes("scheduled_for") ? (
          <TextField id={`${prefix}-date`} name="scheduled_for" type="date" label={t("transition.move.field.scheduled_for")} hint={t("transition.move.field.scheduled_for_hint")} required value={item.scheduled_for ?? ""} error={err("scheduled_for")} alert />
        ) : null}
        {move.needs.includes("data_copy") ? (
          <>
            <RadioGroup
              id={`${prefix}-method`}
              name="method"
              legend={t("transition.data_copy.legend")}
              hint={t("transition.data_copy.hint")}
              required
              error={err("method")}
              options={DATA_COPY_METHODS.map((m) => ({ value: m, label: t(`transition.data_copy.${m}`) }))}
            />
            <TextArea id={`${prefix}-detail`} name="detail" label={t("transition.data_copy.detail")} hint={t("transition.data_copy.detail_hint")} rows={2} maxlength={2000} error={err("detail")} alert />
          </>
        ) : null}
        {move.needs.includes("note") ? <TextArea id={`${prefix}-note`} name="note" label={t("transition.move.field.note")} required rows={2} maxlength={2000} error={err("note")} alert /> : null}
        <button type="submit">{label}</button>
      </form>
    </details>
  );
}

/** The member picks another offer for a declined or failed service: it is planned again. */
function ReassignForm(props: { t: T; item: MigrationItemView; action: string; choices: readonly Option[]; needsNote: boolean; error?: ItemFormError | undefined }) {
  const { t, item } = props;
  const id = `r-${item.id}`;
  const error = props.error?.to === "reassign" ? props.error : undefined;
  if (props.choices.length === 0) return <p class="hint">{t("transition.reassign.none")}</p>;
  return (
    <details class="move-form" data-to="reassign" open={!!error}>
      <summary>{t("transition.reassign.title")}</summary>
      <form method="post" action={props.action} novalidate>
        <SelectField id={id} name="offer_id" label={t("transition.reassign.offer", { service: item.label })} required options={props.choices} error={error?.field === "offer_id" ? error.message : undefined} alert />
        {props.needsNote ? <TextArea id={`${id}-note`} name="note" label={t("transition.move.field.note")} required rows={2} maxlength={2000} error={error?.field === "note" ? error.message : undefined} alert /> : null}
        <button type="submit">{t("transition.reassign.submit")}</button>
      </form>
    </details>
  );
}

export interface ItemCardProps {
  t: T;
  lang: Lang;
  item: MigrationItemView;
  /** The viewer may act on this item (its moves and ticks); false: read only. */
  canAct: boolean;
  /** The router's base for this item's forms (…/:migrationId/items/:id/move, /checklist, /reassign). */
  base: string;
  deadline: string | undefined;
  /** Offers that can take this service instead (declined or failed items, member side). */
  reassign?: readonly Option[] | undefined;
  error?: ItemFormError | undefined;
}

export function ItemCard(props: ItemCardProps) {
  const { t, lang, item } = props;
  const itemBase = `${props.base}/${encodeURIComponent(item.migration_id)}/items/${encodeURIComponent(item.id)}`;
  const error = props.error?.itemId === item.id ? props.error : undefined;
  const moves = props.canAct ? item.allowed_moves : [];
  // Back to planned is the member's re-assignment, which picks a new offer (its own form).
  const replan = moves.find((m) => m.to === "planned" && !m.resume);
  const reassignable = !!replan && props.reassign !== undefined;
  const shown = moves.filter((m) => !(m.to === "planned" && !m.resume && reassignable));
  const headingId = `item-${item.id}`;
  return (
    <li class="card migration-item" data-item={item.id} data-state={item.state} aria-labelledby={headingId}>
      <h3 id={headingId}>{itemLabel(t, item)}</h3>
      <dl class="facts">
        {item.member ? (
          <div>
            <dt>{t("transition.item.member")}</dt>
            <dd>{item.member.name}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("transition.item.host")}</dt>
          <dd>
            <a href={`/providers/${encodeURIComponent(item.provider_id)}`}>{item.provider_name}</a> — {item.offer_name}
          </dd>
        </div>
        <div>
          <dt>{t("transition.item.state")}</dt>
          <dd class="item-state">
            <strong>{t(`transition.state.${item.state}`)}</strong>
            {item.state === "blocked" && item.blocked_from ? ` (${t("transition.item.blocked_from", { state: t(`transition.state.${item.blocked_from}`) })})` : ""}
          </dd>
        </div>
        <div>
          <dt>{t("transition.item.date")}</dt>
          <dd class="item-date">{item.scheduled_for ? <time datetime={item.scheduled_for}>{formatDay(item.scheduled_for, lang)}</time> : t("transition.item.no_date")}</dd>
        </div>
        {item.data_copy ? (
          <div>
            <dt>{t("transition.item.data_copy")}</dt>
            <dd>
              {t(`transition.data_copy.${item.data_copy.method}`)}
              {item.data_copy.detail ? ` — ${item.data_copy.detail}` : ""} ({formatDateTime(item.data_copy.confirmed_at, lang)})
            </dd>
          </div>
        ) : null}
      </dl>
      <DateWarning t={t} lang={lang} day={item.state === "cancelled" ? null : item.scheduled_for} deadline={props.deadline} />
      <WeekFullWarning t={t} lang={lang} item={item} />
      {item.dns ? <DnsCheck t={t} lang={lang} dns={item.dns} service={item.label} /> : null}
      <Checklist t={t} lang={lang} item={item} canAct={props.canAct && item.state !== "cancelled"} action={`${itemBase}/checklist`} />
      {error?.to === "tick" ? <Notice tone="error" alert text={error.message} /> : null}
      <History t={t} lang={lang} item={item} deadline={props.deadline} />
      {shown.length || reassignable ? (
        <div class="item-moves">
          <h4 class="visually-hidden">{t("transition.item.moves", { service: item.label })}</h4>
          {shown.map((m) => (
            <MoveForm t={t} item={item} move={m} action={`${itemBase}/move`} error={error} />
          ))}
          {reassignable ? <ReassignForm t={t} item={item} action={`${itemBase}/reassign`} choices={props.reassign ?? []} needsNote={replan.needs.includes("note")} error={error} /> : null}
        </div>
      ) : null}
    </li>
  );
}

// One service on its way to a new host, as the member's migration page and the provider's incoming
// requests show it: its host, state, planned date (with the deadline warning), checklist, history,
// and the forms of the moves the viewer may make. Every form posts and works without JavaScript.
import { checklistProgress, checklistView, type ChecklistState } from "../../src/transition/checklists";
import { serviceLabel, type InventoryService } from "../../src/transition/inventory";
import { allowedMoves, DATA_COPY_METHODS, scheduledAfterDeadline, type AllowedMove, type HistoryEntry, type ItemState, type ItemStatus, type Role } from "../../src/transition/states";
import type { Lang, MessageKey, T } from "../i18n";
import { RadioGroup, SelectField, TextArea, TextField, type Option } from "./form";
import { formatDateTime, formatDay, formatNumber } from "./format";
import { Notice } from "./notice";
import { TableHead } from "./table";

export interface MigrationItemView {
  id: string;
  migrationId: string;
  service: InventoryService;
  offer: { id: string; name: string; providerId: string; providerName: string };
  /** The member organisation moving (shown to the provider). */
  member?: { id: string; name: string };
  status: ItemStatus;
  checklist: ChecklistState;
  history: readonly HistoryEntry[];
}

/** A refused form, shown next to its field in its item's card. */
export interface ItemFormError {
  itemId: string;
  to: ItemState | "tick" | "reassign";
  field: string;
  message: string;
}

export const itemLabel = (t: T, s: InventoryService) => `${t(`transition.kind.${s.kind}`)} : ${serviceLabel(s)}`;

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

export function Checklist(props: { t: T; lang: Lang; item: MigrationItemView; viewer: Role | null; action: string }) {
  const { t, lang, item, viewer } = props;
  const rows = checklistView(item.service.kind, item.checklist, viewer ?? "member");
  const { ticked, total } = checklistProgress(item.service.kind, item.checklist);
  const label = serviceLabel(item.service);
  return (
    <section class="checklist" aria-labelledby={`check-${item.id}`}>
      <h4 id={`check-${item.id}`}>{t("transition.checklist.title", { ticked: formatNumber(ticked, lang), total: formatNumber(total, lang) })}</h4>
      <ul class="checklist-steps">
        {rows.map((r) => (
          <li data-step={r.code} data-done={r.done ? "1" : "0"}>
            <span class="checklist-mark">{r.done ? t("transition.checklist.done_mark") : t("transition.checklist.todo_mark")}</span> {t(r.label)}{" "}
            <span class="hint">
              ({r.done ? t("transition.checklist.done_by", { who: t(`transition.role.${r.done.by}`), date: formatDateTime(r.done.at, lang) }) : t(`transition.ticker.${r.by}`)})
            </span>
            {viewer && r.editable ? (
              <form method="post" action={props.action} class="inline-form">
                <input type="hidden" name="step" value={r.code} />
                <input type="hidden" name="done" value={r.done ? "0" : "1"} />
                <button type="submit" class="button-secondary" aria-label={t(r.done ? "transition.checklist.untick_label" : "transition.checklist.tick_label", { step: t(r.label), service: label })}>
                  {t(r.done ? "transition.checklist.untick" : "transition.checklist.tick")}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function History(props: { t: T; lang: Lang; item: MigrationItemView; deadline: string | undefined }) {
  const { t, lang, item } = props;
  if (item.history.length === 0) return null;
  return (
    <details class="history">
      <summary>{t("transition.history.title", { n: formatNumber(item.history.length, lang) })}</summary>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{t("transition.history.caption", { service: serviceLabel(item.service) })}</caption>
          <TableHead cols={[t("transition.history.col.when"), t("transition.history.col.change"), t("transition.history.col.who"), t("transition.history.col.note")]} />
          <tbody>
            {[...item.history].reverse().map((h) => (
              <tr>
                <td>
                  <time datetime={h.occurred_at}>{formatDateTime(h.occurred_at, lang)}</time>
                </td>
                <td>
                  {t(`transition.state.${h.from}`)} → {t(`transition.state.${h.to}`)}
                  {h.resumed ? ` (${t("transition.history.resumed")})` : ""}
                  {h.scheduled_for ? ` · ${formatDay(h.scheduled_for, lang)}` : ""}
                  {h.warnings.includes("after_deadline") && h.scheduled_for ? <DateWarning t={t} lang={lang} day={h.scheduled_for} deadline={props.deadline} /> : null}
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
  const service = serviceLabel(item.service);
  const hidden = (
    <>
      <input type="hidden" name="to" value={move.to} />
      <input type="hidden" name="since" value={item.status.last_move_at} />
    </>
  );
  if (move.needs.length === 0) {
    return (
      <form method="post" action={props.action} class="inline-form move-form" data-to={move.to}>
        {hidden}
        <button type="submit" class={move.to === "cancelled" ? "button-secondary" : undefined} aria-label={`${label} — ${service}`}>
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
          <TextField id={`${prefix}-date`} name="scheduled_for" type="date" label={t("transition.move.field.scheduled_for")} hint={t("transition.move.field.scheduled_for_hint")} required value={item.status.scheduled_for ?? ""} error={err("scheduled_for")} alert />
        ) : null}
        {move.needs.includes("data_copy") ? (
          <>
            <RadioGroup
              id={`${prefix}-method`}
              name="method"
              legend={t("transition.data_copy.legend")}
              hint={t("transition.data_copy.hint")}
              required
              error={err("data_copy.method")}
              options={DATA_COPY_METHODS.map((m) => ({ value: m, label: t(`transition.data_copy.${m}`) }))}
            />
            <TextArea id={`${prefix}-detail`} name="detail" label={t("transition.data_copy.detail")} hint={t("transition.data_copy.detail_hint")} rows={2} maxlength={2000} error={err("data_copy.detail")} alert />
          </>
        ) : null}
        {move.needs.includes("note") ? <TextArea id={`${prefix}-note`} name="note" label={t("transition.move.field.note")} required rows={2} maxlength={2000} error={err("note")} alert /> : null}
        <button type="submit">{label}</button>
      </form>
    </details>
  );
}

/** The member picks another offer for a declined or failed service: it is planned again. */
function ReassignForm(props: { t: T; item: MigrationItemView; action: string; choices: readonly Option[]; error?: ItemFormError | undefined }) {
  const { t, item } = props;
  const id = `r-${item.id}`;
  const error = props.error?.to === "reassign" ? props.error.message : undefined;
  if (props.choices.length === 0) return <p class="hint">{t("transition.reassign.none")}</p>;
  return (
    <details class="move-form" data-to="reassign" open={!!error}>
      <summary>{t("transition.reassign.title")}</summary>
      <form method="post" action={props.action} novalidate>
        <input type="hidden" name="since" value={item.status.last_move_at} />
        <SelectField id={id} name="offer_id" label={t("transition.reassign.offer", { service: serviceLabel(item.service) })} required options={props.choices} error={error} alert />
        <button type="submit">{t("transition.reassign.submit")}</button>
      </form>
    </details>
  );
}

export interface ItemCardProps {
  t: T;
  lang: Lang;
  item: MigrationItemView;
  /** Who the viewer acts as; null: read only. */
  viewer: Role | null;
  /** The router's base for this item's forms (…/items/:id/move, /checklist, /reassign). */
  base: string;
  deadline: string | undefined;
  /** Offers that can take this service instead (declined or failed items, member side). */
  reassign?: readonly Option[];
  error?: ItemFormError | undefined;
}

export function ItemCard(props: ItemCardProps) {
  const { t, lang, item, viewer } = props;
  const s = item.status;
  const itemBase = `${props.base}/items/${encodeURIComponent(item.id)}`;
  const error = props.error?.itemId === item.id ? props.error : undefined;
  const moves = viewer ? allowedMoves(s, viewer) : [];
  // Back to planned is the member's re-assignment, which picks a new offer (its own form).
  const reassignable = moves.some((m) => m.to === "planned" && !m.resume) && props.reassign !== undefined;
  const shown = moves.filter((m) => !(m.to === "planned" && !m.resume && reassignable));
  const headingId = `item-${item.id}`;
  return (
    <li class="card migration-item" data-item={item.id} data-state={s.state} aria-labelledby={headingId}>
      <h3 id={headingId}>{itemLabel(t, item.service)}</h3>
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
            <a href={`/providers/${encodeURIComponent(item.offer.providerId)}`}>{item.offer.providerName}</a> — {item.offer.name}
          </dd>
        </div>
        <div>
          <dt>{t("transition.item.state")}</dt>
          <dd class="item-state">
            <strong>{t(`transition.state.${s.state}`)}</strong>
            {s.state === "blocked" && s.blocked_from ? ` (${t("transition.item.blocked_from", { state: t(`transition.state.${s.blocked_from}`) })})` : ""}
          </dd>
        </div>
        <div>
          <dt>{t("transition.item.date")}</dt>
          <dd class="item-date">{s.scheduled_for ? <time datetime={s.scheduled_for}>{formatDay(s.scheduled_for, lang)}</time> : t("transition.item.no_date")}</dd>
        </div>
        {s.data_copy ? (
          <div>
            <dt>{t("transition.item.data_copy")}</dt>
            <dd>
              {t(`transition.data_copy.${s.data_copy.method}`)}
              {s.data_copy.detail ? ` — ${s.data_copy.detail}` : ""} ({formatDateTime(s.data_copy.confirmed_at, lang)})
            </dd>
          </div>
        ) : null}
      </dl>
      <DateWarning t={t} lang={lang} day={s.scheduled_for} deadline={props.deadline} />
      <Checklist t={t} lang={lang} item={item} viewer={viewer} action={`${itemBase}/checklist`} />
      {error?.to === "tick" ? <Notice tone="error" alert text={error.message} /> : null}
      <History t={t} lang={lang} item={item} deadline={props.deadline} />
      {shown.length || reassignable ? (
        <div class="item-moves">
          <h4 class="visually-hidden">{t("transition.item.moves", { service: serviceLabel(item.service) })}</h4>
          {shown.map((m) => (
            <MoveForm t={t} item={item} move={m} action={`${itemBase}/move`} error={error} />
          ))}
          {reassignable ? <ReassignForm t={t} item={item} action={`${itemBase}/reassign`} choices={props.reassign ?? []} error={error} /> : null}
        </div>
      ) : null}
    </li>
  );
}

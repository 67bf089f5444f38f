// The reminders' daily job (MORNING cron): members without a plan at 120/90/60/30/7 days before the
// deadline (to the organisation's owners), members and hosts of an item stuck for 14 days (once
// per stuck period: the window is the item's last event), and the stewards' digest on Mondays.
// Each reminder is one D1 batch: its `reminders_sent` row (unique on kind, subject, window) and its
// mails. A second run the same day finds the rows and sends nothing; two runs racing both write the
// same row and the second batch fails whole, so no one is mailed twice.
import { isLang, type Lang } from "../../../web/i18n";
import { remindersSent, type ReminderKind } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { today } from "../../lib/days";
import { newId } from "../../lib/ids";
import { mailInsert } from "../../mail/outbox";
import { enqueue, type OutboxInsert } from "../../outbox/write";
import type { InventoryKind } from "../inventory";
import type { ItemState } from "../states";
import { daysLeft } from "./figures";
import { stuckSince, SVC } from "./repository";
import { digestMail, isDigestDay, isEssential, noPlanMail, noPlanWindow, recipientsOf, stuckMail, type Links, type Recipient } from "./reminders";
import { controlProgress } from "./service";
import type { RenderedMail } from "../../mail/templates";

interface PersonRow {
  email: string | null;
  language: string | null;
  opted_out: number;
}
const person = (r: PersonRow, fallback: Lang = "fr"): Recipient | null => (r.email ? { email: r.email, lang: isLang(r.language) ? r.language : fallback, optedOut: !!r.opted_out } : null);

const PEOPLE = `u.email, u.language, coalesce(rp.non_essential_off, 0) as opted_out`;
const notSent = (kind: ReminderKind, subject: string, window: string) => `not exists (select 1 from reminders_sent r where r.kind = '${kind}' and r.subject = ${subject} and r."window" = ${window})`;

export interface RemindersResult {
  no_plan: number;
  stuck: number;
  digest: number;
  mails: number;
  /** Reminders another run wrote first (a cron fired twice at once). */
  raced: number;
}

interface Pending {
  kind: ReminderKind;
  subject: string;
  window: string;
  mails: { to: string; mail: RenderedMail }[];
}

function linksOf(ctx: ServiceContext): Links {
  const origin = ctx.origin ?? ctx.settings.PUBLIC_ORIGIN;
  return { to: (path) => (origin ? new URL(path, origin).href : path) };
}

export async function runReminders(ctx: ServiceContext): Promise<RemindersResult> {
  const now = ctx.now();
  const deadline = ctx.settings.TRANSITION_DEADLINE;
  const left = daysLeft(deadline, now);
  const day = today(now);
  const links = linksOf(ctx);
  const d1 = ctx.env.DB;
  const pending: Pending[] = [];

  // Members without a plan: one query, one row per owner (or one with no owner: the contact address).
  const window = noPlanWindow(left);
  if (window) {
    const rows = (
      await d1
        .prepare(
          `select o.id as org_id, o.name, o.language as org_lang, o.contact_email,
             (select count(*) from inventory_services s where s.org_id = o.id and s.gone_at is null) as services, ${PEOPLE}
           from organisations o
           left join memberships m on m.org_id = o.id and m.role = 'owner'
           left join users u on u.id = m.user_id
           left join reminder_preferences rp on rp.user_id = u.id
           where o.kind = 'member'
             and exists (select 1 from inventory_services s where s.org_id = o.id and s.gone_at is null)
             and not exists (select 1 from migration_items i where i.org_id = o.id and i.state <> 'cancelled')
             and ${notSent("no_plan", "o.id", "?1")}
           order by o.id`,
        )
        .bind(window)
        .all<PersonRow & { org_id: string; name: string; org_lang: string; contact_email: string | null; services: number }>()
    ).results;
    const essential = isEssential("no_plan", window);
    for (const [orgId, group] of groupBy(rows, (r) => r.org_id)) {
      const org = group[0]!;
      const orgLang: Lang = isLang(org.org_lang) ? org.org_lang : "fr";
      let people = group.map((r) => person(r, orgLang)).filter((p): p is Recipient => p !== null);
      // No owner yet (the invitation is still open): the organisation's contact address, which no person can opt out for.
      if (!people.length && org.contact_email) people = [{ email: org.contact_email, lang: orgLang, optedOut: false }];
      pending.push({
        kind: "no_plan",
        subject: orgId,
        window,
        mails: recipientsOf(people, essential).map((p) => ({ to: p.email, mail: noPlanMail(p.lang, { org: org.name, orgId, services: org.services, daysLeft: left, deadline, window }, links) })),
      });
    }
  }

  // Items stuck for 14 days: one query, a row per person on either side.
  const stuck = (
    await d1
      .prepare(
        SVC +
          `, st as (
             select * from (
               select svc.item_id, svc.org_id, o.name as org_name, svc.provider_id, p.name as provider_name, svc.kind, svc.state, s.natural_key,
                 coalesce((select max(e.recorded_at) from migration_events e where e.item_id = svc.item_id), svc.last_move_at) as last_event_at
               from svc join organisations o on o.id = svc.org_id join providers p on p.id = svc.provider_id join inventory_services s on s.id = svc.id
               where svc.item_id is not null and svc.state <> 'done'
             ) where last_event_at < ?4 and ${notSent("stuck", "item_id", "last_event_at")}
           )
           select st.*, 'member' as side, st.org_id as side_org, ${PEOPLE} from st
             join memberships m on m.org_id = st.org_id and m.role in ('owner', 'admin') join users u on u.id = m.user_id left join reminder_preferences rp on rp.user_id = u.id
           union all
           select st.*, 'provider', po.id, ${PEOPLE} from st
             join organisations po on po.kind = 'provider' and po.provider_id = st.provider_id
             join memberships m on m.org_id = po.id and m.role in ('owner', 'admin') join users u on u.id = m.user_id left join reminder_preferences rp on rp.user_id = u.id
           order by 1`,
      )
      .bind(null, null, null, stuckSince(now))
      .all<PersonRow & { item_id: string; org_id: string; org_name: string; provider_name: string; kind: InventoryKind; state: ItemState; natural_key: string; last_event_at: string; side: "member" | "provider"; side_org: string }>()
  ).results;
  for (const [itemId, group] of groupBy(stuck, (r) => r.item_id)) {
    const first = group[0]!;
    const label = first.natural_key.slice(first.natural_key.indexOf(":") + 1);
    const mails: Pending["mails"] = [];
    for (const side of ["member", "provider"] as const) {
      const mine = group.filter((r) => r.side === side);
      const path = side === "member" ? `/orgs/${encodeURIComponent(first.org_id)}/migration` : `/orgs/${encodeURIComponent(mine[0]?.side_org ?? "")}/migrations`;
      for (const p of recipientsOf(mine.map((r) => person(r)).filter((x): x is Recipient => x !== null), false))
        mails.push({ to: p.email, mail: stuckMail(p.lang, { org: first.org_name, provider: first.provider_name, kind: first.kind, label, state: first.state, since: first.last_event_at, path }, links) });
    }
    pending.push({ kind: "stuck", subject: itemId, window: first.last_event_at, mails });
  }

  // The stewards' digest, Mondays (Brussels).
  if (isDigestDay(day)) {
    const stewards = (
      await d1
        .prepare(`select ${PEOPLE} from platform_roles pr join users u on u.id = pr.user_id left join reminder_preferences rp on rp.user_id = u.id where pr.role = 'steward' and ${notSent("digest", "'stewards'", "?1")}`)
        .bind(day)
        .all<PersonRow>()
    ).results;
    if (stewards.length) {
      const p = await controlProgress(ctx, {});
      const figures = { moved: p.moved.moved, total: p.moved.total, daysLeft: p.days_left, withoutPlan: p.without_plan.length, stuck: p.stuck.length, late: p.late.length };
      pending.push({
        kind: "digest",
        subject: "stewards",
        window: day,
        mails: recipientsOf(stewards.map((r) => person(r)).filter((x): x is Recipient => x !== null), false).map((s) => ({ to: s.email, mail: digestMail(s.lang, figures, links) })),
      });
    }
  }

  const result: RemindersResult = { no_plan: 0, stuck: 0, digest: 0, mails: 0, raced: 0 };
  const sentAt = now.toISOString();
  for (const r of pending) {
    const outbox: OutboxInsert[] = r.mails.map((m) => mailInsert(ctx.db, { kind: `reminder.${r.kind}`, to: m.to, ...m.mail }));
    try {
      await ctx.db.batch([ctx.db.insert(remindersSent).values({ id: newId("rms"), kind: r.kind, subject: r.subject, window: r.window, recipients: outbox.length, sentAt }), ...outbox.map((o) => o.query)]);
    } catch (err) {
      if (/UNIQUE constraint failed/i.test(String((err as { cause?: unknown }).cause ?? err))) {
        result.raced++;
        continue;
      }
      throw err;
    }
    enqueue(ctx, outbox);
    result[r.kind]++;
    result.mails += outbox.length;
  }
  return result;
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return m;
}

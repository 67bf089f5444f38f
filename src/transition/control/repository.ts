// The control room's SQL: one aggregate query per figure, sent together in one D1 batch (one round
// trip, one consistent read). Each query starts from the same `svc` view — every service still in
// the inventory with its current migration item, if any — narrowed by the filters, so the figures
// always agree with each other. Nothing here loops over rows to query again (no N+1).
import type { Progress, Rows, ControlFilters, ItemRow, HourRow } from "./figures";
import { brusselsDays, STUCK_DAYS } from "./figures";
import { RELEASED_STATES } from "../capacity/model";
import { NOT_UNDER_WAY } from "../capacity/throughput";

const RELEASED = RELEASED_STATES.map((s) => `'${s}'`).join(", ");
const UNDER_WAY_NOT = NOT_UNDER_WAY.map((s) => `'${s}'`).join(", ");

/** The newest item of each service that is not cancelled: where that service's move stands. */
export const SVC = `
with cur as (
  select i.* from migration_items i
  where i.state <> 'cancelled'
    and not exists (select 1 from migration_items j where j.inventory_id = i.inventory_id and j.state <> 'cancelled'
                    and (j.created_at > i.created_at or (j.created_at = i.created_at and j.id > i.id)))
),
svc as (
  select s.id, s.org_id, s.kind, s.created_at, cur.id as item_id, cur.migration_id, cur.state, cur.provider_id,
         cur.scheduled_for, cur.last_move_at
  from inventory_services s left join cur on cur.inventory_id = s.id
  where s.gone_at is null and (?1 is null or s.kind = ?1) and (?2 is null or cur.provider_id = ?2) and (?3 is null or cur.state = ?3)
)`;

const ITEM_COLUMNS = `svc.item_id, svc.migration_id, svc.org_id, o.name as org_name, svc.provider_id, p.name as provider_name, svc.kind, svc.state,
  svc.scheduled_for, coalesce((select max(e.recorded_at) from migration_events e where e.item_id = svc.item_id), svc.last_move_at) as last_event_at`;

/** Lists are capped: the page and the API show the first ones, the counts come with them. */
export const LIST_LIMIT = 200;

export interface RowsInput {
  filters: ControlFilters;
  /** ISO instant: items with no event since are stuck. */
  stuckBefore: string;
  /** `YYYY-MM-DD` (Brussels) of the deadline: a move scheduled on or after it is late. */
  deadlineDay: string;
}

export function stuckSince(now: Date): string {
  return new Date(now.getTime() - STUCK_DAYS * 86_400_000).toISOString();
}

export async function loadRows(d1: D1Database, input: RowsInput): Promise<Rows> {
  const f = input.filters;
  const base = [f.kind ?? null, f.host ?? null, f.state ?? null];
  const q = (sql: string, ...extra: unknown[]) => d1.prepare(SVC + sql).bind(...base, ...extra);
  const [kinds, days, withoutPlan, stuck, late, load, pace] = await d1.batch([
    q(`select kind, count(*) as total, sum(state = 'done') as moved from svc group by kind`),
    // Per UTC hour, not per UTC day: Brussels's offset is whole hours, so figures.ts can put each
    // hour in the Brussels day it belongs to (the day `today` and the deadline are counted in).
    q(`select hour, sum(added) as added, sum(done) as done from (
         select substr(created_at, 1, 13) as hour, 1 as added, 0 as done from svc
         union all select substr(last_move_at, 1, 13), 0, 1 from svc where state = 'done'
       ) group by hour order by hour`),
    // Without a plan: a member with services and no item at all (host and state filters cannot apply).
    q(`select o.id as org_id, o.name, count(*) as services from svc join organisations o on o.id = svc.org_id
       where ?2 is null and ?3 is null and not exists (select 1 from migration_items i where i.org_id = svc.org_id and i.state <> 'cancelled')
       group by o.id order by o.name limit ${LIST_LIMIT}`),
    q(`select * from (select ${ITEM_COLUMNS} from svc join organisations o on o.id = svc.org_id join providers p on p.id = svc.provider_id
       where svc.item_id is not null and svc.state <> 'done') where last_event_at < ?4 order by last_event_at limit ${LIST_LIMIT}`, input.stuckBefore),
    q(`select ${ITEM_COLUMNS} from svc join organisations o on o.id = svc.org_id join providers p on p.id = svc.provider_id
       where svc.state <> 'done' and svc.scheduled_for >= ?4 order by svc.scheduled_for, o.name limit ${LIST_LIMIT}`, input.deadlineDay),
    // Load per host against its declared capacity: units that hold a place there (declined and failed
    // items released theirs, as capacity/service.ts counts them), then the kinds a host declared and
    // has nothing assigned yet (its spare capacity); a state filter leaves those out.
    q(`select svc.provider_id, p.name as provider_name, svc.kind, sum(svc.state not in (${RELEASED})) as units, sum(svc.state = 'done') as done,
         json_extract(pc.units, '$.' || svc.kind) as capacity
       from svc join providers p on p.id = svc.provider_id left join provider_capacities pc on pc.provider_id = svc.provider_id
       group by svc.provider_id, svc.kind
       union all
       select pc.provider_id, p.name, j.key, 0, 0, j.value
       from provider_capacities pc join providers p on p.id = pc.provider_id join json_each(pc.units) j
       where (?1 is null or j.key = ?1) and (?2 is null or pc.provider_id = ?2) and ?3 is null
         and not exists (select 1 from svc where svc.provider_id = pc.provider_id and svc.kind = j.key)
       order by provider_name, kind`),
    // Member migrations under way at each host that states a weekly rate (distinct migrations with an
    // item there neither done nor released: capacity/throughput.ts), counted in the same filtered
    // `svc`; a host with none is listed with 0 unless a state filter is set. figures.ts turns the rate
    // into a limit to the deadline.
    q(`select * from (
         select pc.provider_id, p.name as provider_name, pc.migrations_per_week as per_week,
           (select count(distinct svc.migration_id) from svc where svc.provider_id = pc.provider_id and svc.state not in (${UNDER_WAY_NOT})) as started
         from provider_capacities pc join providers p on p.id = pc.provider_id
         where pc.migrations_per_week is not null and (?2 is null or pc.provider_id = ?2)
       ) where ?3 is null or started > 0
       order by provider_name`),
  ]);
  return {
    kinds: kinds!.results as unknown as Rows["kinds"],
    days: brusselsDays(days!.results as unknown as HourRow[]),
    withoutPlan: withoutPlan!.results as unknown as Rows["withoutPlan"],
    stuck: stuck!.results as unknown as ItemRow[],
    late: late!.results as unknown as ItemRow[],
    load: load!.results as unknown as Rows["load"],
    pace: pace!.results as unknown as Rows["pace"],
  };
}

/** The home page's public figures, without names: one query. */
export async function loadPublicSummary(d1: D1Database): Promise<{ moved: number; total: number }> {
  const row = await d1.prepare(SVC + ` select count(*) as total, coalesce(sum(state = 'done'), 0) as moved from svc`).bind(null, null, null).first<{ total: number; moved: number }>();
  return { total: row?.total ?? 0, moved: row?.moved ?? 0 };
}

/** Hosts and kinds for the filter form: one small query. */
export async function loadHosts(d1: D1Database): Promise<{ id: string; name: string }[]> {
  const r = await d1.prepare(`select distinct p.id, p.name from migration_items i join providers p on p.id = i.provider_id order by p.name`).all<{ id: string; name: string }>();
  return r.results;
}

export type { Progress };

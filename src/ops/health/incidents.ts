// The health job (every quarter hour) and the report the page and API show. When a figure crosses
// its threshold an incident opens and stewards get one mail; it stays open (no more mail) until the
// figure is back, then closes. The incident rows and the mails go in one D1 batch.
import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { createDb } from "../../db/client";
import { incidents, type IncidentRow } from "../../db/schema";
import { stewardRecipients } from "../../accounts/stewards";
import type { Bindings } from "../../env";
import { newId } from "../../lib/ids";
import { mailInsert } from "../../mail/outbox";
import { enqueue } from "../../outbox/write";
import { collectFigures, type HealthCheck, CHECKS } from "./checks";
import { crossed, reconcile, type Figure } from "./figures";
import { incidentMail } from "./mail";

export interface HealthRunResult {
  figures: number;
  crossed: number;
  opened: number;
  closed: number;
  mails: number;
}

export async function runHealth(env: Bindings, now: Date, waitUntil: (p: Promise<unknown>) => void, checks: HealthCheck[] = CHECKS): Promise<HealthRunResult> {
  const db = createDb(env.DB);
  const figures = await collectFigures({ env, now }, checks);
  const open = await db.select({ id: incidents.id, check: incidents.check, worst: incidents.worst }).from(incidents).where(isNull(incidents.closedAt));
  const plan = reconcile(figures, open);
  const at = now.toISOString();
  const stewards = plan.open.length ? await stewardRecipients(db) : [];
  const mails = stewards.map((s) => mailInsert(db, { kind: "health_incident", to: s.email, ...incidentMail(s.lang, plan.open) }));
  const writes = [
    ...plan.open.map((f) => db.insert(incidents).values({ id: newId("inc"), check: f.id, openedAt: at, value: f.value!, threshold: f.threshold, worst: f.value! })),
    ...plan.worsen.map((w) => db.update(incidents).set({ worst: w.worst }).where(eq(incidents.id, w.id))),
    ...(plan.close.length ? [db.update(incidents).set({ closedAt: at }).where(and(inArray(incidents.id, plan.close), isNull(incidents.closedAt)))] : []),
    ...mails.map((m) => m.query),
  ];
  if (writes.length) await db.batch(writes as [(typeof writes)[number], ...(typeof writes)[number][]]);
  enqueue({ env, defer: waitUntil }, mails);
  return { figures: figures.length, crossed: figures.filter(crossed).length, opened: plan.open.length, closed: plan.close.length, mails: mails.length };
}

export interface HealthReport {
  checkedAt: string;
  ok: boolean;
  figures: (Figure & { crossed: boolean })[];
  /** Open incidents, then the ten last closed. */
  incidents: IncidentRow[];
}

/** What /admin/health and GET /api/v1/health show: the figures measured now, and the incidents. */
export async function healthReport(env: Bindings, now: Date): Promise<HealthReport> {
  const db = createDb(env.DB);
  const [figures, open, recent] = await Promise.all([
    collectFigures({ env, now }),
    db.select().from(incidents).where(isNull(incidents.closedAt)).orderBy(incidents.openedAt),
    db.select().from(incidents).where(isNotNull(incidents.closedAt)).orderBy(desc(incidents.openedAt)).limit(10),
  ]);
  const marked = figures.map((f) => ({ ...f, crossed: crossed(f) }));
  return { checkedAt: now.toISOString(), ok: marked.every((f) => !f.crossed), figures: marked, incidents: [...open, ...recent] };
}

// Pledges: made (pending, with a confirmation mail in the same batch), confirmed by the mailed link
// (then they count), replaced by a later pledge of the same address; the viability settings; the
// opening, which invites every confirmed pledger once. Reads for the meter.
//
// One pledge per address: a new pledge makes the address's pending one stop (its link no longer
// works) and, once confirmed, replaces the confirmed one (status `replaced`, `replaced_at` kept so
// the chart's history stays true). Until the new one is confirmed the earlier confirmed pledge still
// counts: someone typing another person's address can never take their pledge out of the meter.
import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { hashToken, looksLikeToken, newInvitationToken } from "../../accounts/orgs/tokens";
import type { Db } from "../../db/client";
import { runBatch } from "../../db/batch";
import { billingDocuments, memberships, organisations, pledgeInvitations, pledgeSettings, pledges, shareholders, shareRequests, subscriptions, users, type PledgeRow } from "../../db/schema";
import { today } from "../../lib/days";
import type { ServiceContext } from "../../lib/context";
import { originOf } from "../../lib/context";
import { newId } from "../../lib/ids";
import type { Lang } from "../../lib/lang";
import { digest, hit, type Limit, type RateDecision } from "../../lib/rate-limit";
import { PageError } from "../../lib/problem";
import { mailInsert } from "../../mail/outbox";
import { enqueue } from "../../outbox/write";
import { pledgeConfirmMail, pledgeInviteMail } from "./mail";
import type { PledgeFacts, PledgeInput } from "./model";
import type { SettingsInput } from "./settings";
import { DEFAULT_SETTINGS, standingAt, viability, weeklyHistory, type HistoryPoint, type Viability, type ViabilitySettings } from "./viability";

export const CONFIRM_DAYS = 7;
const WINDOW = 60 * 60;

/** Per address: a few corrections an hour; per IP: an office of members pledging one after another. */
export function pledgeLimits(emailKey: string, ip: string, environment: string): Limit[] {
  return [
    { key: `pledge:email:${emailKey}`, max: 5, windowSeconds: WINDOW },
    { key: `pledge:ip:${ip}`, max: environment === "development" ? 500 : 30, windowSeconds: WINDOW },
  ];
}

/** Counts one pledge against the limits (the API and the page share them). */
export async function pledgeRate(ctx: ServiceContext, email: string): Promise<RateDecision> {
  return hit(ctx.db, pledgeLimits(await digest(email), ctx.ip ?? "unknown", ctx.settings.ENVIRONMENT), ctx.now().getTime());
}

const iso = (ctx: ServiceContext) => ctx.now().toISOString();

/** Stores a pending pledge and its confirmation mail in one batch; the address's earlier pending pledge stops. */
export async function createPledge(ctx: ServiceContext, input: PledgeInput): Promise<{ id: string; status: "pending" }> {
  const db = ctx.db;
  const lang: Lang = input.language ?? ctx.lang ?? "fr";
  const { token, hash } = await newInvitationToken();
  const id = newId("plg");
  const now = ctx.now();
  const url = new URL(`/coop/pledges/confirm/${token}`, originOf(ctx));
  url.searchParams.set("lang", lang);
  const mail = mailInsert(db, { kind: "pledge_confirm", to: input.email, ...pledgeConfirmMail(lang, { name: input.name, url: url.href, days: CONFIRM_DAYS }) });
  const roles = (["client", "supporter", "volunteer"] as const).filter((r) => input.roles.includes(r));
  await runBatch(
    db,
    [
      db.update(pledges).set({ status: "replaced", replacedAt: now.toISOString(), updatedAt: now.toISOString() }).where(and(eq(pledges.email, input.email), eq(pledges.status, "pending"))),
      db.insert(pledges).values({
        id,
        email: input.email,
        name: input.name,
        organisation: input.organisation ?? null,
        roles,
        services: input.services ?? [],
        monthlyCents: input.monthly_cents ?? 0,
        capitalCents: input.capital_cents ?? 0,
        skills: input.skills ?? null,
        language: lang,
        tokenHash: hash,
        tokenExpiresAt: new Date(now.getTime() + CONFIRM_DAYS * 86_400_000).toISOString(),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      }),
      mail.query,
    ],
    "This pledge was just made",
  );
  enqueue(ctx, [mail]);
  return { id, status: "pending" };
}

export type LinkState = "pending" | "confirmed" | "replaced" | "expired";

/** The pledge behind a mailed link, or a 404; its state says whether it can still be confirmed. */
export async function openPledgeLink(ctx: ServiceContext, token: string): Promise<{ pledge: PledgeRow; state: LinkState }> {
  const pledge = looksLikeToken(token) ? await ctx.db.query.pledges.findFirst({ where: eq(pledges.tokenHash, await hashToken(token)) }) : undefined;
  if (!pledge) throw new PageError("NOT_FOUND", "No such pledge link", "coop.error.link_unknown");
  const state: LinkState = pledge.status !== "pending" ? pledge.status : pledge.tokenExpiresAt <= iso(ctx) ? "expired" : "pending";
  return { pledge, state };
}

const REFUSED: Record<Exclude<LinkState, "pending">, "coop.error.link_used" | "coop.error.link_replaced" | "coop.error.link_expired"> = {
  confirmed: "coop.error.link_used",
  replaced: "coop.error.link_replaced",
  expired: "coop.error.link_expired",
};

/** Why a link that is not pending any more cannot confirm: a 409 with the state's own message. */
export function linkRefusal(state: Exclude<LinkState, "pending">): PageError {
  return new PageError("CONFLICT", `This pledge link is ${state === "confirmed" ? "used" : state}`, REFUSED[state]);
}

/** Confirms once: the address's confirmed pledge (if any) is replaced in the same batch. Opened already → the invitation too. */
export async function confirmPledge(ctx: ServiceContext, token: string): Promise<PledgeRow> {
  const { pledge, state } = await openPledgeLink(ctx, token);
  if (state !== "pending") throw linkRefusal(state);
  const db = ctx.db;
  const at = iso(ctx);
  const settings = await readSettings(db);
  const invite = settings.openedAt ? await inviteStatements(ctx, [pledge], at) : { statements: [], mails: [] };
  await runBatch(
    db,
    [
      db.update(pledges).set({ status: "replaced", replacedAt: at, updatedAt: at }).where(and(eq(pledges.email, pledge.email), eq(pledges.status, "confirmed"), ne(pledges.id, pledge.id))),
      // `status = 'pending'` again: two clicks racing confirm once.
      db.update(pledges).set({ status: "confirmed", confirmedAt: at, updatedAt: at }).where(and(eq(pledges.id, pledge.id), eq(pledges.status, "pending"))),
      ...invite.statements,
    ],
    "This pledge was just confirmed",
  );
  enqueue(ctx, invite.mails);
  return { ...pledge, status: "confirmed", confirmedAt: at };
}

// ── Settings ───────────────────────────────────────────────────────────────────────────────────
export async function readSettings(db: Db): Promise<ViabilitySettings> {
  const row = await db.query.pledgeSettings.findFirst({ where: eq(pledgeSettings.id, "coop") });
  if (!row) return DEFAULT_SETTINGS;
  return { fixedMonthlyCents: row.fixedMonthlyCents, costPerUnitCents: row.costPerUnitCents, targetCapitalCents: row.targetCapitalCents, opensOn: row.opensOn, openedAt: row.openedAt };
}

/** Saves the one settings row with its audit row (the history of the targets lives in the audit log). */
export async function saveSettings(ctx: ServiceContext, input: SettingsInput): Promise<ViabilitySettings> {
  const db = ctx.db;
  const at = iso(ctx);
  const who = ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null;
  const values = { fixedMonthlyCents: input.fixed_monthly_cents, costPerUnitCents: input.cost_per_unit_cents, targetCapitalCents: input.target_capital_cents, opensOn: input.opens_on, updatedBy: who, updatedAt: at };
  await db.batch([
    db.insert(pledgeSettings).values({ id: "coop", ...values }).onConflictDoUpdate({ target: pledgeSettings.id, set: values }),
    auditInsert(ctx, { action: "coop.viability.settings", subjectType: "pledge_settings", subjectId: "coop", detail: { ...input } }),
  ]);
  return readSettings(db);
}

// ── Opening ────────────────────────────────────────────────────────────────────────────────────
async function inviteStatements(ctx: ServiceContext, rows: Pick<PledgeRow, "id" | "email" | "name" | "language">[], at: string) {
  const db = ctx.db;
  const mails = await Promise.all(
    rows.map(async (p) => {
      // The way in, prefilled from this pledge by the link's secret (only its hash is stored).
      const { token, hash } = await newInvitationToken();
      const url = new URL("/coop/join", originOf(ctx));
      url.searchParams.set("pledge", token);
      url.searchParams.set("lang", p.language);
      return { pledgeId: p.id, hash, mail: mailInsert(db, { kind: "pledge_invite", to: p.email, ...pledgeInviteMail(p.language, { name: p.name, url: url.href }) }) };
    }),
  );
  // pledge_invitations' primary key: a second opening racing this one fails its whole batch (409), never mails twice.
  const statements = mails.flatMap(({ pledgeId, hash, mail }) => [db.insert(pledgeInvitations).values({ pledgeId, outboxId: mail.id, invitedAt: at, tokenHash: hash }), mail.query]);
  return { statements, mails: mails.map((m) => m.mail) };
}

const INVITES_PER_BATCH = 40;

/**
 * Marks the cooperative open (the first time) and invites every confirmed pledger not yet invited,
 * in their language. Run again, it invites only those not invited yet: nobody is mailed twice.
 */
export async function openCooperative(ctx: ServiceContext): Promise<{ openedAt: string; invited: number }> {
  const db = ctx.db;
  const at = iso(ctx);
  const who = ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null;
  const current = await readSettings(db);
  const openedAt = current.openedAt ?? at;
  const waiting = await db
    .select({ id: pledges.id, email: pledges.email, name: pledges.name, language: pledges.language })
    .from(pledges)
    .leftJoin(pledgeInvitations, eq(pledgeInvitations.pledgeId, pledges.id))
    .where(and(eq(pledges.status, "confirmed"), isNull(pledgeInvitations.pledgeId)))
    .orderBy(asc(pledges.confirmedAt), asc(pledges.id));
  const open = db
    .insert(pledgeSettings)
    .values({ id: "coop", costPerUnitCents: {}, openedAt, openedBy: who })
    .onConflictDoUpdate({ target: pledgeSettings.id, set: { openedAt: sql`coalesce(${pledgeSettings.openedAt}, excluded.opened_at)`, openedBy: sql`coalesce(${pledgeSettings.openedBy}, excluded.opened_by)`, updatedAt: at } });
  const audit = auditInsert(ctx, { action: "coop.open", subjectType: "pledge_settings", subjectId: "coop", detail: { opened_at: openedAt, invited: waiting.length } });
  let first = true;
  for (let i = 0; i === 0 || i < waiting.length; i += INVITES_PER_BATCH) {
    const invite = await inviteStatements(ctx, waiting.slice(i, i + INVITES_PER_BATCH), at);
    await runBatch(db, first ? [open, audit, ...invite.statements] : invite.statements, "The cooperative is being opened by someone else right now");
    enqueue(ctx, invite.mails);
    first = false;
  }
  return { openedAt, invited: waiting.length };
}

// ── Reads ──────────────────────────────────────────────────────────────────────────────────────
/**
 * Pledgers who became members or clients: confirmed pledges whose address is a person's account
 * that either holds shares in its own name (a request the board approved), or belongs to a member
 * organisation that the cooperative has invoiced (an issued invoice), whose share request was
 * approved, or that has a subscription running on `day` (Brussels). Matched by address: the
 * invitation goes to the pledge's address, and that is the account its link asks to sign in with.
 */
export async function convertedPledgers(db: Db, day: string): Promise<number> {
  const approvedFor = (holder: SQL) => sql`exists (select 1 from ${shareRequests} join ${shareholders} on ${shareholders.id} = ${shareRequests.holderId} where ${shareRequests.status} = 'approved' and ${holder})`;
  const orgConverted = sql`(
    exists (select 1 from ${billingDocuments} where ${billingDocuments.orgId} = ${organisations.id} and ${billingDocuments.type} = 'invoice' and ${billingDocuments.status} <> 'draft')
    or ${approvedFor(sql`${shareholders.orgId} = ${organisations.id}`)}
    or exists (select 1 from ${subscriptions} where ${subscriptions.orgId} = ${organisations.id} and ${subscriptions.startedOn} <= ${day} and (${subscriptions.endsOn} is null or ${subscriptions.endsOn} > ${day}))
  )`;
  const row = await db
    .select({ n: sql<number>`count(distinct ${pledges.id})` })
    .from(pledges)
    .innerJoin(users, eq(users.email, pledges.email))
    .where(
      and(
        eq(pledges.status, "confirmed"),
        or(
          approvedFor(sql`${shareholders.userId} = ${users.id}`),
          sql`exists (select 1 from ${memberships} join ${organisations} on ${organisations.id} = ${memberships.orgId} and ${organisations.kind} = 'member' where ${memberships.userId} = ${users.id} and ${orgConverted})`,
        ),
      ),
    )
    .get();
  return row?.n ?? 0;
}

/** Every pledge that counted at some point: confirmed ones and those a later pledge replaced. */
export async function countedPledges(db: Db): Promise<PledgeFacts[]> {
  const rows = await db
    .select({ organisation: pledges.organisation, email: pledges.email, monthlyCents: pledges.monthlyCents, capitalCents: pledges.capitalCents, services: pledges.services, confirmedAt: pledges.confirmedAt, replacedAt: pledges.replacedAt })
    .from(pledges)
    .where(and(inArray(pledges.status, ["confirmed", "replaced"]), isNotNull(pledges.confirmedAt)));
  return rows.map((r) => ({ ...r, confirmedAt: r.confirmedAt! }));
}

export interface Meter extends Viability {
  settings: ViabilitySettings;
  history: HistoryPoint[];
  /** Once open: pledgers who became members or clients. */
  converted: number | null;
}

export async function viabilityMeter(ctx: Pick<ServiceContext, "db" | "now">): Promise<Meter> {
  const [settings, counted] = await Promise.all([readSettings(ctx.db), countedPledges(ctx.db)]);
  const now = ctx.now();
  const standing = standingAt(counted, now.toISOString());
  return {
    ...viability(standing, settings),
    settings,
    history: weeklyHistory(counted, now),
    converted: settings.openedAt ? await convertedPledgers(ctx.db, today(now)) : null,
  };
}

/** A person's own pledges (the member export), newest first; never the token's hash. */
export async function pledgesOf(db: Db, email: string) {
  return db
    .select({
      id: pledges.id,
      email: pledges.email,
      name: pledges.name,
      organisation: pledges.organisation,
      roles: pledges.roles,
      services: pledges.services,
      monthlyCents: pledges.monthlyCents,
      capitalCents: pledges.capitalCents,
      skills: pledges.skills,
      language: pledges.language,
      status: pledges.status,
      confirmedAt: pledges.confirmedAt,
      replacedAt: pledges.replacedAt,
      createdAt: pledges.createdAt,
    })
    .from(pledges)
    .where(eq(pledges.email, email))
    .orderBy(asc(pledges.createdAt));
}

/**
 * The pledge behind an invitation's /coop/join link, while it still stands (confirmed: a later
 * pledge of the same address replaces it and gets its own invitation); null otherwise.
 */
export async function invitedPledge(db: Db, token: string): Promise<PledgeRow | null> {
  if (!looksLikeToken(token)) return null;
  const [row] = await db
    .select({ pledge: pledges })
    .from(pledgeInvitations)
    .innerJoin(pledges, eq(pledges.id, pledgeInvitations.pledgeId))
    .where(and(eq(pledgeInvitations.tokenHash, await hashToken(token)), eq(pledges.status, "confirmed")))
    .limit(1);
  return row?.pledge ?? null;
}

/** A signed-in person's own standing pledge (by their address): the way in prefills from it without a link. */
export async function confirmedPledgeOf(db: Db, email: string): Promise<PledgeRow | null> {
  return (await db.query.pledges.findFirst({ where: and(eq(pledges.email, email), eq(pledges.status, "confirmed")) })) ?? null;
}

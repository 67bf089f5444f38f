// A transfer of shares between holders, as the register records it: the board approved it on a
// date; shares of one class leave holder A and enter holder B (an existing holder, or a member
// organisation or a person entering the register now), with the paid-in part of those shares.
// Two append-only entries (out of A, into B, each naming the other) in ONE batch with the new
// holder's row when there is one and the audit row, so the capital and the class's total never
// move and nothing is written half. The rules are the pure `transferPlan` (./limits.ts); a trigger
// (migration *_share_register_balance.sql) refuses a balance under zero if two transfers race.
import { eq } from "drizzle-orm";
import { auditInsert } from "../../accounts/audit";
import { findOrg } from "../../accounts/orgs/repository";
import { runBatch } from "../../db/batch";
import { shareholders, shareRegister, users, type ShareholderRow } from "../../db/schema";
import type { ServiceContext } from "../../lib/context";
import { isCalendarDay, today } from "../../lib/days";
import { newId } from "../../lib/ids";
import { AppError, type FieldError } from "../../lib/problem";
import { transferPlan } from "./limits";
import { positions } from "./register";
import { findClass, findHolder, heldAndPending, holderOf, listClasses, registerEntries, usesServices, type EntryView } from "./repository";
import { orgHolderValues, personErrors, personHolderValues, type HolderValues, type PersonInput } from "./service";

const fail = (errors: FieldError[]): never => {
  throw new AppError("VALIDATION_FAILED", `Invalid value for ${[...new Set(errors.map((e) => e.field))].join(", ")}`, errors);
};

/** Who receives: a holder already in the register, a member organisation, or a person with an account (by address). */
export type TransferTo = { holderId: string } | { orgId: string } | { person: PersonInput & { email: string } };

export interface TransferInput {
  to: TransferTo;
  classId: string;
  shares: number;
  /** The board's approval, YYYY-MM-DD: the date the register records. */
  approvedOn: string;
  note?: string | null;
}

/** The receiving holder: its row when it is in the register, else the values of its new row. */
async function receiver(ctx: ServiceContext, to: TransferTo): Promise<{ existing: ShareholderRow } | { values: HolderValues }> {
  if ("holderId" in to) {
    const h = await findHolder(ctx.db, to.holderId);
    if (!h) fail([{ field: "to_holder_id", message: `no shareholder ${to.holderId}` }]);
    return { existing: h! };
  }
  if ("orgId" in to) {
    const org = await findOrg(ctx.db, to.orgId);
    if (!org || org.kind !== "member") fail([{ field: "to_organisation_id", message: "a member organisation's id" }]);
    const existing = await holderOf(ctx.db, { orgId: org!.id });
    if (existing) return { existing };
    const v = orgHolderValues(org!);
    if (!v.ok) fail([{ field: "to_organisation_id", message: `the organisation's profile lacks ${v.missing.join(", ")}: the register needs its registered office` }]);
    return { values: (v as { values: HolderValues }).values };
  }
  const email = to.person.email.trim().toLowerCase();
  const [user] = email ? await ctx.db.select().from(users).where(eq(users.email, email)).limit(1) : [];
  if (!user) fail([{ field: "to_person.email", message: "no account with this address: the person signs in to Chatière once first" }]);
  const existing = await holderOf(ctx.db, { userId: user!.id });
  if (existing) return { existing };
  const errors = personErrors(to.person, "to_person");
  if (errors.length) fail(errors);
  return { values: personHolderValues(user, user!.id, to.person, "fr") };
}

export interface TransferResult {
  out: EntryView;
  in: EntryView;
  to: ShareholderRow;
}

export async function transferShares(ctx: ServiceContext, fromId: string, input: TransferInput): Promise<TransferResult> {
  const from = await findHolder(ctx.db, fromId);
  if (!from) throw new AppError("NOT_FOUND", `No shareholder ${fromId}`);
  const day = today(ctx.now());
  if (!isCalendarDay(input.approvedOn)) fail([{ field: "approved_on", message: "a date, YYYY-MM-DD" }]);
  if (input.approvedOn > day) fail([{ field: "approved_on", message: "the board's approval is today or earlier" }]);
  const cls = await findClass(ctx.db, { id: input.classId });
  if (!cls) fail([{ field: "class_id", message: `no share class ${input.classId}` }]);
  const to = await receiver(ctx, input.to);
  const toId = "existing" in to ? to.existing.id : newId("shh");
  if (toId === from.id) fail([{ field: "holderId" in input.to ? "to_holder_id" : "orgId" in input.to ? "to_organisation_id" : "to_person.email", message: "the receiving holder is the giving holder" }]);

  const classes = await listClasses(ctx.db);
  const giver = positions(await registerEntries(ctx.db, [from.id]), classes).find((p) => p.classId === cls!.id) ?? { shares: 0, paidInCents: 0 };
  const { held: receiverHeld, pending: receiverPending } = "existing" in to ? await heldAndPending(ctx.db, toId, cls!.id) : { held: 0, pending: 0 };
  const plan = transferPlan(cls!, {
    shares: input.shares,
    giverHeld: giver.shares,
    giverPaidInCents: giver.paidInCents,
    giverMustKeepOne: cls!.requiredForUsers && !!from.orgId && (await usesServices(ctx.db, from.orgId, day)),
    receiverHeld,
    receiverPending,
  });
  if (!plan.ok) fail(plan.errors);
  const paidIn = (plan as { paidInCents: number }).paidInCents;

  const now = ctx.now();
  const who = ctx.actor.kind === "user" || ctx.actor.kind === "key" ? ctx.actor.userId : null;
  const outId = newId("sre");
  const inId = newId("sre");
  const note = input.note?.trim() || null;
  const entry = { classId: cls!.id, kind: "transfer" as const, on: input.approvedOn, note, createdBy: who };
  try {
    await runBatch(
      ctx.db,
      [
        ...("values" in to ? [ctx.db.insert(shareholders).values({ id: toId, ...to.values })] : []),
        // The entry out is written a millisecond before the entry in: the register reads them in that order.
        ctx.db.insert(shareRegister).values({ ...entry, id: outId, holderId: from.id, shares: -input.shares, amountCents: -paidIn, counterpartId: toId, createdAt: now.toISOString() }),
        ctx.db.insert(shareRegister).values({ ...entry, id: inId, holderId: toId, shares: input.shares, amountCents: paidIn, counterpartId: from.id, createdAt: new Date(now.getTime() + 1).toISOString() }),
        auditInsert(ctx, { action: "share.transfer", subjectType: "shareholder", subjectId: from.id, orgId: from.orgId, detail: { to: toId, class: cls!.code, shares: input.shares, paid_in_cents: paidIn, approved_on: input.approvedOn } }),
      ],
      "The receiving holder is being registered at the same time; send it again",
    );
  } catch (err) {
    if (/never holds fewer than no shares/.test(String((err as { cause?: unknown }).cause ?? "") + String(err))) throw new AppError("CONFLICT", "The giving holder's shares changed meanwhile; look at the register again", [{ field: "shares", message: "more than the giving holder holds now" }]);
    throw err;
  }
  const entries = await registerEntries(ctx.db, [from.id, toId]);
  return { out: entries.find((e) => e.id === outId)!, in: entries.find((e) => e.id === inId)!, to: (await findHolder(ctx.db, toId))! };
}

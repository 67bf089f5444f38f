// The viability settings as the API and the page send them: one zod schema, the field names of the
// API (`cost_per_unit_cents.mailbox`) in its errors. Pure.
import { z } from "zod";
import { isCalendarDay } from "../../lib/days";
import { PLEDGE_SERVICES, type PledgeService } from "./model";

export const MAX_FIXED_MONTHLY_CENTS = 100_000_000; // €1M a month: beyond any plausible budget
export const MAX_UNIT_COST_CENTS = 1_000_000;
export const MAX_TARGET_CAPITAL_CENTS = 1_000_000_000;

const cents = (max: number) => z.number().int().min(0).max(max);

export const settingsInputSchema = z.object({
  fixed_monthly_cents: cents(MAX_FIXED_MONTHLY_CENTS),
  cost_per_unit_cents: z.partialRecord(z.enum(PLEDGE_SERVICES as [PledgeService, ...PledgeService[]]), cents(MAX_UNIT_COST_CENTS)),
  target_capital_cents: cents(MAX_TARGET_CAPITAL_CENTS),
  opens_on: z
    .string()
    .refine(isCalendarDay, "a calendar day, YYYY-MM-DD")
    .nullish()
    .transform((v) => v ?? null),
});
export type SettingsInput = z.output<typeof settingsInputSchema>;

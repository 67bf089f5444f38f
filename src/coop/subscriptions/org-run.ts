// One customer's share of a billing run: the lines of each of its subscriptions, a credit carried
// from an earlier run, the non-shareholder surcharge, and the invoice lines they make. A run whose
// credits outweigh its charges issues nothing and carries its balance to the next run (an invoice
// is never negative; a credit note needs an invoice to correct). Pure.
import type { Lang } from "../../lib/lang";
import type { LineRequest } from "../invoices/draft";
import { nonShareholderSurcharge, runSubscription, type BilledTerms, type RunLine, type SubscriptionTerms } from "./billing-run";
import { carriedDescription, lineDescription, surchargeDescription } from "./wording";

export interface OrgRunInput {
  runDay: string;
  lang: Lang;
  subscriptions: readonly { terms: SubscriptionTerms; planName: string }[];
  /** Earlier runs whose credit is still owed to the customer (negative nets). */
  carried: readonly { runDay: string; netCents: number }[];
  surchargePercent: number;
  shareholder: boolean;
}

export type RunOutcome = "invoiced" | "carried" | "nothing";

export interface OrgRun {
  /** Each subscription's state after the run, to store. */
  states: { id: string; billed: BilledTerms | null }[];
  lines: RunLine[];
  invoiceLines: LineRequest[];
  netCents: number;
  outcome: RunOutcome;
}

const UNIT = { month: "MON", year: "ANN" } as const;

export function composeOrgRun(input: OrgRunInput): OrgRun {
  const states: OrgRun["states"] = [];
  const lines: RunLine[] = [];
  const invoiceLines: LineRequest[] = [];
  for (const { terms, planName } of input.subscriptions) {
    const run = runSubscription(terms, input.runDay);
    if (!run) continue;
    states.push({ id: terms.id, billed: run.billed });
    for (const line of run.lines) {
      lines.push(line);
      const description = lineDescription(line, planName, input.lang);
      if (line.kind === "period") invoiceLines.push({ description, quantity: line.quantity, unitCode: UNIT[terms.interval], unitPriceCents: line.unitPriceCents });
      // A prorated amount is one line of its own: quantity ±1 at the amount, never a negative price (BR-27).
      else invoiceLines.push({ description, quantity: line.amountCents < 0 ? -1 : 1, unitCode: "C62", unitPriceCents: Math.abs(line.amountCents) });
    }
  }
  const surcharge = input.shareholder ? null : nonShareholderSurcharge(lines, input.surchargePercent);
  if (surcharge) invoiceLines.push({ description: surchargeDescription(input.surchargePercent, input.lang), quantity: 1, unitCode: "C62", unitPriceCents: surcharge.amountCents });
  let netCents = lines.reduce((s, l) => s + l.amountCents, 0) + (surcharge?.amountCents ?? 0);
  for (const c of input.carried) {
    invoiceLines.push({ description: carriedDescription(c.runDay, input.lang), quantity: -1, unitCode: "C62", unitPriceCents: -c.netCents });
    netCents += c.netCents;
  }
  const outcome: RunOutcome = invoiceLines.length === 0 || netCents === 0 ? "nothing" : netCents > 0 ? "invoiced" : "carried";
  return { states, lines, invoiceLines, netCents, outcome };
}

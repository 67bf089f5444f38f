// Automatic debit of later invoices (issue 13, item 4), in English; a missing key is a type error.
import type { frAutoDebit } from "./autodebit.fr";

export const enAutoDebit = {
  "autodebit.title": "Automatic debit",
  "autodebit.none": "No mandate is saved. Pay an invoice online by SEPA Direct Debit (or by card): the mandate is kept, and you can then choose here to have later invoices debited automatically.",
  "autodebit.method.sepa_debit": "SEPA Direct Debit mandate, account ending in {last4}",
  "autodebit.method.card": "Card ending in {last4}",
  "autodebit.mandate": "Mandate reference: {mandate}",
  "autodebit.on": "Automatic debit has been on since {date}: each new invoice is debited for what is still due, by the morning after it is issued at the latest.",
  "autodebit.off": "Automatic debit is off: you pay each invoice yourself.",
  "autodebit.off_failed": "Automatic debit was stopped because a debit failed. You can turn it back on below.",
  "autodebit.consent": "I authorise the cooperative to debit, with this mandate, the amount due on invoices issued from today. Each invoice is sent to me before it is debited.",
  "autodebit.enable": "Turn on automatic debit",
  "autodebit.stop": "Stop automatic debit",
  "autodebit.notice.on": "Automatic debit is on for the next invoices.",
  "autodebit.notice.off": "Automatic debit is stopped: no invoice will be debited without you any more.",
  "autodebit.error.consent": "Tick the debit authorisation to turn on automatic debit.",
  "autodebit.error.no_method": "No mandate is saved: first pay an invoice online by SEPA Direct Debit or by card.",
  "autodebit.ledger.awaiting": "Debit in progress: {amount}",
  "autodebit.mail.failed.subject": "The debit of invoice {number} failed",
  "autodebit.mail.failed.body": "The automatic debit of {amount} for invoice {number} failed. Automatic debit is stopped; the invoice is still to be paid, by transfer with its structured communication or online on your billing page.",
  "autodebit.mail.greeting": "Hello,",
} satisfies Record<keyof typeof frAutoDebit, string>;

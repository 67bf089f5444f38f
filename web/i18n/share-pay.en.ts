// Paying a person's capital call online and its reminders, in English; a missing key is a type error.
import type { frSharePay } from "./share-pay.fr";

export const enSharePay = {
  "sharepay.button": "Pay by card / Bancontact / SEPA",
  "sharepay.label": "Pay by card / Bancontact / SEPA: share payment call {number} ({amount})",
  "sharepay.hint": "Online payment goes through Stripe; you can also pay by bank transfer with the call's structured communication (PDF).",
  "sharepay.notice.paying": "Thank you: the payment is on its way. Your shares enter the register as soon as Stripe confirms it.",
  "sharepay.notice.pay_cancelled": "Payment cancelled: nothing was charged. You can try again or pay by bank transfer.",
  "sharepay.error.not_found": "No such share request.",
  "sharepay.error.nothing_due": "Nothing is left to pay online on this share payment call (already paid, not issued yet, or cancelled).",
  "sharepay.error.organisation": "An organisation's calls are paid from the organisation's billing page.",
  "sharepay.error.unavailable": "Online payment is not available here: pay by bank transfer with the share payment call's structured communication.",
  "sharepay.error.stripe": "Stripe is not answering right now: try again later, or pay by bank transfer with the structured communication.",
  "sharepay.mail.reminder.subject": "Reminder: share payment call {number} awaiting payment",
  "sharepay.mail.reminder.body": "Unless we are mistaken, share payment call {number} of {date}, due on {due_date}, has not been paid yet. {due} remains to be paid. Your shares enter the register only once the call is paid in full.",
  "sharepay.mail.second_reminder.subject": "Second reminder: share payment call {number} unpaid",
  "sharepay.mail.second_reminder.body": "Despite our first reminder, share payment call {number} of {date}, due on {due_date}, is still unpaid: {due}. Please pay it without delay, or tell us if you no longer wish to subscribe these shares.",
  "sharepay.mail.online": "Or online (card, Bancontact, SEPA Direct Debit): {url}",
  "sharepay.mail.attached": "The share payment call is attached to this message as a PDF.",
} as const satisfies Record<keyof typeof frSharePay, string>;

// Paying a person's capital call online and its reminders, in Dutch ("u"); a missing key is a type error.
import type { frSharePay } from "./share-pay.fr";

export const nlSharePay = {
  "sharepay.button": "Betalen met kaart / Bancontact / SEPA",
  "sharepay.label": "Betalen met kaart / Bancontact / SEPA: volstortingsoproep {number} ({amount})",
  "sharepay.hint": "Online betalen gaat via Stripe; u kunt ook betalen met een overschrijving met de gestructureerde mededeling van de oproep (pdf).",
  "sharepay.notice.paying": "Dank u: de betaling is onderweg. Uw aandelen worden in het register ingeschreven zodra Stripe het bevestigt.",
  "sharepay.notice.pay_cancelled": "Betaling geannuleerd: er is niets afgeschreven. U kunt het opnieuw proberen of met een overschrijving betalen.",
  "sharepay.error.not_found": "Deze aandelenaanvraag bestaat niet.",
  "sharepay.error.nothing_due": "Op deze volstortingsoproep valt online niets te betalen (al betaald, nog niet uitgegeven of geannuleerd).",
  "sharepay.error.organisation": "De oproepen van een organisatie worden betaald vanaf de facturatiepagina van de organisatie.",
  "sharepay.error.unavailable": "Online betalen is hier niet beschikbaar: betaal met een overschrijving met de gestructureerde mededeling van de volstortingsoproep.",
  "sharepay.error.stripe": "Stripe antwoordt op dit moment niet: probeer het later opnieuw, of betaal met een overschrijving met de gestructureerde mededeling.",
  "sharepay.mail.reminder.subject": "Herinnering: volstortingsoproep {number} wacht op betaling",
  "sharepay.mail.reminder.body": "Behoudens vergissing is de volstortingsoproep {number} van {date}, vervallen op {due_date}, nog niet betaald. Er blijft {due} te betalen. Uw aandelen worden pas in het register ingeschreven als de oproep volledig betaald is.",
  "sharepay.mail.second_reminder.subject": "Tweede herinnering: volstortingsoproep {number} onbetaald",
  "sharepay.mail.second_reminder.body": "Ondanks onze eerste herinnering blijft de volstortingsoproep {number} van {date}, vervallen op {due_date}, onbetaald: {due}. Betaal ze zonder uitstel, of laat het ons weten als u deze aandelen niet meer wenst.",
  "sharepay.mail.online": "Of online (kaart, Bancontact, SEPA-domiciliëring): {url}",
  "sharepay.mail.attached": "De volstortingsoproep zit als pdf bij dit bericht.",
} as const satisfies Record<keyof typeof frSharePay, string>;

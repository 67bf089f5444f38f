// Paying a person's capital call online (/account/shares → Stripe Checkout) and its reminders, in
// French (the default): defines the keys share-pay.nl.ts and share-pay.en.ts must have.
export const frSharePay = {
  "sharepay.button": "Payer par carte / Bancontact / SEPA",
  "sharepay.label": "Payer par carte / Bancontact / SEPA : appel de libération {number} ({amount})",
  "sharepay.hint": "Le paiement en ligne passe par Stripe ; vous pouvez aussi payer par virement avec la communication structurée de l'appel (PDF).",
  "sharepay.notice.paying": "Merci : le paiement est en cours. Vos parts entrent au registre dès que Stripe le confirme.",
  "sharepay.notice.pay_cancelled": "Paiement annulé : rien n'a été débité. Vous pouvez réessayer ou payer par virement.",
  "sharepay.error.not_found": "Cette demande de parts n'existe pas.",
  "sharepay.error.nothing_due": "Cet appel de libération n'a rien à payer en ligne (déjà payé, pas encore émis ou annulé).",
  "sharepay.error.organisation": "Les appels d'une organisation se paient depuis la page de facturation de l'organisation.",
  "sharepay.error.unavailable": "Le paiement en ligne n'est pas disponible ici : payez par virement avec la communication structurée de l'appel de libération.",
  "sharepay.error.stripe": "Stripe ne répond pas pour l'instant : réessayez plus tard, ou payez par virement avec la communication structurée.",
  "sharepay.mail.reminder.subject": "Rappel : appel de libération {number} en attente de paiement",
  "sharepay.mail.reminder.body": "Sauf erreur de notre part, l'appel de libération {number} du {date}, échu le {due_date}, n'est pas encore payé. Il reste {due} à payer. Vos parts n'entrent au registre qu'une fois l'appel payé en entier.",
  "sharepay.mail.second_reminder.subject": "Second rappel : appel de libération {number} impayé",
  "sharepay.mail.second_reminder.body": "Malgré notre premier rappel, l'appel de libération {number} du {date}, échu le {due_date}, reste impayé : {due}. Payez-le sans tarder, ou écrivez-nous si vous ne souhaitez plus souscrire ces parts.",
  "sharepay.mail.online": "Ou en ligne (carte, Bancontact, domiciliation SEPA) : {url}",
  "sharepay.mail.attached": "L'appel de libération est joint à ce message en PDF.",
} as const;

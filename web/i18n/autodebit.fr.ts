// Automatic debit of later invoices from a saved SEPA mandate or card (issue 13, item 4).
// In French (the default): defines the keys autodebit.nl.ts and autodebit.en.ts must have.
export const frAutoDebit = {
  "autodebit.title": "Prélèvement automatique",
  "autodebit.none": "Aucun mandat n'est enregistré. Payez une facture en ligne par domiciliation SEPA (ou par carte) : le mandat est gardé, et vous pourrez ensuite choisir ici le prélèvement automatique des factures suivantes.",
  "autodebit.method.sepa_debit": "Mandat de domiciliation SEPA, compte se terminant par {last4}",
  "autodebit.method.card": "Carte se terminant par {last4}",
  "autodebit.mandate": "Référence du mandat : {mandate}",
  "autodebit.on": "Le prélèvement automatique est activé depuis le {date} : chaque nouvelle facture est prélevée pour ce qui reste dû, au plus tard le matin qui suit son émission.",
  "autodebit.off": "Le prélèvement automatique est désactivé : vous payez chaque facture vous-même.",
  "autodebit.off_failed": "Le prélèvement automatique a été arrêté parce qu'un prélèvement n'a pas abouti. Vous pouvez le réactiver ci-dessous.",
  "autodebit.consent": "J'autorise la coopérative à prélever, avec ce mandat, le montant dû des factures émises à partir d'aujourd'hui. Chaque facture m'est envoyée avant le prélèvement.",
  "autodebit.enable": "Activer le prélèvement automatique",
  "autodebit.stop": "Arrêter le prélèvement automatique",
  "autodebit.notice.on": "Le prélèvement automatique est activé pour les prochaines factures.",
  "autodebit.notice.off": "Le prélèvement automatique est arrêté : aucune facture ne sera plus prélevée sans vous.",
  "autodebit.error.consent": "Cochez l'autorisation de prélèvement pour activer le prélèvement automatique.",
  "autodebit.error.no_method": "Aucun mandat n'est enregistré : payez d'abord une facture en ligne par domiciliation SEPA ou par carte.",
  "autodebit.ledger.awaiting": "Prélèvement en cours : {amount}",
  "autodebit.mail.failed.subject": "Le prélèvement de la facture {number} n'a pas abouti",
  "autodebit.mail.failed.body": "Le prélèvement automatique de {amount} pour la facture {number} n'a pas abouti. Le prélèvement automatique est arrêté ; la facture reste à payer, par virement avec sa communication structurée ou en ligne sur votre page de facturation.",
  "autodebit.mail.greeting": "Bonjour,",
} as const;

// Migrations (issue 11): the API key scope and the mails of migration requests and moves, in French
// (the default): defines the keys migrations.nl.ts and migrations.en.ts must have.
export const frMigrations = {
  "keys.scope_migrations_write": "Faire avancer les migrations (migrations:write)",
  "migrations.mail.greeting": "Bonjour,",
  "migrations.mail.requested.subject": "Demande de migration de {org}",
  "migrations.mail.requested.body": "{org} vous demande de reprendre les services suivants, qu'elle quitte chez Cassiopea :",
  "migrations.mail.requested.act": "Acceptez ou refusez chaque service (avec une raison), puis planifiez la migration.",
  "migrations.mail.open": "Voir la migration :",
  "migrations.mail.moved.subject": "{service} : {state}",
  "migrations.mail.moved.body": "Le service {service} de {org} (chez {provider}) est passé à l'étape « {state} », par {who}.",
  "migrations.mail.note": "Message : {note}",
  "migrations.mail.scheduled_for": "Date prévue : {date}",
  "migrations.mail.after_deadline": "Attention : cette date est après l'échéance de la transition.",
  "migrations.mail.act.declined": "Choisissez une autre offre pour ce service.",
  "migrations.mail.act.scheduled": "Préparez-vous pour cette date ; la liste de contrôle dit ce qui reste à faire de votre côté.",
  "migrations.mail.act.cutover": "Vérifiez que le service fonctionne chez le nouvel hébergeur, puis confirmez-le.",
  "migrations.mail.act.failed": "La migration a échoué : voyez le message et choisissez la suite (réessayer ailleurs ou annuler).",
  "migrations.mail.act.blocked": "La migration est bloquée : voyez le message et aidez à lever le blocage.",
  "migrations.mail.act.cancelled": "Le membre a annulé la migration de ce service : il n'y a plus rien à faire.",
} as const;
